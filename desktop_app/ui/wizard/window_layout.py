"""The wizard window's widgets, laid out (in the manner of Qt Designer's ``setupUi``): the step
sidebar, the read-only banner with Amend, the notice, the page stack and the bar with the save
state, the reason Next is disabled, Back and Next. ``window.py`` keeps the behaviour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
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

from desktop_app.ui.wizard.form import error_style, heading

from desktop_app.ui.wizard.chrome import place_on_screen

if TYPE_CHECKING:
    from desktop_app.ui.wizard.window import WizardWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("WizardWindow", text)


def setup_ui(window: WizardWindow) -> None:
    central = QWidget()
    root = QHBoxLayout(central)
    window.sidebar = QListWidget()
    window.sidebar.setAccessibleName(tr("Steps"))
    window.sidebar.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    window.sidebar.itemClicked.connect(window._sidebar_clicked)
    window.sidebar.setMaximumWidth(window.fontMetrics().horizontalAdvance("M") * 18)
    root.addWidget(window.sidebar)

    main = QVBoxLayout()
    header = QHBoxLayout()
    #: The application's building and unit ("New application" until typed).
    window.header_place = heading("")
    window.header_place.setAccessibleName(tr("Application"))
    window.header_place.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    header.addWidget(window.header_place, 1)
    window.header_step = QLabel("")
    window.header_step.setAccessibleName(tr("Progress"))
    header.addWidget(window.header_step)
    main.addLayout(header)
    window.banner = QFrame()
    window.banner.setFrameShape(QFrame.Shape.StyledPanel)
    # The palette's tooltip colours: a pale note in a light scheme, a dark one in a dark scheme.
    window.banner.setStyleSheet(
        "QFrame { background: palette(tool-tip-base); color: palette(tool-tip-text); }"
    )
    banner_row = QHBoxLayout(window.banner)
    window.banner_text = QLabel()
    window.banner_text.setWordWrap(True)
    banner_row.addWidget(window.banner_text, 1)
    window.amend_button = QPushButton(tr("&Amend"))
    window.amend_button.setAccessibleName(tr("Amend"))
    window.amend_button.clicked.connect(window.amend)
    banner_row.addWidget(window.amend_button)
    window.banner.hide()
    main.addWidget(window.banner)
    #: What the agent should know about the copy shown (it was replaced by a newer one
    #: from the other computer, and which edits were or were not applied to it).
    window.notice = QLabel()
    window.notice.setWordWrap(True)
    window.notice.setAccessibleName(tr("Notice"))
    window.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    window.notice.hide()
    main.addWidget(window.notice)

    window.stack = QStackedWidget()
    window.loading = QLabel(tr("Opening the application…"))
    window.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.stack.addWidget(window.loading)
    main.addWidget(window.stack, 1)

    bar = QHBoxLayout()
    window.save_state = QLabel("")
    window.save_state.setAccessibleName(tr("Save state"))
    bar.addWidget(window.save_state)
    window.reason = QLabel("")
    window.reason.setWordWrap(True)
    window.reason.setStyleSheet(error_style())
    window.reason.setAccessibleName(tr("Why Next is disabled"))
    bar.addWidget(window.reason, 1)
    window.back_button = QPushButton(tr("&Back"))
    window.back_button.setAccessibleName(tr("Back"))
    window.back_button.clicked.connect(window.go_back)
    window.next_button = QPushButton(tr("&Next"))
    window.next_button.setAccessibleName(tr("Next"))
    window.next_button.setDefault(True)
    window.next_button.clicked.connect(window.go_next)
    for button in (window.back_button, window.next_button):
        # Tab reaches them, a click does not take the focus: pressing Next on an untouched
        # form must not first count the field being typed in as left (and so disable Next).
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        bar.addWidget(button)
    main.addLayout(bar)
    root.addLayout(main, 1)
    window.setCentralWidget(central)
    line = window.fontMetrics().lineSpacing()
    place_on_screen(window, QSize(line * 90, line * 60))
