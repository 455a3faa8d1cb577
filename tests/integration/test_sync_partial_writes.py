"""A push of an item the remote already holds sets only the owned attributes that changed since
the last sync (plus the bookkeeping): an unchanged sealed field keeps its envelope, and the
hash written is the one pull recomputes from what the remote holds."""

from __future__ import annotations

import re

from desktop_app.remote.tables import APP, APPLICANT
from desktop_app.services.autosave import AutosaveService
from desktop_app.sync import audit_heads
from desktop_app.sync import outcome as oc
from desktop_app.sync.keys import appid_for
from tests.fixtures.remote_crypto import field_crypto, kms_key, sealed_store
from tests.fixtures.sync_setup import (
    IDENTITY,
    TABLES,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    remote_applications,
    synthetic_application,
)

WRITE_BOOKKEEPING = {"version", "last_updated", "content_hash"}


def _recording(remote):
    """The remote, keeping every ``TransactWriteItems`` request it is asked to send."""
    sent: list[dict] = []
    build = remote.transaction_request

    def record(tx):
        request = build(tx)
        sent.append(request)
        return request

    remote.transaction_request = record
    return remote, sent


def _set_names(update: dict) -> set[str]:
    names = update["ExpressionAttributeNames"]
    match = re.search(r"SET (.*?)(?: REMOVE |$)", update["UpdateExpression"])
    assert match is not None
    return {names[part.split("=")[0].strip()] for part in match.group(1).split(",")}


def _remove_names(update: dict) -> set[str]:
    names = update["ExpressionAttributeNames"]
    match = re.search(r"REMOVE (.*)$", update["UpdateExpression"])
    return set() if match is None else {names[p.strip()] for p in match.group(1).split(",")}


def test_a_one_field_edit_of_a_person_sets_only_that_attribute_and_the_bookkeeping(moto, tmp_path):
    create_tables(moto)
    key_id = kms_key(moto)
    store = sealed_store(tmp_path / "a")
    remote, sent = _recording(boto_remote(moto.url))
    eng = engine(store, remote, transform=field_crypto(moto, store, remote, key_id))
    app = synthetic_application()
    app.primary_applicant.ssn = "000-12-3456"
    add_apps(store, [app])
    assert [o.result for o in eng.run_once().outcomes] == [oc.SYNCED]
    appid = appid_for(IDENTITY, app.id)
    before = dict(remote_applications(moto)[appid])
    sent.clear()

    AutosaveService(store).save_field(app.id, "primary_applicant.first_name", "Robin")
    assert [o.result for o in eng.run_once().outcomes] == [oc.SYNCED]

    (request,) = sent
    updates = {u["Update"]["TableName"]: u["Update"] for u in request["TransactItems"]}
    applicant = updates[TABLES.for_spec(APPLICANT)]
    app_update = updates[TABLES.for_spec(APP)]
    assert _set_names(applicant) == {"applicant_info"} | WRITE_BOOKKEEPING
    assert _remove_names(applicant) == set()
    # (and this machine's audit head: sync/audit_heads.py)
    head = audit_heads.head_attribute(audit_heads.machine_id(store))
    assert _set_names(app_update) == {"people", head} | WRITE_BOOKKEEPING
    assert _remove_names(app_update) == set()

    after = dict(remote_applications(moto)[appid])
    info_before = before["applicant"]["applicant_info"]
    info_after = after["applicant"]["applicant_info"]
    assert info_after["first_name"] == "Robin"
    # The unchanged sealed fields keep their envelopes: not re-encrypted.
    for sealed in ("ssn_enc", "bank_accounts_enc", "ssn_last4"):
        assert info_after[sealed] == info_before[sealed], sealed
    assert after["applicant"]["created_at"] == before["applicant"]["created_at"]

    # The hash written is the one pull recomputes: nothing looks changed outside LeaseDesk.
    again = eng.run_once()
    assert again.pulled == 0 and again.merged_on_pull == 0 and not again.outcomes
