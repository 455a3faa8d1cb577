"""Step 7: everyone on the application signs — the consent text they sign above, then a pad
per person with Undo, Redo and Clear. Each finished stroke stores the pad as PNG with the
signer's name, the time, the consent text's version and language, and the hash of the content
and the consent text signed (``domain/signing.py``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app import i18n
from desktop_app.domain import consent
from desktop_app.domain.consent import ConsentError, ConsentText
from desktop_app.domain.models import Application, Role, Signature, utcnow
from desktop_app.domain.signing import LATEST_SCHEME, signed_content_hash
from desktop_app.ui.wizard.edits import SetSignature
from desktop_app.ui.formats import format_datetime
from desktop_app.ui.wizard.form import error_style, place
from desktop_app.ui.wizard.page_base import WizardPage
from desktop_app.ui.wizard.signature_pad import SignaturePad
from desktop_app.wizard import StepId

ROLE_LABELS = {
    Role.APPLICANT: QT_TRANSLATE_NOOP("SignerBox", "Applicant"),
    Role.CO_APPLICANT: QT_TRANSLATE_NOOP("SignerBox", "Co-applicant"),
    Role.GUARANTOR: QT_TRANSLATE_NOOP("SignerBox", "Guarantor"),
}


def _position(app: Application, role: Role, person_id: str) -> int:
    """1, 2, … among the co-applicants or guarantors; 0 for the one primary applicant."""
    same = [p.id for r, p in app.people() if r == role]
    return same.index(person_id) + 1 if role != Role.APPLICANT else 0


class SignerBox(QGroupBox):
    """One person's pad, buttons and "signed at" line."""

    def __init__(
        self, page: SignaturesPage, role: Role, person_id: str, name: str, position: int = 0
    ) -> None:
        super().__init__()
        role_word = self.tr(ROLE_LABELS[role])
        self.setTitle(f"{role_word} — {name or self.tr('no name yet')}")
        self.page = page
        self.person_id = person_id
        self.name = name
        #: Who signs here, for messages: role and position, never the name.
        self.who = f"Signature of {ROLE_LABELS[role].lower()}" + (f" {position}" if position else "")
        layout = QVBoxLayout(self)
        self.pad = SignaturePad(self.tr("Signature of {who}").format(who=name or role_word.lower()))
        self.pad.stroke_finished.connect(self._store)
        self.pad.changed.connect(self._store)
        layout.addWidget(self.pad)
        row = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.redo_button = QPushButton(self.tr("Redo"))
        self.clear_button = QPushButton(self.tr("Clear"))
        for button, action, label in (
            (self.undo_button, self.pad.undo, self.tr("Undo last stroke of {who}")),
            (self.redo_button, self.pad.redo, self.tr("Redo stroke of {who}")),
            (self.clear_button, self.pad.clear, self.tr("Clear signature of {who}")),
        ):
            button.setAccessibleName(label.format(who=name or self.tr("this person")))
            button.clicked.connect(action)
            row.addWidget(button)
        layout.addLayout(row)

    def show_signature(self, sig: Signature | None) -> None:
        if sig is not None and sig.image_png and self.pad.is_empty():
            self.pad.set_png(sig.image_png)
        self.update_status(sig)

    def update_status(self, sig: Signature | None) -> None:
        if sig is not None and sig.image_png:
            when = format_datetime(sig.signed_at)
            under = "" if sig.consent_version is None else (
                self.tr(" (consent version {version}, {language})").format(
                    version=sig.consent_version, language=sig.consent_language)
            )
            self.status.setText(self.tr("Signed by {signer_name} on {when}{under}").format(signer_name=sig.signer_name, when=when, under=under))
        else:
            self.status.setText(self.tr("Not signed yet"))
        self.undo_button.setEnabled(self.pad.can_undo() and self.pad.isEnabled())
        self.redo_button.setEnabled(self.pad.can_redo() and self.pad.isEnabled())
        self.clear_button.setEnabled(not self.pad.is_empty() and self.pad.isEnabled())

    def _store(self) -> None:
        if self.page.session.read_only:
            return
        png = None if self.pad.is_empty() else self.pad.to_png()
        session = self.page.session
        person_id, name = self.person_id, self.name
        text = self.page.consent
        if png is not None and text is None:
            return  # no consent text to sign: the page says why and the pads are off
        signature = None if png is None or text is None else Signature(
            person_id=person_id, signer_name=name, signed_at=utcnow(), image_png=png,
            content_hash=signed_content_hash(session.app, LATEST_SCHEME, text), scheme=LATEST_SCHEME,
            consent_version=text.version, consent_language=text.language,
        )
        session.restructure(SetSignature.of(session.app, person_id, signature, place(self.page, self.who)))
        self.update_status(session.app.signature_for(person_id))


