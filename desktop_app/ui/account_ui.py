"""The account menu, sign-in and sign-out, the embedded sandbox, and switching the local store
when the active profile changes. Every account call runs on ``ctx.tasks.network``; opening and
closing stores on ``ctx.tasks.db``.

``ctx.services.accounts`` is the one ``AccountService`` of the app, ``ctx.services.config`` its
``AppConfig`` (both replaced with the container when the sandbox starts); ``account_changed``
fires after every sign-in or sign-out, ``store_switched`` after the list shows another
profile's store."""

from __future__ import annotations

import html
import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from desktop_app.services.changes import OpChanges
from desktop_app.ui.sign_in_dialog import SignInDialog

if TYPE_CHECKING:
    from desktop_app.ui.context import AppContext
    from desktop_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

NO_BACKEND_STATUS = QT_TRANSLATE_NOOP(
    "AccountController",
    "Offline · no sync backend configured (see docs/accounts.md, or run with --sandbox)",
)
SANDBOX_BANNER = QT_TRANSLATE_NOOP(
    "AccountController",
    "<b>Sandbox.</b> LeaseDesk is running against a demo backend inside the app. Everything "
    "in it — and the drafts of this session, kept in a temporary folder — is gone when the "
    "app closes. Demo agent: <b>{username}</b>, password <b>{password}</b>."
)
SANDBOX_SIGN_IN_NOTE = QT_TRANSLATE_NOOP(
    "AccountController",
    "This is the sandbox. Its demo agent is filled in — user name {username}, password "
    "{password} — press Sign in."
)


def _message(exc: BaseException) -> str:
    from desktop_app.auth.errors import AuthError

    if isinstance(exc, AuthError):
        return str(exc)
    log.error("account operation failed: %s", type(exc).__name__)
    return QCoreApplication.translate(
        "AccountController", "Something went wrong ({error}). Try again; your drafts are safe."
    ).format(error=type(exc).__name__)


def _local_date(moment: datetime) -> str:
    from desktop_app.ui.formats import format_date

    return format_date(moment.astimezone().date())


