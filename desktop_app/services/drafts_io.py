"""Import and export of applications as JSON (the format is documented in docs/formats.md).

Import is all-or-nothing: every record is checked first; if any is invalid, each problem is
reported with its record index and field path and the store is left exactly as it was. Drafts
may leave fields empty but may not hold a wrong value; submitted records must be complete."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop_app.domain.errors import FieldError
from desktop_app.domain.models import Application, Status
from desktop_app.storage.store import Store
from desktop_app.wizard.flow import WizardFlow

FORMAT = "leasedesk.applications"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class RecordError:
    index: int  # 0-based position in the file's "applications" list
    path: str
    message: str

    def __str__(self) -> str:
        return f"record {self.index}: {self.path or '(record)'}: {self.message}"


@dataclass
class ImportResult:
    imported: list[str] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _loc_to_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def check_record(raw: Any, today: date) -> tuple[Application | None, list[FieldError]]:
    """Parse and validate one record; never raises."""
    if not isinstance(raw, dict):
        return None, [FieldError("", "Each application must be a JSON object")]
    try:
        app = Application.model_validate(raw)
    except ValidationError as exc:
        return None, [FieldError(_loc_to_path(e["loc"]), e["msg"]) for e in exc.errors()]
    errors = [e for errs in WizardFlow(app, today=lambda: today).all_errors().values() for e in errs]
    if app.status is Status.DRAFT:
        errors = [e for e in errors if e.code != "required"]
    return app, errors


def parse_file(data: Any) -> tuple[list[Any], dict[str, str]]:
    """The records and the document contents (id → base64) of an export file."""
    if isinstance(data, list):
        return data, {}
    if isinstance(data, dict) and isinstance(data.get("applications"), list):
        if data.get("format", FORMAT) != FORMAT:
            raise ValueError(f"Not a LeaseDesk applications file (format {data.get('format')!r})")
        return data["applications"], dict(data.get("documents") or {})
    raise ValueError('Expected a JSON list of applications or {"applications": [...]}')


def import_applications(store: Store, data: Any, today: date | None = None) -> ImportResult:
    today = today or date.today()
    result = ImportResult()
    try:
        records, contents = parse_file(data)
    except ValueError as exc:
        result.errors.append(RecordError(-1, "", str(exc)))
        return result
    apps: list[Application] = []
    seen: set[str] = set()
    with store.uow() as uow:
        for index, raw in enumerate(records):
            app, errors = check_record(raw, today)
            result.errors += [RecordError(index, e.path, e.message) for e in errors]
            if app is None:
                continue
            if app.id in seen or uow.applications.exists(app.id):
                result.errors.append(RecordError(index, "id", "This application is already in the store"))
            for doc in app.documents:
                if doc.id in contents:
                    try:
                        base64.b64decode(contents[doc.id], validate=True)
                    except ValueError:
                        result.errors.append(RecordError(index, f"documents.{doc.id}", "Not base64"))
            seen.add(app.id)
            apps.append(app)
        if result.errors:
            return result  # nothing written: the unit of work rolls back
        for app in apps:
            uow.applications.add(app)
            for doc in app.documents:
                if doc.id in contents:
                    uow.blobs.put(app.id, doc.id, base64.b64decode(contents[doc.id]))
            result.imported.append(app.id)
        uow.commit()
    return result


def export_applications(store: Store) -> dict[str, Any]:
    with store.uow() as uow:
        apps = uow.applications.all()
        contents = {}
        for app in apps:
            for doc in app.documents:
                try:
                    contents[doc.id] = base64.b64encode(uow.blobs.get(doc.id)).decode("ascii")
                except LookupError:
                    pass
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(),
        "applications": [a.model_dump(mode="json") for a in apps],
        "documents": contents,
    }


def export_to_file(store: Store, path: Path) -> int:
    data = export_applications(store)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return len(data["applications"])
