"""Import and export of applications as JSON (the format is documented in docs/formats.md).

Import is all-or-nothing: every record is checked first; if any is invalid, each problem is
reported with its record index and field path and the store is left exactly as it was. Drafts
may leave fields empty but may not hold a wrong value; submitted records must be complete.
A file that is not an applications file at all (unreadable, not JSON, the wrong shape, too
large) raises ``ImportFileError`` with a plain message. No message quotes a value."""

from __future__ import annotations

import base64
import json
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop_app.domain.document_checks import check_attachment
from desktop_app.domain.errors import FieldError
from desktop_app.domain.models import Application, Status
from desktop_app.domain.validation import validate_record
from desktop_app.services.errors import ImportFileError
from desktop_app.storage.store import Store
from desktop_app.wizard.flow import WizardFlow

FORMAT = "leasedesk.applications"
FORMAT_VERSION = 1
#: The largest file ``drafts import`` reads (documents travel inside it as base64).
MAX_IMPORT_BYTES = 512 * 1_048_576
#: The most applications one file may hold.
MAX_RECORDS = 100_000


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


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def _loc_to_path(loc: tuple[Any, ...]) -> str:
    """A pydantic error location as a field path; a key that is no field name (an unknown
    key in the file may be any text) is shown as ``(unknown field)``, never quoted."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = part if _NAME.fullmatch(str(part)) else "(unknown field)"
        out += f".{name}" if out else name
    return out or "(record)"


def check_record(raw: Any, today: date) -> tuple[Application | None, list[FieldError]]:
    """Parse and validate one record; never raises."""
    if not isinstance(raw, dict):
        return None, [FieldError("", "Each application must be a JSON object")]
    try:
        app = Application.model_validate(raw)
    except ValidationError as exc:
        return None, [FieldError(_loc_to_path(e["loc"]), e["msg"]) for e in exc.errors()]
    errors = validate_record(app)
    errors += [e for errs in WizardFlow(app, today=lambda: today).all_errors().values() for e in errs]
    if app.status is Status.DRAFT:
        errors = [e for e in errors if e.code != "required"]
    return app, list(dict.fromkeys(errors))  # the record check and a step may both flag a field


def read_file(path: Path, passphrase: Callable[[], str] | None = None) -> Any:
    """The parsed JSON of an import file; raises ``ImportFileError`` with a plain message for
    anything that is not a readable JSON file within ``MAX_IMPORT_BYTES``. A
    passphrase-protected export is opened with ``passphrase()`` (asked only for such a file)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImportFileError(f"no such file: {path}") from None
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportFileError(f"{path} is a folder; give the applications file inside it")
    if not stat.S_ISREG(info.st_mode):
        raise ImportFileError(f"{path} is not a regular file")
    too_large = ImportFileError(
        f"{path} is larger than {MAX_IMPORT_BYTES // 1_048_576} MB, the most one import reads"
    )
    if info.st_size > MAX_IMPORT_BYTES:
        raise too_large
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise too_large
    raw = _opened(path, raw, passphrase)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path} is not UTF-8 text (byte {exc.start})") from None
    del raw
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise ImportFileError(f"{path} is not an applications file: its JSON is nested too deeply") from None
    except ValueError:  # an integer literal longer than Python converts
        raise ImportFileError(f"{path} is not an applications file: a number in it has too many digits") from None


def parse_file(data: Any) -> tuple[list[Any], dict[str, Any]]:
    """The records and the document contents (id → base64) of an export file; raises
    ``ImportFileError`` when the file is not shaped like one."""
    contents: Any
    if isinstance(data, list):
        records, contents = data, {}
    elif isinstance(data, dict) and isinstance(data.get("applications"), list):
        if data.get("format", FORMAT) != FORMAT:
            raise ImportFileError(f'Not a LeaseDesk applications file ("format" is not "{FORMAT}")')
        version = data.get("version", FORMAT_VERSION)
        if type(version) is not int or version != FORMAT_VERSION:
            raise ImportFileError(f'Unsupported file version (this LeaseDesk reads "version": {FORMAT_VERSION})')
        records, contents = data["applications"], data.get("documents")
        if contents is None:
            contents = {}
        if not isinstance(contents, dict):
            raise ImportFileError('"documents" must be an object mapping document ids to base64 text')
    else:
        raise ImportFileError('Expected a JSON list of applications or {"applications": [...]}')
    if len(records) > MAX_RECORDS:
        raise ImportFileError(f"More than {MAX_RECORDS:,} applications in one file; split it")
    return records, contents


