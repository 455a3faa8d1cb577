"""NYC compliance at the signature: income qualified on the tenant share (a rental subsidy
lowers the rent the multiple applies to), versioned consent texts each signature covers, and
the broker fee the FARE Act forbids charging when the landlord engaged the broker."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.domain import consent
from desktop_app.domain.consent import ConsentError, ConsentLibrary
from desktop_app.domain.models import (
    Application,
    BrokerEngagement,
    IncomeSource,
    OtherIncome,
    Person,
    Signature,
)
from desktop_app.domain.nyc_rules import qualify
from desktop_app.domain.signing import LATEST_SCHEME, changed_since_signed, sign, signed_content_hash
from desktop_app.domain.validation import first_errors, validate_application_info, validate_signatures
from desktop_app.sync.mapping import application_from_items, application_items
from desktop_app.sync.merge import app_doc
from desktop_app.sync.transaction import plan_transaction

PNG = b"\x89PNG\r\n\x1a\nsynthetic"
TODAY = date(2026, 12, 1)
ID = "us-east-1:11111111-2222-4333-8444-555555555555"
V2_TEXT = "# Applicant consent, version 2\n\nSynthetic revised text for the test.\n"


def household(rent: str, *incomes: tuple[IncomeSource, str], wages: str | None = None) -> Application:
    app = Application()
    app.application_info.monthly_rent = Decimal(rent)
    app.primary_applicant.annual_income = None if wages is None else Decimal(wages)
    app.primary_applicant.other_income = [
        OtherIncome(source=source, monthly_amount=Decimal(amount)) for source, amount in incomes
    ]
    return app


# -- income on the tenant share ------------------------------------------------------------


def test_a_voucher_paying_most_of_the_rent_and_ssi_qualify():
    app = household("2000", (IncomeSource.HOUSING_VOUCHER, "1700"), (IncomeSource.PUBLIC_BENEFITS, "1000"))
    q = qualify(app)
    assert (q.monthly_subsidy, q.tenant_share) == (Decimal("1700"), Decimal("300"))
    assert q.household_income == Decimal("12000")  # SSI counts as income; the voucher does not
    assert q.required_income == Decimal("12000")  # 40 × the $300 the household pays
    assert q.shortfall == 0 and q.household_qualifies


def test_without_a_subsidy_the_multiple_applies_to_the_full_rent():
    app = household("2000", (IncomeSource.PUBLIC_BENEFITS, "1000"), wages="50000")
    q = qualify(app)
    assert (q.monthly_subsidy, q.tenant_share) == (Decimal(0), Decimal("2000"))
    assert q.household_income == Decimal("62000")
    assert q.required_income == Decimal("80000")
    assert q.shortfall == Decimal("18000") and not q.household_qualifies


def test_a_subsidy_larger_than_the_rent_leaves_nothing_to_qualify_for():
    app = household("2000", (IncomeSource.HOUSING_VOUCHER, "2400"))
    app.co_applicants.append(Person(other_income=[OtherIncome(source=IncomeSource.HOUSING_VOUCHER,
                                                              monthly_amount=Decimal("100"))]))
    q = qualify(app)
    assert (q.monthly_subsidy, q.tenant_share) == (Decimal("2500"), Decimal(0))
    assert q.household_income == 0  # the surplus subsidy is not income either
    assert q.required_income == 0 and q.household_qualifies
    assert q.guarantor_required_income == 0


def test_a_guarantor_is_measured_against_the_tenant_share_too():
    app = household("2000", (IncomeSource.HOUSING_VOUCHER, "1500"))
    app.guarantors.append(Person(annual_income=Decimal("40000")))  # 80 × $500
    assert qualify(app).qualifying_guarantors == (app.guarantors[0].id,)


# -- consent texts -------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path: Path):
    """A copy of the shipped texts, made the library signatures use for the test."""
    root = tmp_path / "consent"
    shutil.copytree(consent.bundled_root(), root)
    lib = ConsentLibrary(root)
    consent.use_library(lib)
    yield lib
    consent.use_library(None)


def ship_version_2(lib: ConsentLibrary) -> ConsentLibrary:
    """What a brokerage's counsel does: v2 beside v1, the manifest pointing at it."""
    (lib.root / "en" / "v2.md").write_text(V2_TEXT, encoding="utf-8")
    manifest = lib.root / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("current = 1", "current = 2"),
                        encoding="utf-8")
    new = ConsentLibrary(lib.root)  # a new start of the app
    consent.use_library(new)
    return new


