"""Settings › Local backups: how long the store's backup copies are kept
(``services/backup_retention.py``). The file work runs on the DB worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox, QWidget

if TYPE_CHECKING:
    from desktop_app.ui.context import AppContext


class BackupGroup(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from desktop_app.services.backup_retention import MAX_KEEP_DAYS

        super().__init__(parent)
        self.setTitle(self.tr("Local backups"))
        self.ctx = ctx
        form = QFormLayout(self)
        self.days = QSpinBox(self)
        self.days.setRange(0, MAX_KEEP_DAYS)
        self.days.setSuffix(self.tr(" days"))
        self.days.setSpecialValueText(self.tr("keep all"))
        self.days.setAccessibleName(self.tr("Keep local backups for"))
        self.days.setEnabled(False)  # until the setting is read
        form.addRow(self.tr("&Keep backups for:"), self.days)
        self.info = QLabel(self.tr("A copy of the database is made before every upgrade."), self)
        self.info.setWordWrap(True)
        form.addRow(self.info)
        ctx.tasks.db(self._read).success(self._show).run()

    def _read(self) -> tuple[int, int, int]:
        from desktop_app.services.backup_retention import list_backups, read_keep_days

        backups = list_backups(self.ctx.data_dir)
        return read_keep_days(self.ctx.data_dir), len(backups), sum(b.size for b in backups)

    def _show(self, found: tuple[int, int, int]) -> None:
        days, count, size = found
        self.days.setValue(days)
        self.days.setEnabled(True)
        self.days.editingFinished.connect(self.save)
        self._describe(count, size)

    def _describe(self, count: int, size: int) -> None:
        self.info.setText(
            self.tr("A copy of the database is made before every upgrade; {count} kept "
                    "({size} MB). Older ones are removed at start, the newest always stays.").format(
                count=count, size=f"{size / 1_000_000:.1f}")
        )

    def save(self) -> None:
        from desktop_app.services.backup_retention import list_backups, prune_backups, write_keep_days

        days, data_dir = self.days.value(), self.ctx.data_dir

        def work() -> tuple[int, int]:
            write_keep_days(data_dir, days)
            prune_backups(data_dir, days)
            backups = list_backups(data_dir)
            return len(backups), sum(b.size for b in backups)

        def failed(exc: BaseException) -> None:
            self.info.setText(QCoreApplication.translate("BackupGroup", "The setting could not be saved: {error}").format(error=type(exc).__name__))

        def done(result: Any) -> None:
            self._describe(*result)

        self.ctx.tasks.db(work).success(done).failure(failed).run()
