"""The sync receipt of one application as a small table (docs/records.md, "Sync receipt"): per
table, the version and content hash the server confirmed and when. Used by the review step
and the details pane."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.formats import format_iso
from desktop_app.ui.record_table import record_table

STATE_WORDS = {
    "never_synced": QT_TRANSLATE_NOOP("ReceiptView", "Not on the server yet"),
    "pending": QT_TRANSLATE_NOOP("ReceiptView", "Waiting to sync"),
    "synced": QT_TRANSLATE_NOOP("ReceiptView", "Synced"),
    "conflict": QT_TRANSLATE_NOOP("ReceiptView", "Changed on two computers"),
    "needs_attention": QT_TRANSLATE_NOOP("ReceiptView", "Needs attention"),
}


class ReceiptView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receipt_view")
        self.state = QLabel("", self)
        self.state.setWordWrap(True)
        self.table = record_table(
            self,
            self.tr("Sync receipt"),
            [self.tr("Table"), self.tr("Version"), self.tr("Content hash"), self.tr("Confirmed")],
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.table)

    def show_receipt(self, receipt: dict[str, Any]) -> None:
        state = str(receipt.get("state", ""))
        known = STATE_WORDS.get(state)
        words = self.tr(known) if known else state.replace("_", " ").capitalize()
        when = _local_time(receipt.get("last_synced_at"))
        version = receipt.get("remote_version") or 0
        self.state.setText(
            words + (self.tr(" — version {version}, last synced {when}").format(
                version=version, when=when) if when else "")
        )
        rows = [(t, e) for t, entries in (receipt.get("tables") or {}).items() for e in entries]
        self.table.setRowCount(len(rows))
        for r, (table, e) in enumerate(rows):
            full = str(e.get("content_hash", ""))
            cells = [table, str(e.get("version", "")), full[:16] + "…", _local_time(e.get("confirmed_at"))]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 2:
                    item.setToolTip(full)
                self.table.setItem(r, c, item)
        self.table.setVisible(bool(rows))
        height = self.table.horizontalHeader().height() + 4
        height += sum(self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setFixedHeight(height)


def _local_time(value: Any) -> str:
    """A stored ISO-8601 time in local time and the locale's short format."""
    return format_iso(value)
