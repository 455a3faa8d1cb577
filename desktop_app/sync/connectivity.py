"""Is the remote reachable? A cheap TCP connect to the endpoint, used while the queue is paused
to notice that the network is back (injectable: tests and the Qt layer may pass their own)."""

from __future__ import annotations

import socket
from urllib.parse import urlparse


def endpoint_for(region: str, endpoint_url: str | None) -> tuple[str, int]:
    if endpoint_url:
        parts = urlparse(endpoint_url)
        return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)
    return f"dynamodb.{region}.amazonaws.com", 443


def tcp_probe(host: str, port: int, timeout: float = 2.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False
