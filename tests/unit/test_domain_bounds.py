"""Bounds in the domain: amounts a rent, income or balance can be, numbers DynamoDB can store,
text within caps and free of control characters, identifiers that are safe tokens, and a
qualification that never raises whatever the application holds."""

from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain import fields as f
from desktop_app.domain.models import FIRST_STEP, LAST_STEP, Application, OtherIncome, Person
from desktop_app.domain.nyc_rules import BuildingProfile, qualify
from desktop_app.domain.paths import FieldPathError, set_value
from desktop_app.domain.validation import validate_record
from desktop_app.sampledata import synthetic_application
from desktop_app.wizard.flow import WizardFlow
from desktop_app.wizard.steps import STEPS

TODAY = date(2026, 11, 26)
HOSTILE = ["9" * 39, "1e999999999", "-1e999999999", "1E+38", "100000000.01", "1e-999999999"]


def _errors(app: Application) -> dict[str, str]:
    flow = WizardFlow(app, today=lambda: TODAY)
    return {e.path: e.message for errs in flow.all_errors().values() for e in errs}


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("path", [
    "application_info.monthly_rent", "primary_applicant.annual_income",
    "primary_applicant.monthly_housing_payment", "primary_applicant.bank_accounts[0].approximate_balance",
    "primary_applicant.other_income[0].monthly_amount", "primary_applicant.years_at_address",
])
def test_an_amount_out_of_bounds_is_a_field_error_and_qualification_never_raises(path, value):
    app = synthetic_application(today=TODAY)
    app.primary_applicant.other_income = [OtherIncome(monthly_amount=Decimal("100"))]
    *parents, name = path.split(".")
    target = app
    for part in parents:
        attr, _, index = part.partition("[")
        target = getattr(target, attr)
        if index:
            target = target[int(index.rstrip("]"))]
    setattr(target, name, Decimal(value))

    assert path in _errors(app)
    q = qualify(app)
    assert q.monthly_rent <= f.MAX_MONEY and q.household_income.is_finite()


def test_the_bounds_themselves_are_accepted():
    assert f.money_error(Decimal("100000000.00")) is None
    assert f.money_error(Decimal("0")) is None
    assert f.money_error(Decimal("100000000.01")) == "Must be at most $100,000,000"
    assert f.years_error(Decimal("120")) is None and f.years_error(Decimal("120.01"))


@pytest.mark.parametrize("value, storable", [
    ("9" * 38, True), ("9" * 39, False), ("1E+125", True), ("1E+126", False), ("1E-130", True),
    ("1E-131", False), ("1e999999999", False), ("NaN", False), ("Infinity", False), ("0", True),
])
def test_storable_numbers_are_exactly_what_dynamodb_holds(value, storable):
    from boto3.dynamodb.types import TypeSerializer

    assert (f.storable_number_error(Decimal(value)) is None) is storable
    if storable:
        TypeSerializer().serialize(Decimal(value))  # boto3 agrees


@pytest.mark.parametrize("path, value", [
    ("application_info.monthly_rent", "9" * 39),
    ("application_info.monthly_rent", Decimal("1e999999999")),
    ("primary_applicant.annual_income", "NaN"),
    ("application_info.lease_term_months", 10**40),
    ("current_step", 10**30),
    ("current_step", 0),
    ("current_step", LAST_STEP + 1),
    ("primary_applicant.first_name", "Ana\ud800"),
    ("id", "../../elsewhere"),
])
def test_the_field_setter_refuses_what_cannot_be_stored_and_leaves_the_model_alone(path, value):
    app = synthetic_application(today=TODAY)
    before = app.model_dump(mode="json")
    with pytest.raises(FieldPathError) as exc:
        set_value(app, path, value)
    assert exc.value.path == path
    assert str(value)[:8] not in exc.value.message
    assert app.model_dump(mode="json") == before


def test_a_value_that_stores_but_is_out_of_bounds_is_kept_and_flagged():
    app = synthetic_application(today=TODAY)
    set_value(app, "application_info.monthly_rent", "250000000")
    set_value(app, "primary_applicant.last_name", "x" * 500)
    errors = _errors(app)
    assert errors["application_info.monthly_rent"] == "Must be at most $100,000,000"
    assert errors["primary_applicant.last_name"] == "Too long (at most 200 characters)"


