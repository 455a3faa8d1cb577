"""Add or edit one building profile: address, name and the two income multiples. OK stays
disabled, with the reason beside the field, until the address is filled in and unique."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop_app.domain.nyc_rules import BuildingProfile


def _spin(value: Decimal, name: str, parent: QWidget) -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setDecimals(2)
    spin.setRange(0.5, 999.0)
    spin.setSingleStep(1.0)
    spin.setSuffix(QCoreApplication.translate("ProfileEditor", " × monthly rent"))
    spin.setValue(float(value))
    spin.setAccessibleName(name)
    return spin


class ProfileEditor(QDialog):
    def __init__(
        self,
        profile: BuildingProfile | None,
        taken_addresses: set[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._taken = taken_addresses
        self.setWindowTitle(self.tr("Edit building profile") if profile else self.tr("Add building profile"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.address = QLineEdit(profile.address if profile else "", self)
        self.address.setAccessibleName(self.tr("Building address"))
        self.address.setPlaceholderText(self.tr("e.g. 100 Example Street, Brooklyn, NY 11201"))
        self.address.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        self.address_error = QLabel(self)
        self.address_error.setWordWrap(True)
        self.address_error.setAccessibleName(self.tr("Address problem"))
        self.name = QLineEdit(profile.name if profile else "", self)
        self.name.setAccessibleName(self.tr("Building name"))
        self.name.setPlaceholderText(self.tr("optional"))
        self.applicant_multiple = _spin(
            profile.applicant_multiple if profile else Decimal(40),
            self.tr("Applicant income multiple"),
            self,
        )
        self.guarantor_multiple = _spin(
            profile.guarantor_multiple if profile else Decimal(80),
            self.tr("Guarantor income multiple"),
            self,
        )
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow("", self.address_error)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("A&pplicant income:"), self.applicant_multiple)
        form.addRow(self.tr("&Guarantor income:"), self.guarantor_multiple)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.address.textChanged.connect(self._validate)
        self._validate()

    def _problem(self) -> str:
        address = self.address.text().strip()
        if not address:
            return self.tr("Enter the building's address.")
        if address.casefold() in self._taken:
            return self.tr("A profile for this address already exists; edit that one instead.")
        return ""

    def _validate(self) -> None:
        problem = self._problem()
        self.address_error.setText(problem)
        self.address_error.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def accept(self) -> None:
        if not self._problem():
            super().accept()

    def profile(self) -> BuildingProfile:
        from desktop_app.domain.nyc_rules import BuildingProfile

        def dec(spin: QDoubleSpinBox) -> Decimal:
            return Decimal(f"{spin.value():.2f}")

        return BuildingProfile(
            name=self.name.text().strip(),
            address=self.address.text().strip(),
            applicant_multiple=dec(self.applicant_multiple),
            guarantor_multiple=dec(self.guarantor_multiple),
        )