class SignaturesPage(WizardPage):
    step_id = StepId.SIGNATURES

    def build(self) -> None:
        self.info(self.tr("Each person reads the consent below and signs in their box with the mouse, "
                  "a pen or a finger. Signing again after a change replaces the earlier signature."))
        self.consent: ConsentText | None = None
        top = QHBoxLayout()
        self.consent_label = QLabel()
        top.addWidget(self.consent_label, 1)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language of the consent"))
        self.language.currentIndexChanged.connect(self._language_chosen)
        top.addWidget(self.language)
        self.body_layout.addLayout(top)
        self.consent_view = QTextBrowser()
        self.consent_view.setAccessibleName(self.tr("Consent text"))
        self.consent_view.setOpenLinks(False)
        self.consent_view.setMinimumHeight(self.consent_view.fontMetrics().lineSpacing() * 12)
        self.body_layout.addWidget(self.consent_view)
        self.consent_error = QLabel()
        self.consent_error.setWordWrap(True)
        self.consent_error.setAccessibleName(self.tr("Consent error"))
        self.consent_error.setStyleSheet(error_style())
        self.consent_error.hide()
        self.body_layout.addWidget(self.consent_error)
        self._load_consent(i18n.current_language())  # the app's language when the text has it
        self.boxes: list[SignerBox] = []
        self._signers: list[tuple[str, str]] = []
        self.holder = QWidget()
        self.holder_layout = QVBoxLayout(self.holder)
        self.holder_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addWidget(self.holder)

    def render(self) -> None:
        app = self.session.app
        signers = [(p.id, p.full_name) for _, p in app.people()]
        if signers != self._signers:  # rebuild only when the people changed, not per stroke
            for box in self.boxes:
                box.setParent(None)
                box.deleteLater()
            self.boxes = [
                SignerBox(self, role, p.id, p.full_name, _position(app, role, p.id))
                for role, p in app.people()
            ]
            for box in self.boxes:
                self.holder_layout.addWidget(box)
                box.pad.setEnabled(not self.session.read_only and self.consent is not None)
                box.show()
            self._signers = signers
        for box in self.boxes:
            box.show_signature(app.signature_for(box.person_id))

    def _load_consent(self, language: str | None) -> None:
        """Show the current consent text (in ``language`` when it has it); without one, say
        why and keep the pads off: nobody signs without the text."""
        lib = consent.library()
        try:
            self.consent = lib.current(language)
            languages = lib.languages(self.consent.version)
        except ConsentError as error:
            self.consent = None
            self.consent_error.setText(self.tr("The consent text cannot be shown, so nobody can sign yet: {error}").format(error=error))
            self.consent_error.show()
            self.consent_view.clear()
            self.consent_label.setText("")
            self.language.hide()
            return
        self.consent_error.hide()
        self.consent_view.setMarkdown(smaller_headings(self.consent.text))
        self.consent_label.setText(self.tr("Consent text, version {version}").format(version=self.consent.version))
        self.language.blockSignals(True)
        self.language.clear()
        for code in languages:
            self.language.addItem(code, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.consent.language)))
        self.language.blockSignals(False)
        self.language.setVisible(len(languages) > 1)

    def _language_chosen(self, _index: int) -> None:
        code = self.language.currentData()
        if isinstance(code, str) and self.consent is not None and code != self.consent.language:
            self._load_consent(code)

    def pad_for(self, person_id: str) -> SignaturePad:
        return next(b.pad for b in self.boxes if b.person_id == person_id)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for box in self.boxes:
            box.pad.setEnabled(not read_only and self.consent is not None)
            box.update_status(self.session.app.signature_for(box.person_id))


def smaller_headings(markdown: str) -> str:
    """The consent text for the step's small reading box: its headings two levels down (``#``
    becomes ``###``), so a title does not fill the box. Display only: what a signature covers
    is the text as shipped."""
    return "\n".join(
        "##" + line if line.startswith("#") and line.lstrip("#").startswith(" ") else line
        for line in markdown.split("\n")
    )
