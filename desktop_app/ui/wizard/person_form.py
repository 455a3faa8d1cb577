"""One person's full form (primary applicant, each co-applicant, each guarantor): identity,
contact, current and previous address, landlord, employment, income and other income
(vouchers and benefits count like wages), bank accounts. There is no criminal-history
question anywhere (NYC Fair Chance for Housing Act)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QToolButton, QVBoxLayout, QWidget

from desktop_app.domain.models import BankAccount, EmploymentStatus, IncomeSource, OtherIncome
from desktop_app.ui.wizard.binding import CHOICE, DATE, MONEY, TEXT, Binder
from desktop_app.ui.wizard.form import Form, heading
from desktop_app.ui.wizard.repeatable_rows import RepeatableRows
from desktop_app.ui.wizard.session import WizardSession
from desktop_app.ui.wizard.short_fields import STATE_CHOICES, ZipEdit, format_as_typed

EMPLOYMENT_CHOICES = [
    ("—", EmploymentStatus.NONE.value),
    (QT_TRANSLATE_NOOP("Choices", "Employed"), EmploymentStatus.EMPLOYED.value),
    (QT_TRANSLATE_NOOP("Choices", "Self-employed"), EmploymentStatus.SELF_EMPLOYED.value),
    (QT_TRANSLATE_NOOP("Choices", "Unemployed"), EmploymentStatus.UNEMPLOYED.value),
    (QT_TRANSLATE_NOOP("Choices", "Retired"), EmploymentStatus.RETIRED.value),
    (QT_TRANSLATE_NOOP("Choices", "Student"), EmploymentStatus.STUDENT.value),
]

INCOME_CHOICES = [
    (QT_TRANSLATE_NOOP("Choices", "Housing voucher (Section 8, CityFHEPS, FHEPS, HASA…)"),
     IncomeSource.HOUSING_VOUCHER.value),
    (QT_TRANSLATE_NOOP("Choices", "Public benefits (SSI, SSDI, TANF…)"),
     IncomeSource.PUBLIC_BENEFITS.value),
    (QT_TRANSLATE_NOOP("Choices", "Social Security"), IncomeSource.SOCIAL_SECURITY.value),
    (QT_TRANSLATE_NOOP("Choices", "Pension"), IncomeSource.PENSION.value),
    (QT_TRANSLATE_NOOP("Choices", "Child support"), IncomeSource.CHILD_SUPPORT.value),
    (QT_TRANSLATE_NOOP("Choices", "Alimony"), IncomeSource.ALIMONY.value),
    (QT_TRANSLATE_NOOP("Choices", "Investment"), IncomeSource.INVESTMENT.value),
    (QT_TRANSLATE_NOOP("Choices", "Other"), IncomeSource.OTHER.value),
]
INCOME_LABELS = {value: text for text, value in INCOME_CHOICES}

ACCOUNT_TYPES = [
    (QT_TRANSLATE_NOOP("Choices", "Checking"), "checking"),
    (QT_TRANSLATE_NOOP("Choices", "Savings"), "savings"),
    (QT_TRANSLATE_NOOP("Choices", "Brokerage"), "brokerage"),
    (QT_TRANSLATE_NOOP("Choices", "Other"), "other"),
]


class SsnField:
    """The SSN/ITIN input: masked unless the agent asks to see it."""

    def __init__(self, form: Form) -> None:
        self.toggle = QToolButton()
        self.toggle.setText(QCoreApplication.translate("SsnField", "Show"))
        self.toggle.setCheckable(True)
        self.toggle.setAccessibleName(QCoreApplication.translate("SsnField", "Show SSN"))
        self.edit = form.line(
            QCoreApplication.translate("SsnField", "SSN or &ITIN"), "ssn", placeholder="123-45-6789",
            hint=QCoreApplication.translate("SsnField", "Optional. Hidden unless you press Show."), trailing=self.toggle,
        )
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.toggle.toggled.connect(self.reveal)

    def reveal(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.toggle.setText(QCoreApplication.translate("SsnField", "Hide") if shown else QCoreApplication.translate("SsnField", "Show"))
        self.toggle.setAccessibleName(QCoreApplication.translate("SsnField", "Hide SSN") if shown else QCoreApplication.translate("SsnField", "Show SSN"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("PersonForm", text)


def _address(form: Form, name: str) -> None:
    form.line(_tr("Street"), f"{name}.street")
    form.line(_tr("Apt / unit"), f"{name}.unit")
    state = QComboBox()
    state.setEditable(True)
    state.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for text, value in STATE_CHOICES:
        state.addItem(text, value)
    state.setCurrentText("")
    state.setMinimumContentsLength(3)
    state.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    zip_code = ZipEdit()
    zip_code.setMinimumWidth(zip_code.fontMetrics().horizontalAdvance("10001-1234M"))
    form.short_row(_tr("City"), [
        (_tr("City"), QLineEdit(), f"{name}.city", TEXT),
        (_tr("State"), state, f"{name}.state", CHOICE),
        (_tr("ZIP"), zip_code, f"{name}.zip", TEXT),
    ])
    if state.lineEdit() is not None:
        state.lineEdit().setAccessibleName(_tr("State"))


def _phone(form: Form, label: str, name: str) -> QLineEdit:
    edit = form.line(label, name, placeholder="(212) 555-0143")
    format_as_typed(edit)
    return edit


def _other_income_row(form: Form, _i: int) -> None:
    form.combo(QCoreApplication.translate("PersonForm", "Source"), "source", INCOME_CHOICES)
    form.line(QCoreApplication.translate("PersonForm", "Description"), "description", placeholder=QCoreApplication.translate("PersonForm", "e.g. CityFHEPS voucher"))
    form.line(QCoreApplication.translate("PersonForm", "Monthly amount"), "monthly_amount", MONEY)


def _bank_row(form: Form, _i: int) -> None:
    form.line(QCoreApplication.translate("PersonForm", "Institution"), "institution")
    form.combo(QCoreApplication.translate("PersonForm", "Account type"), "account_type", ACCOUNT_TYPES, editable=True)
    form.line(QCoreApplication.translate("PersonForm", "Approximate balance"), "approximate_balance", MONEY)


class PersonForm(QWidget):
    def __init__(
        self,
        session: WizardSession,
        binder: Binder,
        prefix: str,
        *,
        with_relationship: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.prefix = prefix
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        # One form for all sections, so the label column lines up down the page.
        form = Form(binder, prefix)
        layout.addWidget(form.widget)

        def section(title: str) -> Form:
            form.add(heading(title))
            return form

        who = section(self.tr("Identity"))
        who.line(self.tr("&First name"), "first_name")
        who.line(self.tr("Middle name"), "middle_name")
        who.line(self.tr("&Last name"), "last_name")
        who.line(self.tr("&Date of birth"), "date_of_birth", DATE)
        self.ssn = SsnField(who)
        if with_relationship:
            who.line(self.tr("Relationship to applicant"), "relationship", placeholder=self.tr("e.g. spouse, parent"))

        contact = section(self.tr("Contact"))
        contact.line(self.tr("&Email"), "email", placeholder=self.tr("name@example.com"))
        _phone(contact, self.tr("&Phone"), "phone")

        current = section(self.tr("Current address"))
        _address(current, "current_address")
        current.line(self.tr("Years at address"), "years_at_address", MONEY, placeholder=self.tr("e.g. 2.5"))
        current.line(self.tr("Landlord name"), "landlord_name")
        _phone(current, self.tr("Landlord phone"), "landlord_phone")
        current.line(self.tr("Monthly housing payment"), "monthly_housing_payment", MONEY)

        previous = section(self.tr("Previous address (optional)"))
        _address(previous, "previous_address")

        work = section(self.tr("Employment and income"))
        work.combo(self.tr("Employment status"), "employment.status", EMPLOYMENT_CHOICES)
        work.line(self.tr("Employer"), "employment.employer")
        work.line(self.tr("Job title"), "employment.title")
        work.line(self.tr("Start date"), "employment.start_date", DATE)
        _phone(work, self.tr("Employer phone"), "employment.employer_phone")
        work.line(self.tr("Annual income"), "annual_income", MONEY, hint=self.tr("Wages per year, before tax"))

        form.add(heading(self.tr("Other income — vouchers and benefits count like wages")))
        self.other_income = RepeatableRows(
            session, binder, f"{prefix}.other_income", self.tr("Other income"), _other_income_row, OtherIncome,
            add_label=self.tr("Add other income (voucher, benefits…)"),
        )
        form.add(self.other_income)
        form.add(heading(self.tr("Bank accounts")))
        self.bank_accounts = RepeatableRows(
            session, binder, f"{prefix}.bank_accounts", self.tr("Bank account"), _bank_row, BankAccount,
            add_label=self.tr("Add bank account"),
        )
        form.add(self.bank_accounts)
        self.render()

    def render(self) -> None:
        self.other_income.render()
        self.bank_accounts.render()
