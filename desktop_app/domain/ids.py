"""Local identifiers: a ULID from the first keystroke, so a draft never needs the network."""

from ulid import ULID


def new_id() -> str:
    return str(ULID())
