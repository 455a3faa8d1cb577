"""Repositories over one connection of a unit of work. Writes use SQLAlchemy Core statements
on the ORM's tables. The outbox row of every new application and of every revision is written
by the database's own triggers (migration 0003), in the statement that makes the change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, delete, func, insert, select, update

from desktop_app.domain.models import Application, utcnow
from desktop_app.domain.nyc_rules import BuildingProfile
from desktop_app.storage.codec import DocumentCodec
from desktop_app.storage.orm import ApplicationRow, BuildingProfileRow, DocumentBlobRow, OutboxRow

APPS = ApplicationRow.__table__
OUTBOX = OutboxRow.__table__
BLOBS = DocumentBlobRow.__table__
PROFILES = BuildingProfileRow.__table__


SAVE_SQL = (
    f"UPDATE {APPS.name} SET data=?, revision=revision+1, updated_at=?, status=?, "
    "current_step=?, applicant_name=?, building_address=?, unit=?, monthly_rent=? "
    "WHERE id=? AND deleted_at IS NULL"
)
SAVE_EXPECTED_SQL = SAVE_SQL + " AND revision=?"
SAVE_SQL += " RETURNING revision"
SAVE_EXPECTED_SQL += " RETURNING revision"


#: Where the time of a write comes from: the unit of work's, which the autosave service sets to
#: the clock it stamps the document's own ``updated_at`` with.
Clock = Callable[[], datetime]


def iso(ts: datetime) -> str:
    """A time as the ``updated_at``/``deleted_at`` columns hold it."""
    return ts.isoformat(timespec="microseconds")


def now_iso(clock: Clock = utcnow) -> str:
    return iso(clock())


class NotFound(LookupError):
    pass


class ConcurrentChange(RuntimeError):
    """The row moved on since it was read (another writer); reload and try again."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What the applications list shows of one application."""

    id: str
    status: str
    applicant_name: str
    building_address: str
    unit: str
    monthly_rent: str
    updated_at: str
    revision: int
    current_step: int


#: The list columns and how each is read off an application.
SUMMARY_OF: dict[str, Callable[[Application], str | int]] = {
    "status": lambda app: app.status.value,
    "current_step": lambda app: app.current_step,
    "applicant_name": lambda app: app.primary_applicant.full_name,
    "building_address": lambda app: app.application_info.building_address,
    "unit": lambda app: app.application_info.unit,
    "monthly_rent": lambda app: (
        "" if app.application_info.monthly_rent is None else str(app.application_info.monthly_rent)
    ),
}
#: The field paths that feed a list column, and the column.
SUMMARY_COLUMN_OF_PATH = {
    "status": "status",
    "current_step": "current_step",
    "primary_applicant.first_name": "applicant_name",
    "primary_applicant.middle_name": "applicant_name",
    "primary_applicant.last_name": "applicant_name",
    "application_info.building_address": "building_address",
    "application_info.unit": "unit",
    "application_info.monthly_rent": "monthly_rent",
}


def summary_columns(app: Application) -> dict[str, str | int]:
    return {column: of(app) for column, of in SUMMARY_OF.items()}


