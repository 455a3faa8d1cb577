"""What a whole-application save changed, as audit entries: the paths of edited fields and of
rows added or removed (never values), and new signatures (``services/audit.py``). Qt-free."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

#: Stamped on every write: not an edit of their own.
_UNRECORDED = frozenset({"updated_at"})


def changed_paths(before: Any, after: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(action, path) for each difference between two JSON documents: ``field_edited`` for a
    changed leaf, ``row_added``/``row_removed`` for list entries past the shorter list."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(set(before) | set(after)):
            if not path and key in _UNRECORDED:
                continue
            sub = f"{path}.{key}" if path else str(key)
            yield from changed_paths(before.get(key), after.get(key), sub)
    elif isinstance(before, list) and isinstance(after, list):
        for i in range(min(len(before), len(after))):
            yield from changed_paths(before[i], after[i], f"{path}[{i}]")
        for i in range(len(before), len(after)):
            yield ("row_added", f"{path}[{i}]")
        for i in range(len(after), len(before)):
            yield ("row_removed", f"{path}[{i}]")
    elif before != after:
        yield ("field_edited", path)


def record_differences(trail: Any, before: Any, after: Any) -> None:
    """Record what a whole-application save changed; a new signature is ``signed``."""
    old = before.model_dump(mode="json")
    new = after.model_dump(mode="json")
    signed_before = {s.get("person_id") for s in old.get("signatures", [])}
    for action, path in changed_paths(old, new):
        if path.startswith("signatures["):
            continue
        trail.record(after.id, action, path=path)
    for s in new.get("signatures", []):
        if s.get("person_id") not in signed_before:
            trail.record(after.id, "signed", signer=s.get("person_id", ""))
