"""Remote key values (docs/architecture.md, "Remote schema and key rules"): every partition key the app writes starts with the account's
Cognito identity id, so IAM's ``dynamodb:LeadingKeys`` can confine an account to its own items."""

from __future__ import annotations

import base64
import hashlib
import re

SEPARATOR = "#"


def appid_for(identity_id: str, local_id: str) -> str:
    """``<identity id>#<local ULID>``: derived at first sync, never needs the network before."""
    return f"{identity_id}{SEPARATOR}{local_id}"


#: The person whose item is keyed by the bare identity id (the applicant of an application the
#: migration brought over from the old table, where the account was the applicant's own).
ACCOUNT_PERSON_ID = "0" * 26
#: A person id standing for a key suffix that is not itself a safe id (``<appid>#co0``): the
#: suffix in lower-case base32, so the id is a safe token and the key can be rebuilt from it.
ENCODED_PREFIX = "k-"
_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
#: The longest suffix whose encoding still fits an id (64 characters).
MAX_ENCODED_SUFFIX = 38


def user_id_for(identity_id: str, person_id: str) -> str:
    """``<identity id>#<person ULID>`` for a person the agent enters; the inverse of
    :func:`person_id_of`, so a person read from a key is written back under the same key."""
    if person_id == ACCOUNT_PERSON_ID:
        return identity_id
    if person_id.startswith(ENCODED_PREFIX):
        text = person_id[len(ENCODED_PREFIX) :].upper()
        suffix = base64.b32decode(text + "=" * (-len(text) % 8)).decode("utf-8")
        return f"{identity_id}{SEPARATOR}{suffix}"
    return f"{identity_id}{SEPARATOR}{person_id}"


def person_id_of(identity_id: str, key: str) -> str:
    """The person id a ``userId`` stands for, stable (the same key, the same id) and a safe id:
    the part after ``<identity id>#`` when that is one (the ULIDs LeaseDesk writes), that part
    encoded (:data:`ENCODED_PREFIX`) when not (the migration's ``<appid>#co0``), and
    :data:`ACCOUNT_PERSON_ID` for the bare identity id. A suffix too long to encode gets an id
    hashed from it: such a person is written back under a key of its own."""
    if key == identity_id:
        return ACCOUNT_PERSON_ID
    suffix = local_id_of(identity_id, key)
    if _SAFE.fullmatch(suffix) and not suffix.startswith(ENCODED_PREFIX) and suffix != ACCOUNT_PERSON_ID:
        return suffix
    raw = suffix.encode("utf-8")
    if len(raw) <= MAX_ENCODED_SUFFIX:
        return ENCODED_PREFIX + base64.b32encode(raw).decode("ascii").rstrip("=").lower()
    return "h-" + hashlib.sha256(raw).hexdigest()[:40]


def local_id_of(identity_id: str, key: str) -> str:
    """The local ULID inside ``appid``/``userId`` (the part after ``<identity id>#``)."""
    if not is_owned_key(identity_id, key) or key == identity_id:
        raise ValueError("key is not of the form <identity id>#<id>")
    return key[len(identity_id) + 1 :]


def is_owned_key(identity_id: str, key: object) -> bool:
    """True when ``key`` is the identity id itself or starts with it followed by ``#``: the two
    ``LeadingKeys`` patterns of the authenticated role's policy. The sort key is not checked by
    IAM, so pull must check the partition key with this before trusting an item."""
    if not isinstance(key, str) or not identity_id:
        return False
    return key == identity_id or key.startswith(identity_id + SEPARATOR)
