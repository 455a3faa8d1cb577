"""The audit trail of one application as a table (docs/records.md, "Audit trail"): when, what
(field paths, never values), account and machine, with whether the chain verifies."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.formats import format_iso
from desktop_app.ui.record_table import record_table

#: Rows shown (the newest); the rest are counted in the summary line.
MAX_ROWS = 500


class AuditView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_view")
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.table = record_table(
            self,
            self.tr("Audit trail"),
            [self.tr("When"), self.tr("What"), self.tr("Account"), self.tr("Machine")],
        )
        self.table.setMinimumHeight(160)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def show_trail(self, entries: list[Any], verified: Any = None) -> None:
        shown = entries[-MAX_ROWS:]
        check = ""
        if verified is not None:
            check = (self.tr(" The chain verifies.") if verified.ok
                     else self.tr(" The chain does NOT verify: ") + "; ".join(verified.problems))
        more = self.tr(" (the newest {count} shown)").format(count=len(shown)) if len(
            shown) < len(entries) else ""
        self.summary.setText((self.tr("1 entry on this computer{more}.{check}") if len(entries) == 1 else self.tr(
            "{count} entries on this computer{more}.{check}")).format(
            count=len(entries), more=more, check=check))
        self.table.setRowCount(len(shown))
        for r, e in enumerate(reversed(shown)):
            for c, text in enumerate((format_iso(e.at), e.describe(), e.account, e.machine)):
                self.table.setItem(r, c, QTableWidgetItem(str(text)))
