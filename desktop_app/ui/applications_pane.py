"""The main window's central widget: a banner, the search box and status filter, and the
applications table (or a "loading" / "no applications yet" page in its place)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.applications_model import (
    DRAFT,
    STATUS_LABELS,
    SUBMITTED,
    SYNC_LABELS,
    ApplicationsModel,
    Column,
    sync_label,
)

LOADING, EMPTY, LIST = range(3)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ApplicationsPane", text)


def column_samples() -> dict[Column, list[str]]:
    """What each column is sized to show whole: every word of the Status and Sync columns (in
    the current language), a long name and building, the widest amount and time. Widths follow
    the font and the scale factor (the user may resize; no pixel sizes anywhere)."""
    from datetime import datetime

    from desktop_app.ui.formats import format_datetime

    return {
        Column.STATUS: [QCoreApplication.translate("ApplicationsModel", t)
                        for t in STATUS_LABELS.values()],
        Column.SYNC: [sync_label(state) for state in SYNC_LABELS],
        Column.NAME: ["Alexandra Montgomery-Smith"],
        Column.BUILDING: ["1234 Grand Concourse, New York, Unit 12C"],
        Column.RENT: ["$12,500.00"],
        Column.EDITED: [format_datetime(datetime(2026, 12, 28, 22, 58))],
    }


def column_widths(widget: QWidget) -> dict[Column, int]:
    """Each column's width: its widest sample or its header, whichever is wider, plus padding
    (and the icon in the Status and Sync columns)."""
    fm = widget.fontMetrics()
    pad, icon = fm.height(), fm.height() + fm.height() // 2
    model = ApplicationsModel()
    widths = {}
    for col, texts in column_samples().items():
        header = str(model.headerData(col, Qt.Orientation.Horizontal)) + "\u25bc"  # sort arrow
        widest = max(fm.horizontalAdvance(t) for t in [*texts, header])
        widths[col] = widest + pad + (icon if col in (Column.STATUS, Column.SYNC) else 0)
    return widths


def preferred_table_width(widget: QWidget) -> int:
    return sum(column_widths(widget).values())


class EmptyState(QWidget):
    """Shown instead of the list while there are no applications: a centred invitation and a
    "New application" button (the main window connects it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("empty_state")
        self.heading = QLabel(_tr("No applications yet"), self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.message = QLabel(
            _tr("Start the first rental application: an applicant, a building and unit, their "
                "income and documents. Each edit is saved as you type.\n"
                "You can also choose File › New application (Ctrl+N)."),
            self,
        )
        self.message.setWordWrap(True)
        self.new_button = QPushButton(_tr("New application"), self)
        self.new_button.setDefault(True)
        self.new_button.setAccessibleDescription(_tr("Start a new rental application"))
        em = self.fontMetrics().height()
        self.message.setMaximumWidth(em * 30)
        for label in (self.heading, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(em // 2)
        row = QHBoxLayout()  # centred, and as tall as its wrapped lines need
        row.addStretch(1)
        row.addWidget(self.message, 3)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(em)
        layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def text(self) -> str:
        """Everything the page says (its heading and message)."""
        return f"{self.heading.text()}\n{self.message.text()}"


class ApplicationsPane(QWidget):
    def __init__(self, model: ApplicationsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        em = self.fontMetrics().height()
        layout = QVBoxLayout(self)

        self.banner = QLabel(self, wordWrap=True)
        self.banner.setObjectName("banner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setMargin(em // 2)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setVisible(False)
        layout.addWidget(self.banner)

        bar = QHBoxLayout()
        search_label = QLabel(_tr("&Search:"), self)
        self.search = QLineEdit(self, clearButtonEnabled=True)
        self.search.setPlaceholderText(_tr("Applicant name, building or unit"))
        self.search.setAccessibleName(_tr("Search applications"))
        self.search.setAccessibleDescription(
            _tr("Filters the list by applicant name, building or unit")
        )
        search_label.setBuddy(self.search)
        self.search.textChanged.connect(lambda text: model.set_filter(text=text))
        status_label = QLabel(_tr("S&tatus:"), self)
        self.status_filter = QComboBox(self)
        self.status_filter.setAccessibleName(_tr("Show applications with status"))
        for label, value in ((_tr("All"), None), (_tr("Drafts"), DRAFT),
                             (_tr("Submitted"), SUBMITTED)):
            self.status_filter.addItem(label, value)
        status_label.setBuddy(self.status_filter)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: model.set_filter(status=self.status_filter.currentData())
        )
        bar.addWidget(search_label)
        bar.addWidget(self.search, 1)
        bar.addSpacing(em)
        bar.addWidget(status_label)
        bar.addWidget(self.status_filter)
        layout.addLayout(bar)

        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(_tr("Opening your applications…"), self.stack)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.empty_label = EmptyState(self.stack)
        self.new_button = self.empty_label.new_button
        self.table = self._make_table()
        for widget in (self.placeholder, self.empty_label, self.table):
            self.stack.addWidget(widget)
        layout.addWidget(self.stack, 1)
        self.setTabOrder(self.search, self.status_filter)
        self.setTabOrder(self.status_filter, self.table)

    def _make_table(self) -> QTableView:
        table = QTableView(self.stack)
        table.setModel(self.model)
        table.setAccessibleName(_tr("Applications"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the list; the arrows move inside it
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setSortingEnabled(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 1.6))
        header = table.horizontalHeader()
        header.setSortIndicator(Column.EDITED, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the cell's tooltip has it whole
        self.size_columns(table)
        header.setStretchLastSection(True)  # spare width goes to the end, not one column
        return table

    def size_columns(self, table: QTableView | None = None) -> None:
        """Give each column the width its samples need (the default sizes)."""
        header = (table or self.table).horizontalHeader()
        for col, width in column_widths(self).items():
            header.resizeSection(col, width)

    def show_page(self, page: int) -> None:
        self.stack.setCurrentIndex(page)

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
