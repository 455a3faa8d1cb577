"""Settings: building profiles (address, name, income multiples) — list, add, edit, remove and
import from JSON, through :class:`~desktop_app.services.profiles.ProfilesService` — and the
recovery file of the profile's data key (``ui.recovery_ui``). Every read
and write runs on the DB worker; each change announces ``profiles_changed`` so the wizard's
qualification check picks it up."""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.changes import OpChanges
from desktop_app.services.errors import ProfilesFileError
from desktop_app.services.profiles import ProfilesService
from desktop_app.ui.profile_editor import ProfileEditor

if TYPE_CHECKING:
    from desktop_app.domain.nyc_rules import BuildingProfile
    from desktop_app.ui.context import AppContext

log = logging.getLogger(__name__)
_PROFILE_ROLE = Qt.ItemDataRole.UserRole + 1


def _multiple(value: Decimal) -> str:
    return f"{value.normalize():f}×"


class SettingsDialog(QDialog):
    #: The profile list was (re)loaded from the store — tests wait on it.
    profiles_loaded = Signal()
    #: An import finished: the number imported (0 when it was refused).
    import_finished = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profiles: list[BuildingProfile] = []
        self.import_errors: list[str] = []
        self.setWindowTitle(self.tr("Settings"))
        em = self.fontMetrics().height()
        screen = QGuiApplication.primaryScreen()
        tallest = int(screen.availableGeometry().height() * 0.9) if screen else em * 40
        self.resize(em * 58, min(em * 40, tallest))
        # The sections scroll together when the screen is shorter than they are (1366×768),
        # rather than squeezing a section's words out of sight.
        content = QWidget(self)
        layout = QVBoxLayout(content)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)

        group = QGroupBox(self.tr("Building profiles"), self)
        group_layout = QVBoxLayout(group)
        intro = QLabel(
            self.tr("Income multiples per building, used by the review step's qualification check "
            "(by convention 40× the monthly rent for applicants, 80× for guarantors)."),
            group,
        )
        intro.setWordWrap(True)
        group_layout.addWidget(intro)
        row = QHBoxLayout()
        self.tree = QTreeWidget(group)
        self.tree.setAccessibleName(self.tr("Building profiles"))
        self.tree.setHeaderLabels([self.tr("Address"), self.tr("Name"), self.tr("Applicant"), self.tr("Guarantor")])
        self.tree.setRootIsDecorated(False)
        self.tree.setMinimumHeight(em * 6)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance(self.tr("Guarantor")) + em)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(lambda *_: self.edit_selected())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        row.addWidget(self.tree, 1)

        buttons = QVBoxLayout()
        self.add_button = QPushButton(self.tr("&Add…"), group)
        self.edit_button = QPushButton(self.tr("&Edit…"), group)
        self.remove_button = QPushButton(self.tr("&Remove"), group)
        self.import_button = QPushButton(self.tr("&Import JSON…"), group)
        self.add_button.clicked.connect(self.add_profile)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.choose_import_file)
        for button in (self.add_button, self.edit_button, self.remove_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        group_layout.addLayout(row)
        self.message = QLabel(group)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("Import result"))
        self.message.setVisible(False)
        group_layout.addWidget(self.message)
        layout.addWidget(group, 1)

        from desktop_app.ui.recovery_ui import RecoveryGroup

        self.recovery = RecoveryGroup(ctx, self)
        layout.addWidget(self.recovery)

        from desktop_app.ui.webhook_settings import WebhookSettingsGroup

        self.webhooks = WebhookSettingsGroup(ctx, self)
        layout.addWidget(self.webhooks)

        from desktop_app.ui.backup_settings import BackupGroup

        self.backups = BackupGroup(ctx, self)
        layout.addWidget(self.backups)

        from desktop_app.ui.language_settings import LanguageGroup

        self.language = LanguageGroup(self)
        layout.addWidget(self.language)

        scroll.setWidget(content)
        self.scroll = scroll
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        outer.addWidget(close)
        self._update_buttons()
        self.reload()

    # -- list ----------------------------------------------------------------------------
    def _service(self) -> ProfilesService:
        return ProfilesService(self.ctx.store)

    def reload(self) -> None:
        self.ctx.tasks.db(self._service().list).success(self._show_profiles).failure(
            self._failed
        ).run()

    def _alive(self) -> bool:
        """False once Qt deleted the dialog (closed with WA_DeleteOnClose) while a task ran."""
        import shiboken6

        return shiboken6.isValid(self) and shiboken6.isValid(self.tree)

    def _show_profiles(self, profiles: list[BuildingProfile]) -> None:
        if not self._alive():
            return
        current = self.selected_profile()
        self.profiles = profiles
        self.tree.clear()
        for profile in profiles:
            item = QTreeWidgetItem(
                [
                    profile.address,
                    profile.name,
                    _multiple(profile.applicant_multiple),
                    _multiple(profile.guarantor_multiple),
                ]
            )
            item.setData(0, _PROFILE_ROLE, profile.address)
            self.tree.addTopLevelItem(item)
            if current is not None and current.address == profile.address:
                self.tree.setCurrentItem(item)
        self._update_buttons()
        self.profiles_loaded.emit()

    def selected_profile(self) -> BuildingProfile | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        address = item.data(0, _PROFILE_ROLE)
        return next((p for p in self.profiles if p.address == address), None)

    def _update_buttons(self) -> None:
        selected = self.tree.currentItem() is not None
        self.edit_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    # -- add, edit, remove ---------------------------------------------------------------
    def add_profile(self) -> None:
        self._edit(None)

    def edit_selected(self) -> None:
        profile = self.selected_profile()
        if profile is not None:
            self._edit(profile)

    def _edit(self, original: BuildingProfile | None) -> None:
        taken = {p.address.casefold() for p in self.profiles}
        if original is not None:
            taken.discard(original.address.casefold())
        editor = ProfileEditor(original, taken, self)
        editor.accepted.connect(lambda: self.save_profile(editor.profile(), original))
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.editor = editor  # tests drive it
        editor.open()

    def save_profile(
        self, profile: BuildingProfile, original: BuildingProfile | None = None
    ) -> None:
        service = self._service()
        replacing = original.address if original is not None else None
        self._write(lambda: service.upsert(profile, replacing=replacing))

    def remove_selected(self) -> None:
        profile = self.selected_profile()
        if profile is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove building profile"),
            self.tr("Remove the profile for {address}?\n\nThe qualification check falls back to 40× and 80× for this building.").format(address=profile.address),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        service = self._service()
        self._write(lambda: service.remove(profile.address))

    def _write(self, fn: Any) -> None:
        self.ctx.tasks.db(fn).changes(OpChanges(profiles=True)).success(
            lambda _r: self._changed()
        ).failure(self._failed).run()

    def _changed(self) -> None:
        if self._alive():
            self.reload()

    def _failed(self, exc: BaseException) -> None:
        log.error("building profiles: %s", type(exc).__name__)
        self._say(self.tr("The building profiles could not be saved or loaded: {exc}").format(exc=exc))

    def _say(self, text: str) -> None:
        if not self._alive():
            return
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- import --------------------------------------------------------------------------
    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import building profiles"), str(Path.home()), self.tr("JSON files (*.json);;All files (*)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import every profile in ``path``, or none if any entry is invalid."""

        service = self._service()

        def work() -> tuple[int, list[str]]:
            try:
                return service.import_file(path), []
            except ProfilesFileError as exc:
                return 0, exc.problems

        def changes(result: tuple[int, list[str]]) -> OpChanges:
            count, errors = result  # an empty file imported into an open dialog still says so
            return OpChanges(profiles=bool(count) or (not errors and self._alive()))

        self.ctx.tasks.db(work).changes(changes).success(self._imported).failure(
            self._import_failed
        ).run()

    def _imported(self, result: tuple[int, list[str]]) -> None:
        count, errors = result
        if not self._alive():
            return
        self.import_errors = errors
        if errors:
            self._say(
                self.tr("Nothing was imported. Fix these entries and import again:\n• ")
                + "\n• ".join(errors)
            )
        else:
            self._say(self.tr("Imported 1 building profile.") if count == 1 else
                      self.tr("Imported {count} building profiles.").format(count=count))
            self._changed()
        self.import_finished.emit(count)

    def _import_failed(self, exc: BaseException) -> None:
        self._failed(exc)
        self.import_finished.emit(0)
