"""The profile's webhook settings: URL and payload mode in the local store, the signing secret
only in the keyring (under the account's identity id). The URL set here wins over
``WEBHOOK_URL`` of the configuration."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select

from desktop_app.auth.secrets import WEBHOOK_SECRET, SecretStore
from desktop_app.services.webhooks.payload import PayloadMode
from desktop_app.services.webhooks.service import WebhookSettings
from desktop_app.services.webhooks.signing import check_secret, check_url
from desktop_app.storage.orm_webhooks import WebhookSettingRow

SETTINGS = WebhookSettingRow.__table__
URL, MODE = "url", "payload_mode"


def load(store: Any, default_url: str | None = None) -> WebhookSettings:
    with store.engine.connect() as conn:
        rows = dict(conn.execute(select(SETTINGS.c.key, SETTINGS.c.value)).tuples().all())
    url = rows.get(URL) or default_url or None
    try:
        mode = PayloadMode(rows.get(MODE, PayloadMode.REFERENCES))
    except ValueError:
        mode = PayloadMode.REFERENCES
    return WebhookSettings(url, mode)


def save(store: Any, url: str | None, mode: PayloadMode) -> WebhookSettings:
    """Store the URL (checked: https, or http to loopback; empty clears it) and the mode."""
    clean = check_url(url) if url and url.strip() else ""
    with store.engine.begin() as conn:
        conn.execute(delete(SETTINGS).where(SETTINGS.c.key.in_((URL, MODE))))
        conn.execute(insert(SETTINGS), [{"key": URL, "value": clean}, {"key": MODE, "value": mode.value}])
    return WebhookSettings(clean or None, mode)


def read_secret(secrets: SecretStore, identity_id: str) -> str | None:
    return secrets.get(identity_id, WEBHOOK_SECRET)


def set_secret(secrets: SecretStore, identity_id: str, secret: str) -> None:
    """Keep ``secret`` (checked) in the keyring; it is never shown again."""
    secrets.set(identity_id, WEBHOOK_SECRET, check_secret(secret))


def has_secret(secrets: SecretStore, identity_id: str) -> bool:
    return bool(read_secret(secrets, identity_id))