def _document_errors(app: Application, contents: dict[str, Any], seen: set[str]) -> list[FieldError]:
    errors = []
    for i, doc in enumerate(app.documents):
        if doc.id in seen:
            errors.append(FieldError(f"documents[{i}].id", "Another application already holds this document id"))
        if doc.id in contents:
            content = contents[doc.id]
            if not isinstance(content, str):
                errors.append(FieldError(f"documents[{i}]", "The file's content must be base64 text"))
                continue
            try:
                decoded = base64.b64decode(content, validate=True)
            except ValueError:
                errors.append(FieldError(f"documents[{i}]", "The file's content is not base64"))
                continue
            errors += check_attachment(doc, decoded, f"documents[{i}]", name="")[1]
    return errors


def import_applications(store: Store, data: Any, today: date | None = None) -> ImportResult:
    """Check every record, then write all of them in one transaction or none. Raises
    ``ImportFileError`` when ``data`` is not shaped like an applications file."""
    today = today or date.today()
    result = ImportResult()
    records, contents = parse_file(data)
    apps: list[Application] = []
    seen: set[str] = set()
    seen_documents: set[str] = set()
    with store.uow() as uow:
        seen_documents.update(uow.applications.document_holders())
        for index, raw in enumerate(records):
            app, errors = check_record(raw, today)
            result.errors += [RecordError(index, e.path, e.message) for e in errors]
            if app is None:
                continue
            if app.id in seen or uow.applications.exists(app.id):
                result.errors.append(RecordError(index, "id", "This application is already in the store"))
            doc_errors = _document_errors(app, contents, seen_documents)
            result.errors += [RecordError(index, e.path, e.message) for e in doc_errors]
            seen.add(app.id)
            seen_documents.update(d.id for d in app.documents)
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
    from desktop_app.services.audit import AuditTrail

    AuditTrail(store).record_created(result.imported, "import")  # each trail gets its start
    return result


def export_applications(store: Store) -> dict[str, Any]:
    with store.uow() as uow:
        apps = uow.applications.all()
        contents = {}
        for app in apps:
            for doc in app.documents:
                try:
                    contents[doc.id] = base64.b64encode(uow.blobs.get(app.id, doc.id)).decode("ascii")
                except LookupError:
                    pass
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(),
        "applications": [a.model_dump(mode="json") for a in apps],
        "documents": contents,
    }


def export_to_file(store: Store, path: Path, passphrase: str | None = None) -> int:
    """Write every application to ``path`` (0600): as JSON, whose PII is in clear, or with a
    ``passphrase`` sealed in a protected container (docs/formats.md) ``drafts import`` opens."""
    from desktop_app.services.recovery import check_passphrase, seal_export, write_private

    if passphrase is not None:
        check_passphrase(passphrase)  # before anything is read or written
    data = export_applications(store)
    payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    write_private(path, seal_export(payload, passphrase) if passphrase is not None else payload)
    return len(data["applications"])


def _opened(path: Path, raw: bytes, passphrase: Callable[[], str] | None) -> bytes:
    from desktop_app.services.recovery import RecoveryError, is_sealed_export, open_export

    if not is_sealed_export(raw):
        return raw
    if passphrase is None:
        raise ImportFileError(f"{path} is a passphrase-protected export: give its passphrase")
    try:
        return open_export(raw, passphrase())
    except (RecoveryError, ValueError) as exc:
        raise ImportFileError(f"{path}: {exc}") from None
