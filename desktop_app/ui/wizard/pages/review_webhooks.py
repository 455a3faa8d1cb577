"""The review's webhook section: each delivery of the application to the brokerage's systems
(when, where, outcome, why) with "Resend" where one needs attention, and each person's
screening summary from the latest answer (allow-listed fields only). Read on the DB worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.formats import format_iso
from shiboken6 import isValid

from desktop_app.services.webhooks.review import WebhookReview, review_of
from desktop_app.ui.wizard.form import error_label, heading

#: The roles the summaries name (services/webhooks/review.py), translated where shown.
ROLE_WORDS = [
    QT_TRANSLATE_NOOP("WebhookSection", "Applicant"),
    QT_TRANSLATE_NOOP("WebhookSection", "Co-applicant"),
    QT_TRANSLATE_NOOP("WebhookSection", "Guarantor"),
]
FIELD_LABELS = {
    "status": QT_TRANSLATE_NOOP("WebhookSection", "Status"),
    "reference_id": QT_TRANSLATE_NOOP("WebhookSection", "Reference"),
    "decision_time": QT_TRANSLATE_NOOP("WebhookSection", "Decided"),
}


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class WebhookSection(QFrame):
    #: The section was filled from the store (tests wait on it).
    loaded = Signal()

    def __init__(self, ctx: Any, app: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.app = ctx, app
        self.review = WebhookReview()
        self.resend_buttons: dict[str, QPushButton] = {}
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.box = QVBoxLayout(self)
        self.box.addWidget(heading(self.tr("Brokerage systems")))
        self.error = error_label(self.tr("Brokerage systems"))
        self.box.addWidget(self.error)
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(self.body)

    def refresh(self) -> None:
        store, app = self.ctx.store, self.app
        self.ctx.tasks.db(lambda: review_of(store, app)).success(self._show).failure(
            self._failed
        ).run()

    def _failed(self, exc: BaseException) -> None:
        if isValid(self):
            self.error.setText(self.tr("The deliveries could not be read ({error}).").format(error=type(exc).__name__))
            self.error.show()

    def _show(self, review: WebhookReview) -> None:
        if not isValid(self):
            return
        self.review = review
        old = self.body
        old.hide()
        self.box.removeWidget(old)
        old.setParent(None)  # owned by Python now: destroyed when this call returns
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(self.body)
        self.resend_buttons = {}
        if not review.deliveries:
            note = self.tr("Not sent yet: a submitted application is sent after it syncs.")
            if not self.app.is_read_only:
                note = self.tr("Sent to the brokerage's systems once submitted and synced.")
            self.body_layout.addWidget(_label(note))
        for d in review.deliveries:
            form_host = QWidget()
            form = QFormLayout(form_host)
            form.addRow(_label(self.tr("Sent") if d.sent else self.tr("Queued")), _label(format_iso(d.when)))
            form.addRow(_label(self.tr("To")), _label(d.endpoint))
            form.addRow(_label(self.tr("Outcome")), _label(d.outcome + (f" — {d.detail}" if d.detail else "")))
            self.body_layout.addWidget(form_host)
            if d.can_resend:
                button = QPushButton(self.tr("Resend"))
                button.setAccessibleName(self.tr("Resend {id}").format(id=d.id))
                button.clicked.connect(lambda _=False, msg_id=d.id: self.resend(msg_id))
                self.resend_buttons[d.id] = button
                self.body_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        if review.people:
            self.body_layout.addWidget(heading(self.tr("Screening summaries")))
            for p in review.people:
                host = QWidget()
                form = QFormLayout(host)
                form.addRow(_label(self.tr(p.role)), _label(p.name))
                for key, value in p.fields.items():
                    label = FIELD_LABELS.get(key)
                    shown = format_iso(value) if key == "decision_time" else str(value)
                    form.addRow(_label(self.tr(label) if label else key), _label(shown))
                self.body_layout.addWidget(host)
        self.loaded.emit()

    def resend(self, msg_id: str) -> None:
        from desktop_app.services.webhooks import outbox
        from desktop_app.services.webhooks.settings import load

        store = self.ctx.store
        config = self.ctx.config

        def work() -> bool:
            url = load(store, getattr(config, "webhook_url", None)).url
            with store.engine.begin() as conn:
                if url:
                    outbox.enable(conn, url)
                return outbox.resend(conn, msg_id, _now())

        self.ctx.tasks.db(work).success(lambda _ok: self._resent()).failure(self._failed).run()

    def _resent(self) -> None:
        sync = getattr(self.ctx, "sync", None)
        controller = getattr(sync, "controller", None)
        scheduler = getattr(controller, "scheduler", None)
        if scheduler is not None:
            scheduler.request("webhook resend")
        self.refresh()


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat()
