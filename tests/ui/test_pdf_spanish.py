"""The PDF of an application in Spanish: its headings, labels, value words, page header and
footer come from the UI's catalog (read back with pypdf); in English they stay English."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.domain.models import (
    Address,
    Application,
    ApplicationInfo,
    DocumentKind,
    EmploymentStatus,
    IncomeSource,
    OtherIncome,
    Person,
    Role,
)
from desktop_app.services.records import PdfInput
from desktop_app.ui.pdf_export import export_pdf
from desktop_app.ui.pdf_layout import WORDS
from tests.fixtures.records import pdf_text
from tests.fixtures.spanish_ui import spanish_catalogs, ui_catalogs  # noqa: F401 — fixtures

#: Labels every PDF prints, in English and as the Spanish catalog says them.
LABELS = {
    "Rental application": "Solicitud de alquiler",
    "Monthly rent": "Alquiler mensual",
    "Move-in date": "Fecha de mudanza",
    "Income qualification": "Calificación por ingresos",
    "Household qualifies": "El hogar califica",
    "Audit trail": "Registro de auditoría",
    "Sync receipt": "Comprobante de sincronización",
    "Primary applicant": "Solicitante principal",
    "Page 1 of": "Página 1 de",
}


def application() -> Application:
    person = Person(first_name="Rae", last_name="Okafor", current_address=Address(street="1 Main St"),
                    annual_income=Decimal(120000))
    person.employment.status = EmploymentStatus.SELF_EMPLOYED
    person.other_income = [OtherIncome(source=IncomeSource.CHILD_SUPPORT, monthly_amount=Decimal(300))]
    return Application(
        application_info=ApplicationInfo(monthly_rent=Decimal(2000), lease_term_months=12),
        primary_applicant=person,
    )


def export(tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    export_pdf(PdfInput(application(), datetime.now(UTC)), path)
    return " ".join(pdf_text(path))


@pytest.mark.usefixtures("spanish_catalogs")
def test_in_spanish_the_pdf_speaks_spanish(qapp, tmp_path) -> None:
    whole = export(tmp_path, "es.pdf")
    for english, spanish in LABELS.items():
        assert spanish in whole, spanish
        assert english not in whole, english
    assert "Generado el" in whole and "trabajador independiente" in whole
    assert "manutención de hijos" in whole and "12 meses" in whole
    assert "Rae Okafor" in whole  # values stay as typed


def test_in_english_the_pdf_is_unchanged(qapp, tmp_path) -> None:
    whole = export(tmp_path, "en.pdf")
    for english in LABELS:
        assert english in whole, english
    assert "self-employed" in whole and "child support" in whole and "12 months" in whole


def test_every_value_word_has_one_english_text() -> None:
    assert set(WORDS) >= set(Role) | set(DocumentKind) - {""}
    assert all(word.strip() for word in WORDS.values())
