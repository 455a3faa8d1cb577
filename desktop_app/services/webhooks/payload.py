"""The event sent for a submit. By default references only — keys a receiver reads the tables
with, under its own permissions — and no PII; in full mode the application as exported
(``drafts export``'s record), which carries PII (docs/webhooks.md)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from desktop_app.domain.models import Application
from desktop_app.remote.tables import TableNames
from desktop_app.sync.keys import appid_for, user_id_for
from desktop_app.sync.mapping import SPEC_FOR_ROLE

SCHEMA_VERSION = 1


class PayloadMode(StrEnum):
    REFERENCES = "references"
    FULL = "full"


def people_refs(identity_id: str, app: Application) -> list[dict[str, str]]:
    return [
        {"table": SPEC_FOR_ROLE[role].logical, "userId": user_id_for(identity_id, p.id)}
        for role, p in app.people()
    ]


def event(
    *,
    msg_type: str,
    identity_id: str,
    app: Application,
    remote_version: int,
    timestamp: str,
    tables: TableNames,
    mode: PayloadMode = PayloadMode.REFERENCES,
) -> dict[str, Any]:
    """The event body (Standard Webhooks' ``type`` / ``timestamp`` / ``data`` envelope)."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "appid": appid_for(identity_id, app.id),
        "zoneinfo": identity_id,
        "version": remote_version,
        "submitted_at": app.submitted_at.isoformat() if app.submitted_at else None,
        "amends": appid_for(identity_id, app.amends) if app.amends else None,
        "tables": {spec.logical: tables.for_spec(spec) for spec in SPEC_FOR_ROLE.values()}
        | {"app": tables.app},
        "people": people_refs(identity_id, app),
    }
    if mode is PayloadMode.FULL:
        data["application"] = app.model_dump(mode="json")
    return {"type": msg_type, "timestamp": timestamp, "data": data}
