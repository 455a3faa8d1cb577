"""Per-step validation: returns ``FieldError``s (path + message), never raises at the user."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from desktop_app.domain import fields as f
from desktop_app.domain.errors import FieldError, join
from desktop_app.domain.models import Address, Application, Person
from desktop_app.domain.nyc_rules import fee_errors

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
ALLOWED_CONTENT_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/heic": "HEIC",
}


def _required(errors: list[FieldError], path: str, value: object, label: str) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        errors.append(FieldError(path, f"{label} is required", "required"))
        return False
    return True


def _check(errors: list[FieldError], path: str, message: str | None) -> None:
    if message:
        errors.append(FieldError(path, message))


def validate_address(addr: Address, prefix: str, *, required: bool) -> list[FieldError]:
    errors: list[FieldError] = []
    if not required and addr.is_empty():
        return errors
    for name, label in (("street", "Street"), ("city", "City"), ("state", "State"), ("zip", "ZIP")):
        _required(errors, join(prefix, name), getattr(addr, name), label)
    if addr.state.strip():
        _check(errors, join(prefix, "state"), f.state_error(addr.state))
    if addr.zip.strip():
        _check(errors, join(prefix, "zip"), f.zip_error(addr.zip))
    return errors


def validate_person(p: Person, prefix: str, today: date, *, is_guarantor: bool = False) -> list[FieldError]:
    errors: list[FieldError] = []
    _required(errors, join(prefix, "first_name"), p.first_name, "First name")
    _required(errors, join(prefix, "last_name"), p.last_name, "Last name")
    if _required(errors, join(prefix, "date_of_birth"), p.date_of_birth, "Date of birth"):
        _check(errors, join(prefix, "date_of_birth"), f.birth_date_error(p.date_of_birth, today, adult=True))
    if _required(errors, join(prefix, "email"), p.email, "Email"):
        _check(errors, join(prefix, "email"), f.email_error(p.email))
    if _required(errors, join(prefix, "phone"), p.phone, "Phone"):
        _check(errors, join(prefix, "phone"), f.phone_error(p.phone))
    if p.ssn.strip():
        _check(errors, join(prefix, "ssn"), f.ssn_error(p.ssn))
    errors += validate_address(p.current_address, join(prefix, "current_address"), required=True)
    errors += validate_address(p.previous_address, join(prefix, "previous_address"), required=False)
    if p.landlord_phone.strip():
        _check(errors, join(prefix, "landlord_phone"), f.phone_error(p.landlord_phone))
    if p.employment.employer_phone.strip():
        _check(errors, join(prefix, "employment.employer_phone"), f.phone_error(p.employment.employer_phone))
    if p.employment.start_date and p.employment.start_date > today:
        errors.append(FieldError(join(prefix, "employment.start_date"), "Start date is in the future"))
    for name in ("years_at_address", "monthly_housing_payment", "annual_income"):
        _check(errors, join(prefix, name), f.money_error(getattr(p, name)))
    for i, inc in enumerate(p.other_income):
        path = join(prefix, f"other_income[{i}].monthly_amount")
        if _required(errors, path, inc.monthly_amount, "Monthly amount"):
            _check(errors, path, f.money_error(inc.monthly_amount))
    for i, acct in enumerate(p.bank_accounts):
        _required(errors, join(prefix, f"bank_accounts[{i}].institution"), acct.institution, "Institution")
        _check(errors, join(prefix, f"bank_accounts[{i}].approximate_balance"), f.money_error(acct.approximate_balance))
    errors += validate_occupants(p, prefix, today)
    if is_guarantor and p.annual_income is None and not p.other_income:
        errors.append(FieldError(join(prefix, "annual_income"), "A guarantor's income is required"))
    return errors


def validate_occupants(p: Person, prefix: str, today: date) -> list[FieldError]:
    errors: list[FieldError] = []
    for i, occ in enumerate(p.occupants):
        path = join(prefix, f"occupants[{i}]")
        _required(errors, join(path, "full_name"), occ.full_name, "Name")
        if occ.date_of_birth:
            _check(errors, join(path, "date_of_birth"), f.birth_date_error(occ.date_of_birth, today, adult=False))
    return errors


def validate_application_info(app: Application, today: date) -> list[FieldError]:
    info = app.application_info
    errors: list[FieldError] = []
    p = "application_info"
    _required(errors, f"{p}.building_address", info.building_address, "Building address")
    _required(errors, f"{p}.unit", info.unit, "Unit")
    if _required(errors, f"{p}.monthly_rent", info.monthly_rent, "Monthly rent"):
        _check(errors, f"{p}.monthly_rent", f.money_error(info.monthly_rent))
        if info.monthly_rent is not None and info.monthly_rent == 0:
            errors.append(FieldError(f"{p}.monthly_rent", "Monthly rent must be more than $0"))
    _required(errors, f"{p}.move_in_date", info.move_in_date, "Move-in date")
    if info.lease_term_months is not None and not 1 <= info.lease_term_months <= 60:
        errors.append(FieldError(f"{p}.lease_term_months", "Lease term must be 1 to 60 months"))
    _check(errors, f"{p}.application_fee", f.money_error(info.application_fee))
    for name, message in fee_errors(info.application_fee, info.fee_waived, info.report_date, today).items():
        errors.append(FieldError(f"{p}.{name}", message))
    return errors


def validate_primary(app: Application, today: date) -> list[FieldError]:
    return validate_person(app.primary_applicant, "primary_applicant", today)


def validate_household_occupants(app: Application, today: date) -> list[FieldError]:
    return validate_occupants(app.primary_applicant, "primary_applicant", today)


def validate_co_applicants(app: Application, today: date) -> list[FieldError]:
    return [e for i, p in enumerate(app.co_applicants) for e in validate_person(p, f"co_applicants[{i}]", today)]


def validate_guarantors(app: Application, today: date) -> list[FieldError]:
    return [
        e
        for i, p in enumerate(app.guarantors)
        for e in validate_person(p, f"guarantors[{i}]", today, is_guarantor=True)
    ]


def document_file_error(file_name: str, content_type: str, size: int) -> str | None:
    """Why a file cannot be attached, or ``None``."""
    if content_type not in ALLOWED_CONTENT_TYPES:
        return f"{file_name}: only PDF, JPEG, PNG or HEIC files can be attached"
    if size <= 0:
        return f"{file_name}: the file is empty"
    if size > MAX_DOCUMENT_BYTES:
        return f"{file_name}: larger than 25 MB ({size / 1_048_576:.1f} MB)"
    return None


def validate_documents(app: Application, today: date) -> list[FieldError]:  # noqa: ARG001
    errors: list[FieldError] = []
    ids = {p.id for _, p in app.people()}
    for i, doc in enumerate(app.documents):
        if doc.person_id not in ids:
            errors.append(FieldError(f"documents[{i}].person_id", "Choose whose document this is", "required"))
        _check(errors, f"documents[{i}].file_name", document_file_error(doc.file_name, doc.content_type, doc.size))
    return errors


def validate_signatures(app: Application, today: date) -> list[FieldError]:  # noqa: ARG001
    from desktop_app.domain.signing import signed_content_hash

    errors: list[FieldError] = []
    current = signed_content_hash(app) if app.signatures else ""
    for role, person in app.people():
        sig = app.signature_for(person.id)
        name = person.full_name or role.value.replace("_", "-")
        if sig is None or not sig.image_png:
            errors.append(FieldError(f"signatures[{person.id}]", f"{name} has not signed", "required"))
        elif sig.content_hash != current:
            errors.append(FieldError(
                f"signatures[{person.id}]",
                f"Changed since {name} signed: ask {name} to sign again",
                "changed",
            ))
    return errors


Validator = Callable[[Application, date], list[FieldError]]


def first_errors(errors: Iterable[FieldError]) -> dict[str, str]:
    """One message per path (the first), for showing beside fields."""
    out: dict[str, str] = {}
    for e in errors:
        out.setdefault(e.path, e.message)
    return out