class ApplicationRepository:
    def __init__(
        self, conn: Connection, codec: DocumentCodec | None = None, clock: Clock = utcnow
    ) -> None:
        self._conn = conn
        self._codec = codec or DocumentCodec()
        self._clock = clock

    def add(self, app: Application) -> int:
        ts = now_iso(self._clock)
        self._conn.execute(
            insert(APPS),
            {
                "id": app.id,
                "revision": 1,
                "data": self._codec.encode(app),
                "created_at": app.created_at.isoformat(),
                "updated_at": ts,
                **summary_columns(app),
            },
        )
        return 1

    def save(self, app: Application, expected_revision: int | None = None) -> int:
        """Write the whole document; returns the new revision. With ``expected_revision``
        the write happens only if nobody else wrote in between.

        A whole save (a page applied, a step change) runs one pre-built SQL string on the
        driver: no statement construction or compilation per call."""
        ts = now_iso(self._clock)
        cols = summary_columns(app)
        params = (
            self._codec.encode(app), ts, cols["status"], cols["current_step"],
            cols["applicant_name"], cols["building_address"], cols["unit"],
            cols["monthly_rent"], app.id,
        )
        if expected_revision is None:
            row = self._conn.exec_driver_sql(SAVE_SQL, params).first()
        else:
            row = self._conn.exec_driver_sql(SAVE_EXPECTED_SQL, (*params, expected_revision)).first()
        if row is None:
            if expected_revision is not None and self.exists(app.id):
                raise ConcurrentChange(app.id)
            raise NotFound(app.id)
        revision: int = row[0]
        return revision

    def exists(self, app_id: str) -> bool:
        return self._conn.execute(select(APPS.c.id).where(APPS.c.id == app_id)).first() is not None

    def get(self, app_id: str) -> tuple[Application, int]:
        """The application and its revision."""
        row = self._conn.execute(
            select(APPS.c.data, APPS.c.revision).where(
                APPS.c.id == app_id, APPS.c.deleted_at.is_(None)
            )
        ).first()
        if row is None:
            raise NotFound(app_id)
        return self._codec.decode(app_id, row.data), row.revision

    def all(self) -> list[Application]:
        rows = self._conn.execute(
            select(APPS.c.id, APPS.c.data).where(APPS.c.deleted_at.is_(None)).order_by(APPS.c.created_at)
        )
        return [self._codec.decode(r.id, r.data) for r in rows]

    def summaries(self) -> list[Summary]:
        cols = [getattr(APPS.c, f) for f in Summary.__dataclass_fields__]
        rows = self._conn.execute(
            select(*cols).where(APPS.c.deleted_at.is_(None)).order_by(APPS.c.updated_at.desc())
        )
        return [Summary(*r) for r in rows]

    def mark_deleted(self, app_id: str) -> int:
        ts = now_iso(self._clock)
        row = self._conn.execute(
            update(APPS)
            .where(APPS.c.id == app_id, APPS.c.deleted_at.is_(None))
            .values(deleted_at=ts, revision=APPS.c.revision + 1, updated_at=ts)
            .returning(APPS.c.revision)
        ).first()
        if row is None:
            raise NotFound(app_id)
        self._conn.execute(delete(BLOBS).where(BLOBS.c.application_id == app_id))
        revision: int = row[0]
        return revision

    def document_holders(self) -> dict[str, str]:
        """Document id → the application (not deleted) whose documents list it or whose
        stored bytes carry it: the ids a new application must not reuse. One pass over the
        store, for checking many documents at once (an import)."""
        rows = self._conn.exec_driver_sql(
            f"SELECT json_extract(d.value, '$.id'), a.id FROM {APPS.name} AS a, "
            "json_each(a.data, '$.documents') AS d WHERE a.deleted_at IS NULL "
            f"UNION ALL SELECT document_id, application_id FROM {BLOBS.name}"
        )
        return {doc_id: app_id for doc_id, app_id in rows if isinstance(doc_id, str)}

    def counts(self) -> dict[str, int]:
        rows = self._conn.execute(
            select(APPS.c.status, func.count())
            .where(APPS.c.deleted_at.is_(None))
            .group_by(APPS.c.status)
        )
        return {status: n for status, n in rows}


