from datetime import date, timedelta
from decimal import Decimal

import pytest

from desktop_app.domain import fields
from desktop_app.domain.models import Application, OtherIncome, Person
from desktop_app.domain.nyc_rules import BuildingProfile, fee_errors, qualify
from desktop_app.domain.validation import document_file_error, validate_application_info, validate_person

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize("value", ["agent@example.com", "zoë@example.com"])
def test_valid_emails_pass(value):
    assert fields.email_error(value) is None


@pytest.mark.parametrize("value", ["agent@", "no-at-sign", "a@b"])
def test_invalid_emails_are_reported(value):
    assert fields.email_error(value)


def test_us_phone_numbers_are_checked():
    assert fields.phone_error("+1 718 222 3333") is None
    assert fields.phone_error("12") is not None
    assert fields.phone_error("+44 20 7946 0958") is not None  # a valid UK number is not US


@pytest.mark.parametrize("value", ["123-45-6789", "123456789", "912-70-1234", "900-94-0001"])
def test_ssn_and_itin_accepted(value):
    assert fields.ssn_error(value) is None


@pytest.mark.parametrize("value", ["000-12-3456", "666-12-3456", "123-00-4567", "912-12-1234", "12-345-678"])
def test_bad_ssn_rejected(value):
    assert fields.ssn_error(value)


def test_zip_and_state():
    assert fields.zip_error("10025") is None and fields.zip_error("10025-1234") is None
    assert fields.zip_error("1002") and fields.state_error("XX")


def test_money_must_be_non_negative_cents():
    assert fields.money_error(Decimal("-1")) == "Cannot be negative"
    assert fields.money_error(Decimal("1.005"))
    assert fields.money_error(Decimal("2500.50")) is None
    assert fields.money_error(-3) == "Cannot be negative" and fields.money_error(25) is None


def test_ssn_mask_shows_last_four_only():
    assert fields.mask_ssn("123-45-6789") == "***-**-6789"


def test_fee_over_twenty_dollars_is_refused_at_the_fee_field():
    errors = fee_errors(Decimal("25"), False, None, TODAY)
    assert "application_fee" in errors and "$20" in errors["application_fee"]
    assert fee_errors(Decimal("20"), False, None, TODAY) == {}


def test_fee_waiver_needs_a_recent_report_and_no_fee():
    assert fee_errors(Decimal("0"), True, TODAY - timedelta(days=30), TODAY) == {}
    old = fee_errors(Decimal("0"), True, TODAY - timedelta(days=31), TODAY)
    assert "older than 30 days" in old["report_date"]
    charged = fee_errors(Decimal("20"), True, TODAY - timedelta(days=3), TODAY)
    assert "application_fee" in charged
    assert "report_date" in fee_errors(Decimal("0"), True, None, TODAY)


def test_application_info_errors_name_the_field():
    app = Application()
    app.application_info.monthly_rent = Decimal("-100")
    app.application_info.application_fee = Decimal("25")
    paths = {e.path for e in validate_application_info(app, TODAY)}
    assert {"application_info.monthly_rent", "application_info.application_fee",
            "application_info.building_address"} <= paths


def test_person_errors_carry_nested_paths():
    p = Person(first_name="Zoë", last_name="O'Brien", email="bad", phone="2125550143",
               date_of_birth=TODAY - timedelta(days=365 * 10))
    p.other_income.append(OtherIncome(monthly_amount=Decimal("-5")))
    errs = {e.path: e for e in validate_person(p, "co_applicants[1]", TODAY)}
    assert "co_applicants[1].email" in errs
    assert "at least 18" in errs["co_applicants[1].date_of_birth"].message
    assert errs["co_applicants[1].current_address.street"].code == "required"
    assert "co_applicants[1].other_income[0].monthly_amount" in errs


def test_there_is_no_criminal_history_field_anywhere():
    from desktop_app.domain import models

    names = set()
    for cls in (models.Application, models.Person, models.ApplicationInfo, models.Occupant):
        names |= set(cls.model_fields)
    assert not [n for n in names if any(w in n for w in ("crim", "convict", "arrest", "felon"))]


def test_a_voucher_lowers_the_rent_the_multiple_applies_to_and_shortfall_is_computed():
    app = Application()
    app.application_info.monthly_rent = Decimal("2500")
    app.primary_applicant.annual_income = Decimal("50000")
    app.primary_applicant.other_income.append(OtherIncome(source="housing_voucher", monthly_amount=Decimal("1000")))
    q = qualify(app)
    assert (q.monthly_subsidy, q.tenant_share) == (Decimal("1000"), Decimal("1500"))
    assert q.household_income == Decimal("50000")  # the voucher is not income as well
    assert q.required_income == Decimal("60000")
    assert q.shortfall == Decimal("10000") and not q.household_qualifies
    generous = qualify(app, BuildingProfile(address="x", applicant_multiple=Decimal(33)))
    assert generous.household_qualifies


def test_guarantor_qualifies_at_the_buildings_multiple():
    app = Application()
    app.application_info.monthly_rent = Decimal("2000")
    app.guarantors.append(Person(annual_income=Decimal("160000")))
    assert qualify(app).qualifying_guarantors == (app.guarantors[0].id,)
    assert qualify(app, BuildingProfile(address="x", guarantor_multiple=Decimal(90))).qualifying_guarantors == ()


@pytest.mark.parametrize(
    "name,ctype,size,ok",
    [("a.pdf", "application/pdf", 10, True), ("a.exe", "application/x-msdownload", 10, False),
     ("a.pdf", "application/pdf", 0, False), ("a.pdf", "application/pdf", 26 * 1024 * 1024, False),
     ("a.heic", "image/heic", 5, True)],
)
def test_document_files_are_checked(name, ctype, size, ok):
    assert (document_file_error(name, ctype, size) is None) is ok
