"""The main window's central widget: a banner, the search box and status filter, and the
applications table (or a "loading" / "no applications yet" page in its place)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.applications_model import DRAFT, SUBMITTED, ApplicationsModel, Column

LOADING, EMPTY, LIST = range(3)

#: Initial column widths: the width of a typical value in the current font, so they follow
#: the font and the scale factor (the user may resize; no pixel sizes anywhere).
COLUMN_SAMPLES = {
    Column.STATUS: "Submitted",
    Column.SYNC: "Not synced",
    Column.NAME: "Alexandra Montgomery-Smith",
    Column.BUILDING: "1234 Grand Concourse, New York, NY 10025, Unit 12C",
    Column.RENT: "$12,500.00",
    Column.EDITED: "2026-12-31 23:59",
}


def preferred_table_width(widget: QWidget) -> int:
    fm = widget.fontMetrics()
    pad = fm.height()
    return sum(fm.horizontalAdvance(text) + pad for text in COLUMN_SAMPLES.values())


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
        search_label = QLabel("&Search:", self)
        self.search = QLineEdit(self, clearButtonEnabled=True)
        self.search.setPlaceholderText("Applicant name, building or unit")
        self.search.setAccessibleName("Search applications")
        self.search.setAccessibleDescription("Filters the list by applicant name, building or unit")
        search_label.setBuddy(self.search)
        self.search.textChanged.connect(lambda text: model.set_filter(text=text))
        status_label = QLabel("S&tatus:", self)
        self.status_filter = QComboBox(self)
        self.status_filter.setAccessibleName("Show applications with status")
        for label, value in (("All", None), ("Drafts", DRAFT), ("Submitted", SUBMITTED)):
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
        self.placeholder = QLabel("Opening your applications…", self.stack)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.empty_label = QLabel(
            "No applications yet.\nChoose File › New application (Ctrl+N) to start one.", self.stack
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table = self._make_table()
        for widget in (self.placeholder, self.empty_label, self.table):
            self.stack.addWidget(widget)
        layout.addWidget(self.stack, 1)
        self.setTabOrder(self.search, self.status_filter)
        self.setTabOrder(self.status_filter, self.table)

    def _make_table(self) -> QTableView:
        table = QTableView(self.stack)
        table.setModel(self.model)
        table.setAccessibleName("Applications")
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
        fm, pad = self.fontMetrics(), self.fontMetrics().height()
        for col, text in COLUMN_SAMPLES.items():
            header.resizeSection(col, fm.horizontalAdvance(text) + pad)
        header.setSectionResizeMode(Column.BUILDING, QHeaderView.ResizeMode.Stretch)
        return table

    def show_page(self, page: int) -> None:
        self.stack.setCurrentIndex(page)

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
