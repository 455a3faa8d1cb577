"""File › Export PDF… (Ctrl+P, in the list and in the wizard): where to save, and whether to
print full SSNs (off by default, with a warning when ticked). The PDF is gathered and painted
on the DB worker and written 0600 (``pdf_export.py``); the export is recorded in the
application's audit trail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.error_style import error_style

FULL_SSN_WARNING = QT_TRANSLATE_NOOP(
    "PdfExportDialog",
    "The PDF will show full SSNs. Anyone who gets the file can read them: share it only with "
    "whoever must see them, and delete it when done.",
)


class PdfExportDialog(QDialog):
    def __init__(self, suggested: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export PDF"))
        self.path = QLineEdit(str(suggested), self)
        self.path.setAccessibleName(self.tr("PDF file"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.full_ssn = QCheckBox(self.tr("Include full SSNs"), self)
        self.warning = QLabel(self.tr(FULL_SSN_WARNING), self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(error_style())
        self.warning.setVisible(False)
        self.full_ssn.toggled.connect(self.warning.setVisible)
        self.error = QLabel("", self)
        self.error.setStyleSheet(error_style())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Save the application as a PDF (SSNs masked as ***-**-1234):")))
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.full_ssn)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PDF"), self.path.text(),
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.path.setText(path)

    def target(self) -> Path:
        text = self.path.text().strip()
        return Path(text if text.lower().endswith(".pdf") else f"{text}.pdf")

    def _accept(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.error.setText(self.tr("Choose where to save the PDF."))
            return
        if not self.target().parent.is_dir():
            self.error.setText(self.tr("That folder does not exist."))
            return
        self.accept()


def write_application_pdf(ctx: Any, app_id: str, path: Path, full_ssn: bool) -> int:
    """On the DB worker: gather, paint, write 0600, record the export; the page count."""
    from desktop_app.services.records import pdf_input
    from desktop_app.ui.pdf_export import export_pdf

    app = ctx.autosave.load(app_id)
    pages = export_pdf(pdf_input(ctx.store, app, full_ssn=full_ssn), path)
    # Recorded once the file exists: the trail never claims an export that failed.
    ctx.autosave.audit.record(app_id, "exported", to="pdf", full_ssn=full_ssn)
    return pages


def export_pdf_dialog(parent: QWidget, ctx: Any, app_id: str) -> PdfExportDialog | None:
    if ctx is None:
        return None
    dialog = PdfExportDialog(Path.home() / f"application-{app_id}.pdf", parent)
    if not dialog.exec():
        return dialog
    target, full = dialog.target(), dialog.full_ssn.isChecked()

    def done(pages: int) -> None:
        bar = getattr(parent, "statusBar", None)
        if callable(bar):
            bar().showMessage((QCoreApplication.translate("PdfDialog", "Saved 1 page to {name}") if pages == 1 else
                              QCoreApplication.translate("PdfDialog", "Saved {pages} pages to {name}")
                              ).format(pages=pages, name=target.name), 8000)

    def failed(exc: BaseException) -> None:
        QMessageBox.warning(parent, QCoreApplication.translate("PdfDialog", "Export PDF"), QCoreApplication.translate("PdfDialog", "The PDF could not be saved.\n\n{exc}").format(exc=exc))

    ctx.tasks.db(lambda: write_application_pdf(ctx, app_id, target, full)).success(
        done).failure(failed).run()
    return dialog
