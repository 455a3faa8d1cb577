"""The wizard window's widgets, laid out (in the manner of Qt Designer's ``setupUi``): the step
sidebar, the read-only banner with Amend, the notice, the page stack and the bar with the save
state, the reason Next is disabled, Back and Next. ``window.py`` keeps the behaviour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.wizard.form import ERROR_STYLE

if TYPE_CHECKING:
    from desktop_app.ui.wizard.window import WizardWindow


def setup_ui(window: WizardWindow) -> None:
    central = QWidget()
    root = QHBoxLayout(central)
    window.sidebar = QListWidget()
    window.sidebar.setAccessibleName("Steps")
    window.sidebar.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    window.sidebar.itemClicked.connect(window._sidebar_clicked)
    window.sidebar.setMaximumWidth(window.fontMetrics().horizontalAdvance("M") * 18)
    root.addWidget(window.sidebar)

    main = QVBoxLayout()
    window.banner = QFrame()
    window.banner.setFrameShape(QFrame.Shape.StyledPanel)
    window.banner.setStyleSheet("QFrame { background: #fff4ce; }")
    banner_row = QHBoxLayout(window.banner)
    window.banner_text = QLabel()
    window.banner_text.setWordWrap(True)
    banner_row.addWidget(window.banner_text, 1)
    window.amend_button = QPushButton("&Amend")
    window.amend_button.setAccessibleName("Amend")
    window.amend_button.clicked.connect(window.amend)
    banner_row.addWidget(window.amend_button)
    window.banner.hide()
    main.addWidget(window.banner)
    #: What the agent should know about the copy shown (it was replaced by a newer one
    #: from the other computer, and which edits were or were not applied to it).
    window.notice = QLabel()
    window.notice.setWordWrap(True)
    window.notice.setAccessibleName("Notice")
    window.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    window.notice.hide()
    main.addWidget(window.notice)

    window.stack = QStackedWidget()
    window.loading = QLabel("Opening the application…")
    window.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.stack.addWidget(window.loading)
    main.addWidget(window.stack, 1)

    bar = QHBoxLayout()
    window.save_state = QLabel("")
    window.save_state.setAccessibleName("Save state")
    bar.addWidget(window.save_state)
    window.reason = QLabel("")
    window.reason.setWordWrap(True)
    window.reason.setStyleSheet(ERROR_STYLE)
    window.reason.setAccessibleName("Why Next is disabled")
    bar.addWidget(window.reason, 1)
    window.back_button = QPushButton("&Back")
    window.back_button.setAccessibleName("Back")
    window.back_button.clicked.connect(window.go_back)
    window.next_button = QPushButton("&Next")
    window.next_button.setAccessibleName("Next")
    window.next_button.setDefault(True)
    window.next_button.clicked.connect(window.go_next)
    bar.addWidget(window.back_button)
    bar.addWidget(window.next_button)
    main.addLayout(bar)
    root.addLayout(main, 1)
    window.setCentralWidget(central)
    line = window.fontMetrics().lineSpacing()
    window.resize(line * 60, line * 42)
