"""Per-step validation: returns ``FieldError``s (path + message), never raises at the user."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from enum import Enum

from pydantic import BaseModel

from desktop_app.domain import fields as f
from desktop_app.domain.errors import FieldError, join
from desktop_app.domain.models import FIRST_STEP, LAST_STEP, Address, Application, Person, Role
from desktop_app.domain.nyc_rules import broker_fee_errors, fee_errors
from desktop_app.i18n import N_, _

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
ALLOWED_CONTENT_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/heic": "HEIC",
}


def _required(errors: list[FieldError], path: str, value: object, label: str) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        errors.append(FieldError(path, _("{label} is required").format(label=_(label)), "required"))
        return False
    return True


def _check(errors: list[FieldError], path: str, message: str | None) -> None:
    if message:
        errors.append(FieldError(path, message))


def value_errors(model: BaseModel, prefix: str, skip: frozenset[str] = frozenset()) -> list[FieldError]:
    """Every text and number field of ``model`` (nested models and lists included; fields
    named in ``skip`` left out at every level): text by ``fields.text_error`` (length caps,
    control characters, lone surrogates), numbers by ``fields.storable_number_error``."""
    errors: list[FieldError] = []
    for name in type(model).model_fields:
        if name not in skip:
            _text_walk(errors, join(prefix, name), name, getattr(model, name), skip)
    return errors


def _text_walk(errors: list[FieldError], path: str, name: str, value: object, skip: frozenset[str]) -> None:
    if isinstance(value, str) and not isinstance(value, Enum):
        _check(errors, path, f.text_error(value, name))
    elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        _check(errors, path, f.storable_number_error(value))
    elif isinstance(value, BaseModel):
        errors += value_errors(value, path, skip)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _text_walk(errors, f"{path}[{i}]", name, item, skip)


def _clean(value: str, name: str = "") -> bool:
    """Whether a format check may look at ``value`` (its text error is reported already)."""
    return f.text_error(value, name) is None


def validate_address(addr: Address, prefix: str, *, required: bool) -> list[FieldError]:
    errors: list[FieldError] = []
    if not required and addr.is_empty():
        return errors
    for name, label in (("street", N_("Street")), ("city", N_("City")), ("state", N_("State")), ("zip", N_("ZIP"))):
        _required(errors, join(prefix, name), getattr(addr, name), label)
    if addr.state.strip() and _clean(addr.state):
        _check(errors, join(prefix, "state"), f.state_error(addr.state))
    if addr.zip.strip() and _clean(addr.zip):
        _check(errors, join(prefix, "zip"), f.zip_error(addr.zip))
    return errors


def validate_person(p: Person, prefix: str, today: date, *, is_guarantor: bool = False) -> list[FieldError]:
    errors = value_errors(p, prefix, skip=frozenset({"id", "occupants"}))  # occupants: their step
    _required(errors, join(prefix, "first_name"), p.first_name, N_("First name"))
    _required(errors, join(prefix, "last_name"), p.last_name, N_("Last name"))
    if _required(errors, join(prefix, "date_of_birth"), p.date_of_birth, N_("Date of birth")):
        _check(errors, join(prefix, "date_of_birth"), f.birth_date_error(p.date_of_birth, today, adult=True))
    if _required(errors, join(prefix, "email"), p.email, N_("Email")) and _clean(p.email, "email"):
        _check(errors, join(prefix, "email"), f.email_error(p.email))
    if _required(errors, join(prefix, "phone"), p.phone, N_("Phone")) and _clean(p.phone):
        _check(errors, join(prefix, "phone"), f.phone_error(p.phone))
    if p.ssn.strip() and _clean(p.ssn):
        _check(errors, join(prefix, "ssn"), f.ssn_error(p.ssn))
    errors += validate_address(p.current_address, join(prefix, "current_address"), required=True)
    errors += validate_address(p.previous_address, join(prefix, "previous_address"), required=False)
    if p.landlord_phone.strip() and _clean(p.landlord_phone):
        _check(errors, join(prefix, "landlord_phone"), f.phone_error(p.landlord_phone))
    if p.employment.employer_phone.strip() and _clean(p.employment.employer_phone):
        _check(errors, join(prefix, "employment.employer_phone"), f.phone_error(p.employment.employer_phone))
    if p.employment.start_date and p.employment.start_date > today:
        errors.append(FieldError(join(prefix, "employment.start_date"), _("Start date is in the future")))
    _check(errors, join(prefix, "years_at_address"), f.years_error(p.years_at_address))
    for name in ("monthly_housing_payment", "annual_income"):
        _check(errors, join(prefix, name), f.money_error(getattr(p, name)))
    for i, inc in enumerate(p.other_income):
        path = join(prefix, f"other_income[{i}].monthly_amount")
        if _required(errors, path, inc.monthly_amount, N_("Monthly amount")):
            _check(errors, path, f.money_error(inc.monthly_amount))
    for i, acct in enumerate(p.bank_accounts):
        _required(errors, join(prefix, f"bank_accounts[{i}].institution"), acct.institution, N_("Institution"))
        _check(errors, join(prefix, f"bank_accounts[{i}].approximate_balance"), f.money_error(acct.approximate_balance))
    errors += validate_occupants(p, prefix, today)
    if is_guarantor and p.annual_income is None and not p.other_income:
        errors.append(FieldError(join(prefix, "annual_income"), _("A guarantor's income is required")))
    return errors


def validate_occupants(p: Person, prefix: str, today: date) -> list[FieldError]:
    errors: list[FieldError] = []
    for i, occ in enumerate(p.occupants):
        path = join(prefix, f"occupants[{i}]")
        errors += value_errors(occ, path)
        _required(errors, join(path, "full_name"), occ.full_name, N_("Name"))
        if occ.date_of_birth:
            _check(errors, join(path, "date_of_birth"), f.birth_date_error(occ.date_of_birth, today, adult=False))
    return errors


def validate_application_info(app: Application, today: date) -> list[FieldError]:
    info = app.application_info
    p = "application_info"
    errors = value_errors(info, p)
    _required(errors, f"{p}.building_address", info.building_address, N_("Building address"))
    _required(errors, f"{p}.unit", info.unit, N_("Unit"))
    if _required(errors, f"{p}.monthly_rent", info.monthly_rent, N_("Monthly rent")):
        _check(errors, f"{p}.monthly_rent", f.money_error(info.monthly_rent))
        if info.monthly_rent is not None and info.monthly_rent == 0:
            errors.append(FieldError(f"{p}.monthly_rent", _("Monthly rent must be more than $0")))
    _required(errors, f"{p}.move_in_date", info.move_in_date, N_("Move-in date"))
    if info.lease_term_months is not None and not 1 <= info.lease_term_months <= 60:
        errors.append(FieldError(f"{p}.lease_term_months", _("Lease term must be 1 to 60 months")))
    _check(errors, f"{p}.application_fee", f.money_error(info.application_fee))
    for name, message in fee_errors(info.application_fee, info.fee_waived, info.report_date, today).items():
        errors.append(FieldError(f"{p}.{name}", message))
    _check(errors, f"{p}.broker_fee", f.money_error(info.broker_fee))
    for name, message in broker_fee_errors(info.broker_fee, info.broker_engaged_by).items():
        errors.append(FieldError(f"{p}.{name}", message))
    return errors


def validate_primary(app: Application, today: date) -> list[FieldError]:
    return validate_person(app.primary_applicant, "primary_applicant", today)


def validate_household_occupants(app: Application, today: date) -> list[FieldError]:
    return validate_occupants(app.primary_applicant, "primary_applicant", today)


def validate_co_applicants(app: Application, today: date) -> list[FieldError]:
    errors = [e for i, p in enumerate(app.co_applicants) for e in validate_person(p, f"co_applicants[{i}]", today)]
    return errors + [e for e in _repeated_people(app) if e.path.startswith("co_applicants")]


def validate_guarantors(app: Application, today: date) -> list[FieldError]:
    errors = [
        e
        for i, p in enumerate(app.guarantors)
        for e in validate_person(p, f"guarantors[{i}]", today, is_guarantor=True)
    ]
    return errors + [e for e in _repeated_people(app) if e.path.startswith("guarantors")]


def _repeated_people(app: Application) -> list[FieldError]:
    """A person listed a second time (another system may write one twice): the remote holds
    one item per person, so the application cannot go out until the repeat is removed."""
    errors: list[FieldError] = []
    seen: set[str] = set()
    for role, person in app.people():
        if person.id in seen:
            path = join(_person_path(app, role.value, person), "id")
            errors.append(FieldError(path, _("This person is already on the application")))
        seen.add(person.id)
    return errors


def document_file_error(file_name: str, content_type: str, size: int) -> str | None:
    """Why a file cannot be attached, or ``None``."""
    if content_type not in ALLOWED_CONTENT_TYPES:
        return _("{name}: only PDF, JPEG, PNG or HEIC files can be attached").format(name=file_name)
    if size <= 0:
        return _("{name}: the file is empty").format(name=file_name)
    if size > MAX_DOCUMENT_BYTES:
        return _("{name}: larger than 25 MB ({size} MB)").format(
            name=file_name, size=f"{size / 1_048_576:.1f}"
        )
    return None


def validate_documents(app: Application, today: date) -> list[FieldError]:  # noqa: ARG001
    errors: list[FieldError] = []
    ids = {p.id for _, p in app.people()}
    for i, doc in enumerate(app.documents):
        if doc.person_id not in ids:
            errors.append(FieldError(f"documents[{i}].person_id", _("Choose whose document this is"), "required"))
        _check(errors, f"documents[{i}].file_name", document_file_error(doc.file_name, doc.content_type, doc.size))
    return errors


_SIGNER_LABELS = {
    Role.APPLICANT: N_("The applicant"),
    Role.CO_APPLICANT: N_("Co-applicant {n}"),
    Role.GUARANTOR: N_("Guarantor {n}"),
}


def validate_signatures(app: Application, today: date) -> list[FieldError]:  # noqa: ARG001
    from desktop_app.domain.signing import changed_since_signed, verifying_hash

    errors: list[FieldError] = []
    hashes: dict[tuple[int, int | None, str], str | None] = {}  # per scheme and consent, taken once
    seen: dict[Role, int] = {}
    for role, person in app.people():
        sig = app.signature_for(person.id)
        # By role and position, never by name: these messages also reach the command line
        # (an import's refusals), where applicants' names must not appear.
        seen[role] = seen.get(role, 0) + 1
        name = _(_SIGNER_LABELS[role]).format(n=seen[role])
        if sig is None or not sig.image_png:
            errors.append(FieldError(f"signatures[{person.id}]", _("{name} has not signed").format(name=name), "required"))
            continue
        key = (sig.scheme, sig.consent_version, sig.consent_language)
        if key not in hashes:
            hashes[key] = verifying_hash(app, sig)
        expected = hashes[key]
        if expected is None:
            errors.append(FieldError(
                f"signatures[{person.id}]",
                _(
                    "{name}'s signature cannot be checked by this version: ask them to sign again"
                ).format(name=name),
                "changed",
            ))
        elif changed_since_signed(app, sig, expected):
            errors.append(FieldError(
                f"signatures[{person.id}]",
                _("Changed since {name} signed: ask them to sign again").format(name=name),
                "changed",
            ))
    return errors


def validate_record(app: Application) -> list[FieldError]:
    """What an application must hold before it is stored from outside the wizard (an imported
    file): identifiers that are safe tokens, each person and document once, ``current_step``
    within the steps, and every text field within bounds (documents and signatures too)."""
    errors: list[FieldError] = []
    _check(errors, "id", f.id_error(app.id))
    if app.amends is not None:
        _check(errors, "amends", f.id_error(app.amends))
    if not FIRST_STEP <= app.current_step <= LAST_STEP:
        errors.append(FieldError("current_step", _("Must be a step from {first} to {last}").format(
            first=FIRST_STEP, last=LAST_STEP
        )))
    for role, person in app.people():
        _check_id(errors, join(_person_path(app, role.value, person), "id"), person.id)
    errors += _repeated_people(app)
    documents: set[str] = set()
    for i, doc in enumerate(app.documents):
        if _check_id(errors, f"documents[{i}].id", doc.id) and doc.id in documents:
            errors.append(FieldError(f"documents[{i}].id", _("This document is already on the application")))
        documents.add(doc.id)
        if doc.person_id:
            _check_id(errors, f"documents[{i}].person_id", doc.person_id)
    for i, sig in enumerate(app.signatures):
        _check_id(errors, f"signatures[{i}].person_id", sig.person_id)
    return errors + value_errors(app, "", skip=_ID_FIELDS)


#: Identifier fields: checked by ``fields.id_error`` rather than as text.
_ID_FIELDS = frozenset({"id", "person_id", "amends"})


def _check_id(errors: list[FieldError], path: str, value: str) -> bool:
    message = f.id_error(value)
    _check(errors, path, message)
    return message is None


def _person_path(app: Application, role: str, person: Person) -> str:
    if person is app.primary_applicant:
        return "primary_applicant"
    group = app.co_applicants if role == "co_applicant" else app.guarantors
    index = next(i for i, p in enumerate(group) if p is person)
    return f"{'co_applicants' if role == 'co_applicant' else 'guarantors'}[{index}]"


Validator = Callable[[Application, date], list[FieldError]]


def first_errors(errors: Iterable[FieldError]) -> dict[str, str]:
    """One message per path (the first), for showing beside fields."""
    out: dict[str, str] = {}
    for e in errors:
        out.setdefault(e.path, e.message)
    return out
