"""What the applications list reads, through the summaries service on a real SQLite file."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.domain.models import Application, ApplicationInfo, Person
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.summaries import SummariesService
from desktop_app.storage.store import open_store


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "db.sqlite3")
    yield s
    s.close()


def draft(first: str, building: str, rent: str | None) -> Application:
    """A synthetic draft (never real people)."""
    return Application(
        application_info=ApplicationInfo(
            building_address=building,
            unit="4B",
            monthly_rent=None if rent is None else Decimal(rent),
        ),
        primary_applicant=Person(first_name=first, last_name="Testperson"),
    )


def reread(store):
    with open_store(store.path) as other:
        return SummariesService(other).list()


def test_an_empty_store_lists_nothing(store) -> None:
    assert SummariesService(store).list() == []


def test_the_list_follows_every_edit_newest_first_without_deleted_drafts(store) -> None:
    autosave = AutosaveService(store)
    first = autosave.create_draft(draft("Avery", "1 Test Row", "2500.50"))
    second = autosave.create_draft(draft("Blake", "2 Test Row", None))
    third = autosave.create_draft(draft("Casey", "3 Test Row", "1999"))
    autosave.save_field(first.id, "primary_applicant.first_name", "Avra")  # the field hot path
    autosave.delete_draft(third.id)

    rows = reread(store)
    assert [r.id for r in rows] == [first.id, second.id]  # edited last comes first
    avra, blake = rows
    assert avra.applicant_name == "Avra Testperson"
    assert (avra.building_address, avra.unit, avra.monthly_rent) == ("1 Test Row", "4B", "2500.50")
    assert avra.status == "draft" and avra.revision == 2
    assert blake.monthly_rent == ""

    app = autosave.load(second.id)
    app.application_info.unit = "12"
    autosave.save(app)
    assert [(r.id, r.unit) for r in reread(store)][0] == (second.id, "12")
