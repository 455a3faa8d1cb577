"""The details pane of the main window (docs/records.md, "Details pane"): for the selected
application its summary, sync state and receipt, webhook deliveries, what needs the agent and
the audit trail's summary. Docked beside the list with the "Needs attention" panel; both are
read on the DB worker and refreshed when the selection or the list changes."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.attention_panel import AttentionPanel, describe, open_attention
from desktop_app.ui.formats import format_datetime, format_iso, format_money
from desktop_app.ui.plurals import plural
from desktop_app.ui.receipt_view import ReceiptView

if TYPE_CHECKING:
    from desktop_app.services.records import Details
    from desktop_app.ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("DetailsPane", text)


def _when(iso: Any) -> str:
    """A stored ISO-8601 UTC time as local time in the locale's short format."""
    return format_iso(iso)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(f"<b>{escape(text)}</b>", parent)
    label.setContentsMargins(0, 8, 0, 0)
    return label


class DetailsPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("details_pane")
        self.app_id: str | None = None
        self.summary = QLabel(_tr("Select an application to see its details."), self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.receipt = ReceiptView(self)
        self.deliveries = QLabel("", self)
        self.deliveries.setWordWrap(True)
        self.attention = QLabel("", self)
        self.attention.setWordWrap(True)
        self.go_button = QPushButton(_tr("Go to the field"), self)
        self.go_button.setVisible(False)
        self.audit = QLabel("", self)
        self.audit.setWordWrap(True)
        self._details: Details | None = None
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.summary)
        #: The sections under the summary: shown only while an application is selected.
        self._sections: list[QWidget] = []
        for title, widgets in (
            (_tr("Needs you"), (self.attention, self.go_button)),
            (_tr("Sync"), (self.receipt,)),
            (_tr("Deliveries"), (self.deliveries,)),
            (_tr("Audit trail"), (self.audit,)),
        ):
            heading = _heading(title, inner)
            layout.addWidget(heading)
            self._sections.append(heading)
            for widget in widgets:
                layout.addWidget(widget)
                if widget is not self.go_button:  # the button shows only with a reason
                    self._sections.append(widget)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.clear()

    def clear(self) -> None:
        self.app_id = None
        self._details = None
        self.summary.setText(_tr("Select an application to see its details."))
        for label in (self.attention, self.deliveries, self.audit):
            label.setText("")
        self.receipt.show_receipt({})
        self.go_button.setVisible(False)
        for widget in self._sections:
            widget.setVisible(False)

    def show_details(self, details: Details) -> None:
        self._details = details
        for widget in self._sections:
            widget.setVisible(True)
        app = details.app
        self.app_id = app.id
        info = app.application_info
        rent = (
            _tr("{rent} a month").format(rent=format_money(info.monthly_rent))
            if info.monthly_rent is not None else _tr("no rent yet")
        )
        counts = " · ".join((
            rent,
            plural("DetailsPane", len(app.people()), "%n person", "%n people"),
            plural("DetailsPane", len(app.documents), "%n document", "%n documents"),
            plural("DetailsPane", len(app.signatures), "%n signature", "%n signatures"),
        ))
        from desktop_app.ui.applications_model import status_label

        state = _tr("{status}, step {step}, updated {when}").format(
            status=status_label(app.status.value), step=app.current_step,
            when=format_datetime(app.updated_at),
        )
        name = app.primary_applicant.full_name or _tr("(no name yet)")
        building = info.building_address or _tr("no building yet")
        self.summary.setText(
            f"<b>{escape(name)}</b><br>{escape(building)} {escape(info.unit)}<br>"
            f"{escape(counts)}<br>{escape(state)}"
        )
        self.receipt.show_receipt(details.receipt)
        self.deliveries.setText("\n".join(details.deliveries) or _tr("No webhook deliveries."))
        self.attention.setText(
            "\n".join(describe(i) for i in details.attention) or _tr("Nothing: all is well.")
        )
        self.go_button.setVisible(bool(details.attention))
        s = details.audit_summary
        from desktop_app.services.audit import action_words  # the store's side: after the show

        counts = ", ".join(f"{action_words(k)} {v}" for k, v in sorted(s["counts"].items()))
        entries = plural(
            "DetailsPane", s["length"], "%n entry on this computer", "%n entries on this computer"
        )
        last = _tr("; last {when}").format(when=_when(s["last"])) if s.get("last") else ""
        self.audit.setText(entries + (f": {counts}" if counts else "") + last)


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
        (_tr("Details"), window.details, "details_dock"),
        (_tr("Needs attention"), window.attention, "attention_dock"),
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
    # The details get most of the height: the list of what needs the agent is short. (A layout
    # the agent arranged is restored over this by the window's saved state.)
    window.resizeDocks(docks, [em * 30, em * 8], Qt.Orientation.Vertical)

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
