"""Protected personal data of migrated person items: sealed with the app's own KMS envelope.

The fields the app encrypts on the remote (SSN, date of birth, bank accounts, and an occupant's
date of birth) become ``<field>_enc`` exactly as the sync engine writes them
(``sync/field_crypto.py``): the same envelope, the same encryption context ``{zoneinfo, appid}``
(``zoneinfo`` is the owning identity), the same associated data, and ``ssn_last4`` beside. So
the app opens a migrated item as one it pushed itself.

Envelope encryption is randomised: the same item sealed twice gives different bytes. The
sealed form of each item is therefore kept in the work directory (``sealed-<source>.jsonl``,
readable by its owner only) and reused by a resumed run or a second run, so the check finds the
items it wrote as present; an item written with another sealed form (another work directory) is
recognised by its decrypted content."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from desktop_app.admin.legacy_outcomes import TargetItem
from desktop_app.domain.canonical import content_hash, item_content_hash
from desktop_app.sync.envelope import KmsEnvelope
from desktop_app.sync.field_crypto import OCCUPANT_PII_FIELDS, REMOTE_PII_FIELDS, FieldCrypto
from desktop_app.sync.mapping import SPECS

#: Attributes the mapping sets after sealing (not part of what is sealed).
_BOOKKEEPING = ("version", "content_hash")

NO_KEY_REASON = (
    "application not migrated: it holds an SSN, a date of birth or bank accounts and no KMS key "
    "was given (--kms-key-id or DESKTOP_APP_KMS_KEY_ID); --allow-clear-pii writes them in clear"
)


def _present(value: Any) -> bool:
    return value not in (None, "", [])


def holds_clear_pii(table: str, item: dict[str, Any]) -> bool:
    """Whether a person item holds a protected value in clear."""
    if table == "app":
        return False
    info = item.get(SPECS[table].person_attribute)
    if isinstance(info, dict) and any(_present(info.get(n)) for n in REMOTE_PII_FIELDS):
        return True
    occupants = item.get("occupants")
    return isinstance(occupants, list) and any(
        isinstance(o, dict) and any(_present(o.get(n)) for n in OCCUPANT_PII_FIELDS)
        for o in occupants
    )


def _ident(target: TargetItem) -> str:
    return f"{target.key.table}|{target.key.pk}|{target.key.zoneinfo}"


class Sealer:
    """Seals person items for any owning identity with one KMS key; ``cache_path`` (None: a dry
    run) keeps each item's sealed form between runs."""

    def __init__(self, kms: Any, key_id: str, cache_path: Path | None) -> None:
        self._kms, self._key_id, self._cache_path = kms, key_id, cache_path
        self._crypto: dict[str, FieldCrypto] = {}
        self._cache: dict[str, tuple[str, dict[str, Any]]] = {}
        if cache_path is not None and cache_path.exists():
            from desktop_app.admin.source_backup import python_item

            for line in cache_path.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:  # a line a killed run cut short
                    continue
                self._cache[entry["ident"]] = (entry["plain"], python_item(entry["item"]))

    def crypto(self, zoneinfo: str) -> FieldCrypto:
        if zoneinfo not in self._crypto:
            envelope = KmsEnvelope(self._kms, self._key_id, zoneinfo)
            self._crypto[zoneinfo] = FieldCrypto(envelope)
        return self._crypto[zoneinfo]

    def seal_all(self, targets: list[TargetItem]) -> dict[tuple[str, str, str], str]:
        """Seal every person item holding protected values, in place (its content hash
        recomputed over what is sent). Returns, per sealed item's key, the content hash of
        its plaintext form, for recognising it by decrypted content."""
        from boto3.dynamodb.types import TypeSerializer

        serializer = TypeSerializer()
        plain_hashes: dict[tuple[str, str, str], str] = {}
        new_lines: list[str] = []
        for target in targets:
            table = target.key.table
            if not holds_clear_pii(table, target.item):
                continue
            attrs = {k: v for k, v in target.item.items() if k not in _BOOKKEEPING}
            digest = content_hash(attrs)
            plain_hashes[(table, target.key.pk, target.key.zoneinfo)] = item_content_hash(
                table, attrs
            )
            cached = self._cache.get(_ident(target))
            if cached is not None and cached[0] == digest:
                sealed = dict(cached[1])
            else:
                sealed = self.crypto(target.key.zoneinfo)(table, attrs)
                self._cache[_ident(target)] = (digest, sealed)
                typed = {k: serializer.serialize(v) for k, v in sealed.items()}
                new_lines.append(
                    json.dumps({"ident": _ident(target), "plain": digest, "item": typed}) + "\n"
                )
            sealed["version"] = target.item["version"]
            sealed["content_hash"] = item_content_hash(table, sealed)
            target.item = sealed
        if new_lines and self._cache_path is not None:
            self._append(new_lines)
        return plain_hashes

    def _append(self, lines: list[str]) -> None:
        assert self._cache_path is not None
        fd = os.open(self._cache_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            out.write("".join(lines))
            out.flush()
            os.fsync(out.fileno())

    def plain_hash(self, table: str, item: dict[str, Any]) -> str:
        """The content hash of a remote item's decrypted form."""
        restored = self.crypto(str(item.get("zoneinfo", ""))).restore(table, item)
        return item_content_hash(table, restored)
