"""What a push of an item already on the remote writes: only the owned attributes whose value
changed since the application was last synced.

"Changed" is decided on plaintext: the application as last synced and as it is now, mapped the
same way without the KMS transform, compared attribute by attribute per item. A changed
attribute is taken from the transformed (sent) item; within a map only the entries that changed
are (an unchanged ``ssn`` keeps its ``ssn_enc`` and ``ssn_last4`` exactly as the remote holds
them, never re-encrypted). Every other owned attribute stays as the remote holds it — the
migration's empty strings, an older build's ``signatures`` map, the original ``created_at``.

The remote's owned attributes of each item are kept with its receipt (as last read or written,
typed JSON): the item as written is those plus the changed ones, and its content hash is taken
over that, so pull recomputes the same hash from what the remote holds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.canonical import HASH_EXCLUDED, LEASEDESK_ATTRIBUTES, PEOPLE
from desktop_app.sync.foreign import decode_all, encode_all

#: Attributes the transform builds from another one (app item): sent when that one changed.
DERIVED = {"encrypted_documents": "uploaded_files"}
#: Set at every write of an item already on the remote, changed or not.
BOOKKEEPING = frozenset({"version", "last_updated", "content_hash", PEOPLE})


def owned_of(table: str, item: dict[str, Any]) -> dict[str, Any]:
    """The attributes of ``item`` LeaseDesk owns (bookkeeping and keys included)."""
    keep = LEASEDESK_ATTRIBUTES[table]
    return {k: v for k, v in item.items() if k in keep}


def encode_owned(table: str, item: dict[str, Any]) -> str:
    """The owned attributes of ``item`` as kept with its receipt (lossless typed JSON)."""
    return json.dumps(encode_all(owned_of(table, item)), sort_keys=True)


def decode_owned(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        return decode_all(json.loads(text))
    except (ValueError, TypeError, AttributeError):
        return None  # unreadable: the item is written whole once more


def _forms(name: str) -> tuple[str, ...]:
    """The names a field may be held under on the remote (sealed PII: ``<name>_enc``)."""
    return (name, f"{name}_enc", "ssn_last4") if name == "ssn" else (name, f"{name}_enc")


def _merged(raw: Any, base: Any, current: Any, sent: Any) -> Any:
    """One changed attribute's value: ``sent`` where the plaintext changed, ``raw`` (as the
    remote holds it) for every entry of a map that did not."""
    if not all(isinstance(v, dict) for v in (raw, base, current, sent)):
        return sent
    out = dict(raw)
    for name in set(base) | set(current):
        if base.get(name) == current.get(name):
            continue
        if all(isinstance(v, dict) for v in (raw.get(name), current.get(name), sent.get(name))):
            out[name] = _merged(raw[name], base.get(name) or {}, current[name], sent[name])
            continue
        for form in _forms(name):
            out.pop(form, None)
            if form in sent:
                out[form] = sent[form]
    return out


def changed_names(table: str, base: dict[str, Any], current: dict[str, Any]) -> frozenset[str]:
    """Owned content attributes whose plaintext differs between ``base`` and ``current``
    (the people list is bookkeeping: always written)."""
    owned = LEASEDESK_ATTRIBUTES[table] - HASH_EXCLUDED - {PEOPLE}
    changed = {n for n in (set(base) | set(current)) & owned if base.get(n) != current.get(n)}
    changed |= {d for d, source in DERIVED.items() if source in changed and d in owned}
    return frozenset(changed)


@dataclass(frozen=True)
class PartialWrite:
    """An item already on the remote: what it holds after the write, and what is sent."""

    attributes: dict[str, Any]
    sets: frozenset[str]
    removes: frozenset[str]


def partial_write(
    raw: dict[str, Any],
    base: dict[str, Any],
    current: dict[str, Any],
    sent: dict[str, Any],
    changed: frozenset[str],
) -> PartialWrite:
    """``raw`` (the remote's owned attributes) with the ``changed`` ones taken from ``sent``."""
    final = {k: v for k, v in raw.items() if k not in HASH_EXCLUDED}
    removes = set()
    for name in changed:
        if name in sent:
            final[name] = _merged(raw.get(name), base.get(name), current.get(name), sent[name])
        else:
            final.pop(name, None)
            removes.add(name)
    if PEOPLE in sent:
        final[PEOPLE] = sent[PEOPLE]
    sets = frozenset(n for n in changed if n in final and final[n] != raw.get(n))
    return PartialWrite(final, sets, frozenset(removes))
