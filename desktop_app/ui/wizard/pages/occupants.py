"""Step 3: the other people who will live in the apartment (listed by the primary applicant)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.models import Occupant
from desktop_app.ui.wizard.binding import DATE
from desktop_app.ui.wizard.form import Form
from desktop_app.ui.wizard.page_base import WizardPage
from desktop_app.ui.wizard.repeatable_rows import RepeatableRows
from desktop_app.wizard import StepId


def _occupant_row(form: Form, _i: int) -> None:
    form.line(QCoreApplication.translate("OccupantsPage", "Full name"), "full_name")
    form.line(QCoreApplication.translate("OccupantsPage", "Relationship"), "relationship",
              placeholder=QCoreApplication.translate("OccupantsPage", "e.g. daughter"))
    form.line(QCoreApplication.translate("OccupantsPage", "Date of birth"), "date_of_birth", DATE)


class OccupantsPage(WizardPage):
    step_id = StepId.OCCUPANTS

    def build(self) -> None:
        self.info(self.tr("Everyone else who will live in the apartment and is not signing the "
                          "lease. Leave it empty when nobody else will."))
        self.rows = RepeatableRows(
            self.session, self.binder, "primary_applicant.occupants", self.tr("Occupant"),
            _occupant_row, Occupant, add_label=self.tr("&Add occupant"),
        )
        self.body_layout.addWidget(self.rows)

    def render(self) -> None:
        self.rows.render()
