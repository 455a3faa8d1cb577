"""Recovery files in the GUI (docs/accounts.md, "Recovery files"): the passphrase dialog, the
Settings group that makes and restores one (on the DB worker, never the GUI thread), and the
one-time notice at a store's first start that suggests making one."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.form_parts import button_row, result_label
from desktop_app.services.recovery import MIN_PASSPHRASE

if TYPE_CHECKING:
    from desktop_app.ui.context import AppContext

log = logging.getLogger(__name__)

RECOVERY_SUGGESTION = QT_TRANSLATE_NOOP(
    "RecoveryGroup",
    "<b>Make a recovery file.</b> If the system keyring ever loses the key of these drafts "
    "(a keyring reset, a new computer account), a recovery file is the way to open them "
    "again: Settings › Make a recovery file…",
)


def recovery_suggestion() -> str:
    """:data:`RECOVERY_SUGGESTION` in the current language."""
    return QCoreApplication.translate("RecoveryGroup", RECOVERY_SUGGESTION)


class PassphraseDialog(QDialog):
    """A passphrase, asked twice when a file is made; OK only for a long enough, matching one."""

    def __init__(self, parent: QWidget | None, *, confirm: bool, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        self.confirm: QLineEdit | None = None
        if confirm:
            self.confirm = QLineEdit(self)
            self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
            self.confirm.setAccessibleName(self.tr("Passphrase again"))
            form.addRow(self.tr("&Again:"), self.confirm)
            self.confirm.textChanged.connect(self._check)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.passphrase.textChanged.connect(self._check)
        self._check()

    def value(self) -> str:
        return self.passphrase.text()

    def _check(self) -> None:
        text = self.passphrase.text()
        problem = ""
        if self.confirm is not None and len(text) < MIN_PASSPHRASE:
            problem = self.tr("At least {count} characters.").format(count=MIN_PASSPHRASE)
        elif self.confirm is not None and self.confirm.text() != text:
            problem = self.tr("The two passphrases differ.")
        elif not text:
            problem = self.tr("Type the passphrase.")
        self.error.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)


class RecoveryGroup(QGroupBox):
    """Settings › Recovery file: make one, or restore the key from one."""

    #: (succeeded, message) once a make or restore finished — tests wait on it.
    finished = Signal(bool, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Recovery file"))
        self.ctx = ctx
        self.passphrase_dialog: PassphraseDialog | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("A recovery file holds this profile's data key, sealed under a passphrase. If the "
            "system keyring loses the key, it is the way to open these drafts again. Keep the "
            "file and the passphrase apart, away from this computer."),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row, (self.make_button, self.restore_button) = button_row(
            self,
            (self.tr("&Make a recovery file…"), self.choose_make),
            (self.tr("Restore from a recovery &file…"), self.choose_restore),
        )
        layout.addLayout(row)
        self.message = result_label(self, self.tr("Recovery file result"))
        layout.addWidget(self.message)

    # -- asking --------------------------------------------------------------------------------
    def choose_make(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Make a recovery file"), str(Path.home() / "leasedesk-recovery.json"),
            self.tr("Recovery files (*.json);;All files (*)"),
        )
        if path:
            self._ask(Path(path), confirm=True, then=self.make)

    def choose_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restore from a recovery file"), str(Path.home()),
            self.tr("Recovery files (*.json);;All files (*)"),
        )
        if path:
            self._ask(Path(path), confirm=False, then=self.restore)

    def _ask(self, path: Path, *, confirm: bool, then: Any) -> None:
        dialog = PassphraseDialog(
            self, confirm=confirm, title=self.tr("Recovery file passphrase")
        )
        self.passphrase_dialog = dialog
        dialog.accepted.connect(lambda: then(path, dialog.value()))
        dialog.open()  # window-modal, not a nested event loop

    # -- the work, on the DB worker ------------------------------------------------------------
    def make(self, path: Path, passphrase: str) -> None:
        from desktop_app.services.local_store import export_recovery

        data_dir = self.ctx.data_dir
        self._run(
            lambda: export_recovery(data_dir, path, passphrase),
            lambda key: self.tr("Wrote the recovery file for key {key} to {path}.").format(
                key=key, path=path),
        )

    def restore(self, path: Path, passphrase: str) -> None:
        from desktop_app.services.local_store import import_recovery

        data_dir = self.ctx.data_dir
        self._run(
            lambda: import_recovery(data_dir, path, passphrase),
            lambda done: self.tr("Restored data key {key} to the system keyring.").format(
                key=done.key_fingerprint),
        )

    def _run(self, work: Any, said: Any) -> None:
        self.make_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        self.message.setText(self.tr("Working…"))
        self.ctx.tasks.db(work).success(lambda result: self._done(True, said(result))).failure(
            self._failed
        ).run()

    def _failed(self, exc: BaseException) -> None:
        from desktop_app.auth.errors import AuthError
        from desktop_app.services.errors import ServiceError

        log.warning("recovery file: %s", type(exc).__name__)
        if isinstance(exc, (ServiceError, AuthError)):
            self._done(False, str(exc))
        else:
            self._done(False, self.tr("The recovery file could not be used ({error}).").format(
                error=type(exc).__name__))

    def _done(self, ok: bool, text: str) -> None:
        import shiboken6

        if not shiboken6.isValid(self):
            return
        self.make_button.setEnabled(True)
        self.restore_button.setEnabled(True)
        self.message.setText(text)
        self.finished.emit(ok, text)


def suggest_recovery_file(window: Any, ctx: AppContext) -> None:
    """At a store's first start (once, remembered beside the store), a notice above the list
    suggests making a recovery file. Non-modal; the check runs on the DB worker."""
    from desktop_app.services.recovery import take_recovery_suggestion

    store_path = ctx.store.path

    def shown(due: bool) -> None:
        if due:
            window.show_banner(recovery_suggestion())

    ctx.tasks.db(lambda: take_recovery_suggestion(store_path)).success(shown).failure(
        lambda exc: log.warning("recovery suggestion: %s", type(exc).__name__)
    ).run()
