"""Document bytes on the remote (docs/architecture.md, "Sync rules"), always encrypted under the push's KMS envelope.

Where a document goes is a pure function of the application's document list (``placement``),
so every machine decides the same: in order, a document of at most ``INLINE_MAX`` bytes goes
inline into the ``app_nyc`` item (``encrypted_documents[<document id>]``) while the inline total
stays within ``INLINE_BUDGET``; any other goes to the document bucket as
``<identity id>/<appid>/<document id>`` (``storage_mode`` "s3", listed in ``s3_references``).
The item stays well under DynamoDB's 400 KB (base64 adds a third to the inline budget).

An S3 object is uploaded before the transaction that references it (boto3's managed transfer:
multipart above ``MULTIPART_THRESHOLD``), and only when the bucket does not already hold that
document (its object metadata carries the document's sha256, which the item lists anyway)."""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Callable
from typing import Any

from desktop_app.domain.models import StorageMode
from desktop_app.sync.envelope import KmsEnvelope, PushKey, document_aad
from desktop_app.sync.errors import Permanent
from desktop_app.i18n import N_, _

INLINE_MAX = 64 * 1024
INLINE_BUDGET = 160 * 1024
MULTIPART_THRESHOLD = 8 * 1024 * 1024

#: (appid, document id) -> that application's bytes of the document on this machine
#: (decrypted by the local codec), or None.
LocalBytes = Callable[[str, str], bytes | None]

NO_BUCKET = N_(
    "A document of this application is too large to travel inside the application record and "
    "no document bucket is configured, so it was not sent. Set S3_BUCKET (in the config file or "
    "DESKTOP_APP_S3_BUCKET), then sync again."
)


def s3_failure(exc: Exception) -> Exception:
    """An S3 call's error as the engine's categories, with a message that says what to do."""
    from desktop_app.sync.remote_store import translate_error

    translated = translate_error(exc)
    if isinstance(translated, Permanent):
        code = getattr(exc, "response", {}).get("Error", {}).get("Code", type(exc).__name__)
        return Permanent(
            _(
                "The document bucket refused a document of this application ({code}). Check "
                "S3_BUCKET and that your account may write to it, then sync again."
            ).format(code=code)
        )
    return translated


def s3_key_for(identity_id: str, appid: str, document_id: str) -> str:
    # The appid already starts with the identity id; the key is <identity>/<appid>/<doc id>.
    return f"{identity_id}/{appid}/{document_id}"


def placement(files: list[dict[str, Any]]) -> dict[str, str]:
    """document id -> "direct" or "s3", from (id, size) in order."""
    out: dict[str, str] = {}
    inline = 0
    for f in files:
        size = int(f.get("size") or 0)
        if size <= INLINE_MAX and inline + size <= INLINE_BUDGET:
            out[f["id"]] = StorageMode.DIRECT.value
            inline += size
        else:
            out[f["id"]] = StorageMode.S3.value
    return out


