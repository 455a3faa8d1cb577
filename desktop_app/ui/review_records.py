"""The review step's records: the sync receipt and the audit trail of the application (with
whether its chain verifies), read on the DB worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from desktop_app.ui.audit_view import AuditView
from desktop_app.ui.receipt_view import ReceiptView


def read_records(ctx: Any, app_id: str) -> tuple[dict[str, Any], list[Any], Any]:
    from desktop_app.services.audit import AuditTrail
    from desktop_app.services.records import application_receipt, pushed_head

    trail = AuditTrail(ctx.store)
    receipt = application_receipt(ctx.store, app_id)
    return receipt, trail.entries(app_id), trail.verify(app_id, pushed_head(ctx.store, app_id))


class RecordsSection(QFrame):
    def __init__(self, ctx: Any, app_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_records")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.ctx, self.app_id = ctx, app_id
        self.receipt = ReceiptView(self)
        self.audit = AuditView(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Sync receipt</b>"), self))
        layout.addWidget(self.receipt)
        layout.addWidget(QLabel(self.tr("<b>Audit trail</b>"), self))
        layout.addWidget(self.audit)

    def refresh(self) -> None:
        ctx, app_id = self.ctx, self.app_id

        def got(result: tuple[dict[str, Any], list[Any], Any]) -> None:
            if not isValid(self):  # the page was rebuilt meanwhile
                return
            receipt, entries, verified = result
            self.receipt.show_receipt(receipt)
            self.audit.show_trail(entries, verified)

        ctx.tasks.db(lambda: read_records(ctx, app_id)).success(got).run()
