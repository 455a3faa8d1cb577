"""Step 6: documents, attached per person and kind by file dialog or drag-and-drop.

A file is checked on the GUI thread from its header (type sniffed from magic bytes, size),
then read, hashed and stored on the database worker; the bytes and the metadata are written in
one transaction by ``AutosaveService.attach_document``, which checks them again (the core's
checks, on the bytes it stores). A document whose bytes were kept although they fail those
checks (fetched from the server as another system wrote them) is listed with the reason."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.domain.models import Document, DocumentKind, Role
from desktop_app.services.changes import OpChanges
from desktop_app.services.errors import InvalidValue
from desktop_app.ui.file_dialogs import open_file_names
from desktop_app.ui.wizard.document_opener import open_in_viewer
from desktop_app.ui.wizard.document_drop import FILE_DIALOG_FILTER, DropZone, check_file
from desktop_app.ui.wizard.form import error_style, heading
from desktop_app.ui.wizard.page_base import WizardPage
from desktop_app.wizard import StepId

#: English words, translated where shown (``self.tr(KIND_LABELS[kind])`` in this page).
KIND_LABELS = {
    DocumentKind.GOVERNMENT_ID: QT_TRANSLATE_NOOP("DocumentsPage", "Government ID"),
    DocumentKind.PAY_STUB: QT_TRANSLATE_NOOP("DocumentsPage", "Pay stub"),
    DocumentKind.BANK_STATEMENT: QT_TRANSLATE_NOOP("DocumentsPage", "Bank statement"),
    DocumentKind.TAX_RETURN: QT_TRANSLATE_NOOP("DocumentsPage", "Tax return"),
    DocumentKind.EMPLOYMENT_LETTER: QT_TRANSLATE_NOOP("DocumentsPage", "Employment letter"),
    DocumentKind.VOUCHER_LETTER: QT_TRANSLATE_NOOP("DocumentsPage", "Voucher letter"),
    DocumentKind.BENEFITS_LETTER: QT_TRANSLATE_NOOP("DocumentsPage", "Benefits letter"),
    DocumentKind.CREDIT_REPORT: QT_TRANSLATE_NOOP("DocumentsPage", "Credit report"),
    DocumentKind.OTHER: QT_TRANSLATE_NOOP("DocumentsPage", "Other"),
}
ROLE_LABELS = {
    Role.APPLICANT: QT_TRANSLATE_NOOP("DocumentsPage", "Applicant"),
    Role.CO_APPLICANT: QT_TRANSLATE_NOOP("DocumentsPage", "Co-applicant"),
    Role.GUARANTOR: QT_TRANSLATE_NOOP("DocumentsPage", "Guarantor"),
}


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"


class DocumentsPage(WizardPage):
    step_id = StepId.DOCUMENTS

    def build(self) -> None:
        self.in_flight = 0
        #: Document id → why its kept bytes fail the document checks.
        self.problems: dict[str, str] = {}
        self.info(self.tr("Attach each person's documents: choose whose and what kind, then pick the "
                  "file or drop it below. PDF, JPEG, PNG or HEIC, up to 25 MB each."))
        form = QFormLayout()
        self.person = QComboBox()
        self.person.setAccessibleName(self.tr("Whose document"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of document"))
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(self.tr(label), kind.value)
        caption_p, caption_k = QLabel(self.tr("W&hose")), QLabel(self.tr("&Kind"))
        caption_p.setBuddy(self.person)
        caption_k.setBuddy(self.kind)
        form.addRow(caption_p, self.person)
        form.addRow(caption_k, self.kind)
        self.body_layout.addLayout(form)

        row = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("Attach &file…"))
        self.attach_button.setAccessibleName(self.tr("Attach file"))
        self.attach_button.clicked.connect(self.choose_files)
        row.addWidget(self.attach_button)
        row.addStretch(1)
        self.body_layout.addLayout(row)
        self.drop_zone = DropZone()
        self.drop_zone.files_dropped.connect(self.attach_files)
        self.body_layout.addWidget(self.drop_zone)
        self.refusal = QLabel()
        self.refusal.setStyleSheet(error_style())
        self.refusal.setWordWrap(True)
        self.refusal.setAccessibleName(self.tr("Why a file was refused"))
        self.refusal.hide()
        self.body_layout.addWidget(self.refusal)

        self.body_layout.addWidget(heading(self.tr("Attached")))
        self.list_widget = QWidget()
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addWidget(self.list_widget)

    # -- rendering ------------------------------------------------------------------------
    def _people(self) -> list[tuple[str, str]]:
        out = []
        for role, person in self.session.app.people():
            out.append((f"{self.tr(ROLE_LABELS[role])} — {person.full_name or self.tr('no name yet')}",
                        person.id))
        return out

    def render(self) -> None:
        chosen = self.person.currentData()
        self.person.clear()
        for label, pid in self._people():
            self.person.addItem(label, pid)
        if chosen is not None and self.person.findData(chosen) >= 0:
            self.person.setCurrentIndex(self.person.findData(chosen))
        self._render_list()
        autosave, app_id = self.session.ctx.autosave, self.session.app_id
        self.session.ctx.tasks.db(lambda: autosave.document_problems(app_id)).success(
            self._show_problems
        ).run()

    def _show_problems(self, problems: dict[str, str]) -> None:
        if not isValid(self) or problems == self.problems:
            return
        self.problems = problems
        self._render_list()

    def _render_list(self) -> None:
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        app = self.session.app
        if not app.documents:
            self.list_layout.addWidget(QLabel(self.tr("No documents yet.")))
        for doc in app.documents:
            person = app.person(doc.person_id)
            who = person.full_name if person and person.full_name else self.tr(
                "someone no longer on the application")
            line = QWidget()
            box = QHBoxLayout(line)
            box.setContentsMargins(0, 0, 0, 0)
            text = QLabel(f"{self.tr(KIND_LABELS[doc.kind])} — {who}: {doc.file_name} ({_size(doc.size)})")
            text.setWordWrap(True)
            problem = self.problems.get(doc.id)
            if problem:
                flag = QLabel(self.tr("Flagged: {problem}").format(problem=problem))
                flag.setStyleSheet(error_style())
                flag.setWordWrap(True)
                flag.setAccessibleName(self.tr("Problem with {file_name}").format(file_name=doc.file_name))
                column = QVBoxLayout()
                column.addWidget(text)
                column.addWidget(flag)
                box.addLayout(column, 1)
            else:
                box.addWidget(text, 1)
            view = QPushButton(self.tr("Open"))
            view.setAccessibleName(self.tr("Open {file_name}").format(file_name=doc.file_name))
            view.clicked.connect(
                lambda _=False, d=doc: open_in_viewer(self.session.ctx, self.session.app_id, d, self)
            )
            box.addWidget(view)
            remove = QPushButton(self.tr("Remove"))
            remove.setAccessibleName(self.tr("Remove {file_name}").format(file_name=doc.file_name))
            remove.setVisible(not self.session.read_only)
            remove.clicked.connect(lambda _=False, d=doc.id: self.remove_document(d))
            box.addWidget(remove)
            self.list_layout.addWidget(line)
            line.show()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for w in (self.person, self.kind, self.attach_button, self.drop_zone):
            w.setEnabled(not read_only)

    # -- attaching ------------------------------------------------------------------------
    def choose_files(self) -> None:
        names = open_file_names(self, self.tr("Attach documents"), FILE_DIALOG_FILTER)
        self.attach_files([Path(n) for n in names])

    def attach_files(self, paths: list[Path]) -> None:
        """Attach files for the chosen person and kind (the file dialog and drops both land here)."""
        if self.session.read_only:
            return
        refusals = []
        for path in paths:
            content_type, size, reason = check_file(Path(path))
            if reason:
                refusals.append(reason)
                continue
            self._attach(Path(path), content_type, size)
        self.refusal.setText("\n".join(refusals))
        self.refusal.setVisible(bool(refusals))

    def _attach(self, path: Path, content_type: str, size: int) -> None:
        person_id = self.person.currentData() or self.session.app.primary_applicant.id
        kind = DocumentKind(self.kind.currentData())
        autosave, app_id = self.session.ctx.autosave, self.session.app_id
        self.session.autosaver.flush()

        def store() -> Document:
            content = path.read_bytes()
            doc = Document(kind=kind, person_id=person_id, file_name=path.name,
                           content_type=content_type, size=len(content),
                           sha256=hashlib.sha256(content).hexdigest())
            autosave.attach_document(app_id, doc, content)
            return doc

        self.in_flight += 1
        self.session.ctx.tasks.db(store).changes(OpChanges.application(app_id)).success(
            self._attached
        ).failure(self._attach_failed).run()

    def _attached(self, doc: Document) -> None:
        self.in_flight -= 1
        self.session.app.documents.append(doc)
        if not isValid(self):  # the window closed while the file was stored
            return
        self._render_list()
        self.session.changed.emit()

    def _attach_failed(self, exc: BaseException) -> None:
        self.in_flight -= 1
        if not isValid(self):
            return
        if isinstance(exc, InvalidValue):  # the core's checks refused it
            self.refusal.setText(exc.error.message)
        else:
            self.refusal.setText(self.tr("The file was not attached: {error}: {exc}").format(error=exc.__class__.__name__, exc=exc))
        self.refusal.show()

    def remove_document(self, doc_id: str) -> None:
        autosave, app_id = self.session.ctx.autosave, self.session.app_id
        self.session.autosaver.flush()

        def removed(_revision: int) -> None:
            app = self.session.app
            app.documents = [d for d in app.documents if d.id != doc_id]
            if not isValid(self):
                return
            self._render_list()
            self.session.changed.emit()

        self.session.ctx.tasks.db(lambda: autosave.remove_document(app_id, doc_id)).changes(
            OpChanges.application(app_id)
        ).success(removed).run()
