"""Diagnostics show the settings without secrets: URLs keep scheme and host only (a query or
user part can carry a token), and a setting named for a secret says only whether it is set."""

from __future__ import annotations

from types import SimpleNamespace

from desktop_app.config import AppConfig
from desktop_app.services.diagnostics import safe_settings


def test_urls_lose_their_user_path_and_query():
    config = AppConfig(
        webhook_url="https://hook-user:hunter2@hooks.example.com:8443/in?token=abc123",
        endpoint_url="http://127.0.0.1:5000/",
    )
    shown = safe_settings(config)
    assert shown["webhook_url"] == "https://hooks.example.com:8443"
    assert shown["endpoint_url"] == "http://127.0.0.1:5000"
    assert "hunter2" not in repr(shown) and "abc123" not in repr(shown)
    assert shown["refresh_token_days"] == 30


def test_secret_named_settings_only_say_whether_they_are_set():
    shown = safe_settings(SimpleNamespace(client_secret="s3cr3t", api_token="", region="us-east-1"))
    assert shown == {"api_token": "(not set)", "client_secret": "(set)", "region": "us-east-1"}
