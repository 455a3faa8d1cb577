"""Remote key values (DESIGN §3): every partition key the app writes starts with the account's
Cognito identity id, so IAM's ``dynamodb:LeadingKeys`` can confine an account to its own items."""

from __future__ import annotations

SEPARATOR = "#"


def appid_for(identity_id: str, local_id: str) -> str:
    """``<identity id>#<local ULID>``: derived at first sync, never needs the network before."""
    return f"{identity_id}{SEPARATOR}{local_id}"


#: The person whose item is keyed by the bare identity id (the applicant of an application the
#: migration brought over from the old table, where the account was the applicant's own).
ACCOUNT_PERSON_ID = "0" * 26


def user_id_for(identity_id: str, person_id: str) -> str:
    """``<identity id>#<person ULID>`` for a person the agent enters; the inverse of
    :func:`person_id_of`, so a person read from a key is written back under the same key."""
    if person_id == ACCOUNT_PERSON_ID:
        return identity_id
    return f"{identity_id}{SEPARATOR}{person_id}"


def person_id_of(identity_id: str, key: str) -> str:
    """The person id a ``userId`` stands for: the part after ``<identity id>#`` (a ULID for the
    people LeaseDesk writes, the migration's own suffix such as ``<appid>#co0`` otherwise), or
    :data:`ACCOUNT_PERSON_ID` for the bare identity id. Stable: the same key, the same id."""
    if key == identity_id:
        return ACCOUNT_PERSON_ID
    return local_id_of(identity_id, key)


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
