"""The webhook service for the signed-in account: its settings from the store (URL falling
back to the configuration's ``WEBHOOK_URL``), its secret from the keyring, and the writer of
outcomes to the tables on the account's DynamoDB client and KMS key."""

from __future__ import annotations

from typing import Any

from desktop_app.auth.secrets import SecretStore
from desktop_app.remote.tables import TableNames
from desktop_app.services.webhooks import settings
from desktop_app.services.webhooks.service import WebhookService
from desktop_app.sync.envelope import KmsEnvelope
from desktop_app.sync.remote_store import default_client_config
from desktop_app.sync.webhook_attributes import Seal, WebhookAttributes


def sealer(envelope: KmsEnvelope | None) -> Seal | None:
    if envelope is None:
        return None

    def seal(appid: str, plaintext: bytes, aad: str) -> dict[str, Any]:
        return envelope.seal(envelope.new_key(appid), plaintext, aad)

    return seal


def build_webhook_service(
    store: Any,
    session_factory: Any,
    config: Any,
    *,
    secrets: SecretStore | None = None,
    **kw: Any,
) -> WebhookService:
    from desktop_app.services.remote_protection import envelope_for

    identity_id: str = session_factory.identity_id
    tables = TableNames.with_affixes(config.table_prefix, config.table_suffix)
    client = session_factory.client("dynamodb", config=default_client_config(2))
    keyring = secrets or SecretStore()
    attributes = WebhookAttributes(
        client, tables, identity_id, sealer(envelope_for(session_factory, config))
    )
    return WebhookService(
        store,
        identity_id,
        settings=lambda: settings.load(store, getattr(config, "webhook_url", None)),
        secret=lambda: settings.read_secret(keyring, identity_id),
        tables=tables,
        attributes=attributes,
        **kw,
    )
