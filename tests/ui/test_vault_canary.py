"""The vault canary: an agent signs in to the sandbox backend (moto's Cognito and KMS over HTTP,
the real Secret Service), types an application through the wizard's real widgets with a
distinctive value in every PII field (names, address, e-mail, phone, employer, SSN, date of
birth, incomes, a bank account), attaches a document and signs, syncs, and signs out. Then no
file under the data, config, state, cache or home folders holds any canary, in clear or in
base64; plain ``sqlite3`` cannot read the store; and the drafts are locked (their key left the
keyring) until the same account signs in again.

Failures name the file and the canary's label, never its value."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop_app.auth.account_service import AccountService
from desktop_app.auth.errors import KeyringUnavailable
from desktop_app.config import load_config
from desktop_app.domain.models import Document, DocumentKind, IncomeSource
from desktop_app.domain.signing import sign as sign_over
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, provision
from desktop_app.services.local_store import open_account_store
from desktop_app.services.sync_service import SyncService, build_engine
from desktop_app.storage.paths import database_path
from desktop_app.sync import outcome as oc
from desktop_app.ui.context import AppContext
from desktop_app.wizard import StepId
from tests.fixtures.canary import leaks
from tests.ui.wizard_helpers import WAIT_MS, button, choose, click, fill, open_window, png_bytes

FIRST, LAST = "Quillfeather", "Xanthoporos"
CANARIES = {
    "first name": FIRST.encode(),
    "last name": LAST.encode(),
    "street": b"7731 Zephyrine Way",
    "e-mail": b"quill.xantho@canary.example",
    "phone": b"(646) 555-0193",
    "employer": b"Brumblewick Foundry",
    "ssn": b"912-77-4321",
    "ssn digits": b"912774321",
    "date of birth": b"1961-03-17",
    "income": b"987654",
    "voucher": b"Voucherquorn Program",
    "bank": b"Frobisher Savings Cooperative",
    "balance": b"43219.87",
    "document": b"canary-document-body-6621",
    "signature image": png_bytes(),
}
PDF = (
    b"%PDF-1.4\n% canary-document-body-6621\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)


@pytest.fixture
def roots(tmp_path, monkeypatch) -> dict[str, Path]:
    """Every folder the app may write to, private to this test."""
    out = {name: tmp_path / name for name in ("home", "data", "config", "state", "cache")}
    for path in out.values():
        path.mkdir()
    monkeypatch.setenv("HOME", str(out["home"]))
    for name in ("data", "config", "state", "cache"):
        monkeypatch.setenv(f"XDG_{name.upper()}_HOME", str(out[name]))
    return out


def scan(roots: dict[str, Path]) -> list[str]:
    found = []
    for name, root in roots.items():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            found += [f"{name}/{path.relative_to(root)}: {label}"
                      for label in leaks(path.read_bytes(), CANARIES)]
    return found


def test_no_canary_in_any_file_after_wizard_sync_and_sign_out(
    qtbot, qapp, moto, secret_service, roots, qsettings_dir
) -> None:
    backend = provision(moto.url)
    config = load_config(None, env=backend.settings(), read_default_file=False)
    assert config.kms_key_id, "the sandbox backend configures a KMS key"
    data_dir = roots["data"] / "leasedesk"
    accounts = AccountService(config, data_dir)
    accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    factory = accounts.aws_session_factory()
    identity = factory.identity_id

    ctx = AppContext.open(data_dir, open_account_store(data_dir))
    try:
        app_id = ctx.tasks.db(ctx.autosave.create_draft).run().result(timeout=WAIT_MS / 1000).id
        window = open_window(qtbot, ctx, app_id)
        fill(qtbot, window, {
            "application_info.building_address": "350 W 42nd St",
            "application_info.unit": "12C",
            "application_info.monthly_rent": "3,150",
            "application_info.move_in_date": "01/01/2027",
        })
        click(qtbot, window.next_button)
        assert window.flow.current.id is StepId.PRIMARY_APPLICANT, window.reason.text()
        page = window.current_page()
        fill(qtbot, window, {
            "primary_applicant.first_name": FIRST,
            "primary_applicant.last_name": LAST,
            "primary_applicant.date_of_birth": "03/17/1961",
            "primary_applicant.email": "quill.xantho@canary.example",
            "primary_applicant.phone": "(646) 555-0193",
            "primary_applicant.current_address.street": "7731 Zephyrine Way",
            "primary_applicant.current_address.city": "Queens",
            "primary_applicant.current_address.zip": "11375",
            "primary_applicant.ssn": "912-77-4321",
            "primary_applicant.employment.employer": "Brumblewick Foundry",
            "primary_applicant.annual_income": "987654",
        })
        click(qtbot, button(page, "Add other income (voucher, benefits…)"))
        choose(qtbot, window, "primary_applicant.other_income[0].source",
               IncomeSource.HOUSING_VOUCHER.value)
        fill(qtbot, window, {
            "primary_applicant.other_income[0].description": "Voucherquorn Program",
            "primary_applicant.other_income[0].monthly_amount": "1200",
        })
        click(qtbot, button(page, "Add bank account"))
        fill(qtbot, window, {
            "primary_applicant.bank_accounts[0].institution": "Frobisher Savings Cooperative",
            "primary_applicant.bank_accounts[0].approximate_balance": "43219.87",
        })
        window.close()
        ctx.tasks.flush()

        # A document and a signature, through the services the wizard's pages call.
        app = ctx.autosave.load(app_id)
        assert app.primary_applicant.last_name == LAST, "the typed values were not saved"
        person = app.primary_applicant.id
        ctx.autosave.attach_document(app_id, Document(
            kind=DocumentKind.PAY_STUB, person_id=person, file_name="stub.pdf",
            content_type="application/pdf", size=len(PDF),
            sha256=hashlib.sha256(PDF).hexdigest(),
        ), PDF)
        app = ctx.autosave.load(app_id)
        app.signatures = [sign_over(app, person, CANARIES["signature image"])]
        ctx.autosave.save(app)

        store = ctx.store
        report = SyncService(
            store, lambda: build_engine(store, factory, config, concurrency=1)
        ).sync_once()
        assert [o.result for o in report.outcomes] == [oc.SYNCED], report.summary()
    finally:
        ctx.close()

    accounts.sign_out()

    assert scan(roots) == []
    path = database_path(data_dir, identity)
    assert path.is_relative_to(roots["data"]) and path.stat().st_size > 0
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    # Signed out, the drafts are locked: their key is not in the keyring any more.
    with pytest.raises(KeyringUnavailable):
        open_account_store(data_dir, identity).close()
    # The same account signing in again opens them.
    accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    reopened = open_account_store(data_dir, identity)
    try:
        from desktop_app.services.autosave import AutosaveService

        assert AutosaveService(reopened).load(app_id).primary_applicant.last_name == LAST
    finally:
        reopened.close()
