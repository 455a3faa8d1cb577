"""Step 8: the whole application read-only, each section with an Edit link to its step; the
household's income against the building's multiple (with the shortfall); a checklist of what
is still missing; Submit is the window's last-step button."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.domain.fields import mask_ssn
from desktop_app.i18n import _ as core_text
from desktop_app.domain.models import Address, Application, Person
from desktop_app.domain.nyc_rules import qualify
from desktop_app.domain.other_data import other_rows
from desktop_app.ui.formats import format_datetime
from desktop_app.ui.wizard.binding import format_date
from desktop_app.ui.wizard.document_opener import open_in_viewer
from desktop_app.ui.wizard.form import error_style, heading
from desktop_app.ui.wizard.page_base import WizardPage
from desktop_app.ui.wizard.pages.app_info import BROKER_LABELS
from desktop_app.ui.wizard.pages.documents import KIND_LABELS
from desktop_app.ui.wizard.person_form import INCOME_LABELS
from desktop_app.wizard import BY_ID, StepId


def money(value: Decimal | None) -> str:
    return "—" if value is None else f"${value:,.2f}"


def address(a: Address) -> str:
    if a.is_empty():
        return "—"
    street = f"{a.street} {a.unit}".strip()
    return f"{street}, {a.city}, {a.state} {a.zip}".strip(", ")


def _plain_label(text: str) -> QLabel:
    label = QLabel(text or "—")
    label.setTextFormat(Qt.TextFormat.PlainText)  # names may hold "<", never rich text
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def person_rows(p: Person) -> list[tuple[str, str]]:
    rows = [
        (QCoreApplication.translate("ReviewPage", "Name"), p.full_name),
        (QCoreApplication.translate("ReviewPage", "Date of birth"), format_date(p.date_of_birth)),
        (QCoreApplication.translate("ReviewPage", "SSN / ITIN"), mask_ssn(p.ssn)),
        (QCoreApplication.translate("ReviewPage", "Email"), p.email),
        (QCoreApplication.translate("ReviewPage", "Phone"), p.phone),
        (QCoreApplication.translate("ReviewPage", "Current address"), address(p.current_address)),
        (QCoreApplication.translate("ReviewPage", "Previous address"), address(p.previous_address)),
        (QCoreApplication.translate("ReviewPage", "Landlord"), " ".join(x for x in (p.landlord_name, p.landlord_phone) if x)),
        (QCoreApplication.translate("ReviewPage", "Employment"), ", ".join(x for x in (
            _tr(_EMPLOYMENT.get(p.employment.status.value, p.employment.status.value)),
            p.employment.employer, p.employment.title) if x)),
        (QCoreApplication.translate("ReviewPage", "Annual income"), money(p.annual_income)),
    ]
    if p.relationship:
        rows.insert(1, (QCoreApplication.translate("ReviewPage", "Relationship"), p.relationship))
    for inc in p.other_income:
        label = INCOME_LABELS.get(inc.source.value)
        rows.append((_tr(label) if label else QCoreApplication.translate("ReviewPage", "Other income"),
                     QCoreApplication.translate("ReviewPage", "{amount} a month {description}").format(
                         amount=money(inc.monthly_amount), description=inc.description).strip()))
    for acct in p.bank_accounts:
        rows.append((QCoreApplication.translate("ReviewPage", "Bank account"), f"{acct.institution} {_tr(acct.account_type.capitalize())} ≈ {money(acct.approximate_balance)}"))
    return rows


#: The employment statuses' words as the person form shows them (translated where shown).
_EMPLOYMENT = {"employed": QT_TRANSLATE_NOOP("ReviewPage", "Employed"),
               "self-employed": QT_TRANSLATE_NOOP("ReviewPage", "Self-employed"),
               "unemployed": QT_TRANSLATE_NOOP("ReviewPage", "Unemployed"),
               "retired": QT_TRANSLATE_NOOP("ReviewPage", "Retired"),
               "student": QT_TRANSLATE_NOOP("ReviewPage", "Student")}
#: The words the review shows from the wizard's choice lists (income sources, account types,
#: broker choices, document kinds), marked here so the review translates them in its context.
_SHOWN_WORDS = [
    QT_TRANSLATE_NOOP("ReviewPage", "Housing voucher (Section 8, CityFHEPS, FHEPS, HASA…)"),
    QT_TRANSLATE_NOOP("ReviewPage", "Public benefits (SSI, SSDI, TANF…)"),
    QT_TRANSLATE_NOOP("ReviewPage", "Social Security"),
    QT_TRANSLATE_NOOP("ReviewPage", "Pension"),
    QT_TRANSLATE_NOOP("ReviewPage", "Child support"),
    QT_TRANSLATE_NOOP("ReviewPage", "Alimony"),
    QT_TRANSLATE_NOOP("ReviewPage", "Investment"),
    QT_TRANSLATE_NOOP("ReviewPage", "Other"),
    QT_TRANSLATE_NOOP("ReviewPage", "Checking"),
    QT_TRANSLATE_NOOP("ReviewPage", "Savings"),
    QT_TRANSLATE_NOOP("ReviewPage", "Brokerage"),
    QT_TRANSLATE_NOOP("ReviewPage", "No broker / not stated"),
    QT_TRANSLATE_NOOP("ReviewPage", "The landlord"),
    QT_TRANSLATE_NOOP("ReviewPage", "The applicant"),
    QT_TRANSLATE_NOOP("ReviewPage", "Government ID"),
    QT_TRANSLATE_NOOP("ReviewPage", "Pay stub"),
    QT_TRANSLATE_NOOP("ReviewPage", "Bank statement"),
    QT_TRANSLATE_NOOP("ReviewPage", "Tax return"),
    QT_TRANSLATE_NOOP("ReviewPage", "Employment letter"),
    QT_TRANSLATE_NOOP("ReviewPage", "Voucher letter"),
    QT_TRANSLATE_NOOP("ReviewPage", "Benefits letter"),
    QT_TRANSLATE_NOOP("ReviewPage", "Credit report"),
]


def _tr(text: str) -> str:
    """A word marked above (or elsewhere in this context) in the current language."""
    return QCoreApplication.translate("ReviewPage", text)


MAX_CHECKLIST = 25
_INDEXED = re.compile(r"^(co_applicants|guarantors|primary_applicant\.occupants|documents)\[(\d+)\]")
_NOUNS = {"co_applicants": QT_TRANSLATE_NOOP("ReviewPage", "Co-applicant {number}"),
          "guarantors": QT_TRANSLATE_NOOP("ReviewPage", "Guarantor {number}"),
          "primary_applicant.occupants": QT_TRANSLATE_NOOP("ReviewPage", "Occupant {number}"),
          "documents": QT_TRANSLATE_NOOP("ReviewPage", "Document {number}")}


class ReviewPage(WizardPage):
    step_id = StepId.REVIEW
    #: The agent asked to edit a section: the window jumps to that step.
    edit_requested = Signal(object)

    def build(self) -> None:
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addWidget(self.content)
        self.edit_links: dict[StepId, QPushButton] = {}
        self.qualification_text = ""

    def load(self) -> None:
        super().load()
        self._refresh_profiles()

    def _refresh_profiles(self) -> None:
        def got(profiles) -> None:
            if not isValid(self):  # the window closed meanwhile
                return
            if profiles != self.session.profiles:
                self.session.profiles = profiles
                self.render()

        self.session.read_profiles(got)

    def retranslate_ui(self) -> None:
        """After a language switch: every section again, since its lines are made from values."""
        if self.session.flow is not None:
            self.render()

    def render(self) -> None:
        while self.content_layout.count():
            item = self.content_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # gone now, not when the event loop gets to deleting it
                item.widget().deleteLater()
        self.edit_links = {}
        app = self.session.app
        info = app.application_info
        self._qualification()
        self._checklist()
        months = info.lease_term_months
        term = "—" if not months else (
            self.tr("1 month") if months == 1 else self.tr("{count} months").format(count=months))
        broker = BROKER_LABELS.get(info.broker_engaged_by.value)
        self._section(StepId.APPLICATION_INFO, [
            (self.tr("Building"), info.building_address), (self.tr("Unit"), info.unit),
            (self.tr("Monthly rent"), money(info.monthly_rent)),
            (self.tr("Move-in date"), format_date(info.move_in_date)),
            (self.tr("Lease term"), term),
            (self.tr("Application fee"), money(info.application_fee)),
            (self.tr("Fee waived"), self.tr("yes, report dated {date}").format(
                date=format_date(info.report_date)) if info.fee_waived else self.tr("no")),
            (self.tr("Broker engaged by"), _tr(broker) if broker else "—"),
            (self.tr("Broker fee to the applicant"), money(info.broker_fee)),
            (self.tr("Referral"), info.referral_source), (self.tr("Notes"), info.notes),
        ])
        self._section(StepId.PRIMARY_APPLICANT, person_rows(app.primary_applicant))
        self._section(StepId.OCCUPANTS, [
            (o.full_name or "—", ", ".join(x for x in (o.relationship, format_date(o.date_of_birth)) if x))
            for o in app.primary_applicant.occupants
        ] or [("", self.tr("Nobody else"))])
        for step, people, noun in (
            (StepId.CO_APPLICANTS, app.co_applicants, self.tr("Co-applicant {number}")),
            (StepId.GUARANTORS, app.guarantors, self.tr("Guarantor {number}")),
        ):
            rows: list[tuple[str, str]] = []
            for i, p in enumerate(people):
                rows.append((noun.format(number=i + 1), ""))
                rows += person_rows(p)
            self._section(step, rows or [("", self.tr("None"))])
        docs = self._section(StepId.DOCUMENTS, [
            (_tr(KIND_LABELS[d.kind]),
             f"{d.file_name} — {(app.person(d.person_id) or Person()).full_name}")
            for d in app.documents
        ] or [("", self.tr("No documents"))])
        self.open_buttons = {}
        for d in app.documents:
            button = QPushButton(self.tr("Open {file_name}").format(file_name=d.file_name))
            button.setAccessibleName(self.tr("Open {file_name}").format(file_name=d.file_name))
            button.clicked.connect(
                lambda _=False, doc=d: open_in_viewer(self.session.ctx, self.session.app_id, doc, self)
            )
            self.open_buttons[d.id] = button
            docs.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        sig_rows = []
        for _, p in app.people():
            sig = app.signature_for(p.id)
            when = format_datetime(sig.signed_at) if sig and sig.image_png else ""
            sig_rows.append((p.full_name or "—", self.tr("signed {when}").format(when=when)
                             if when else self.tr("not signed")))
        self._section(StepId.SIGNATURES, sig_rows)
        self._webhooks(app)
        self._records(app)
        self._other_data(other_rows(app))

    def _webhooks(self, app: Application) -> None:
        """Deliveries to the brokerage's systems and the screening summaries they answered."""
        from desktop_app.ui.wizard.pages.review_webhooks import WebhookSection

        self.webhooks = WebhookSection(self.session.ctx, app)
        self.content_layout.addWidget(self.webhooks)
        self.webhooks.refresh()

    def _records(self, app: Application) -> None:
        """The sync receipt and the audit trail (ui/review_records.py)."""
        from desktop_app.ui.review_records import RecordsSection

        self.records = RecordsSection(self.session.ctx, app.id)
        self.content_layout.addWidget(self.records)
        self.records.refresh()

    def _other_data(self, rows: list[tuple[str, str]]) -> None:
        """What other systems wrote, read-only, folded away until asked for."""
        self.other_toggle: QToolButton | None = None
        self.other_rows = rows
        if not rows:
            return
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        toggle = QToolButton()
        toggle.setText(self.tr("Other data ({count})").format(count=len(rows)))
        toggle.setAccessibleName(self.tr("Other data"))
        toggle.setToolTip(self.tr("Kept for the brokerage's other systems; LeaseDesk never changes it"))
        toggle.setCheckable(True)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.setArrowType(Qt.ArrowType.RightArrow)
        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, value in rows:
            form.addRow(_plain_label(label), _plain_label(value))
        body.setVisible(False)

        def flip(shown: bool) -> None:
            toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
            body.setVisible(shown)

        toggle.toggled.connect(flip)
        box.addWidget(toggle)
        box.addWidget(body)
        self.other_toggle, self.other_body = toggle, body
        self.content_layout.addWidget(frame)
        frame.show()

    def _section(self, step: StepId, rows: list[tuple[str, str]]) -> QVBoxLayout:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        top = QHBoxLayout()
        title = core_text(BY_ID[step].title)
        top.addWidget(heading(title), 1)
        link = QPushButton(self.tr("Edit"))
        link.setFlat(True)
        link.setAccessibleName(self.tr("Edit {title}").format(title=title))
        link.setVisible(not self.session.read_only)
        link.clicked.connect(lambda _=False, s=step: self.edit_requested.emit(s))
        self.edit_links[step] = link
        top.addWidget(link)
        box.addLayout(top)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for label, value in rows:
            form.addRow(_plain_label(label) if label else QLabel(""), _plain_label(value))
        box.addLayout(form)
        self.content_layout.addWidget(frame)
        frame.show()
        return box

    def _qualification(self) -> None:
        app = self.session.app
        profile = self.session.profile()
        q = qualify(app, profile)
        lines = [
            self.tr("Rent {rent} a month, less housing subsidy {subsidy}: tenant share {share} a "
                    "month.").format(rent=money(q.monthly_rent), subsidy=money(q.monthly_subsidy),
                                     share=money(q.tenant_share)),
            self.tr("The building asks for {multiple}× the tenant share: {required} a year.").format(
                multiple=f"{profile.applicant_multiple:g}", required=money(q.required_income)),
            self.tr("Household income (applicants, all sources incl. benefits; the subsidy lowers "
                    "the rent instead): {income} a year.").format(income=money(q.household_income)),
        ]
        if q.monthly_rent <= 0:
            lines.append(self.tr("Enter the rent to check the income."))
        elif q.tenant_share <= 0:
            lines.append(self.tr("The subsidy covers the whole rent: the household qualifies."))
        elif q.household_qualifies:
            lines.append(self.tr("The household qualifies."))
        else:
            lines.append(self.tr("Shortfall: {amount} a year.").format(amount=money(q.shortfall)))
            multiple = f"{profile.guarantor_multiple:g}"
            required = money(q.guarantor_required_income)
            if q.qualifying_guarantors:
                lines.append(self.tr("A guarantor covers it ({multiple}× the tenant share: "
                                     "{required} a year).").format(multiple=multiple,
                                                                   required=required))
            else:
                lines.append(self.tr("No guarantor earns {multiple}× the tenant share "
                                     "({required} a year).").format(multiple=multiple,
                                                                    required=required))
        self.qualification_text = "\n".join(lines)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        box.addWidget(heading(self.tr("Income qualification")))
        label = _plain_label(self.qualification_text)
        label.setAccessibleName(self.tr("Income qualification"))
        box.addWidget(label)
        self.content_layout.addWidget(frame)
        frame.show()

    def _where(self, path: str) -> str:
        """"Co-applicant 2 (Li Wei)" for an error inside a list item, else ""."""
        m = _INDEXED.match(path)
        if not m:
            return ""
        where = _tr(_NOUNS[m.group(1)]).format(number=int(m.group(2)) + 1)
        if m.group(1) in ("co_applicants", "guarantors"):
            people = getattr(self.session.app, m.group(1))
            index = int(m.group(2))
            if index < len(people) and people[index].full_name:
                where += f" ({people[index].full_name})"
        return where

    def _checklist(self) -> None:
        flow = self.session.flow
        assert flow is not None
        missing = {k: v for k, v in flow.all_errors().items() if k != StepId.REVIEW}
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        box.addWidget(heading(self.tr("Still missing") if missing else self.tr("Checklist")))
        lines = [f"• {self._where(e.path) or core_text(BY_ID[s].title)}: {e.message}"
                 for s, errs in missing.items() for e in errs]
        if self.session.read_only:
            text = self.tr("Submitted.")
        elif not missing:
            text = self.tr("Nothing is missing: the application can be submitted.")
        else:
            text = "\n".join(lines[:MAX_CHECKLIST])
            if len(lines) > MAX_CHECKLIST:
                text += "\n" + self.tr("… and {count} more").format(count=len(lines) - MAX_CHECKLIST)
        self.checklist_text = text
        label = _plain_label(text)
        label.setAccessibleName(self.tr("What is missing"))
        if missing and not self.session.read_only:
            label.setStyleSheet(error_style())
        box.addWidget(label)
        self.content_layout.addWidget(frame)
        frame.show()
