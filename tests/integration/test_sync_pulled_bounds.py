"""Numbers out of bounds written to the tables by another system (moto over HTTP): the pulling
machine keeps the application and the value, flags the value at its field, qualifies without
raising, and later syncs run clean."""

from __future__ import annotations

from decimal import Decimal

from desktop_app.domain.nyc_rules import qualify
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.sync_service import SyncService
from desktop_app.sync.keys import appid_for
from desktop_app.wizard.flow import WizardFlow
from tests.fixtures.sync_setup import (
    IDENTITY,
    TABLES,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    new_store,
    synthetic_application,
)

HUGE_RENT = Decimal("9.9999999999999999999999999999999999999E+125")  # DynamoDB's largest number
HUGE_INCOME = Decimal("9" * 38)


def _device(tmp_path, name, moto):
    store = new_store(tmp_path / name)
    eng = engine(store, boto_remote(moto.url))
    autosave = AutosaveService(store)
    return store, autosave, SyncService(store, lambda: eng, autosave=autosave)


def _other_system_writes(moto, app_id: str) -> None:
    """Another system's update of the app and applicant items, version bumped."""
    from desktop_app.remote.tables import ALL_TABLES

    client = moto.resource("dynamodb")
    appid = appid_for(IDENTITY, app_id)
    for spec in ALL_TABLES:
        table = client.Table(TABLES.for_spec(spec))
        for item in table.scan()["Items"]:
            if item.get("appid") != appid:
                continue
            if "application_info" in item:
                item["application_info"]["monthly_rent"] = HUGE_RENT
                item["current_step"] = Decimal(10**30)
            for key, value in item.items():
                if key.endswith("_info") and isinstance(value, dict) and "annual_income" in value:
                    value["annual_income"] = HUGE_INCOME
            if "version" in item:
                item["version"] += 1
            table.put_item(Item=item)


def test_a_pulled_number_out_of_bounds_is_kept_and_flagged_never_refused(moto, tmp_path):
    create_tables(moto)
    store_a, _, sync_a = _device(tmp_path, "a", moto)
    store_b, autosave_b, sync_b = _device(tmp_path, "b", moto)
    app = synthetic_application()
    add_apps(store_a, [app])
    assert not sync_a.sync_once().failed

    _other_system_writes(moto, app.id)
    report = sync_b.sync_once()
    assert not report.failed, report.errors
    assert report.pulled == 1

    pulled = autosave_b.load(app.id)
    assert pulled.application_info.monthly_rent == HUGE_RENT
    assert pulled.primary_applicant.annual_income == HUGE_INCOME
    errors = {e.path: e.message for errs in WizardFlow(pulled).all_errors().values() for e in errs}
    assert errors["application_info.monthly_rent"] == "Must be at most $100,000,000"
    assert errors["primary_applicant.annual_income"] == "Must be at most $100,000,000"
    q = qualify(pulled)  # never raises; the amounts out of bounds count for nothing
    assert q.monthly_rent == 0 and q.household_income == 0
    assert q.monthly_subsidy == Decimal("1250.50")  # the voucher, a subsidy rather than income

    # The application stays editable and syncs: the agent corrects the rent, and it goes out.
    autosave_b.save_field(app.id, "application_info.monthly_rent", "2850.00")
    assert not sync_b.sync_once().failed
    assert not sync_a.sync_once().failed
    assert AutosaveService(store_a).load(app.id).application_info.monthly_rent == Decimal("2850.00")
