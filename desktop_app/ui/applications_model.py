"""The applications list as one table model over the store's summaries.

Rows are prepared once off the GUI thread (``build_rows``: display strings, sort keys and a
lowercase haystack per row), so the model's ``data()`` only indexes tuples. Filtering happens in
the model itself — a list of visible row numbers recomputed in plain Python — instead of a
``QSortFilterProxyModel`` calling back into Python for each of 10,000 rows per keystroke. A
narrower query (the old text extended) only rescans the rows that matched before."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

_Index = QModelIndex | QPersistentModelIndex

DRAFT = "draft"
SUBMITTED = "submitted"
STATUS_LABELS = {DRAFT: "Draft", SUBMITTED: "Submitted"}
#: Shown in the sync column until the sync engine reports a state for the application.
DEFAULT_SYNC_STATE = "Not synced"

#: ``data(index, APP_ID_ROLE)`` is the application's id, ``STATUS_ROLE`` its raw status.
APP_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    STATUS = 0
    SYNC = 1
    NAME = 2
    BUILDING = 3
    RENT = 4
    EDITED = 5


HEADERS = {
    Column.STATUS: "Status",
    Column.SYNC: "Sync",
    Column.NAME: "Applicant",
    Column.BUILDING: "Building and unit",
    Column.RENT: "Rent",
    Column.EDITED: "Last edited",
}


@dataclass(frozen=True, slots=True)
class Row:
    """One application as the list shows it (built off the GUI thread)."""

    app_id: str
    status: str
    name: str
    building: str
    rent: str
    edited: str
    rent_key: Decimal
    edited_key: str  # ISO-8601 UTC sorts as text
    haystack: str  # lowercase name, building and unit


def _rent(text: str) -> tuple[str, Decimal]:
    if not text:
        return "", Decimal(-1)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text, Decimal(-1)
    return f"${value:,.2f}", value


def _edited(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def build_rows(summaries: Iterable[Any]) -> list[Row]:
    """``Summary`` objects of the repository → rows (pure Python: run it on the DB worker)."""
    rows = []
    for s in summaries:
        building = ", ".join(p for p in (s.building_address, f"Unit {s.unit}" if s.unit else "") if p)
        rent, rent_key = _rent(s.monthly_rent)
        rows.append(
            Row(
                app_id=s.id,
                status=s.status,
                name=s.applicant_name,
                building=building,
                rent=rent,
                edited=_edited(s.updated_at),
                rent_key=rent_key,
                edited_key=s.updated_at,
                haystack=f"{s.applicant_name}\n{s.building_address}\n{s.unit}".lower(),
            )
        )
    return rows


_SORT_KEYS = {
    Column.STATUS: lambda r: r.status,
    Column.NAME: lambda r: r.name.lower(),
    Column.BUILDING: lambda r: r.building.lower(),
    Column.RENT: lambda r: r.rent_key,
    Column.EDITED: lambda r: r.edited_key,
}


class ApplicationsModel(QAbstractTableModel):
    #: Emitted after new rows arrived from the store (the first load, and every refresh).
    rows_loaded = Signal()
    #: Emitted after the visible rows changed (filter or reload): shown, total.
    visible_changed = Signal(int, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._visible: list[int] = []
        self._sync: dict[str, str] = {}
        self._words: list[str] = []
        self._query = ""
        self._status: str | None = None
        self._sort: tuple[Column, Qt.SortOrder] = (Column.EDITED, Qt.SortOrder.DescendingOrder)
        self.loaded = False

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[self._visible[index.row()]]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == Column.STATUS:
                return STATUS_LABELS.get(row.status, row.status)
            if col == Column.SYNC:
                return self._sync.get(row.app_id, DEFAULT_SYNC_STATE)
            if col == Column.NAME:
                return row.name or "(no name yet)"
            if col == Column.BUILDING:
                return row.building
            if col == Column.RENT:
                return row.rent
            return row.edited
        if role == APP_ID_ROLE:
            return row.app_id
        if role == STATUS_ROLE:
            return row.status
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Column.RENT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == Column.NAME and not row.name:
            from PySide6.QtGui import QPalette

            return QPalette().brush(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        col = Column(column)
        self._sort = (col, order)
        self.layoutAboutToBeChanged.emit()
        old = {i: self._rows[r].app_id for i, r in enumerate(self._visible)}
        self._sort_rows()
        self._visible = self._matching(range(len(self._rows)))
        new_pos = {self._rows[r].app_id: i for i, r in enumerate(self._visible)}
        for persistent in self.persistentIndexList():
            app_id = old.get(persistent.row())
            pos = new_pos.get(app_id) if app_id is not None else None
            target = QModelIndex() if pos is None else self.index(pos, persistent.column())
            self.changePersistentIndex(persistent, target)
        self.layoutChanged.emit()

    # -- loading ---------------------------------------------------------------------------
    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_rows()
        self._visible = self._matching(range(len(self._rows)))
        self.endResetModel()
        self.loaded = True
        self.rows_loaded.emit()
        self.visible_changed.emit(len(self._visible), len(self._rows))

    def _sort_rows(self) -> None:
        col, order = self._sort
        key = _SORT_KEYS.get(col)
        if key is None:  # the sync column sorts by its text
            sync = self._sync

            def key(r: Row) -> str:
                return sync.get(r.app_id, DEFAULT_SYNC_STATE)

        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    # -- sync state (filled by the sync engine) --------------------------------------------
    def set_sync_states(self, states: Mapping[str, str]) -> None:
        """Replace the sync column's values: application id → short text ("Synced", …)."""
        self._sync = dict(states)
        if self._visible:
            top = self.index(0, Column.SYNC)
            bottom = self.index(len(self._visible) - 1, Column.SYNC)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    def sync_state(self, app_id: str) -> str:
        return self._sync.get(app_id, DEFAULT_SYNC_STATE)

    # -- filtering -------------------------------------------------------------------------
    def set_filter(self, text: str | None = None, status: str | None | bool = False) -> None:
        """Show rows whose name, building or unit contain every word of ``text`` and whose
        status is ``status`` (None: any). Arguments left out keep their current value."""
        query = self._query if text is None else text.strip().lower()
        new_status = self._status if status is False else status
        if query == self._query and new_status == self._status:
            return
        narrower = new_status == self._status and query.startswith(self._query)
        self._query, self._status, self._words = query, new_status, query.split()
        candidates = self._visible if narrower else range(len(self._rows))
        self.beginResetModel()
        self._visible = self._matching(candidates)
        self.endResetModel()
        self.visible_changed.emit(len(self._visible), len(self._rows))

    def _matching(self, candidates: Iterable[int]) -> list[int]:
        rows, words, status = self._rows, self._words, self._status
        if status is not None:
            candidates = [i for i in candidates if rows[i].status == status]
        if not words:
            return list(candidates)
        if len(words) == 1:
            word = words[0]
            return [i for i in candidates if word in rows[i].haystack]
        return [i for i in candidates if all(w in rows[i].haystack for w in words)]

    # -- lookups ---------------------------------------------------------------------------
    def row_at(self, index: _Index) -> Row | None:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        return self._rows[self._visible[index.row()]]

    def index_of(self, app_id: str, column: int = 0) -> QModelIndex:
        for pos, r in enumerate(self._visible):
            if self._rows[r].app_id == app_id:
                return self.index(pos, column)
        return QModelIndex()

    @property
    def total(self) -> int:
        return len(self._rows)
