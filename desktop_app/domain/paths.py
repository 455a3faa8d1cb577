"""Reading and writing one field of a model by its path (``co_applicants[0].email``), with the
value coerced to the field's declared type — the seam autosave and the Qt pages share."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from desktop_app.domain.fields import id_error, storable_number_error
from desktop_app.domain.models import FIRST_STEP, LAST_STEP, OTHER_FIELDS, Application

_SURROGATE = re.compile(r"[\ud800-\udfff]")

_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)")


class FieldPathError(ValueError):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@lru_cache(maxsize=4096)
def _steps(path: str) -> tuple[str | int, ...]:
    """The parsed path (cached: the autosave hot path parses the same few paths all day)."""
    out: list[str | int] = []
    for chunk in path.split("."):
        m = _PART.fullmatch(chunk)
        if not m:
            raise FieldPathError(path, "not a field path")
        out.append(m.group(1))
        out += [int(i) for i in re.findall(r"\[(\d+)\]", m.group(2))]
    return tuple(out)


def _annotation(cls: type[BaseModel], name: str) -> Any:
    """The declared type of field ``name`` (every field of the models is annotated)."""
    return cls.model_fields[name].annotation


@lru_cache(maxsize=512)
def _adapter(cls: type[BaseModel], name: str) -> TypeAdapter[Any]:
    return TypeAdapter(_annotation(cls, name))


def _walk(model: BaseModel, path: str, steps: tuple[str | int, ...]) -> Any:
    node: Any = model
    for step in steps:
        try:
            node = node[step] if isinstance(step, int) else getattr(node, step)
        except (IndexError, AttributeError, TypeError):
            raise FieldPathError(path, "no such field") from None
    return node


def get_value(model: BaseModel, path: str) -> Any:
    return _walk(model, path, _steps(path))


def set_value(model: BaseModel, path: str, value: Any) -> str:
    """Set the field and return the stored value as a JSON fragment (what the model's own
    JSON would hold at that path)."""
    steps = _steps(path)
    parent = _walk(model, path, steps[:-1])
    last = steps[-1]
    if isinstance(last, int):
        raise FieldPathError(path, "set a list item's fields, not the item")
    if not isinstance(parent, BaseModel) or last not in type(parent).model_fields:
        raise FieldPathError(path, "no such field")
    if last in OTHER_FIELDS:
        raise FieldPathError(path, "kept for other systems: read-only")
    if isinstance(value, str) and value == "" and _accepts_none(type(parent), last):
        value = None
    adapter = _adapter(type(parent), last)
    try:
        coerced = adapter.validate_python(value)
    except ValidationError as exc:
        raise FieldPathError(path, exc.errors()[0]["msg"]) from None
    problem = unstorable(coerced) or _field_rule(parent, last, coerced)
    if problem:
        raise FieldPathError(path, problem)
    setattr(parent, last, coerced)
    return adapter.dump_json(coerced).decode("utf-8")


def unstorable(value: Any) -> str | None:
    """Why ``value`` cannot be stored at all (a number beyond DynamoDB's 38 digits or range,
    text that is not valid Unicode), or ``None``. Values that store but are out of bounds (a
    rent above the cap, a name too long) are stored and flagged at their field by validation."""
    if isinstance(value, str):
        return "Contains a character that is not valid text" if _SURROGATE.search(value) else None
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return storable_number_error(value)
    if isinstance(value, BaseModel):
        value = [getattr(value, name) for name in type(value).model_fields]
    elif isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple)):
        return next((p for p in map(unstorable, value) if p), None)
    return None


def _field_rule(parent: BaseModel, name: str, value: Any) -> str | None:
    """What a single field edit may never store: a new identifier (what other records point
    at), a reference that is not a safe token, a ``current_step`` outside the steps (imports
    and pulls are checked by validation), a status (submitting validates every step; a field
    edit would not)."""
    if isinstance(parent, Application) and name in ("status", "submitted_at"):
        return "Changes only by submitting the application"
    if name == "id" or (isinstance(parent, Application) and name == "amends"):
        return "An identifier never changes"
    if name == "person_id" and isinstance(value, str) and value:
        return id_error(value)
    if isinstance(parent, Application) and name == "current_step" and isinstance(value, int):
        if not FIRST_STEP <= value <= LAST_STEP:
            return f"Must be a step from {FIRST_STEP} to {LAST_STEP}"
    return None


def value_json(model: BaseModel, path: str) -> str:
    """The JSON of the value at ``path``, as the model's own JSON would hold it."""
    steps = _steps(path)
    parent = _walk(model, path, steps[:-1])
    last = steps[-1]
    if isinstance(last, int) or not isinstance(parent, BaseModel):
        raise FieldPathError(path, "not a model field")
    return _adapter(type(parent), last).dump_json(getattr(parent, last)).decode("utf-8")


def json_path(path: str) -> str:
    """The SQLite JSON path of a field path (``co_applicants[0].email`` → ``$.co_applicants[0].email``)."""
    _steps(path)  # validates the syntax
    return "$." + path


@lru_cache(maxsize=512)
def _accepts_none(cls: type[BaseModel], name: str) -> bool:
    try:
        TypeAdapter(_annotation(cls, name)).validate_python(None)
    except ValidationError:
        return False
    return True
