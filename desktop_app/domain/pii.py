"""Which fields of an application are PII, read off the marks in ``models.py`` (the one place
they are listed). Storage seals every PII field at rest (``storage/pii.py``); the sync engine
encrypts the remote-sealed ones on the remote (``sync/field_crypto.py``)."""

from __future__ import annotations

from functools import cache
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from desktop_app.domain.models import Application


def _mark(info: Any) -> dict[str, Any]:
    extra = info.json_schema_extra
    return extra if isinstance(extra, dict) else {}


@cache
def pii_fields(model: type[BaseModel], *, remote_sealed: bool = False) -> tuple[str, ...]:
    """The names of ``model``'s own PII fields (``remote_sealed``: only those also encrypted
    on the remote), in declaration order."""
    return tuple(
        name
        for name, info in model.model_fields.items()
        if _mark(info).get("pii") and (not remote_sealed or _mark(info).get("remote_sealed"))
    )


def _model_of(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds (directly, in a list, or optional), and whether in a list."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    for arg in get_args(annotation):
        model, in_list = _model_of(arg)
        if model is not None:
            return model, in_list or get_origin(annotation) is list
    return None, False


def _paths(model: type[BaseModel], prefix: str) -> list[str]:
    out: list[str] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        if _mark(info).get("pii"):
            out.append(path)
            continue
        inner, in_list = _model_of(info.annotation)
        if inner is not None:
            out += _paths(inner, f"{path}[]." if in_list else f"{path}.")
    return out


@cache
def pii_paths(model: type[BaseModel] = Application) -> tuple[str, ...]:
    """Every PII field of an application (or of ``model``) as a field path, ``[]`` standing for
    any list index: ``primary_applicant.ssn``, ``co_applicants[].occupants[].date_of_birth``, …"""
    return tuple(_paths(model, ""))
