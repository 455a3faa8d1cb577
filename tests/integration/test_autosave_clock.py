"""The list's ``updated_at`` column and the document's own ``updated_at`` come from one clock: the
one the autosave service is given."""

from datetime import UTC, datetime, timedelta

import pytest

from desktop_app.services.autosave import AutosaveService
from desktop_app.storage.store import open_store

START = datetime(2031, 5, 4, 9, 30, tzinfo=UTC)


class ManualClock:
    """A clock that moves only when the test moves it."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self) -> None:
        self.now += timedelta(minutes=1)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "db.sqlite3")
    yield s
    s.close()


def _row(store, app_id):
    with store.uow() as uow:
        return next(s for s in uow.applications.summaries() if s.id == app_id)


def test_every_kind_of_write_stamps_the_row_with_the_documents_time(store):
    clock = ManualClock()
    svc = AutosaveService(store, now=clock)
    app = svc.create_draft()

    clock.advance()
    svc.save_field(app.id, "primary_applicant.first_name", "Synthetic")
    assert _row(store, app.id).updated_at == svc.load(app.id).updated_at.isoformat(
        timespec="microseconds"
    )

    edited, token = svc.open_for_edit(app.id)
    edited.application_info.unit = "4B"
    clock.advance()
    svc.save(edited, based_on=token)
    stored = svc.load(app.id).updated_at
    assert stored == clock.now
    assert _row(store, app.id).updated_at == stored.isoformat(timespec="microseconds")

    clock.advance()
    svc.delete_draft(app.id)
    with store.engine.connect() as conn:
        deleted_at = conn.exec_driver_sql(
            "SELECT deleted_at FROM applications WHERE id=?", (app.id,)
        ).scalar()
    assert deleted_at == clock.now.isoformat(timespec="microseconds")


def test_the_list_orders_by_the_services_clock_not_the_wall_clock(store):
    clock = ManualClock()
    svc = AutosaveService(store, now=clock)
    older, newer = svc.create_draft(), svc.create_draft()
    clock.advance()
    svc.save(svc.open_for_edit(newer.id)[0])
    clock.advance()
    svc.save(svc.open_for_edit(older.id)[0])
    with store.uow() as uow:
        rows = uow.applications.summaries()
    assert [r.id for r in rows] == [older.id, newer.id]
    assert all(r.updated_at.startswith("2031-05-04") for r in rows)
