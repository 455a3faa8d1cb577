"""How an application and a document's bytes are written to and read from the SQLite file:
with a cipher, PII fields (``storage/pii.py``) and document bytes are sealed; without one (tests
of storage mechanics only) they are stored as they are."""

from __future__ import annotations

import json

from desktop_app.domain.models import Application
from desktop_app.domain.paths import get_value, value_json
from desktop_app.storage.crypto import Cipher
from desktop_app.storage.pii import has_clear_pii, open_document, pii_root, seal_document

#: Document bytes sealed with the application and document ids as associated data.
BLOB_MAGIC = b"LDenc2\x00"
#: Written before documents were keyed by application: the document id alone (still opened;
#: re-sealed as ``LDenc2`` by the next key rotation).
BLOB_MAGIC_V1 = b"LDenc1\x00"


def blob_aad(app_id: str, document_id: str) -> bytes:
    """``<length of the application id>:<application id>/<document id>``: no two pairs of ids
    give the same bytes, whatever characters ids pulled from elsewhere hold."""
    return f"{len(app_id)}:{app_id}/{document_id}".encode("utf-8")


class DocumentCodec:
    def __init__(self, cipher: Cipher | None = None) -> None:
        self.cipher = cipher

    def encode(self, app: Application) -> str:
        if self.cipher is None:
            return app.model_dump_json()
        doc = seal_document(app.model_dump(mode="json"), self.cipher, app.id)
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))

    def decode(self, app_id: str, data: str) -> Application:
        if self.cipher is None or "enc1:" not in data:
            return Application.model_validate_json(data)
        return Application.model_validate(open_document(json.loads(data), self.cipher, app_id))

    def field_patch(self, app: Application, path: str, value_json_text: str) -> tuple[str, str]:
        """The (field path, JSON value) to patch into the stored document after ``path`` was
        set on ``app``: a PII field is sealed whole, at its PII root."""
        if self.cipher is None:
            return path, value_json_text
        root = pii_root(path)
        if root is None:
            return path, value_json_text
        value = get_value(app, root)
        if value is None or value == "" or value == []:
            return root, value_json(app, root)
        sealed = self.cipher.seal_text(value_json(app, root), app.id)
        return root, json.dumps(sealed)

    def seal_blob(self, app_id: str, document_id: str, content: bytes) -> bytes:
        """Sealed with the application and document ids as associated data: bytes copied into
        another application's row do not open there."""
        if self.cipher is None:
            return content
        return BLOB_MAGIC + self.cipher.seal_bytes(content, blob_aad(app_id, document_id))

    def open_blob(self, app_id: str, document_id: str, stored: bytes) -> bytes:
        if stored.startswith(BLOB_MAGIC):
            sealed, aad = stored[len(BLOB_MAGIC):], blob_aad(app_id, document_id)
        elif stored.startswith(BLOB_MAGIC_V1):
            sealed, aad = stored[len(BLOB_MAGIC_V1):], document_id.encode("ascii")
        else:
            return stored
        if self.cipher is None:
            raise ValueError("this document is encrypted; open the store with its data key")
        return self.cipher.open_bytes(sealed, aad)

    def needs_sealing(self, data: str) -> bool:
        return self.cipher is not None and has_clear_pii(json.loads(data))

    def blob_needs_sealing(self, stored: bytes) -> bool:
        return self.cipher is not None and not stored.startswith((BLOB_MAGIC, BLOB_MAGIC_V1))