class AccountController(QObject):
    #: The signed-in account changed: its ``AccountInfo``, or None.
    account_changed = Signal(object)
    #: The main window now shows another profile's store (``ctx.store`` was replaced).
    store_switched = Signal()

    def __init__(
        self, window: MainWindow, ctx: AppContext, accounts: Any = None, config: Any = None
    ) -> None:
        """``accounts`` and ``config`` replace the context's backend when given."""
        super().__init__(window)
        self.window, self.ctx = window, ctx
        if config is not None:
            ctx.services = ctx.services.with_backend(config, accounts)
        self.info: Any = None
        self.sandbox: Any = None
        self.dialog: SignInDialog | None = None
        self._challenge: Any = None
        self.menu = window.account_menu
        self.menu.menuAction().setVisible(True)
        self.refresh()

    @property
    def accounts(self) -> Any:
        return self.ctx.services.accounts

    @property
    def config(self) -> Any:
        return self.ctx.services.config

    # -- who is signed in ------------------------------------------------------------------
    def refresh(self) -> None:
        self.ctx.tasks.network(self.accounts.current_account).success(self._show_account).failure(
            lambda exc: self._show_account(None)
        ).run()

    def _show_account(self, info: Any) -> None:
        self.info = info
        self.menu.clear()
        configured = bool(self.config.backend_configured)

        def note(text: str) -> None:
            action = self.menu.addAction(text)
            action.setEnabled(False)

        if not configured:
            note(self.tr("No sync backend is configured"))
            self._add(self.menu, self.tr("&How to set one up…"), self._explain_backend)
            self.window.set_sync_status(self.tr(NO_BACKEND_STATUS))
        elif info is None:
            note(self.tr("Not signed in"))
            self._add(self.menu, self.tr("&Sign in…"), self.sign_in, "Ctrl+Shift+I")
            self.window.set_sync_status(self.tr("Not signed in · choose Account › Sign in to sync"))
        else:
            note(self.tr("Signed in as {username}").format(username=info.username))
            if info.sign_in_required:
                note(self.tr("The sign-in has expired: sign in again to sync"))
                self._add(self.menu, self.tr("&Sign in again…"), self.sign_in, "Ctrl+Shift+I")
                self.window.set_sync_status(self.tr("Sign in again to sync · drafts are kept"))
            else:
                note(
                    self.tr("Sync works without signing in again until {date}").format(
                        date=_local_date(info.signed_in_until)
                    )
                )
                if info.warn:
                    from desktop_app.ui.plurals import plural

                    days = info.days_left(datetime.now(UTC))
                    note("⚠ " + plural(
                        "AccountController", days,
                        "Sign in again within %n day to keep syncing",
                        "Sign in again within %n days to keep syncing",
                    ))
                    self._add(self.menu, self.tr("Sign in &again now…"), self.sign_in)
                self.window.set_sync_status(self.tr("Signed in as {username}").format(username=info.username))
            self.menu.addSeparator()
            self._add(self.menu, self.tr("Sign &out…"), self.sign_out)
        self.account_changed.emit(info)

    def _add(self, menu: Any, text: str, slot: Any, shortcut: str = "") -> QAction:
        action = menu.addAction(text)
        if shortcut:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _explain_backend(self) -> None:
        from desktop_app.auth.errors import NotConfigured

        QMessageBox.information(self.window, self.tr("Sync backend"), str(NotConfigured()))

    # -- signing in ------------------------------------------------------------------------
    def sign_in(self, username: str = "", password: str = "", note: str = "") -> SignInDialog:
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        if self.sandbox is not None and not password:
            # Every sign-in to the sandbox, also after a sign-out, offers the demo agent.
            username = username or self.sandbox.demo_username
            if username == self.sandbox.demo_username:
                password = self.sandbox.demo_password
            note = note or self.tr(SANDBOX_SIGN_IN_NOTE).format(
                username=self.sandbox.demo_username, password=self.sandbox.demo_password
            )
        if not username and self.info is not None:
            username = self.info.username
        dialog = SignInDialog(self.window, username=username, password=password, note=note)
        dialog.sign_in_requested.connect(
            lambda u, p: self._call(dialog, lambda: self._sandbox_secret(self.accounts.sign_in(u, p)))
        )
        dialog.new_password_chosen.connect(
            lambda pw: self._call(
                dialog, lambda: self.accounts.respond_new_password(self._challenge, pw)
            )
        )
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _call(self, dialog: SignInDialog, fn: Any) -> None:
        self.ctx.tasks.network(fn).success(lambda r: self._answered(dialog, r)).failure(
            lambda exc: self._failed(dialog, exc)
        ).run()

    def _sandbox_secret(self, result: Any) -> Any:
        """On the sandbox, the demo agent's webhooks go to its receiver: keep its secret in
        the keyring for the signed-in identity (network thread)."""
        account = getattr(result, "account", None)
        if self.sandbox is not None and account is not None:
            self.sandbox.give_webhook_secret(account.identity_id)
        return result

    def _failed(self, dialog: SignInDialog, exc: BaseException) -> None:
        from desktop_app.auth.errors import DataKeyMissing
        from desktop_app.services.account_keys import KeyUnwrapFailed, StoreKeyMissing

        if not isinstance(exc, (KeyUnwrapFailed, StoreKeyMissing, DataKeyMissing)):
            dialog.show_error(_message(exc))
            return
        # Signed in, but the drafts' key did not come back: offer the recovery file, which
        # restores it for this account; signing in again then wraps it anew.
        from desktop_app.ui.recovery_ui import RecoveryGroup

        group = RecoveryGroup(self.ctx, dialog)
        group.finished.connect(
            lambda ok, _text: ok and dialog.intro.setText(
                self.tr("The key is back in the system keyring. Press Sign in again.")
            )
        )
        dialog.offer_recovery(_message(exc), group)

    def _answered(self, dialog: SignInDialog, result: Any) -> None:
        if result.challenge is not None:
            self._challenge = result.challenge
            dialog.ask_new_password()
            return
        self._challenge = None
        dialog.accept()
        between = None
        # A sandbox identity is new on every run: it never takes over real local drafts.
        if (
            self.sandbox is None
            and result.local_profile_adoptable
            and self._ask_adoption(result.account.username)
        ):
            between = self.accounts.adopt_local_profile
        self.switch_store(between)

    def _ask_adoption(self, username: str) -> bool:
        count = self.window.model.total
        if count == 0:
            return True  # nothing to ask about; building profiles come along
        from desktop_app.ui.plurals import plural

        text = plural(
            "AccountController", count,
            "This computer has %n application made before anyone signed in.\n\n"
            "Make it {username}'s, so it syncs with this account?\n\n"
            "If you choose No, it stays here in the local profile and you see it again "
            "after signing out.",
            "This computer has %n applications made before anyone signed in.\n\n"
            "Make them {username}'s, so they sync with this account?\n\n"
            "If you choose No, they stay here in the local profile and you see them again "
            "after signing out.",
        ).format(username=username)
        answer = QMessageBox.question(
            self.window,
            self.tr("Applications on this computer"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- signing out -----------------------------------------------------------------------
    def sign_out(self) -> None:
        """Count the drafts not synced yet (DB worker), ask whether the store key can come
        back after signing out (network worker: KMS), then ask the agent."""
        from desktop_app.services.status import StatusService

        store = self.ctx.store
        accounts = self.accounts

        def unsynced() -> int:
            return StatusService(store).sync_status().pending

        def check(count: int) -> None:
            self.ctx.tasks.network(lambda: accounts.sign_out_check(count)).success(
                self._confirm_sign_out
            ).failure(lambda exc: QMessageBox.warning(self.window, QCoreApplication.translate("AccountController", "Sign out"), _message(exc))).run()

        self.ctx.tasks.db(unsynced).success(check).failure(
            lambda exc: QMessageBox.warning(self.window, self.tr("Sign out"), _message(exc))
        ).run()

    def _confirm_sign_out(self, check: Any) -> None:
        who = self.info.username if self.info is not None else self.tr("this account")
        text = self.tr(
            "Sign out {who}?\n\nThe applications of {who}, synced or not, stay on this "
            "computer and come back when {who} signs in again. Applications made while no one "
            "is signed in are kept separately."
        ).format(who=who)
        if check.locks and check.unsynced:
            text += f"\n\n{check.message}"
        if not check.safe:
            text += "\n\n" + self.tr("Sign out anyway?")
        answer = QMessageBox.question(
            self.window,
            self.tr("Sign out") if check.safe else self.tr("Sign out — applications not synced"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.tasks.network(self.accounts.sign_out).success(
            lambda _info: self.switch_store()
        ).failure(lambda exc: QMessageBox.warning(self.window, self.tr("Sign out"), _message(exc))).run()

    # -- the store follows the active profile ----------------------------------------------
    def switch_store(self, between: Any = None) -> None:
        """Close the wizards (their edits become durable), then on the DB worker close the
        store, run ``between`` (adoption), and open the now-active profile's store."""
        from desktop_app.ui.local_session import reopen_store
        from desktop_app.ui.settings_dialog import SettingsDialog

        self.window.close_wizards()
        for dialog in self.window.findChildren(SettingsDialog):  # it edits the old store
            dialog.close()
        self.window.show_loading()
        old = self.ctx.services
        self.ctx.tasks.db(lambda: reopen_store(old, between)).success(
            self._switched
        ).failure(self._switch_failed).run()

    def _switched(self, reopened: Any) -> None:
        # The backend stays the one in use now (the sandbox may have started meanwhile).
        current = self.ctx.services
        self.ctx.services = replace(
            reopened.services, config=current.config, accounts=current.accounts
        )
        self.window.show_rows(reopened.rows)
        self.ctx.bus.tell(OpChanges(profiles=True))  # another store: other building profiles
        self.store_switched.emit()
        self.refresh()

    def _switch_failed(self, exc: BaseException) -> None:
        text = self.tr("The applications of this profile could not be opened.\n\n{error}").format(
            error=exc)
        self.window.show_loading(text)
        QMessageBox.warning(self.window, "LeaseDesk", text)
        self.refresh()

    # -- the embedded sandbox --------------------------------------------------------------
    def start_sandbox(self) -> None:
        """``--sandbox``: start the emulator (seconds) on the network pool, then offer the
        demo agent's credentials."""
        self.window.show_banner(self.tr("<b>Sandbox.</b> Starting the demo backend…"))

        def start() -> tuple[Any, Any]:
            from desktop_app.sandbox import start_embedded_sandbox

            handle = start_embedded_sandbox()
            try:
                return handle, handle.config()
            except BaseException:
                handle.stop()
                raise

        self.ctx.tasks.network(start).success(self._sandbox_ready).failure(
            lambda exc: self.window.show_banner(self.tr("<b>Sandbox.</b> It could not start: {exc}").format(exc=exc))
        ).run()

    def _sandbox_ready(self, started: tuple[Any, Any]) -> None:
        handle, config = started
        self.sandbox = handle
        self.ctx.sandbox = handle
        self.ctx.services = self.ctx.services.with_backend(config)
        banner = self.tr(SANDBOX_BANNER).format(
            username=handle.demo_username, password=html.escape(handle.demo_password)
        )
        self.window.show_banner(banner)
        self.refresh()
        self.sign_in()

    def shutdown(self) -> None:
        """At exit (blocking): a sandbox identity signs out and the emulator stops."""
        if self.sandbox is None:
            return
        try:
            self.accounts.sign_out()
        except Exception as exc:  # noqa: BLE001 — best effort; the emulator is going away
            log.warning("sandbox sign-out at exit failed: %s", type(exc).__name__)
        self.sandbox.stop()
        self.sandbox = None
