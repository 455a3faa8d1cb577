"""A read-only table for the records shown beside an application (the sync receipt, the audit
trail): no editing, no row numbers, columns fitted to their contents, the last one stretched."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget


def record_table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    """``headers`` already in the caller's language; ``name`` is the accessible name."""
    table = QTableWidget(0, len(headers), parent)
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table
