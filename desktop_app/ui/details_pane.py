"""The details pane of the main window (docs/records.md, "Details pane"): for the selected
application its summary, sync state and receipt, webhook deliveries, what needs the agent and
the audit trail's summary. Docked beside the list with the "Needs attention" panel; both are
read on the DB worker and refreshed when the selection or the list changes."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.attention_panel import AttentionPanel, describe, open_attention
from desktop_app.ui.receipt_view import ReceiptView

if TYPE_CHECKING:
    from desktop_app.services.records import Details
    from desktop_app.ui.main_window import MainWindow


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(f"<b>{escape(text)}</b>", parent)
    label.setContentsMargins(0, 8, 0, 0)
    return label


class DetailsPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("details_pane")
        self.app_id: str | None = None
        self.summary = QLabel("Select an application to see its details.", self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.receipt = ReceiptView(self)
        self.deliveries = QLabel("", self)
        self.deliveries.setWordWrap(True)
        self.attention = QLabel("", self)
        self.attention.setWordWrap(True)
        self.go_button = QPushButton("Go to the field", self)
        self.go_button.setVisible(False)
        self.audit = QLabel("", self)
        self.audit.setWordWrap(True)
        self._details: Details | None = None
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.summary)
        layout.addWidget(_heading("Needs you", inner))
        layout.addWidget(self.attention)
        layout.addWidget(self.go_button)
        layout.addWidget(_heading("Sync", inner))
        layout.addWidget(self.receipt)
        layout.addWidget(_heading("Deliveries", inner))
        layout.addWidget(self.deliveries)
        layout.addWidget(_heading("Audit trail", inner))
        layout.addWidget(self.audit)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def clear(self) -> None:
        self.app_id = None
        self._details = None
        self.summary.setText("Select an application to see its details.")
        for label in (self.attention, self.deliveries, self.audit):
            label.setText("")
        self.receipt.show_receipt({})
        self.go_button.setVisible(False)

    def show_details(self, details: Details) -> None:
        self._details = details
        app = details.app
        self.app_id = app.id
        info = app.application_info
        rent = f"${info.monthly_rent:,.2f}" if info.monthly_rent is not None else "no rent yet"
        people = len(app.people())
        self.summary.setText(
            f"<b>{escape(app.primary_applicant.full_name or '(no name yet)')}</b><br>"
            f"{escape(info.building_address or 'no building yet')} {escape(info.unit)}<br>"
            f"{rent} a month · {people} person(s) · {len(app.documents)} document(s) · "
            f"{len(app.signatures)} signature(s)<br>"
            f"{escape(app.status.value.capitalize())}, step {app.current_step}, "
            f"updated {app.updated_at:%Y-%m-%d %H:%M}"
        )
        self.receipt.show_receipt(details.receipt)
        self.deliveries.setText("\n".join(details.deliveries) or "No webhook deliveries.")
        self.attention.setText(
            "\n".join(describe(i) for i in details.attention) or "Nothing: all is well."
        )
        self.go_button.setVisible(bool(details.attention))
        s = details.audit_summary
        counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(s["counts"].items()))
        self.audit.setText(
            f"{s['length']} entries on this computer" + (f": {counts}" if counts else "")
            + (f"; last {s['last']}" if s.get("last") else "")
        )


def load_details(ctx: Any, app_id: str) -> Details:
    from desktop_app.services.records import application_details

    return application_details(ctx.store, ctx.autosave.load(app_id))


def load_attention(ctx: Any) -> list[Any]:
    from desktop_app.services.records import attention_items

    return attention_items(ctx.store)


def install_side_panels(window: MainWindow) -> None:
    """Dock the details pane and the "Needs attention" panel on the right of ``window`` and
    keep them current (selection, reloads, the change bus)."""
    window.details = DetailsPane(window)
    window.attention = AttentionPanel(window)
    docks = []
    for title, widget, name in (
        ("Details", window.details, "details_dock"),
        ("Needs attention", window.attention, "attention_dock"),
    ):
        dock = QDockWidget(title, window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        docks.append(dock)
    window.splitDockWidget(docks[0], docks[1], Qt.Orientation.Vertical)
    em = window.fontMetrics().height()
    window.details.setMinimumWidth(em * 20)

    def refresh_details() -> None:
        ctx, row = window.ctx, window.selected_row()
        if ctx is None or row is None:
            window.details.clear()
            return
        app_id = row.id
        ctx.tasks.db(lambda: load_details(ctx, app_id)).success(
            lambda d: window.details.show_details(d) if d.app.id == app_id else None
        ).failure(lambda _exc: window.details.clear()).run()

    def refresh_attention() -> None:
        ctx = window.ctx
        if ctx is None:
            return
        ctx.tasks.db(lambda: load_attention(ctx)).success(window.attention.show_items).run()

    def refresh_all() -> None:
        refresh_details()
        refresh_attention()

    window.refresh_side_panels = refresh_all  # type: ignore[attr-defined]
    window.table.selectionModel().currentRowChanged.connect(lambda *_: refresh_details())
    window.model.modelReset.connect(refresh_all)
    window.attention.opened.connect(
        lambda app_id, kind, field: open_attention(window, app_id, kind, field)
    )

    def go() -> None:
        d = window.details._details
        if d is not None and d.attention:
            first = d.attention[0]
            open_attention(window, first.application_id, first.kind, first.field)

    window.details.go_button.clicked.connect(go)
