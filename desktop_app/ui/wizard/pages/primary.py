"""Step 2: the primary applicant — one PersonForm."""

from __future__ import annotations

from desktop_app.ui.wizard.page_base import WizardPage
from desktop_app.ui.wizard.person_form import PersonForm
from desktop_app.wizard import StepId


class PrimaryApplicantPage(WizardPage):
    step_id = StepId.PRIMARY_APPLICANT

    def build(self) -> None:
        self.person = PersonForm(self.session, self.binder, "primary_applicant")
        self.body_layout.addWidget(self.person)

    def render(self) -> None:
        self.person.render()