def normalise_app_attributes(identity_id: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """The app item with each document's ``storage_mode``/``s3_key`` and the item's
    ``storage_mode``/``s3_references`` set by ``placement`` (the same on every machine)."""
    files = [dict(f) for f in attrs.get("uploaded_files") or []]
    if not files:
        return attrs
    where = placement(files)
    refs = []
    for f in files:
        f["storage_mode"] = where[f["id"]]
        f.pop("s3_key", None)
        if where[f["id"]] == StorageMode.S3.value:
            f["s3_key"] = s3_key_for(identity_id, attrs["appid"], f["id"])
            refs.append(f["s3_key"])
    out = {**attrs, "uploaded_files": files, "storage_mode": "s3" if refs else "direct"}
    out.pop("s3_references", None)
    if refs:
        out["s3_references"] = refs
    return out


class RemoteDocuments:
    """Puts and fetches one account's document bytes. ``s3`` is a boto3 S3 client (or a factory
    of one), ``bucket`` the configured bucket (None: none configured)."""

    def __init__(
        self,
        envelope: KmsEnvelope,
        s3: Any | Callable[[], Any] | None,
        bucket: str | None,
        *,
        multipart_threshold: int = MULTIPART_THRESHOLD,
    ) -> None:
        self.envelope = envelope
        self._s3 = s3
        self.bucket = bucket
        self.multipart_threshold = multipart_threshold
        self._uploaded: set[tuple[str, str]] = set()  # (key, sha256) known to be in the bucket
        self._lock = threading.Lock()

    @property
    def s3(self) -> Any:
        c = self._s3
        assert c is not None  # the callers refuse first when no client or bucket is configured
        return c if hasattr(c, "meta") else c()

    def _transfer_config(self) -> Any:
        from boto3.s3.transfer import TransferConfig

        return TransferConfig(
            multipart_threshold=self.multipart_threshold,
            multipart_chunksize=max(self.multipart_threshold, 5 * 1024 * 1024),
            use_threads=False,
        )

    # -- pushing ----------------------------------------------------------------------------
    def seal_inline(
        self, key: PushKey, appid: str, document_id: str, content: bytes
    ) -> dict[str, Any]:
        return self.envelope.seal(key, content, document_aad(appid, document_id))

    def ensure_uploaded(
        self, key: PushKey, appid: str, f: dict[str, Any], content: bytes | None
    ) -> None:
        """The S3 object of document ``f`` exists (uploading ``content`` when it does not)."""
        if not self.bucket or self._s3 is None:
            raise Permanent(_(NO_BUCKET))
        s3_key, sha = f["s3_key"], str(f.get("sha256") or "")
        with self._lock:
            if (s3_key, sha) in self._uploaded:
                return
        if self._present(s3_key, sha):
            with self._lock:
                self._uploaded.add((s3_key, sha))
            return
        if content is None:
            raise Permanent(_(
                "The file of document {id} is neither on this computer nor on the server; "
                "attach it again on the machine that has it."
            ).format(id=f["id"]))
        body = self.envelope.seal_blob(key, content, document_aad(appid, f["id"]))
        try:
            self.s3.upload_fileobj(
                io.BytesIO(body),
                self.bucket,
                s3_key,
                ExtraArgs={"Metadata": {"sha256": sha}, "ContentType": "application/octet-stream"},
                Config=self._transfer_config(),
            )
        except Exception as exc:
            raise s3_failure(exc) from exc
        with self._lock:
            self._uploaded.add((s3_key, sha))

    def _present(self, s3_key: str, sha: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            head = self.s3.head_object(Bucket=self.bucket, Key=s3_key)
        except ClientError as exc:
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            code = exc.response.get("Error", {}).get("Code")
            if status == 404 or code in ("404", "NoSuchKey"):
                return False
            if status == 403 or code in ("403", "Forbidden", "AccessDenied"):
                # Without s3:ListBucket, S3 answers 403 for a key that does not exist yet:
                # "cannot tell". The key is the document's own, so uploading is idempotent.
                return False
            raise s3_failure(exc) from exc
        except Exception as exc:
            raise s3_failure(exc) from exc
        return bool(sha) and head.get("Metadata", {}).get("sha256") == sha

    # -- fetching ---------------------------------------------------------------------------
    def fetch(
        self, appid: str, document_id: str, mode: str, s3_key: str, inline: dict[str, Any] | None
    ) -> bytes:
        """The decrypted bytes of a document held remotely: from ``inline`` (the app item's
        ``encrypted_documents`` entry) or from the bucket."""
        aad = document_aad(appid, document_id)
        if mode == StorageMode.S3.value:
            if not self.bucket or self._s3 is None:
                raise Permanent(_(NO_BUCKET))
            buf = io.BytesIO()
            try:
                self.s3.download_fileobj(self.bucket, s3_key, buf, Config=self._transfer_config())
            except Exception as exc:
                raise s3_failure(exc) from exc
            return self.envelope.open_blob(appid, buf.getvalue(), aad)
        if inline is None:
            raise Permanent(_("document {id} is not on the server").format(id=document_id))
        return self.envelope.open(appid, inline, aad)


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
