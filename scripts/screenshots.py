"""Screenshots of the main window, every wizard step and the settings dialog, into
``docs/screenshots/``. Synthetic data only, written through the service layer.

    xvfb-run -a -s "-screen 0 1400x1000x24" .venv/bin/python scripts/screenshots.py [--out DIR] [--language es]

A real X server (Xvfb) gives the same font rendering as a desktop; without a display it falls
back to the offscreen platform. ``QT_SCALE_FACTOR=2`` shows the 200 % layout (files get a
``@2x`` suffix). Data and window settings live in a temp dir, so nothing of yours is touched."""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP = Path(tempfile.mkdtemp(prefix="leasedesk-screenshots-"))
os.environ["XDG_CONFIG_HOME"] = str(TMP / "config")  # QSettings: default window geometry
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QWidget

#: The whole file, one empty page: enough for a document row.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)


def wait(app: QApplication, condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get ready in time")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def grab(app: QApplication, widget: QWidget, path: Path) -> None:
    for _ in range(5):
        app.processEvents()
    # A 256-colour palette keeps UI screenshots small and looks the same (flat colours, text).
    image = (
        widget.grab()
        .toImage()
        .convertToFormat(
            QImage.Format.Format_Indexed8,
            Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither,
        )
    )
    image.save(str(path), "PNG", 0)  # PNG is lossless; 0 = smallest file
    print(
        f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
        f"{image.width()}x{image.height()}, {path.stat().st_size // 1024} KB"
    )


def signature_png(seed: int) -> bytes:
    """A made-up scribble, drawn the way the pad stores one (PNG)."""
    rng = random.Random(seed)
    image = QImage(360, 120, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#1a237e"), 3))
    path = QPainterPath(QPointF(20, 80))
    x = 20.0
    while x < 330:
        x += rng.uniform(18, 34)
        path.quadTo(QPointF(x - 10, rng.uniform(15, 60)), QPointF(x, rng.uniform(60, 100)))
    painter.drawPath(path)
    painter.end()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def _latin(app) -> bool:
    return all(ord(ch) < 0x2000 for _, p in app.people() for ch in p.full_name)


def seed_store(ctx) -> dict[str, str]:
    """A dozen synthetic applications; returns the ids of the ones the screenshots show."""
    from desktop_app.domain.models import Document, DocumentKind
    from desktop_app.domain.nyc_rules import BuildingProfile
    from desktop_app.domain.signing import sign
    from desktop_app.sampledata import synthetic_application

    rng = random.Random(7)
    svc = ctx.autosave

    def make(**kwargs):
        while True:
            candidate = synthetic_application(rng, today=date.today(), **kwargs)
            if _latin(candidate):
                return candidate

    def complete(app_id: str, file_name: str, seed: int) -> None:
        """A pay stub and everyone's signature, through the service like the wizard does."""
        app = svc.load(app_id)
        doc = Document(
            kind=DocumentKind.PAY_STUB,
            person_id=app.primary_applicant.id,
            file_name=file_name,
            content_type="application/pdf",
            size=len(PDF),
            sha256=hashlib.sha256(PDF).hexdigest(),
        )
        svc.attach_document(app_id, doc, PDF)
        app = svc.load(app_id)
        app.signatures = [
            sign(app, p.id, signature_png(seed + n)) for n, (_, p) in enumerate(app.people())
        ]
        app.current_step = 8
        svc.save(app)

    ids: dict[str, str] = {}
    for i in range(11):
        app = make(co_applicants=i % 2, guarantors=int(i % 3 == 0))
        app.current_step = 1 + i % 7
        svc.create_draft(app)
        if i % 4 == 1:
            complete(app.id, "pay-stub.pdf", 10 * i)
            svc.submit(app.id)
            ids.setdefault("submitted", app.id)

    showcase = make(co_applicants=1, guarantors=1, occupants=2)
    showcase.application_info.notes = "Prefers a morning move-in; parking not needed."
    svc.create_draft(showcase)
    complete(showcase.id, "pay-stub-october.pdf", 1)
    ids["showcase"] = showcase.id

    with ctx.store.uow() as uow:
        uow.profiles.upsert(
            BuildingProfile(
                name="Showcase building",
                address=showcase.application_info.building_address,
                applicant_multiple=Decimal(40),
                guarantor_multiple=Decimal(80),
            )
        )
        uow.profiles.upsert(
            BuildingProfile(
                name="Court Street walk-up",
                address="210 Court St, Brooklyn, NY 11201",
                applicant_multiple=Decimal("35.5"),
                guarantor_multiple=Decimal(70),
            )
        )
        uow.commit()

    invalid = make(co_applicants=0, guarantors=0)
    invalid.primary_applicant.email = "taylor.example.com"
    invalid.application_info.application_fee = Decimal(25)
    svc.create_draft(invalid)
    ids["invalid"] = invalid.id
    return ids


def nyc_compliance_shots(app: QApplication, ctx, window, out: Path, suffix: str) -> None:
    """A broker fee refused at its field (the landlord engaged the broker), the consent text
    on the signatures step, and the review's income check on the tenant share."""
    from desktop_app.domain.models import BrokerEngagement, IncomeSource, OtherIncome
    from desktop_app.domain.signing import sign
    from desktop_app.sampledata import synthetic_application
    from desktop_app.wizard import StepId

    rng = random.Random(22)
    svc = ctx.autosave

    def make():
        while True:
            candidate = synthetic_application(rng, today=date.today(), co_applicants=0, guarantors=0)
            if _latin(candidate):
                return candidate

    refused = make()
    refused.application_info.broker_engaged_by = BrokerEngagement.LANDLORD
    refused.application_info.broker_fee = Decimal("2400")
    svc.create_draft(refused)
    voucher = make()
    voucher.application_info.monthly_rent = Decimal(2000)
    voucher.primary_applicant.annual_income = None
    voucher.primary_applicant.other_income = [
        OtherIncome(source=IncomeSource.HOUSING_VOUCHER, description="Section 8", monthly_amount=Decimal(1700)),
        OtherIncome(source=IncomeSource.PUBLIC_BENEFITS, description="SSI", monthly_amount=Decimal(1000)),
    ]
    voucher.signatures = [sign(voucher, p.id, signature_png(40 + n)) for n, (_, p) in enumerate(voucher.people())]
    voucher.current_step = 8
    svc.create_draft(voucher)

    wizard = window.open_wizard(refused.id)
    wait(app, lambda: wizard.is_loaded)
    wizard.show_step(StepId.APPLICATION_INFO)
    wizard.current_page().reveal_all = True
    wizard._refresh()
    page = wizard.current_page()
    page.scroll.ensureWidgetVisible(page.find_field("application_info.broker_fee"))
    grab(app, wizard, out / f"wizard-broker-fee-refused{suffix}.png")
    wizard.close()

    wizard = window.open_wizard(voucher.id)
    wait(app, lambda: wizard.is_loaded)
    wizard.show_step(StepId.SIGNATURES)
    grab(app, wizard, out / f"wizard-signatures-consent{suffix}.png")
    wizard.show_step(StepId.REVIEW)
    grab(app, wizard, out / f"wizard-review-tenant-share{suffix}.png")
    wizard.close()


def webhook_shots(app: QApplication, ctx, window, out: Path, suffix: str, app_id: str) -> None:
    """Settings › Webhooks, and a submitted application's review with its deliveries and each
    person's (synthetic) screening summary."""
    import json

    from desktop_app.services.webhooks import outbox
    from desktop_app.services.webhooks import settings as webhook_settings
    from desktop_app.services.webhooks.payload import PayloadMode
    from desktop_app.ui.settings_dialog import SettingsDialog
    from desktop_app.wizard import StepId

    identity = "us-east-1:0f0e0d0c-0b0a-4909-8807-060504030201"
    webhook_settings.save(ctx.store, "https://hooks.example-brokerage.com/leasedesk",
                          PayloadMode.REFERENCES)
    dialog = SettingsDialog(ctx, window)
    dialog.webhooks.identity = lambda: identity
    dialog.show()
    wait(app, lambda: dialog.webhooks.url.text() != "" and dialog.webhooks.secret_state.text())
    dialog.webhooks._show_secret(True)  # as with a secret in the keyring (none under Xvfb)
    dialog.webhooks.ensurePolished()
    for _ in range(5):
        app.processEvents()
    dialog.scroll.ensureWidgetVisible(dialog.webhooks)
    grab(app, dialog, out / f"settings-webhooks{suffix}.png")
    dialog.close()

    submitted = ctx.autosave.load(app_id)
    answer = {"summary": {"status": "screened", "reference_id": "SCR-20411"}, "people": {}}
    for n, (_role, person) in enumerate(submitted.people()):
        answer["people"][f"{identity}#{person.id}"] = {
            "status": "approved" if n != 1 else "review", "reference_id": f"SCR-2041{n + 2}",
            "decision_time": "2026-12-01T15:42:00Z", "credit_score": 700 + 9 * n,
        }
    with ctx.store.engine.begin() as conn:
        first = outbox.enqueue(conn, app_id, 1, "2026-12-01T15:40:11+00:00")
        outbox.record(conn, first, state=outbox.FAILED, attempts=1, last_status=422,
                      endpoint="https://crm.example-brokerage.com/hooks",
                      last_reason="HTTP 422 Unprocessable Content",
                      last_attempt_at="2026-12-01T15:40:13+00:00", duration_ms=64)
        second = outbox.enqueue(conn, app_id, 1, "2026-12-01T15:41:50+00:00")
        outbox.record(conn, second, state=outbox.DELIVERED, attempts=2, last_status=200,
                      endpoint="https://hooks.example-brokerage.com/leasedesk",
                      last_attempt_at="2026-12-01T15:42:03+00:00", duration_ms=212,
                      response_body=json.dumps(answer))
    wizard = window.open_wizard(app_id)
    wait(app, lambda: wizard.is_loaded)
    wizard.resize(wizard.width(), 900)
    wizard.show_step(StepId.REVIEW)
    page = wizard.current_page()
    wait(app, lambda: page.webhooks.review.deliveries)
    app.processEvents()
    page.scroll.ensureWidgetVisible(page.webhooks, 0, 0)
    page.scroll.verticalScrollBar().setValue(page.webhooks.y())
    grab(app, wizard, out / f"wizard-review-webhooks{suffix}.png")
    wizard.close()


def diagnostics_shots(app: QApplication, ctx, window, out: Path, suffix: str) -> None:
    """Help › Diagnostics… over 30 days of synthetic metrics (a seeded pattern)."""
    import random
    from datetime import UTC, datetime, timedelta

    from desktop_app.services import metrics
    from desktop_app.ui.diagnostics_window import DiagnosticsWindow

    rng = random.Random(19)
    today = datetime.now(UTC).date()
    for back in range(29, -1, -1):
        day = today - timedelta(days=back)
        recorder = metrics.MetricsRecorder(clock=lambda day=day: day)
        recorder.bind(ctx.store)
        for _ in range(rng.randint(8, 24)):
            recorder.count(metrics.SYNC_RUNS, kind="delta", outcome="ok")
        if back % 7 == 3:
            recorder.count(metrics.SYNC_RUNS, kind="delta", outcome="offline")
        recorder.count(metrics.SYNC_RUNS, kind="full", outcome="ok")
        pushed = rng.randint(2, 14)
        for _ in range(pushed):
            recorder.observe(metrics.PUSH_LATENCY, rng.choice((0.04, 0.08, 0.12, 0.3, 0.7, 1.8)))
        recorder.count(metrics.ITEMS_SENT, pushed * 3)
        recorder.count(metrics.BYTES_SENT, pushed * rng.randint(2500, 4200))
        recorder.count(metrics.ITEMS_RECEIVED, rng.randint(0, 9))
        recorder.count(metrics.SIGN_INS, outcome="ok", cause="")
        if back in (12, 13):
            recorder.count(metrics.SIGN_INS, outcome="failed", cause="WrongPassword")
        recorder.count(metrics.CREDENTIAL_REFRESHES, rng.randint(10, 20), outcome="ok", cause="")
        recorder.count(metrics.WEBHOOK_DELIVERIES, pushed, outcome="delivered")
        recorder.unbind(ctx.store)
    dialog = DiagnosticsWindow(window)
    dialog.resize(760, 640)
    dialog.show()
    dialog.load()
    wait(app, lambda: dialog.report is not None)
    grab(app, dialog, out / f"diagnostics{suffix}.png")
    dialog.close()


def wizard_look_shots(app: QApplication, ctx, window, out: Path, suffix: str, ids: dict[str, str]) -> None:
    """The wizard's frame at 1366x768: a new form before anything is typed, the step marks with
    the specific error a later step waits on, a submitted application's read-only fields, and
    the same step in a dark scheme."""
    from PySide6.QtGui import QColor, QPalette

    from desktop_app.wizard import StepId

    def opened(app_id: str):
        wizard = window.open_wizard(app_id)
        wait(app, lambda: wizard.is_loaded)
        area = wizard.screen().availableGeometry()
        wizard.setGeometry(area)  # the whole 1366x768 screen, as a maximised window
        return wizard

    draft = ctx.tasks.db(ctx.autosave.create_draft).run().result(timeout=15)
    wizard = opened(draft.id)
    grab(app, wizard, out / f"wizard-new-untouched{suffix}.png")
    wizard.show_step(StepId.GUARANTORS)  # refused: names what blocks it
    grab(app, wizard, out / f"wizard-step-marks{suffix}.png")
    wizard.close()
    ctx.tasks.db(lambda: ctx.autosave.delete_draft(draft.id)).run().result(timeout=15)

    wizard = opened(ids["submitted"])
    wizard.show_step(StepId.PRIMARY_APPLICANT)
    grab(app, wizard, out / f"wizard-read-only-fields{suffix}.png")
    wizard.close()

    before = app.palette()
    dark = QPalette(QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        dark.setColor(role, QColor("#e6e6e6"))
    dark.setColor(QPalette.ColorRole.ToolTipBase, QColor("#3d3a2a"))
    dark.setColor(QPalette.ColorRole.ToolTipText, QColor("#f0ead0"))
    app.setPalette(dark)
    try:
        wizard = opened(ids["submitted"])
        wizard.show_step(StepId.PRIMARY_APPLICANT)
        grab(app, wizard, out / f"wizard-dark{suffix}.png")
        wizard.close()
    finally:
        app.setPalette(before)


def records_shots(app: QApplication, ctx, window, out: Path, suffix: str, ids: dict[str, str]) -> None:
    """The PDF's first page (painted by the PDF's own code), the review's receipt and audit
    trail, the details pane and the needs-attention panel. The showcase gets a receipt as a
    sync would leave it, and a second application a needs-attention reason."""
    from datetime import UTC, datetime

    from desktop_app.services.records import pdf_input
    from desktop_app.storage.sync_records import AppSyncState, Receipt, StateUpdate
    from desktop_app.storage.sync_repository import sync_uow
    from desktop_app.ui.pdf_export import render_first_page_image
    from desktop_app.wizard import StepId

    app_id = ids["showcase"]
    shown = ctx.autosave.load(app_id)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    tables = ["app"] + [{"applicant": "applicant", "co_applicant": "coapplicant",
                         "guarantor": "guarantor"}[r.value] for r, _ in shown.people()]
    with sync_uow(ctx.store) as uow:
        uow.sync.put_state(StateUpdate(app_id, appid=f"screenshot#{app_id}", state=AppSyncState.SYNCED, remote_version=3,
                                       last_synced_at=now))
        uow.sync.replace_receipts(app_id, [
            Receipt(t, f"k{i}", None, 3, hashlib.sha256(f"{t}{i}".encode()).hexdigest(), now)
            for i, t in enumerate(tables)
        ])
        other = next(i for k, i in ids.items() if k not in ("showcase",))
        uow.sync.set_attention(other, 1, "The server refused this e-mail address; correct it",
                               "2 Primary applicant", "primary_applicant.email")
        uow.commit()
    ctx.autosave.audit.record(app_id, "synced", version=3)
    render_first_page_image(pdf_input(ctx.store, shown), dpi=100).save(
        str(out / f"pdf-first-page{suffix}.png"))
    window.resize(1340, 740)
    window.reload()
    wait(app, lambda: window.model.loaded)
    window.select(app_id)
    wait(app, lambda: window.details.app_id == app_id and window.attention.list.count() > 0)
    docks = [window.findChild(QWidget, name) for name in ("details_dock", "attention_dock")]
    window.resizeDocks(docks, [560, 150], Qt.Orientation.Vertical)
    grab(app, window.details, out / f"details-pane{suffix}.png")
    grab(app, window.attention, out / f"needs-attention{suffix}.png")
    grab(app, window, out / f"main-window-details{suffix}.png")
    wizard = window.open_wizard(app_id)
    wait(app, lambda: wizard.is_loaded)
    wizard.show_step(StepId.REVIEW)
    records = wizard.pages[StepId.REVIEW].records
    wait(app, lambda: records.audit.table.rowCount() > 0)
    page = wizard.pages[StepId.REVIEW]
    page.scroll.ensureWidgetVisible(records)
    grab(app, records.receipt, out / f"review-receipt{suffix}.png")
    grab(app, records, out / f"review-audit-trail{suffix}.png")
    wizard.close()


def main_window_look_shots(app: QApplication, ctx, window, out: Path, suffix: str, ids: dict[str, str]) -> None:
    """The main window at its default size on a 1366x768 screen: every sync state with its
    icon, the same in a dark scheme, and the empty state of a new store."""
    from PySide6.QtGui import QColor, QPalette

    from desktop_app.storage.store import open_store
    from desktop_app.ui.applications_model import (
        APP_ID_ROLE, CONFLICT, NEEDS_ATTENTION, NOT_SYNCED, PENDING, SYNCED,
    )
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow

    model = window.model
    every = [model.index(r, 0).data(APP_ID_ROLE) for r in range(model.rowCount())]
    cycle = (SYNCED, PENDING, SYNCED, NEEDS_ATTENTION, SYNCED, CONFLICT, NOT_SYNCED)
    states = {app_id: cycle[i % len(cycle)] for i, app_id in enumerate(every)}
    window.set_sync_states(states)
    counts = {state: list(states.values()).count(state) for state in cycle}
    def said(text: str) -> str:  # the sync status line's words, in the app's language
        return app.translate("SyncStatusController", text)

    def said_n(n: int, one: str, other: str) -> str:
        return said(one if n == 1 else other).replace("%n", str(n))

    window.set_sync_status(" · ".join((
        said("Online"),
        said("{n} pending").format(n=counts[PENDING]),
        said_n(counts[CONFLICT], "%n conflict", "%n conflicts"),
        said_n(counts[NEEDS_ATTENTION], "%n needs attention", "%n need attention"),
    )))
    window.set_sync_icon("conflict")
    window.select(ids["showcase"])
    grab(app, window, out / f"main-window-sync-states{suffix}.png")

    before = app.palette()
    dark = QPalette(QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.AlternateBase, QColor("#262626"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        dark.setColor(role, QColor("#e6e6e6"))
    app.setPalette(dark)
    try:
        window.set_sync_icon("conflict")
        grab(app, window, out / f"main-window-dark{suffix}.png")
    finally:
        app.setPalette(before)
        window.set_sync_icon("conflict")

    empty_ctx = AppContext.open(TMP / "empty", open_store(TMP / "empty" / "leasedesk.sqlite3"))
    try:
        empty = MainWindow(empty_ctx)
        empty.resize(window.size())
        empty.show()
        wait(app, lambda: empty.model.loaded)
        grab(app, empty, out / f"main-window-empty{suffix}.png")
        empty.close()
    finally:
        empty_ctx.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--language", default="en", choices=["en", "es"],
                        help="the app's language; other than English, files get a -<code> suffix")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    suffix = "" if scale in ("", "1", "1.0") else f"@{scale}x"
    if args.language != "en":
        suffix = f"-{args.language}{suffix}"

    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("LeaseDesk")
    if args.language != "en":
        import subprocess

        from desktop_app.ui.language import apply_language

        subprocess.run([sys.executable, str(ROOT / "scripts" / "build-translations")], check=True)
        apply_language(app, args.language)
    from desktop_app.storage.store import open_store
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.settings_dialog import SettingsDialog
    from desktop_app.wizard import StepId

    ctx = AppContext.open(TMP / "data", open_store(TMP / "data" / "leasedesk.sqlite3"))
    try:
        ids = seed_store(ctx)
        window = MainWindow(ctx)
        window.show()
        wait(app, lambda: window.model.loaded)
        # The account menu and status line as the app shows them with no backend configured.
        from desktop_app.auth.account_service import AccountService
        from desktop_app.config import load_config
        from desktop_app.ui.account_ui import AccountController

        offline = load_config(None, env={}, read_default_file=False)
        accounts = AccountController(window, ctx, AccountService(offline, TMP / "data"), offline)
        wait(app, lambda: window.account_menu.menuAction().isVisible() and accounts.menu.actions())
        window.select(ids["showcase"])
        wait(app, lambda: window.details.app_id == ids["showcase"])
        grab(app, window, out / f"main-window{suffix}.png")
        window.search.setText("court")
        grab(app, window, out / f"main-window-search{suffix}.png")
        window.search.clear()

        wizard = window.open_wizard(ids["showcase"])
        wait(app, lambda: wizard.is_loaded)
        for step in wizard.flow.steps():
            wizard.show_step(step.id)  # through the flow, as an agent would (all steps valid)
            grab(app, wizard, out / f"wizard-{step.number}-{step.id.value}{suffix}.png")
        wizard.close()

        wizard = window.open_wizard(ids["invalid"])
        wait(app, lambda: wizard.is_loaded)
        wizard.show_step(StepId.APPLICATION_INFO)
        wizard.current_page().reveal_all = True
        wizard._refresh()
        grab(app, wizard, out / f"wizard-errors{suffix}.png")
        wizard.close()

        nyc_compliance_shots(app, ctx, window, out, suffix)

        wizard = window.open_wizard(ids["submitted"])
        wait(app, lambda: wizard.is_loaded)
        wizard.show_step(StepId.REVIEW)
        grab(app, wizard, out / f"wizard-submitted-read-only{suffix}.png")
        wizard.close()

        from desktop_app.auth.errors import WrongPassword
        from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME
        from desktop_app.ui.account_ui import SANDBOX_BANNER, SANDBOX_SIGN_IN_NOTE

        def tr(text: str) -> str:  # the account controller's words, in the app's language
            return app.translate("AccountController", text)
        from desktop_app.ui.sign_in_dialog import SignInDialog

        sign_in = SignInDialog(
            window,
            username=DEMO_USERNAME,
            password=DEMO_PASSWORD,
            note=tr(SANDBOX_SIGN_IN_NOTE).format(username=DEMO_USERNAME, password=DEMO_PASSWORD),
        )
        sign_in.show()
        grab(app, sign_in, out / f"sign-in{suffix}.png")
        sign_in.show_error(str(WrongPassword()))
        grab(app, sign_in, out / f"sign-in-error{suffix}.png")
        sign_in.ask_new_password()
        grab(app, sign_in, out / f"sign-in-new-password{suffix}.png")
        sign_in.reject()
        window.show_banner(tr(SANDBOX_BANNER).format(username=DEMO_USERNAME, password=DEMO_PASSWORD))
        window.set_sync_status(tr("Signed in as {username}").format(username="demo.agent"))
        grab(app, window, out / f"main-window-sandbox{suffix}.png")
        window.show_banner("")

        dialog = SettingsDialog(ctx, window)
        dialog.show()
        wait(app, lambda: dialog.tree.topLevelItemCount() > 0)
        dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
        grab(app, dialog, out / f"settings{suffix}.png")
        dialog.add_button.click()
        editor = dialog.editor
        editor.address.setText("55 Atlantic Ave, Brooklyn, NY 11217")
        editor.name.setText("Atlantic corner")
        grab(app, editor, out / f"settings-profile-editor{suffix}.png")
        editor.reject()
        dialog.close()
        diagnostics_shots(app, ctx, window, out, suffix)
        webhook_shots(app, ctx, window, out, suffix, ids["submitted"])
        wizard_look_shots(app, ctx, window, out, suffix, ids)
        records_shots(app, ctx, window, out, suffix, ids)
        main_window_look_shots(app, ctx, window, out, suffix, ids)
        window.close()
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
