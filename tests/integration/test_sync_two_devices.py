"""Two machines of the same agent (two data directories, the same identity id) edit the same
applications: every conflict is detected, non-overlapping edits merge, and nothing is
overwritten silently — the remote keeps the other machine's value until the agent chooses."""

from __future__ import annotations

from decimal import Decimal

from desktop_app.services.autosave import AutosaveService
from desktop_app.services.sync_service import SyncService
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync import outcome as oc
from tests.fixtures.sync_setup import (
    add_apps,
    boto_remote,
    create_tables,
    engine,
    local_docs,
    new_store,
    person,
    remote_docs,
    synthetic_application,
)


def _device(tmp_path, name, moto):
    store = new_store(tmp_path / name)
    eng = engine(store, boto_remote(moto.url))
    autosave = AutosaveService(store)
    service = SyncService(store, lambda: eng, autosave=autosave)
    return store, eng, autosave, service


def test_overlapping_edits_conflict_and_the_rest_merges(moto, tmp_path):
    create_tables(moto)
    store_a, _eng_a, edit_a, sync_a = _device(tmp_path, "a", moto)
    store_b, _eng_b, edit_b, sync_b = _device(tmp_path, "b", moto)
    app = synthetic_application(co_applicants=1)
    add_apps(store_a, [app])
    assert not sync_a.sync_once().failed
    assert sync_b.sync_once().pulled == 1
    casey = app.co_applicants[0].id

    # Both machines edit while apart.
    edit_a.save_field(app.id, "primary_applicant.email", "a.changed@example.test")
    edit_a.save_field(app.id, "primary_applicant.phone", "+1 212 555 0199")
    a_copy = edit_a.load(app.id)
    a_copy.guarantors.append(person("Gale"))
    edit_a.save(a_copy)
    edit_b.save_field(app.id, "primary_applicant.email", "b.changed@example.test")
    edit_b.save_field(app.id, "application_info.monthly_rent", Decimal(3100))
    edit_b.save_field(app.id, "co_applicants[0].first_name", "Caseyb")

    assert sync_a.sync_once().count(oc.SYNCED) == 1
    report_b = sync_b.sync_once()
    assert [o.result for o in report_b.outcomes] == [oc.CONFLICT]

    # Detected: exactly the overlapping field, with base, local and remote values kept.
    conflicts = sync_b.conflicts(app.id)
    assert [(c.path, c.local, c.remote) for c in conflicts] == [
        ("primary_applicant.email", "b.changed@example.test", "a.changed@example.test")
    ]
    assert conflicts[0].base == app.primary_applicant.email
    # Not overwritten: the remote still holds A's write untouched by B.
    remote = remote_docs(moto)[app.id]
    assert remote["primary_applicant"]["email"] == "a.changed@example.test"
    assert remote["application_info"]["monthly_rent"] == "2850"
    # Merged on B meanwhile: A's phone and guarantor, B's rent and co-applicant name.
    edit_b.forget(app.id)
    b_now = edit_b.load(app.id)
    assert b_now.primary_applicant.phone == "+1 212 555 0199"
    assert len(b_now.guarantors) == 1
    assert b_now.application_info.monthly_rent == Decimal(3100)
    assert b_now.primary_applicant.email == "b.changed@example.test"
    assert sync_b.status().conflicts == 1
    # While the conflict is open, syncing again pushes nothing over it.
    assert sync_b.sync_once().outcomes == []
    assert remote_docs(moto)[app.id]["primary_applicant"]["email"] == "a.changed@example.test"

    # The agent chooses the other machine's email; the merged whole is pushed.
    assert sync_b.resolve(app.id, {"primary_applicant.email": "remote"}) == 0
    assert sync_b.sync_once().count(oc.SYNCED) == 1
    final = remote_docs(moto)[app.id]
    assert final["primary_applicant"]["email"] == "a.changed@example.test"
    assert final["primary_applicant"]["phone"] == "+1 212 555 0199"
    assert final["application_info"]["monthly_rent"] == "3100"
    assert [p["first_name"] for p in final["co_applicants"]] == ["Caseyb"]
    assert final["co_applicants"][0]["id"] == casey and len(final["guarantors"]) == 1

    # A had nothing unsynced: it simply takes the result. Both machines and the remote agree.
    assert sync_a.sync_once().pulled == 1
    assert local_docs(store_a) == local_docs(store_b) == remote_docs(moto)


