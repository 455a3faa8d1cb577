"""The agent's edits as operations that can be applied again to another copy of the application.

When the sync engine changes the stored copy under an open window, the window's unsaved edits
are replayed, in order, on the new copy. So an edit does not remember list positions (the other
machine may have added or removed rows): it remembers *which* row — a person or document by its
id; an id-less row (occupant, other income, bank account) by its content at the time of the
edit, or by its position when the other copy's list kept its length. An edit whose row is gone
raises ``NotKept``; its ``label`` (step and field, never the value) tells the agent which.

Qt-free: the autosaver applies these on the database worker."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from desktop_app.domain.models import Application, Signature
from desktop_app.domain.paths import FieldPathError, get_value, set_value

_CHUNK = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)")


class NotKept(Exception):
    """The edit does not fit the new copy (its row or person is no longer there)."""


def _content(item: Any) -> dict[str, Any]:
    """An item as data, without its id (the sync engine may give a person a new id)."""
    return item.model_dump(exclude={"id"})


@dataclass(frozen=True)
class Row:
    """One list item on a path, remembered so it can be found in another copy."""

    index: int
    key: str | None  # the item's id, when it has one
    content: dict[str, Any]  # the item as it was, without its id
    length: int  # how long its list was

    @classmethod
    def of(cls, items: list[Any], index: int) -> Row:
        item = items[index]
        return cls(index, getattr(item, "id", None), _content(item), len(items))

    def find(self, items: list[Any]) -> int | None:
        if self.key is not None:
            found = next((i for i, item in enumerate(items) if getattr(item, "id", None) == self.key), None)
            if found is not None:
                return found
        if self.index < len(items) and _content(items[self.index]) == self.content:
            return self.index
        same = [i for i, item in enumerate(items) if _content(item) == self.content]
        if len(same) == 1:
            return same[0]  # moved, or (a person) given a new id by the sync engine
        if self.key is None and len(items) == self.length and self.index < len(items):
            return self.index  # the list kept its shape: the row was changed in place
        return None


#: A field path with its list positions replaced by the rows they pointed at.
Anchored = tuple[str | Row, ...]


def anchor(app: Application, path: str) -> Anchored:
    out: list[str | Row] = []
    node: Any = app
    for chunk in path.split("."):
        m = _CHUNK.fullmatch(chunk)
        if m is None:
            raise FieldPathError(path, "not a field path")
        try:
            node = getattr(node, m.group(1))
            out.append(m.group(1))
            for index in (int(i) for i in re.findall(r"\[(\d+)\]", m.group(2))):
                out.append(Row.of(node, index))
                node = node[index]
        except (AttributeError, IndexError, TypeError):
            raise FieldPathError(path, "no such field") from None
    return tuple(out)


def resolve(app: Application, where: Anchored) -> str:
    """The field path of ``where`` in ``app``; ``NotKept`` when a row on it is gone."""
    path = ""
    node: Any = app
    for part in where:
        if isinstance(part, Row):
            index = part.find(node)
            if index is None:
                raise NotKept
            path += f"[{index}]"
            node = node[index]
        else:
            path += ("." if path else "") + part
            node = getattr(node, part)
    return path


class Edit:
    #: What the agent sees when the edit is not kept: step and field, never the value.
    label: str = ""

    def apply(self, app: Application) -> None:
        raise NotImplementedError


@dataclass
class SetField(Edit):
    where: Anchored
    value: Any
    label: str = ""

    def apply(self, app: Application) -> None:
        try:
            set_value(app, resolve(app, self.where), self.value)
        except FieldPathError:
            raise NotKept from None


@dataclass
class AddRow(Edit):
    where: Anchored  # the list
    item: BaseModel
    label: str = ""

    def apply(self, app: Application) -> None:
        items = get_value(app, resolve(app, self.where))
        key = getattr(self.item, "id", None)
        if key is not None and any(getattr(i, "id", None) == key for i in items):
            return  # already there (the other machine has it too)
        items.append(self.item.model_copy(deep=True))


@dataclass
class RemoveRow(Edit):
    where: Anchored  # the list
    row: Row
    label: str = ""

    def apply(self, app: Application) -> None:
        items = get_value(app, resolve(app, self.where))
        index = self.row.find(items)
        if index is None:
            raise NotKept
        items.pop(index)


@dataclass
class SetSignature(Edit):
    person: Anchored  # ``primary_applicant`` or ``co_applicants[i]`` / ``guarantors[i]``
    signature: Signature | None  # None: the pad was cleared
    label: str = ""

    @classmethod
    def of(cls, app: Application, person_id: str, signature: Signature | None, label: str) -> SetSignature:
        path = next(
            (f"{name}[{i}]" for name in ("co_applicants", "guarantors")
             for i, p in enumerate(getattr(app, name)) if p.id == person_id),
            "primary_applicant",
        )
        return cls(anchor(app, path), signature, label)

    def apply(self, app: Application) -> None:
        person_id = get_value(app, resolve(app, self.person)).id
        app.signatures = [s for s in app.signatures if s.person_id != person_id]
        if self.signature is not None:
            app.signatures.append(self.signature.model_copy(update={"person_id": person_id}, deep=True))


def replay(app: Application, edits: list[Edit]) -> tuple[list[Edit], list[Edit]]:
    """Apply ``edits`` in order to ``app``; returns (kept, not kept)."""
    kept: list[Edit] = []
    dropped: list[Edit] = []
    for edit in edits:
        try:
            edit.apply(app)
        except NotKept:
            dropped.append(edit)
        else:
            kept.append(edit)
    return kept, dropped
