"""Field-level encryption of the items the sync engine writes (docs/architecture.md, "Remote schema and key rules").

:class:`FieldCrypto` is the engine's :data:`~desktop_app.sync.mapping.ItemTransform`. In each
person item's ``applicant_info``/``coapplicant_info``/``guarantor_info`` (and each occupant),
``ssn``, ``date_of_birth`` and ``bank_accounts`` become ``<field>_enc`` — an envelope map
``{v, edk, iv, ct}`` (see ``envelope.py``) sealing the canonical JSON of the value — and
``ssn_last4`` stays readable for display. The app item gets ``encrypted_documents`` (inline
documents) and its documents' S3 objects are uploaded before the transaction (see
``remote_documents.py``). One KMS data key per application push, shared by all its values.
:meth:`FieldCrypto.restore` is the way back, used by pull and by the merge's read of the remote.

**Idempotency.** The content hash is computed over what is sent — the *encrypted* attributes —
never over the plaintext: a plain SHA-256 of an item whose other fields are readable would let
anyone holding the table test guesses of an SSN or a birth date against it. To keep the hash
(and so the ``ClientRequestToken`` and the read-back's recognition of our own write) stable, an
item whose plaintext did not change is sent as the identical encrypted attributes: a bounded
in-memory cache maps (table, partition key) to (plaintext digest, encrypted attributes), filled
on every push and on every decryption of a remote item. A retry of the same target version
therefore sends the same payload; an unchanged item after a pull hashes as the remote holds it;
after a restart, an item we wrote but never confirmed is re-encrypted, the read-back sees the
remote moved, decrypts it (which fills the cache), merges cleanly and finds nothing to push.

With no KMS key configured, an item that holds any of these values (or documents) is refused:
the application goes to "needs attention" with :data:`~desktop_app.sync.envelope.NO_KMS_KEY`.
Nothing protected is ever sent in clear."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

from desktop_app.domain.canonical import canonical_json, content_hash
from desktop_app.domain.models import Occupant, Person, StorageMode
from desktop_app.domain.pii import pii_fields
from desktop_app.sync.envelope import NO_KMS_KEY, KmsEnvelope, PushKey, field_aad
from desktop_app.sync.errors import Permanent
from desktop_app.sync.mapping import SPECS, WRITE_ATTRIBUTES
from desktop_app.sync.remote_documents import (
    LocalBytes,
    RemoteDocuments,
    normalise_app_attributes,
)
from desktop_app.i18n import _

#: Encrypted on the remote (docs/architecture.md, "Remote schema and key rules"): the fields ``domain/models.py`` marks remote-sealed.
#: Incomes stay readable there (the back office's qualification reads them); they are sealed at
#: rest on the laptop like every PII field.
REMOTE_PII_FIELDS = pii_fields(Person, remote_sealed=True)
OCCUPANT_PII_FIELDS = pii_fields(Occupant, remote_sealed=True)
ENC = "_enc"


def ssn_last4(ssn: str) -> str:
    digits = "".join(ch for ch in str(ssn) if ch.isdigit())
    return digits[-4:]


def _plain(value: Any) -> bytes:
    return canonical_json(value).encode("utf-8")


def _clear_pii(table: str, item: dict[str, Any]) -> bool:
    """Whether a remote item holds a protected value in clear (written by another system)."""
    if table == "app":
        return False
    info = item.get(SPECS[table].person_attribute)
    people = [info] + list(item.get("occupants") or [])
    return any(
        isinstance(p, dict) and p.get(name) not in (None, "", [])
        for p, names in zip(people, [REMOTE_PII_FIELDS] + [OCCUPANT_PII_FIELDS] * (len(people) - 1))
        for name in names
    )


class FieldCrypto:
    """The encrypting transform for one account. ``envelope`` None: no KMS key configured."""

    def __init__(
        self,
        envelope: KmsEnvelope | None,
        documents: RemoteDocuments | None = None,
        local_bytes: LocalBytes | None = None,
        remote_app_item: Any = None,
        cache_size: int = 1024,
    ) -> None:
        self.envelope = envelope
        self.documents = documents
        self.local_bytes = local_bytes or (lambda _appid, _doc_id: None)
        #: appid -> the remote's current app item (or None): for inline documents whose bytes
        #: this machine does not hold (pulled here, never opened).
        self.remote_app_item = remote_app_item or (lambda _appid: None)
        self._cache: OrderedDict[tuple[str, str], tuple[str, dict[str, Any]]] = OrderedDict()
        self._cache_size = cache_size
        self._keys: dict[str, PushKey] = {}
        self._lock = threading.Lock()

    # -- the cache of encrypted items -------------------------------------------------------
    def _cached(self, ident: tuple[str, str], digest: str) -> dict[str, Any] | None:
        with self._lock:
            hit = self._cache.get(ident)
            if hit is None or hit[0] != digest:
                return None
            self._cache.move_to_end(ident)
            return dict(hit[1])

    def _remember(self, ident: tuple[str, str], digest: str, attrs: dict[str, Any]) -> None:
        with self._lock:
            self._cache[ident] = (digest, attrs)
            self._cache.move_to_end(ident)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def _key(self, appid: str) -> PushKey:
        """This push's data key (created on first use; the app item starts a push)."""
        if self.envelope is None:
            raise Permanent(_(NO_KMS_KEY))
        with self._lock:
            key = self._keys.get(appid)
        if key is None:
            key = self.envelope.new_key(appid)
            with self._lock:
                self._keys[appid] = key
        return key

    # -- push -------------------------------------------------------------------------------
    def __call__(self, table: str, attrs: dict[str, Any]) -> dict[str, Any]:
        appid = attrs["appid"]
        if table == "app":
            with self._lock:
                self._keys.pop(appid, None)  # a new push: a new data key if one is needed
            attrs = normalise_app_attributes(attrs["zoneinfo"], attrs)
        ident = (table, attrs[SPECS[table].partition_key])
        digest = content_hash(attrs)
        cached = self._cached(ident, digest)
        if cached is not None:
            return cached
        out = (
            self._encrypt_app(appid, attrs)
            if table == "app"
            else self._encrypt_person(table, appid, attrs)
        )
        self._remember(ident, digest, out)
        return dict(out)

    def _encrypt_person(self, table: str, appid: str, attrs: dict[str, Any]) -> dict[str, Any]:
        info_attr = SPECS[table].person_attribute
        pk = attrs[SPECS[table].partition_key]
        out = dict(attrs)
        if isinstance(attrs.get(info_attr), dict):
            out[info_attr] = self._seal_fields(
                appid, pk, info_attr, attrs[info_attr], REMOTE_PII_FIELDS
            )
        if attrs.get("occupants"):
            out["occupants"] = [
                self._seal_fields(appid, pk, f"occupants[{i}]", o, OCCUPANT_PII_FIELDS)
                for i, o in enumerate(attrs["occupants"])
            ]
        return out

    def _seal_fields(
        self, appid: str, pk: str, path: str, values: dict[str, Any], names: tuple[str, ...]
    ) -> dict[str, Any]:
        present = [n for n in names if values.get(n) not in (None, "", [])]
        if not present:
            return values
        key = self._key(appid)
        assert self.envelope is not None
        out = {k: v for k, v in values.items() if k not in names}
        for name in present:
            out[name + ENC] = self.envelope.seal(
                key, _plain(values[name]), field_aad(appid, pk, f"{path}.{name}")
            )
        if "ssn" in present:
            out["ssn_last4"] = ssn_last4(values["ssn"])
        return out

    def _encrypt_app(self, appid: str, attrs: dict[str, Any]) -> dict[str, Any]:
        files = attrs.get("uploaded_files") or []
        if not files:
            return attrs
        if self.envelope is None:
            raise Permanent(_(NO_KMS_KEY))
        if self.documents is None:
            raise Permanent(_("documents cannot be sent: no document store is configured"))
        key = self._key(appid)
        inline: dict[str, Any] = {}
        remote_item: dict[str, Any] | None = None
        for f in files:
            content = self.local_bytes(appid, f["id"])
            if f["storage_mode"] == StorageMode.S3.value:
                self.documents.ensure_uploaded(key, appid, f, content)
                continue
            if content is not None:
                inline[f["id"]] = self.documents.seal_inline(key, appid, f["id"], content)
                continue
            if remote_item is None:
                remote_item = self.remote_app_item(appid) or {}
            entry = (remote_item.get("encrypted_documents") or {}).get(f["id"])
            if entry is None:
                raise Permanent(_(
                    "The file of document {id} is neither on this computer nor on the server; "
                    "attach it again on the machine that has it."
                ).format(id=f["id"]))
            inline[f["id"]] = entry
        return {**attrs, "encrypted_documents": inline} if inline else attrs

    def holds_clear(self, table: str, item: dict[str, Any]) -> bool:
        """Whether a remote item holds a protected value in clear (another system wrote it):
        its next push writes it whole, sealed."""
        return _clear_pii(table, item)

    # -- pull -------------------------------------------------------------------------------
    def restore(self, table: str, item: dict[str, Any]) -> dict[str, Any]:
        """A remote item with its protected fields decrypted (``encrypted_documents`` dropped:
        documents are fetched when opened). Also remembers the item's encrypted form, so
        pushing the same content again sends the same bytes."""
        appid = str(item.get("appid", ""))
        pk: Any = item.get(SPECS[table].partition_key)  # another system may have written it
        encrypted = {k: v for k, v in item.items() if k not in WRITE_ATTRIBUTES}
        if table == "app":
            plain = {k: v for k, v in encrypted.items() if k != "encrypted_documents"}
        else:
            plain = dict(encrypted)
            info_attr = SPECS[table].person_attribute
            if isinstance(plain.get(info_attr), dict):
                plain[info_attr] = self._open_fields(
                    appid, pk, info_attr, plain[info_attr], REMOTE_PII_FIELDS
                )
            if plain.get("occupants"):
                plain["occupants"] = [
                    self._open_fields(appid, pk, f"occupants[{i}]", o, OCCUPANT_PII_FIELDS)
                    for i, o in enumerate(plain["occupants"])
                ]
        if pk and not _clear_pii(table, encrypted):
            # Items written in clear by other systems are never re-sent as they are.
            self._remember((table, pk), content_hash(plain), encrypted)
        return {**plain, **{k: item[k] for k in WRITE_ATTRIBUTES if k in item}}

    def _open_fields(
        self, appid: str, pk: str, path: str, values: dict[str, Any], names: tuple[str, ...]
    ) -> dict[str, Any]:
        if not isinstance(values, dict):
            return values
        if not any(n + ENC in values for n in names):
            return {k: v for k, v in values.items() if k != "ssn_last4"}
        if self.envelope is None:
            raise Permanent(_(NO_KMS_KEY))
        out = {k: v for k, v in values.items() if not k.endswith(ENC) and k != "ssn_last4"}
        for name in names:
            sealed = values.get(name + ENC)
            if sealed is not None:
                text = self.envelope.open(appid, sealed, field_aad(appid, pk, f"{path}.{name}"))
                out[name] = json.loads(text)
        return out