@pytest.mark.parametrize("value, message", [
    ("Ri\x00vera", "Contains a control character"),
    ("Ri\tvera", "Contains a control character"),
    ("Ri\ud800vera", "Contains a character that is not valid text"),
    ("R" * 201, "Too long (at most 200 characters)"),
])
def test_text_fields_refuse_control_characters_surrogates_and_length(value, message):
    app = synthetic_application(today=TODAY)
    app.co_applicants[0].employment.employer = value
    assert _errors(app)["co_applicants[0].employment.employer"] == message


def test_notes_keep_line_breaks_and_are_capped():
    app = synthetic_application(today=TODAY)
    app.application_info.notes = "first line\nsecond\tline"
    assert "application_info.notes" not in _errors(app)
    app.application_info.notes = "n" * (f.MAX_NOTES + 1)
    assert _errors(app)["application_info.notes"] == "Too long (at most 10,000 characters)"


def test_a_format_check_never_sees_text_that_is_not_valid():
    app = synthetic_application(today=TODAY)
    app.primary_applicant.email = "a\ud800@example.com"
    app.primary_applicant.phone = "2" * 1_000_000
    errors = _errors(app)
    assert errors["primary_applicant.email"] == "Contains a character that is not valid text"
    assert errors["primary_applicant.phone"].startswith("Too long")


@pytest.mark.parametrize("bad", ["", "a" * 65, "../x", "a/b", "a#b", "-leading", "a b", "ü"])
def test_identifiers_are_short_safe_tokens(bad):
    assert f.id_error(bad)
    app = synthetic_application(today=TODAY)
    app.id = bad
    assert "id" in {e.path for e in validate_record(app)}


def test_a_ulid_and_a_uuid_are_identifiers():
    assert f.id_error(Application().id) is None
    assert f.id_error("0f0e0d0c-0b0a-4909-8807-060504030201") is None


def test_the_same_person_twice_on_an_application_is_flagged_at_the_second():
    app = synthetic_application(today=TODAY, co_applicants=1, guarantors=1)
    app.guarantors[0].id = app.primary_applicant.id
    assert [(e.path, e.message) for e in validate_record(app)] == [
        ("guarantors[0].id", "This person is already on the application")]


def test_current_step_is_within_the_wizard_steps():
    assert (FIRST_STEP, LAST_STEP) == (min(s.number for s in STEPS), max(s.number for s in STEPS))
    for step, ok in ((FIRST_STEP, True), (LAST_STEP, True), (0, False), (-3, False), (10**30, False)):
        app = Application(current_step=step)
        assert ("current_step" in {e.path for e in validate_record(app)}) is not ok


def test_a_complete_application_has_no_record_errors():
    assert validate_record(synthetic_application(today=TODAY, co_applicants=2, guarantors=2)) == []


def test_yearly_income_counts_an_amount_out_of_bounds_as_nothing():
    person = Person(annual_income=Decimal("1e999999999"),
                    other_income=[OtherIncome(monthly_amount=Decimal("100"))])
    assert person.yearly_income() == Decimal(1200)


def test_a_profile_multiple_beyond_any_sense_gives_infinity_not_an_exception():
    app = synthetic_application(today=TODAY)
    q = qualify(app, BuildingProfile(address="x", applicant_multiple=Decimal("1e999999")))
    assert q.required_income.is_infinite() and not q.household_qualifies


def test_content_hashes_are_exact_for_every_number_dynamodb_holds():
    from desktop_app.domain.canonical import content_hash

    a = Decimal("1234567890123456789012345678901234567.8")
    b = Decimal("1234567890123456789012345678901234567.9")
    assert content_hash({"n": a}) != content_hash({"n": b})
    assert content_hash({"n": Decimal("9" * 38)}) == content_hash({"n": 10**38 - 1})
    assert content_hash({"n": Decimal("2500.00")}) == content_hash({"n": Decimal("2500")})


def test_a_content_hash_of_a_number_beyond_dynamodb_stays_small():
    from desktop_app.domain.canonical import hash_and_size

    _, size = hash_and_size({"n": Decimal("1e999999999")})
    assert size < 100


def test_a_person_listed_twice_blocks_the_step_and_submit():
    app = synthetic_application(today=TODAY, co_applicants=1, guarantors=1)
    app.co_applicants[0].id = app.primary_applicant.id
    assert _errors(app)["co_applicants[0].id"] == "This person is already on the application"
