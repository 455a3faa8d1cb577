"""Standard Webhooks signing (the ``standardwebhooks`` library) and the endpoint rules: HTTPS,
or plain HTTP to a loopback address only."""

from __future__ import annotations

import base64
import ipaddress
import os
from datetime import datetime
from urllib.parse import urlparse

from standardwebhooks import Webhook

SECRET_PREFIX = "whsec_"


class EndpointRefused(ValueError):
    """A URL or secret LeaseDesk will not send to / sign with; the message says why."""


def new_secret() -> str:
    """A fresh signing secret in the specification's ``whsec_<base64>`` form."""
    return SECRET_PREFIX + base64.b64encode(os.urandom(32)).decode("ascii")


def check_secret(secret: str) -> str:
    """The secret as given, if the library can sign with it (``whsec_`` + base64, 24+ bytes)."""
    body = secret.strip().removeprefix(SECRET_PREFIX)
    try:
        raw = base64.b64decode(body, validate=True)
    except ValueError as exc:
        raise EndpointRefused("the secret must be whsec_ followed by base64") from exc
    if len(raw) < 24:
        raise EndpointRefused("the secret is too short (at least 24 bytes)")
    return secret.strip()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """``url`` if webhooks may be sent there: https, or http to a loopback address."""
    parts = urlparse(url.strip())
    if not parts.hostname:
        raise EndpointRefused("not a URL (https://…)")
    if parts.scheme == "https":
        return url.strip()
    if parts.scheme == "http" and is_loopback(parts.hostname):
        return url.strip()
    raise EndpointRefused("webhooks need https:// (http:// only to this computer's loopback)")


def signed_headers(secret: str, msg_id: str, when: datetime, body: str) -> dict[str, str]:
    """The three Standard Webhooks headers, plus the content type."""
    signature = Webhook(secret).sign(msg_id, when, body)
    return {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": signature,
    }