class OutboxRepository:
    """The sync engine's queue: one row per changed revision; drained per application."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def pending(self) -> dict[str, int]:
        """Application id → newest revision waiting to be pushed."""
        rows = self._conn.execute(
            select(OUTBOX.c.application_id, func.max(OUTBOX.c.revision)).group_by(
                OUTBOX.c.application_id
            )
        )
        return {app_id: rev for app_id, rev in rows}

    def count(self) -> int:
        return self._conn.execute(
            select(func.count(func.distinct(OUTBOX.c.application_id)))
        ).scalar_one()

    def acknowledge(self, app_id: str, revision: int) -> None:
        """Drop the rows up to ``revision``: those changes have reached the remote."""
        self._conn.execute(
            delete(OUTBOX).where(OUTBOX.c.application_id == app_id, OUTBOX.c.revision <= revision)
        )

    def acknowledge_many(self, acknowledged: list[tuple[str, int]]) -> None:
        """:meth:`acknowledge` for many (application id, revision) pairs in one statement: the
        sync engine confirms in batches (pre-built SQL on the driver's executemany)."""
        if acknowledged:
            self._conn.exec_driver_sql(
                f"DELETE FROM {OUTBOX.name} WHERE application_id = ? AND revision <= ?",
                list(acknowledged),
            )

    def drop(self, app_id: str) -> None:
        """Drop every row of ``app_id``: nothing of it is left to push."""
        self._conn.execute(delete(OUTBOX).where(OUTBOX.c.application_id == app_id))


class DocumentBlobRepository:
    """Documents' bytes, always addressed by (application id, document id): an application
    reads, replaces and removes only its own."""

    def __init__(self, conn: Connection, codec: DocumentCodec | None = None) -> None:
        self._conn = conn
        self._codec = codec or DocumentCodec()

    def _row(self, app_id: str, document_id: str) -> ColumnElement[bool]:
        return (BLOBS.c.application_id == app_id) & (BLOBS.c.document_id == document_id)

    def put(self, app_id: str, document_id: str, content: bytes, problem: str | None = None) -> None:
        """Store (or replace) the bytes; ``problem``: why they fail the document checks, when
        they are kept anyway."""
        self._conn.execute(delete(BLOBS).where(self._row(app_id, document_id)))
        self._conn.execute(
            insert(BLOBS),
            {
                "document_id": document_id,
                "application_id": app_id,
                "content": self._codec.seal_blob(app_id, document_id, content),
                "problem": problem,
            },
        )

    def get(self, app_id: str, document_id: str) -> bytes:
        row = self._conn.execute(
            select(BLOBS.c.content).where(self._row(app_id, document_id))
        ).first()
        if row is None:
            raise NotFound(document_id)
        return self._codec.open_blob(app_id, document_id, row[0])

    def remove(self, app_id: str, document_id: str) -> None:
        self._conn.execute(delete(BLOBS).where(self._row(app_id, document_id)))

    def problems(self, app_id: str) -> dict[str, str]:
        """Document id → why its kept bytes fail the document checks."""
        rows = self._conn.execute(
            select(BLOBS.c.document_id, BLOBS.c.problem).where(
                BLOBS.c.application_id == app_id, BLOBS.c.problem.is_not(None)
            )
        )
        return {r.document_id: r.problem for r in rows}


class BuildingProfileRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def all(self) -> list[BuildingProfile]:
        rows = self._conn.execute(select(PROFILES).order_by(PROFILES.c.name, PROFILES.c.address))
        return [
            BuildingProfile(
                name=r.name,
                address=r.address,
                applicant_multiple=r.applicant_multiple,
                guarantor_multiple=r.guarantor_multiple,
            )
            for r in rows
        ]

    def upsert(self, profile: BuildingProfile) -> None:
        values = {
            "name": profile.name,
            "address": profile.address,
            "applicant_multiple": str(profile.applicant_multiple),
            "guarantor_multiple": str(profile.guarantor_multiple),
        }
        done = self._conn.execute(
            update(PROFILES).where(PROFILES.c.address == profile.address).values(**values)
        )
        if done.rowcount == 0:
            self._conn.execute(insert(PROFILES), values)

    def remove(self, address: str) -> None:
        self._conn.execute(delete(PROFILES).where(PROFILES.c.address == address))
