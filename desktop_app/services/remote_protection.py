"""Wiring of the remote's protection for the signed-in account (docs/architecture.md, "Remote schema and key rules"): the sync engine's
encrypting transform, and opening a document that lives on the remote.

``field_crypto_for`` builds the :class:`~desktop_app.sync.field_crypto.FieldCrypto` the engine
applies to every item (KMS from ``config.kms_key_id``, documents in ``config.s3_bucket``); with
no KMS key it still returns one, which refuses to send protected values. ``fetch_document``
brings a document's bytes down when this machine does not hold them (pulled from another
machine of the same agent), decrypts them and keeps them in the local store, sealed; bytes that
fail the document checks are kept too, flagged with the reason (``AutosaveService.document_problems``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from desktop_app.domain.document_checks import check_attachment
from desktop_app.domain.models import Document, StorageMode
from desktop_app.storage.repository import NotFound
from desktop_app.sync.envelope import KmsEnvelope
from desktop_app.sync.errors import Permanent
from desktop_app.sync.field_crypto import FieldCrypto
from desktop_app.sync.keys import SEPARATOR, appid_for
from desktop_app.sync.remote_documents import RemoteDocuments
from desktop_app.sync.remote_store import default_client_config
from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.config import AppConfig
    from desktop_app.storage.store import Store
    from desktop_app.sync.remote_store import RemoteStore

log = logging.getLogger(__name__)


class ClientFactory(Protocol):
    """Makes the signed-in account's AWS clients (``auth.aws_session.AwsSessionFactory``)."""

    @property
    def identity_id(self) -> str: ...

    def client(self, service_name: str, **kwargs: Any) -> Any: ...


def local_bytes_reader(store: Store) -> Callable[[str, str], bytes | None]:
    """(appid, document id) -> that application's bytes of the document in the local store
    (opened with the store's key), or None."""

    def read(appid: str, document_id: str) -> bytes | None:
        return _local_bytes(store, appid.rpartition(SEPARATOR)[2], document_id)

    return read


def _local_bytes(store: Store, app_id: str, document_id: str) -> bytes | None:
    with store.uow() as uow:
        try:
            content: bytes = uow.blobs.get(app_id, document_id)
            return content
        except NotFound:
            return None


def remote_app_reader(remote: RemoteStore, identity_id: str) -> Callable[[str], dict[str, Any] | None]:
    def read(appid: str) -> dict[str, Any] | None:
        ident = ("app", appid)
        items: dict[Any, dict[str, Any] | None] = remote.get_items(
            [(ident, {"appid": appid, "zoneinfo": identity_id})]
        )
        return items.get(ident)

    return read


def envelope_for(session_factory: ClientFactory, config: AppConfig) -> KmsEnvelope | None:
    key_id: str | None = getattr(config, "kms_key_id", None)
    if not key_id:
        return None
    kms = session_factory.client("kms", config=default_client_config(2))
    return KmsEnvelope(kms, key_id, session_factory.identity_id)


def documents_for(
    session_factory: ClientFactory, config: AppConfig, envelope: KmsEnvelope | None
) -> RemoteDocuments | None:
    if envelope is None:
        return None
    bucket = getattr(config, "s3_bucket", None)
    s3 = session_factory.client("s3", config=default_client_config(2)) if bucket else None
    return RemoteDocuments(envelope, s3, bucket)


def field_crypto_for(
    store: Store, session_factory: ClientFactory, config: AppConfig, remote: RemoteStore
) -> FieldCrypto:
    envelope = envelope_for(session_factory, config)
    return FieldCrypto(
        envelope,
        documents_for(session_factory, config, envelope),
        local_bytes=local_bytes_reader(store),
        remote_app_item=remote_app_reader(remote, session_factory.identity_id),
    )


def fetch_document(
    store: Store,
    documents: RemoteDocuments | None,
    remote: RemoteStore,
    identity_id: str,
    app_id: str,
    doc: Document,
) -> bytes:
    """The bytes of ``doc``: from the local store, or fetched from the remote (inline in the
    app item or from S3), decrypted, checked (``check_attachment``: contents, size, sha256)
    and stored locally (sealed), flagged with the reason when a check fails."""
    local = _local_bytes(store, app_id, doc.id)
    if local is not None:
        return local
    if documents is None:
        raise Permanent(_(
            "This document's file is on the server and no KMS key is configured to open it; "
            "set KMS_KEY_ID (and S3_BUCKET) and try again."
        ))
    appid = appid_for(identity_id, app_id)
    inline = None
    mode = doc.storage_mode.value
    if doc.storage_mode is not StorageMode.S3:
        item = remote_app_reader(remote, identity_id)(appid) or {}
        inline = (item.get("encrypted_documents") or {}).get(doc.id)
        mode = StorageMode.DIRECT.value
    content = documents.fetch(appid, doc.id, mode, doc.s3_key, inline)
    # Another system may have written it: bytes that fail the document checks (or do not match
    # their metadata) are kept, with the reason, for the documents step to show.
    _checked, errors = check_attachment(doc, content, "document")
    problem = "\n".join(e.message for e in errors) or None
    if errors:
        log.warning("document %s of %s kept but flagged: %s", doc.id, app_id,
                    ", ".join(e.path for e in errors))
    with store.uow() as uow:
        uow.blobs.put(app_id, doc.id, content, problem=problem)
        uow.commit()
    return content


def open_document(
    store: Store, session_factory: ClientFactory, config: AppConfig, app_id: str, doc: Document
) -> bytes:
    """``fetch_document`` for the signed-in account, built from its session and config (for the
    UI's "open" on the documents and review pages; run it on the network worker)."""
    from desktop_app.remote.tables import TableNames
    from desktop_app.sync.remote_store import Boto3RemoteStore

    client = session_factory.client("dynamodb", config=default_client_config(2))
    remote = Boto3RemoteStore(
        client, TableNames.with_affixes(config.table_prefix, config.table_suffix)
    )
    documents = documents_for(session_factory, config, envelope_for(session_factory, config))
    return fetch_document(store, documents, remote, session_factory.identity_id, app_id, doc)