def signed(app: Application) -> Application:
    app.primary_applicant.first_name = "Sam"
    app.signatures = [sign(app, app.primary_applicant.id, PNG)]
    return app


def test_the_shipped_text_holds_the_four_notices():
    text = ConsentLibrary(consent.bundled_root()).current()
    assert (text.version, text.language) == (1, "en")
    for words in ("consumer reports", "true, correct and complete", "§238-a", "FARE Act"):
        assert words in text.text


def test_a_signature_records_the_consent_and_its_hash_covers_the_text(library):
    app = signed(Application())
    sig = app.signatures[0]
    assert (sig.scheme, sig.consent_version, sig.consent_language) == (LATEST_SCHEME, 1, "en")
    assert consent.text_for(sig) == library.get(1, "en")
    assert not changed_since_signed(app, sig)
    (library.root / "en" / "v1.md").write_text("An edited text under the same version\n", encoding="utf-8")
    consent.use_library(ConsentLibrary(library.root))
    assert changed_since_signed(app, sig)  # the text it was shown is not the one on disk now


def test_a_version_1_signature_still_verifies_after_version_2_ships(library):
    app = signed(Application())
    old = app.signatures[0]
    lib2 = ship_version_2(library)
    assert not changed_since_signed(app, old)
    assert not validate_signatures(app, TODAY)
    new = sign(app, app.primary_applicant.id, PNG)
    assert (new.consent_version, new.consent_language) == (2, "en")
    assert consent.text_for(new) is not None and consent.text_for(new).text == V2_TEXT
    assert new.content_hash == signed_content_hash(app, LATEST_SCHEME, lib2.get(2, "en"))
    assert new.content_hash != old.content_hash


def test_a_consent_version_this_build_lacks_cannot_be_checked(library):
    app = signed(Application())
    app.signatures[0] = app.signatures[0].model_copy(update={"consent_version": 7})
    assert changed_since_signed(app, app.signatures[0])
    assert [e.code for e in validate_signatures(app, TODAY)] == ["changed"]
    assert "cannot be checked" in validate_signatures(app, TODAY)[0].message


@pytest.mark.parametrize("language", ["../../etc", "en/../en", "", "EN", "e" * 40])
def test_a_language_another_system_wrote_is_never_a_path(library, language):
    app = signed(Application())
    app.signatures[0] = app.signatures[0].model_copy(update={"consent_language": language})
    with pytest.raises(ConsentError):
        consent.text_for(app.signatures[0])
    assert changed_since_signed(app, app.signatures[0])


def test_a_broken_manifest_or_huge_text_is_an_error_not_a_crash(library):
    (library.root / "manifest.toml").write_text("current = 'latest'\n", encoding="utf-8")
    with pytest.raises(ConsentError, match="version number"):
        library.current()
    (library.root / "manifest.toml").write_text("current = [\n", encoding="utf-8")
    with pytest.raises(ConsentError, match="cannot be read"):
        ConsentLibrary(library.root).current()
    (library.root / "en" / "v3.md").write_text("x" * (consent.MAX_TEXT_BYTES + 1), encoding="utf-8")
    with pytest.raises(ConsentError, match="larger"):
        library.get(3, "en")


