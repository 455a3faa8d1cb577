"""Steps 4 and 5: co-applicants and guarantors, 0..n each, every one a full PersonForm."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop_app.domain.models import Person
from desktop_app.ui.wizard.form import Form
from desktop_app.ui.wizard.page_base import WizardPage
from desktop_app.ui.wizard.person_form import PersonForm
from desktop_app.ui.wizard.repeatable_rows import RepeatableRows
from desktop_app.wizard import StepId


class _PeoplePage(WizardPage):
    list_path: str
    noun: str
    add_label: str
    intro: str

    def build(self) -> None:
        self.info(self.tr(self.intro))
        self.forms: list[PersonForm] = []
        self.rows = RepeatableRows(
            self.session, self.binder, self.list_path, self.tr(self.noun), self._person_row, Person,
            add_label=self.tr(self.add_label),
        )
        self.body_layout.addWidget(self.rows)

    def _person_row(self, form: Form, i: int) -> None:
        person = PersonForm(self.session, self.binder, f"{self.list_path}[{i}]", with_relationship=True)
        self.forms.append(person)
        form.add(person)

    def render(self) -> None:
        self.forms = []
        self.rows.render()



class CoApplicantsPage(_PeoplePage):
    step_id = StepId.CO_APPLICANTS
    list_path = "co_applicants"
    noun = QT_TRANSLATE_NOOP("CoApplicantsPage", "Co-applicant")
    add_label = QT_TRANSLATE_NOOP("CoApplicantsPage", "&Add co-applicant")
    intro = QT_TRANSLATE_NOOP(
        "CoApplicantsPage",
        "People who sign the lease with the primary applicant. Add none if there are none.")


class GuarantorsPage(_PeoplePage):
    step_id = StepId.GUARANTORS
    list_path = "guarantors"
    noun = QT_TRANSLATE_NOOP("GuarantorsPage", "Guarantor")
    add_label = QT_TRANSLATE_NOOP("GuarantorsPage", "&Add guarantor")
    intro = QT_TRANSLATE_NOOP(
        "GuarantorsPage",
        "Guarantors sign to cover the rent if the tenants cannot. Add none if there are none.")
