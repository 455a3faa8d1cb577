"""Step 3: the other people who will live in the apartment (listed by the primary applicant)."""

from __future__ import annotations

from desktop_app.domain.models import Occupant
from desktop_app.ui.wizard.binding import DATE
from desktop_app.ui.wizard.form import Form
from desktop_app.ui.wizard.page_base import WizardPage
from desktop_app.ui.wizard.repeatable_rows import RepeatableRows
from desktop_app.wizard import StepId


def _occupant_row(form: Form, _i: int) -> None:
    form.line("Full name", "full_name")
    form.line("Relationship", "relationship", placeholder="e.g. daughter")
    form.line("Date of birth", "date_of_birth", DATE)


class OccupantsPage(WizardPage):
    step_id = StepId.OCCUPANTS

    def build(self) -> None:
        self.info("Everyone else who will live in the apartment and is not signing the lease. "
                  "Leave it empty when nobody else will.")
        self.rows = RepeatableRows(
            self.session, self.binder, "primary_applicant.occupants", "Occupant", _occupant_row, Occupant,
            add_label="&Add occupant",
        )
        self.body_layout.addWidget(self.rows)

    def render(self) -> None:
        self.rows.render()
