"""The PDF prints the consent text each signature was made under (version 1 after version 2
ships), and the income check on the tenant share; read back with pypdf."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from desktop_app.domain import consent
from desktop_app.domain.consent import ConsentLibrary
from desktop_app.domain.models import (
    Address,
    Application,
    ApplicationInfo,
    IncomeSource,
    OtherIncome,
    Person,
)
from desktop_app.domain.signing import sign
from desktop_app.services.records import PdfInput, signed_consent
from desktop_app.ui.pdf_export import export_pdf
from tests.fixtures.records import pdf_text, signature_png

V2_TEXT = "Consent two, a synthetic revision for the test."


def voucher_household() -> Application:
    person = Person(first_name="Rae", last_name="Okafor", current_address=Address(street="1 Main St"),
                    other_income=[OtherIncome(source=IncomeSource.HOUSING_VOUCHER, monthly_amount=Decimal(1700)),
                                  OtherIncome(source=IncomeSource.PUBLIC_BENEFITS, monthly_amount=Decimal(1000))])
    co = Person(first_name="Lee", last_name="Okafor")
    return Application(application_info=ApplicationInfo(monthly_rent=Decimal(2000)),
                       primary_applicant=person, co_applicants=[co])


def export(app: Application, path) -> str:
    export_pdf(PdfInput(app, datetime.now(UTC), consent=signed_consent(app)), path)
    return " ".join(pdf_text(path))


def test_the_pdf_holds_the_consent_text_of_each_signatures_version(qapp, tmp_path, library) -> None:
    app = voucher_household()
    app.signatures = [sign(app, app.primary_applicant.id, signature_png())]
    (library.root / "en" / "v2.md").write_text(V2_TEXT + "\n", encoding="utf-8")
    manifest = library.root / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("current = 1", "current = 2"),
                        encoding="utf-8")
    consent.use_library(ConsentLibrary(library.root))
    app.signatures.append(sign(app, app.co_applicants[0].id, signature_png()))
    assert [s.consent_version for s in app.signatures] == [1, 2]

    whole = export(app, tmp_path / "signed.pdf")
    assert "Consent version 1 (en)" in whole and "Consent version 2 (en)" in whole
    v1 = whole[whole.index("Consent version 1 (en)"):whole.index("Consent version 2 (en)")]
    assert "Authorization to obtain consumer reports" in v1 and "FARE Act" in v1
    assert V2_TEXT not in v1
    assert V2_TEXT in whole[whole.index("Consent version 2 (en)"):]


def test_the_pdf_prints_the_tenant_share_and_the_requirement_on_it(qapp, tmp_path, library) -> None:
    whole = export(voucher_household(), tmp_path / "income.pdf")
    assert "Tenant share of the rent $300.00" in whole
    assert "Housing subsidy per month $1,700.00" in whole
    assert "Required per year $12,000.00" in whole
    assert "Household qualifies yes" in whole
