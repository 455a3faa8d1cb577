"""The sign-in dialog: user name and password, then — when the user pool asks for it — a new
password. It only collects and shows; the account controller runs the network calls and calls
back ``show_error`` / ``ask_new_password`` / ``accept``."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.error_style import error_style


class SignInDialog(QDialog):
    #: user name, password — the agent pressed Sign in.
    sign_in_requested = Signal(str, str)
    #: new password — the agent chose one after NEW_PASSWORD_REQUIRED.
    new_password_chosen = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        username: str = "",
        password: str = "",
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to sync"))
        self._new_password_mode = False
        self.recovery: QWidget | None = None  # shown when the store key cannot be unlocked
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            note or self.tr("Sign in to sync your applications. LeaseDesk works offline without it."),
            self,
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        form = QFormLayout()
        self.username = QLineEdit(username, self)
        self.username.setAccessibleName(self.tr("User name"))
        self.password = QLineEdit(password, self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.new_password = QLineEdit(self)
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setAccessibleName(self.tr("New password"))
        self.confirm_password = QLineEdit(self)
        self.confirm_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_password.setAccessibleName(self.tr("Repeat the new password"))
        self.setMinimumWidth(self.fontMetrics().height() * 28)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&New password:"), self.new_password)
        form.addRow(self.tr("&Repeat it:"), self.confirm_password)
        self._form = form
        layout.addLayout(form)
        self._show_new_password_rows(False)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Sign-in problem"))
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet(error_style(bold=True))
        self.error.setVisible(False)
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(self.tr("&Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.password if username else self.username).setFocus()

    def _show_new_password_rows(self, visible: bool) -> None:
        for field in (self.new_password, self.confirm_password):
            self._form.setRowVisible(field, visible)
        for field in (self.username, self.password):
            self._form.setRowVisible(field, not visible)

    # -- called by the controller --------------------------------------------------------
    def set_busy(self, busy: bool, text: str = "") -> None:
        text = text or self.tr("Signing in…")
        self.ok_button.setEnabled(not busy)
        for field in (self.username, self.password, self.new_password, self.confirm_password):
            field.setEnabled(not busy)
        if busy:
            self.error.setVisible(False)
            self.ok_button.setText(text)
        else:
            self.ok_button.setText(self.tr("&Set password") if self._new_password_mode else self.tr("&Sign in"))

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)
        self.error.setVisible(True)
        self._fit()
        focus = self.new_password if self._new_password_mode else self.password
        focus.setFocus()
        focus.selectAll()

    def offer_recovery(self, text: str, recovery: QWidget) -> None:
        """The account's store key could not be unlocked: show why, and ``recovery`` (the
        recovery-file controls) above the buttons, once."""
        if self.recovery is None:
            self.recovery = recovery
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self.buttons), recovery)
            recovery.show()
        else:
            recovery.deleteLater()
        self.show_error(text)

    def ask_new_password(self) -> None:
        """The user pool wants a new password (first sign-in with a temporary one)."""
        self._new_password_mode = True
        self._show_new_password_rows(True)
        self.intro.setText(
            self.tr("This is the first sign-in with a temporary password. Choose your own password.")
        )
        self.set_busy(False)
        self.error.setVisible(False)
        self._fit()
        self.new_password.setFocus()

    def _fit(self) -> None:
        """Grow to show what was added (a wrapped error, the new-password rows)."""
        self.layout().activate()
        self.resize(
            self.width(),
            max(self.height(), self.heightForWidth(self.width()), self.sizeHint().height()),
        )

    # -- the agent -----------------------------------------------------------------------
    def _submit(self) -> None:
        if self._new_password_mode:
            new, again = self.new_password.text(), self.confirm_password.text()
            if not new:
                self.show_error(self.tr("Enter a new password."))
            elif new != again:
                self.show_error(self.tr("The two new passwords are not the same."))
            else:
                self.set_busy(True, self.tr("Saving…"))
                self.new_password_chosen.emit(new)
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.show_error(self.tr("Enter your user name and password."))
            return
        self.set_busy(True)
        self.sign_in_requested.emit(username, password)