def test_languages_of_a_version_put_the_default_first(library):
    (library.root / "es").mkdir(exist_ok=True)  # the shipped texts include Spanish
    (library.root / "es" / "v1.md").write_text("# Consentimiento (sintético)\n", encoding="utf-8")
    assert library.languages(1) == ["en", "es"]
    assert library.current("es").language == "es"
    assert library.current("fr").language == "en"  # not translated: the default
    app = signed(Application())
    app.signatures = [sign(app, app.primary_applicant.id, PNG, consent=library.current("es"))]
    assert app.signatures[0].consent_language == "es"
    assert not validate_signatures(app, TODAY)


def test_a_signature_without_consent_from_another_system_still_reads():
    app = Application()
    app.signatures = [Signature(person_id=app.primary_applicant.id, signer_name="", image_png=PNG,
                                scheme=LATEST_SCHEME)]
    app.signatures[0].content_hash = signed_content_hash(app, LATEST_SCHEME)
    assert consent.text_for(app.signatures[0]) is None
    assert not changed_since_signed(app, app.signatures[0])


# -- broker fee ----------------------------------------------------------------------------


def broker(engaged_by: BrokerEngagement, fee: str | None) -> dict[str, str]:
    app = Application()
    app.application_info.broker_engaged_by = engaged_by
    app.application_info.broker_fee = None if fee is None else Decimal(fee)
    return first_errors(validate_application_info(app, TODAY))


def test_a_broker_fee_is_refused_when_the_landlord_engaged_the_broker():
    errors = broker(BrokerEngagement.LANDLORD, "3000")
    assert "FARE Act" in errors["application_info.broker_fee"]
    assert "application_info.broker_fee" not in broker(BrokerEngagement.LANDLORD, "0")
    assert "application_info.broker_fee" not in broker(BrokerEngagement.LANDLORD, None)
    assert "application_info.broker_fee" not in broker(BrokerEngagement.TENANT, "3000")


def test_a_broker_fee_needs_to_say_who_engaged_the_broker():
    errors = broker(BrokerEngagement.NONE, "3000")
    assert "application_info.broker_engaged_by" in errors
    assert "application_info.broker_fee" not in errors
    assert "Must be at most" in broker(BrokerEngagement.TENANT, "1e12")["application_info.broker_fee"]


# -- the remote tables ---------------------------------------------------------------------


def test_the_new_fields_round_trip_through_the_remote_items(library):
    app = signed(Application())
    app.application_info.broker_engaged_by = BrokerEngagement.TENANT
    app.application_info.broker_fee = Decimal("2500.00")
    app.application_info.monthly_rent = Decimal("2500.00")  # DynamoDB hands back "2500"
    app.signatures = [sign(app, app.primary_applicant.id, PNG)]
    now = "2026-12-01T12:00:00+00:00"
    tx = plan_transaction(f"{ID}#{app.id}", 0, application_items(app, ID), {}, app.created_at.isoformat(), now)
    full = [(i.table, tx.full_item(i)) for i in tx.items]
    back = application_from_items(ID, full[0][1], full[1:])
    assert app_doc(back) | {"updated_at": None} == app_doc(app) | {"updated_at": None}
    assert back.application_info.broker_engaged_by is BrokerEngagement.TENANT
    assert (back.signatures[0].consent_version, back.signatures[0].consent_language) == (1, "en")
    assert not validate_signatures(back, TODAY)


def test_a_broker_value_another_system_wrote_is_kept_not_refused():
    app = Application()
    items = application_items(app, ID)
    tx = plan_transaction(f"{ID}#{app.id}", 0, items, {}, app.created_at.isoformat(), "2026-12-01T12:00:00+00:00")
    full = [(i.table, tx.full_item(i)) for i in tx.items]
    full[0][1]["application_info"]["broker_engaged_by"] = "property manager"
    back = application_from_items(ID, full[0][1], full[1:])
    assert back.application_info.broker_engaged_by is BrokerEngagement.NONE
    assert back.application_info.unknown["broker_engaged_by"] == {"S": "property manager"}
