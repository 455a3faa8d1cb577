"""Remote key values (DESIGN §3): every partition key the app writes starts with the account's
Cognito identity id, so IAM's ``dynamodb:LeadingKeys`` can confine an account to its own items."""

from __future__ import annotations

SEPARATOR = "#"


def appid_for(identity_id: str, local_id: str) -> str:
    """``<identity id>#<local ULID>``: derived at first sync, never needs the network before."""
    return f"{identity_id}{SEPARATOR}{local_id}"


def user_id_for(identity_id: str, person_id: str) -> str:
    """``<identity id>#<person ULID>`` for a person the agent enters."""
    return f"{identity_id}{SEPARATOR}{person_id}"


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
