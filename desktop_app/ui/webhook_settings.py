"""Settings › Webhooks: the URL events are sent to, the signing secret (write-only: it goes to
the keyring and is never shown again), the payload mode (references only, or the full
application, which carries PII), and "Send test event". The store is written on the DB worker,
the keyring and the test event on the network pool; a refusal shows at its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.ui.form_parts import button_row, result_label
from desktop_app.services.webhooks.payload import PayloadMode
from desktop_app.ui.wizard.form import error_label

MODES = [
    (PayloadMode.REFERENCES, QT_TRANSLATE_NOOP(
        "WebhookSettingsGroup", "References only — the receiver reads the tables (no PII)")),
    (PayloadMode.FULL, QT_TRANSLATE_NOOP(
        "WebhookSettingsGroup", "Full application as exported — carries PII")),
]


def _identity_of(ctx: Any) -> str | None:
    accounts = getattr(ctx, "accounts", None)
    account = accounts.current_account() if accounts is not None else None
    return getattr(account, "identity_id", None)


class WebhookSettingsGroup(QGroupBox):
    #: The stored settings were read (tests wait on it).
    loaded = Signal()
    #: A save or a test finished: the message shown.
    finished = Signal(str)

    def __init__(
        self, ctx: Any, parent: QWidget | None = None,
        identity: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Webhooks"))
        self.ctx = ctx
        self.identity = identity or (lambda: _identity_of(ctx))
        form = QFormLayout(self)
        intro = QLabel(
            self.tr("A submitted application is announced to the brokerage's systems (screening, CRM, "
            "back office) once it has synced; their answers come back into the review.")
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://hooks.example.com/leasedesk")
        self.url.setAccessibleName(self.tr("Webhook URL"))
        self.url_error = error_label(self.tr("Webhook URL"))
        form.addRow(self.tr("URL"), self.url)
        form.addRow("", self.url_error)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Webhook secret"))
        self.secret.setPlaceholderText(self.tr("whsec_… (kept in the system keyring, never shown)"))
        self.secret_error = error_label(self.tr("Webhook secret"))
        self.secret_state = QLabel("", self)
        form.addRow(self.tr("Secret"), self.secret)
        form.addRow("", self.secret_state)
        form.addRow("", self.secret_error)
        self.mode = QComboBox(self)
        self.mode.setAccessibleName(self.tr("Payload"))
        for mode, label in MODES:
            self.mode.addItem(self.tr(label), mode.value)
        form.addRow(self.tr("Payload"), self.mode)
        row, (self.save_button, self.test_button) = button_row(
            self,
            (self.tr("Save webhook settings"), self.save),
            (self.tr("Send test event"), self.send_test),
        )
        form.addRow(row)
        self.message = result_label(self, self.tr("Webhook result"))
        form.addRow(self.message)
        self.reload()

    # -- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        from desktop_app.services.webhooks import settings

        store, config = self.ctx.store, self.ctx.config
        default = getattr(config, "webhook_url", None)
        identity = self.identity()

        def read() -> tuple[Any, bool | None, str | None]:
            current = settings.load(store, default)
            with store.engine.connect() as conn:
                from desktop_app.services.webhooks.outbox import disabled_reason

                gone = disabled_reason(conn, current.url) if current.url else None
            return current, None, gone

        self.ctx.tasks.db(read).success(self._show).run()
        if identity is not None:
            from desktop_app.auth.secrets import SecretStore

            self.ctx.tasks.network(
                lambda: settings.has_secret(SecretStore(), identity)
            ).success(self._show_secret).failure(
                lambda exc: self._show_secret(None)
            ).run()
        else:
            self._show_secret(None)

    def _show(self, result: tuple[Any, bool | None, str | None]) -> None:
        if not isValid(self):
            return
        current, _secret, gone = result
        self.url.setText(current.url or "")
        self.mode.setCurrentIndex(max(0, self.mode.findData(current.payload_mode.value)))
        if gone:
            self.message.setText(self.tr("Deliveries to this URL are stopped: {gone}. Resend one to retry.").format(gone=gone))
        self.loaded.emit()

    def _show_secret(self, has: bool | None) -> None:
        if not isValid(self):
            return
        if has is None:
            self.secret_state.setText(self.tr("Sign in to keep a secret for this account."))
        else:
            self.secret_state.setText(self.tr("A secret is set.") if has else self.tr("No secret set yet."))
        signed_in = self.identity() is not None
        self.secret.setEnabled(signed_in)
        self.test_button.setEnabled(signed_in)

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        from desktop_app.services.webhooks import settings
        from desktop_app.services.webhooks.signing import EndpointRefused, check_secret, check_url

        self.url_error.hide()
        self.secret_error.hide()
        url = self.url.text().strip()
        secret = self.secret.text().strip()
        try:
            if url:
                check_url(url)
        except EndpointRefused as exc:
            self._field_error(self.url_error, str(exc))
            return
        try:
            if secret:
                check_secret(secret)
        except EndpointRefused as exc:
            self._field_error(self.secret_error, str(exc))
            return
        mode = PayloadMode(self.mode.currentData())
        store, identity = self.ctx.store, self.identity()
        self.ctx.tasks.db(lambda: settings.save(store, url or None, mode)).success(
            lambda _s: self._saved_url(secret, identity)
        ).failure(lambda exc: self._field_error(self.url_error, str(exc))).run()

    def _saved_url(self, secret: str, identity: str | None) -> None:
        if not secret or identity is None:
            self._done(self.tr("Webhook settings saved."))
            return
        from desktop_app.auth.secrets import SecretStore
        from desktop_app.services.webhooks import settings

        self.ctx.tasks.network(lambda: settings.set_secret(SecretStore(), identity, secret)).success(
            lambda _r: self._secret_saved()
        ).failure(lambda exc: self._field_error(self.secret_error, str(exc))).run()

    def _secret_saved(self) -> None:
        if isValid(self):
            self.secret.clear()
            self._show_secret(True)
            self._done(self.tr("Webhook settings saved; the secret is in the system keyring."))

    # -- the test event --------------------------------------------------------------------
    def send_test(self) -> None:
        from desktop_app.auth.secrets import SecretStore
        from desktop_app.services.webhooks import settings
        from desktop_app.services.webhooks.service import WebhookService

        identity = self.identity()
        if identity is None:
            return
        store, default = self.ctx.store, getattr(self.ctx.config, "webhook_url", None)
        service = WebhookService(
            store, identity, settings=lambda: settings.load(store, default),
            secret=lambda: settings.read_secret(SecretStore(), identity),
        )
        self.message.setText(self.tr("Sending a test event…"))
        self.ctx.tasks.network(service.send_test).success(self._tested).failure(
            lambda exc: self._done(self.tr("The test event was not sent: {error}").format(error=exc))
        ).run()

    def _tested(self, attempt: Any) -> None:
        if attempt.status is not None and 200 <= attempt.status < 300:
            self._done(self.tr("Test event delivered (HTTP {status}, {ms} ms).").format(
                status=attempt.status, ms=attempt.duration_ms))
        else:
            self._done(self.tr("Test event not accepted: {reason}.").format(reason=attempt.reason))

    # -- messages --------------------------------------------------------------------------
    def _field_error(self, label: QLabel, text: str) -> None:
        if isValid(self):
            label.setText(text)
            label.show()
            self.finished.emit(text)

    def _done(self, text: str) -> None:
        if isValid(self):
            self.message.setText(text)
            self.finished.emit(text)
