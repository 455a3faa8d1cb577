"""Step 1: the application itself — building, unit, rent, move-in, lease term, the fee (NYC
caps it at $20 and waives it for a recent report; the core says so at the fee field) and the
broker: who engaged them and the fee charged to the applicant (refused at the field when the
landlord engaged the broker: the FARE Act)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop_app.domain.models import BrokerEngagement
from desktop_app.ui.wizard.binding import DATE, MONEY
from desktop_app.ui.wizard.form import Form
from desktop_app.ui.wizard.page_base import WizardPage
from desktop_app.wizard import StepId

BROKER_CHOICES = [
    (QT_TRANSLATE_NOOP("Choices", "No broker / not stated"), BrokerEngagement.NONE.value),
    (QT_TRANSLATE_NOOP("Choices", "The landlord"), BrokerEngagement.LANDLORD.value),
    (QT_TRANSLATE_NOOP("Choices", "The applicant"), BrokerEngagement.TENANT.value),
]
BROKER_LABELS = {value: text for text, value in BROKER_CHOICES}


class AppInfoPage(WizardPage):
    step_id = StepId.APPLICATION_INFO

    def build(self) -> None:
        form = Form(self.binder)
        self.building = form.combo(
            self.tr("B&uilding address"), "application_info.building_address", [], editable=True,
            hint=self.tr("Pick a building profile or type an address"),
        )
        form.line(self.tr("Un&it"), "application_info.unit", placeholder=self.tr("e.g. 4B"))
        form.line(self.tr("Monthly &rent"), "application_info.monthly_rent", MONEY)
        form.line(self.tr("&Move-in date"), "application_info.move_in_date", DATE)
        form.spin(self.tr("Lease &term"), "application_info.lease_term_months", 60, self.tr(" months"))
        form.line(
            self.tr("Application &fee"), "application_info.application_fee", MONEY,
            hint=self.tr("NYC allows at most $20 (Real Property Law §238-a)"),
        )
        form.check(
            self.tr("Fee &waived: the applicant brought a background/credit report no older than 30 days"),
            "application_info.fee_waived",
        )
        form.line(self.tr("Report date"), "application_info.report_date", DATE)
        form.combo(
            self.tr("Bro&ker engaged by"), "application_info.broker_engaged_by", BROKER_CHOICES,
            hint=self.tr("Who hired the broker for this rental"),
        )
        form.line(
            self.tr("Broker fee charged to the a&pplicant"), "application_info.broker_fee", MONEY,
            hint=self.tr("In NYC the applicant never pays the fee of a broker the landlord engaged (FARE Act)"),
        )
        form.line(self.tr("Referral source"), "application_info.referral_source", placeholder=self.tr("e.g. StreetEasy"))
        form.text(self.tr("Notes"), "application_info.notes")
        self.body_layout.addWidget(form.widget)

    def render(self) -> None:
        addresses = [p.address for p in self.session.profiles if p.address]
        current = self.building.currentText()
        if [self.building.itemText(i) for i in range(self.building.count())] != addresses:
            self.building.blockSignals(True)
            self.building.clear()
            for profile in self.session.profiles:
                if profile.address:
                    label = f"{profile.address} — {profile.name}" if profile.name else profile.address
                    self.building.addItem(profile.address, profile.address)
                    self.building.setItemData(self.building.count() - 1, label, 3)  # tooltip
            self.building.setCurrentText(current)
            self.building.blockSignals(False)