def test_non_overlapping_edits_merge_without_asking(moto, tmp_path):
    create_tables(moto)
    store_a, _, edit_a, sync_a = _device(tmp_path, "a", moto)
    store_b, _, edit_b, sync_b = _device(tmp_path, "b", moto)
    app = synthetic_application(co_applicants=1, guarantors=1)
    add_apps(store_a, [app])
    sync_a.sync_once()
    sync_b.sync_once()
    edit_a.save_field(app.id, "application_info.unit", "12C")
    a_copy = edit_a.load(app.id)
    a_copy.co_applicants.append(person("Dana"))  # each adds a different person
    edit_a.save(a_copy)
    edit_b.save_field(app.id, "primary_applicant.last_name", "Renamed")
    b_copy = edit_b.load(app.id)
    b_copy.co_applicants.append(person("Eli"))
    b_copy.guarantors = []  # and B removes the guarantor A did not touch
    edit_b.save(b_copy)

    assert sync_a.sync_once().count(oc.SYNCED) == 1
    report = sync_b.sync_once()
    assert [o.result for o in report.outcomes] == [oc.MERGED]
    final = remote_docs(moto)[app.id]
    assert final["application_info"]["unit"] == "12C"
    assert final["primary_applicant"]["last_name"] == "Renamed"
    assert sorted(p["first_name"] for p in final["co_applicants"]) == ["Casey", "Dana", "Eli"]
    assert final["guarantors"] == []
    sync_a.sync_once()
    assert local_docs(store_a) == local_docs(store_b) == remote_docs(moto)
    with sync_uow(store_b) as uow:
        assert uow.sync.conflicts() == []


def test_person_removed_here_and_edited_there_is_one_conflict(moto, tmp_path):
    create_tables(moto)
    store_a, _, edit_a, sync_a = _device(tmp_path, "a", moto)
    _store_b, _, edit_b, sync_b = _device(tmp_path, "b", moto)
    app = synthetic_application(co_applicants=1)
    add_apps(store_a, [app])
    sync_a.sync_once()
    sync_b.sync_once()
    edit_a.save_field(app.id, "co_applicants[0].email", "still.here@example.test")
    b_copy = edit_b.load(app.id)
    b_copy.co_applicants = []
    edit_b.save(b_copy)
    sync_a.sync_once()
    assert [o.result for o in sync_b.sync_once().outcomes] == [oc.CONFLICT]
    (conflict,) = sync_b.conflicts(app.id)
    casey = app.co_applicants[0].id
    assert conflict.path == f"co_applicants.@{casey}"
    assert conflict.local is None and conflict.remote["email"] == "still.here@example.test"
    # Keep the person after all (the other machine's version of them).
    sync_b.resolve(app.id, {conflict.path: "remote"})
    # B now holds exactly what the remote holds: nothing to write, the outbox empties.
    report = sync_b.sync_once()
    assert [o.result for o in report.outcomes] == [oc.UNCHANGED] and not report.failed
    assert sync_b.status().pending == 0
    assert remote_docs(moto)[app.id]["co_applicants"][0]["email"] == "still.here@example.test"


def test_submitted_applications_arrive_read_only_on_the_other_machine(moto, tmp_path):
    import pytest

    from desktop_app.domain.models import Status
    from desktop_app.services.errors import ReadOnlyError

    create_tables(moto)
    store_a, _, _, sync_a = _device(tmp_path, "a", moto)
    _, _, edit_b, sync_b = _device(tmp_path, "b", moto)
    app = synthetic_application(guarantors=1)
    app.status = Status.SUBMITTED
    add_apps(store_a, [app])
    assert not sync_a.sync_once().failed
    assert sync_b.sync_once().pulled == 1
    pulled = edit_b.load(app.id)
    assert pulled.is_read_only and len(pulled.guarantors) == 1
    with pytest.raises(ReadOnlyError):
        edit_b.save_field(app.id, "application_info.unit", "2B")
