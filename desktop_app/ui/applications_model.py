"""The applications list as one table model over the applications' summaries.

Rows are prepared once off the GUI thread (``build_rows``: display strings, sort keys and a
lowercase haystack per row), so the model's ``data()`` only indexes tuples. Filtering happens in
the model itself — a list of visible row numbers recomputed in plain Python — instead of a
``QSortFilterProxyModel`` calling back into Python for each of 10,000 rows per keystroke. A
narrower query (the old text extended) only rescans the rows that matched before."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop_app.ui.row_texts import building_and_unit, format_edited, format_rent, rent_key

# decimal and datetime are imported where rows are formatted (row_texts), not here: this module
# is on the start-up path, before the first frame.
_Index = QModelIndex | QPersistentModelIndex

DRAFT = "draft"
SUBMITTED = "submitted"
STATUS_LABELS = {
    DRAFT: QT_TRANSLATE_NOOP("ApplicationsModel", "Draft"),
    SUBMITTED: QT_TRANSLATE_NOOP("ApplicationsModel", "Submitted"),
}
#: An application's sync state, as the sync engine reports it, and what the sync column shows
#: for each. Decisions (open the conflict dialog first?) are made on the state, never the text.
SYNCED, PENDING, CONFLICT, NEEDS_ATTENTION = "synced", "pending", "conflict", "needs_attention"
#: The state of an application the sync engine has reported nothing about.
NOT_SYNCED = "not_synced"
SYNC_LABELS = {
    SYNCED: QT_TRANSLATE_NOOP("ApplicationsModel", "Synced"),
    PENDING: QT_TRANSLATE_NOOP("ApplicationsModel", "Waiting to sync"),
    CONFLICT: QT_TRANSLATE_NOOP("ApplicationsModel", "Conflict"),
    NEEDS_ATTENTION: QT_TRANSLATE_NOOP("ApplicationsModel", "Needs attention"),
    NOT_SYNCED: QT_TRANSLATE_NOOP("ApplicationsModel", "Not synced"),
}
_STATE_OF_LABEL = {label: state for state, label in SYNC_LABELS.items()}
#: Shown in the sync column until the sync engine reports a state for the application.
DEFAULT_SYNC_STATE = SYNC_LABELS[NOT_SYNCED]


def sync_state_of(reported: str) -> str:
    """The state for a value the status read reported: a state as it is, a column label (the
    status read's older form) as the state it names; anything else as it is."""
    return _STATE_OF_LABEL.get(reported, reported)


def sync_label(state: str) -> str:
    """The sync column's word for ``state``, in the current language."""
    label = SYNC_LABELS.get(state)
    return _tr(label) if label is not None else state


def status_label(status: str) -> str:
    label = STATUS_LABELS.get(status)
    return _tr(label) if label is not None else status


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApplicationsModel", text)


#: The icon (``status_icons``) beside each status and sync state.
_STATUS_ICONS = {DRAFT: "draft", SUBMITTED: "submitted"}
_SYNC_ICONS = {
    SYNCED: "synced",
    PENDING: "waiting",
    CONFLICT: "conflict",
    NEEDS_ATTENTION: "needs_attention",
    NOT_SYNCED: "not_synced",
}

# Roles as plain ints: Qt passes ints to ``data()``, and comparing an int with a Python enum
# member costs microseconds — paid hundreds of times per repaint.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
#: ``data(index, APP_ID_ROLE)`` is the application's id, ``STATUS_ROLE`` its raw status.
APP_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
STATUS_ROLE = int(Qt.ItemDataRole.UserRole) + 2
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Column(IntEnum):
    STATUS = 0
    SYNC = 1
    NAME = 2
    BUILDING = 3
    RENT = 4
    EDITED = 5


HEADERS = {
    Column.STATUS: QT_TRANSLATE_NOOP("ApplicationsModel", "Status"),
    Column.SYNC: QT_TRANSLATE_NOOP("ApplicationsModel", "Sync"),
    Column.NAME: QT_TRANSLATE_NOOP("ApplicationsModel", "Applicant"),
    Column.BUILDING: QT_TRANSLATE_NOOP("ApplicationsModel", "Building and unit"),
    Column.RENT: QT_TRANSLATE_NOOP("ApplicationsModel", "Rent"),
    Column.EDITED: QT_TRANSLATE_NOOP("ApplicationsModel", "Last edited"),
}
_STATUS, _SYNC, _NAME, _BUILDING, _RENT, _EDITED = (int(c) for c in Column)


class Row(Protocol):
    """What the list needs of one application: ``services.summaries.ApplicationSummary``."""

    id: str
    status: str
    applicant_name: str
    building_address: str
    unit: str
    monthly_rent: str
    updated_at: str


class Rows:
    """Rows and their lowercase search text, in the store's order (newest edit first)."""

    __slots__ = ("haystacks", "rows")

    def __init__(self, rows: list[Row], haystacks: list[str]) -> None:
        self.rows, self.haystacks = rows, haystacks


def build_rows(summaries: Iterable[Row]) -> Rows:
    """Prepare the store's summaries for the list: only the search text is computed up front
    (display strings are formatted when a row is painted). Pure Python: run it off the GUI
    thread."""
    rows = list(summaries)
    haystacks = [f"{r.applicant_name}\n{r.building_address}\n{r.unit}".lower() for r in rows]
    return Rows(rows, haystacks)


_SORT_KEYS: dict[int, Any] = {
    _STATUS: lambda r: r.status,
    _NAME: lambda r: r.applicant_name.lower(),
    _BUILDING: lambda r: building_and_unit(r).lower(),
    _RENT: rent_key,
    _EDITED: lambda r: r.updated_at,  # ISO-8601 UTC sorts as text
}


class ApplicationsModel(QAbstractTableModel):
    #: Emitted after new rows arrived from the store (the first load, and every refresh).
    rows_loaded = Signal()
    #: Emitted after the visible rows changed (filter or reload): shown, total.
    visible_changed = Signal(int, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._hay: list[str] = []
        self._visible: list[int] = []
        self._sync: dict[str, str] = {}
        self._words: list[str] = []
        self._query = ""
        self._status: str | None = None
        self._sort: tuple[int, bool] = (_EDITED, True)  # column, descending
        self._text_cache: dict[tuple[str, int], str] = {}
        self.loaded = False

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return _tr(HEADERS[Column(section)])
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # The hot path of every repaint: ints only, the common roles first.
        if role == _DISPLAY or role == _ACCESSIBLE:
            r = index.row()
            if r < 0:
                return None
            return self.text(self._rows[self._visible[r]], index.column())
        if role == _ALIGNMENT:
            return _RIGHT if index.column() == _RENT else None
        if role == _DECORATION:
            return self._icon(index)
        if role == _TOOLTIP:  # the whole text of a cell the column may cut short
            r = index.row()
            if r < 0 or index.column() == _RENT:
                return None
            return self.text(self._rows[self._visible[r]], index.column()) or None
        if role == APP_ID_ROLE or role == STATUS_ROLE:
            row = self.row_at(index)
            if row is None:
                return None
            return row.id if role == APP_ID_ROLE else row.status
        if role == _FOREGROUND and index.column() == _NAME:
            r = index.row()
            if r >= 0 and not self._rows[self._visible[r]].applicant_name:
                from PySide6.QtGui import QPalette

                return QPalette().brush(
                    QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText
                )
        return None

    def _icon(self, index: _Index) -> Any:
        column = index.column()
        if column != _STATUS and column != _SYNC:
            return None
        row = self.row_at(index)
        if row is None:
            return None
        from desktop_app.ui.status_icons import status_icon

        if column == _STATUS:
            return status_icon(_STATUS_ICONS.get(row.status, ""))
        return status_icon(_SYNC_ICONS.get(self._sync.get(row.id, NOT_SYNCED), ""))

    def text(self, row: Row, column: int) -> str:
        """What ``column`` shows for ``row`` (formatted when first painted, then cached)."""
        if column == _NAME:
            return row.applicant_name or _tr("(no name yet)")
        if column == _STATUS:
            return status_label(row.status)
        if column == _SYNC:
            return sync_label(self._sync.get(row.id, NOT_SYNCED))
        key = (row.id, column)
        cached = self._text_cache.get(key)
        if cached is None:
            if column == _BUILDING:
                cached = building_and_unit(row)
            elif column == _RENT:
                cached = format_rent(row.monthly_rent)
            else:
                cached = format_edited(row.updated_at)
            self._text_cache[key] = cached
        return cached

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (int(column), order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        before = [self._rows[r].id for r in self._visible]
        self._sort_rows()
        self._visible = self._matching(range(len(self._rows)))
        after = {self._rows[r].id: i for i, r in enumerate(self._visible)}
        for persistent in self.persistentIndexList():
            pos = after.get(before[persistent.row()]) if persistent.row() < len(before) else None
            target = QModelIndex() if pos is None else self.index(pos, persistent.column())
            self.changePersistentIndex(persistent, target)
        self.layoutChanged.emit()

    # -- loading ---------------------------------------------------------------------------
    def set_rows(self, prepared: Rows) -> None:
        self.beginResetModel()
        self._rows, self._hay = prepared.rows, prepared.haystacks
        self._text_cache = {}
        if self._sort != (_EDITED, True):  # the store's order already is newest first
            self._sort_rows()
        self._visible = self._matching(range(len(self._rows)))
        self.endResetModel()
        self.loaded = True
        self.rows_loaded.emit()
        self.visible_changed.emit(len(self._visible), len(self._rows))

    def _sort_rows(self) -> None:
        column, descending = self._sort
        key = _SORT_KEYS.get(column)
        if key is None:  # the sync column sorts by its text
            sync = self._sync

            def key(r: Row) -> str:
                return sync_label(sync.get(r.id, NOT_SYNCED))

        rows = self._rows
        order = sorted(range(len(rows)), key=lambda i: key(rows[i]), reverse=descending)
        self._rows = [rows[i] for i in order]
        self._hay = [self._hay[i] for i in order]

    def refresh_texts(self) -> None:
        """Format every cell again (after a language or locale switch)."""
        self._text_cache = {}
        if self._visible:
            last = self.index(len(self._visible) - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    # -- sync state (filled by the sync engine) --------------------------------------------
    def set_sync_states(self, states: Mapping[str, str]) -> None:
        """Replace the sync column's values: application id → sync state (``SYNCED``,
        ``CONFLICT``, …; a column label is taken as the state it names)."""
        self._sync = {app_id: sync_state_of(state) for app_id, state in states.items()}
        if self._visible:
            top = self.index(0, _SYNC)
            bottom = self.index(len(self._visible) - 1, _SYNC)
            self.dataChanged.emit(
                top, bottom, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole]
            )

    def sync_state(self, app_id: str) -> str:
        """The application's sync state (``NOT_SYNCED`` until one is reported)."""
        return self._sync.get(app_id, NOT_SYNCED)

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
        rows, hay, words, status = self._rows, self._hay, self._words, self._status
        if status is not None:
            candidates = [i for i in candidates if rows[i].status == status]
        if not words:
            return list(candidates)
        if len(words) == 1:
            word = words[0]
            return [i for i in candidates if word in hay[i]]
        return [i for i in candidates if all(w in hay[i] for w in words)]

    # -- lookups ---------------------------------------------------------------------------
    def row_at(self, index: _Index) -> Row | None:
        r = index.row()
        if not index.isValid() or r >= len(self._visible):
            return None
        return self._rows[self._visible[r]]

    def index_of(self, app_id: str, column: int = 0) -> QModelIndex:
        for pos, r in enumerate(self._visible):
            if self._rows[r].id == app_id:
                return self.index(pos, column)
        return QModelIndex()

    @property
    def total(self) -> int:
        return len(self._rows)
