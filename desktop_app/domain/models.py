"""Typed domain models (docs/architecture.md, "Domain and NYC rules"). Drafts are partial, so every field has an empty default;
what a step needs before Next is decided by ``domain.validation``, which returns errors instead
of raising. Money is ``Decimal``. There is deliberately no criminal-history field anywhere
(NYC Fair Chance for Housing Act)."""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

from desktop_app.domain.fields import in_bounds
from desktop_app.domain.ids import new_id

#: Money is a Decimal; pydantic writes it to JSON as a decimal string ("2500.00"), never a float.
Money = Decimal

FLOW_TYPE = "desktop-agent"
FLOW_VERSION = "1"
#: ``current_step`` runs over the wizard's steps, 1 (application) to 8 (review).
FIRST_STEP, LAST_STEP = 1, 8


#: Marks a PII field (``domain/pii.py`` reads the marks): sealed at rest on the laptop, and
#: readable on the remote — incomes, which the back office's qualification reads.
PII: JsonDict = {"pii": True}
#: A PII field that is also encrypted field by field on the remote (SSN, birth dates, accounts).
PII_REMOTE_SEALED: JsonDict = {"pii": True, "remote_sealed": True}


def utcnow() -> datetime:
    return datetime.now(UTC)


#: Data LeaseDesk keeps without owning it: name -> the value exactly as the remote held it, in
#: DynamoDB's typed JSON (``{"S": "…"}``, ``{"N": "1.5"}``, ``{"M": {…}}`` …), so a number stays
#: a number and a binary stays a binary through the local store and back. Never validated, never
#: signed, never part of a content hash LeaseDesk computes over its own fields.
_TAGS = frozenset({"S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M"})


def _typed_ok(value: Any, depth: int = 0) -> bool:
    if not isinstance(value, dict) or len(value) != 1 or depth > 64:
        return False
    ((tag, inner),) = value.items()
    if tag == "S":
        return isinstance(inner, str)
    if tag in ("N", "B"):
        return _scalar_ok(tag, inner)
    if tag in ("BOOL", "NULL"):
        return isinstance(inner, bool)
    if tag == "SS":
        return isinstance(inner, list) and all(isinstance(v, str) for v in inner)
    if tag in ("NS", "BS"):
        return isinstance(inner, list) and all(_scalar_ok(tag[0], v) for v in inner)
    if tag == "L":
        return isinstance(inner, list) and all(_typed_ok(v, depth + 1) for v in inner)
    if tag == "M":
        return isinstance(inner, dict) and all(
            isinstance(k, str) and _typed_ok(v, depth + 1) for k, v in inner.items()
        )
    return False


def _scalar_ok(tag: str, value: Any) -> bool:
    """A number DynamoDB can hold, or base64 of a binary: what a push can send back."""
    if not isinstance(value, str) or len(value) > 400_000:
        return False
    if tag == "N":
        try:
            number = Decimal(value)
        except ArithmeticError:
            return False
        return number.is_finite() and (
            not number or (len(number.as_tuple().digits) <= 38 and -130 <= number.adjusted() <= 125)
        )
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _check_other(value: dict[str, Any]) -> dict[str, Any]:
    for name, typed in value.items():
        if not _typed_ok(typed):
            raise ValueError(f"not a value in DynamoDB's typed JSON at {name!r}"[:120])
    return value


OtherData = Annotated[dict[str, Any], AfterValidator(_check_other)]
#: Field names that hold such data, on every model: left out of signatures and validation.
OTHER_FIELDS = frozenset({"other", "unknown"})


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=False,
        ser_json_bytes="base64",
        val_json_bytes="base64",
    )
    #: Fields another system added inside the map this model is stored as (e.g. an
    #: ``applicant_info.some_new_field``): written back exactly as read, shown as "Other data".
    unknown: OtherData = Field(default_factory=dict)


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class Address(_Model):
    street: str = ""
    unit: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""

    def is_empty(self) -> bool:
        return not any((self.street, self.unit, self.city, self.state, self.zip))


class EmploymentStatus(StrEnum):
    NONE = ""
    EMPLOYED = "employed"
    SELF_EMPLOYED = "self-employed"
    UNEMPLOYED = "unemployed"
    RETIRED = "retired"
    STUDENT = "student"


class Employment(_Model):
    status: EmploymentStatus = EmploymentStatus.NONE
    employer: str = ""
    title: str = ""
    start_date: date | None = None
    employer_phone: str = ""


class IncomeSource(StrEnum):
    """Lawful source of income (NYC Human Rights Law): benefits count like wages; a housing
    voucher lowers the rent the income multiple applies to (``nyc_rules.qualify``)."""

    HOUSING_VOUCHER = "housing_voucher"  # Section 8 / HCV, CityFHEPS, FHEPS, HASA …
    PUBLIC_BENEFITS = "public_benefits"  # SSI, SSDI, SNAP cash, TANF …
    SOCIAL_SECURITY = "social_security"
    PENSION = "pension"
    CHILD_SUPPORT = "child_support"
    ALIMONY = "alimony"
    INVESTMENT = "investment"
    OTHER = "other"


class OtherIncome(_Model):
    source: IncomeSource = IncomeSource.OTHER
    description: str = ""
    monthly_amount: Money | None = None


class BankAccount(_Model):
    institution: str = ""
    account_type: str = ""  # checking / savings / brokerage / other
    approximate_balance: Money | None = None


class Occupant(_Model):
    full_name: str = ""
    relationship: str = ""
    date_of_birth: date | None = Field(default=None, json_schema_extra=PII_REMOTE_SEALED)


class Role(StrEnum):
    APPLICANT = "applicant"
    CO_APPLICANT = "co_applicant"
    GUARANTOR = "guarantor"


class Person(_Model):
    """A primary applicant, co-applicant or guarantor (``applicant_info`` & co. on the remote)."""

    id: str = Field(default_factory=new_id)
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    date_of_birth: date | None = Field(default=None, json_schema_extra=PII_REMOTE_SEALED)
    ssn: str = Field(default="", json_schema_extra=PII_REMOTE_SEALED)  # SSN or ITIN, optional
    email: str = ""
    phone: str = ""
    current_address: Address = Field(default_factory=Address)
    years_at_address: Money | None = None
    previous_address: Address = Field(default_factory=Address)
    landlord_name: str = ""
    landlord_phone: str = ""
    monthly_housing_payment: Money | None = Field(default=None, json_schema_extra=PII)
    employment: Employment = Field(default_factory=Employment)
    annual_income: Money | None = Field(default=None, json_schema_extra=PII)
    other_income: list[OtherIncome] = Field(default_factory=list, json_schema_extra=PII)
    bank_accounts: list[BankAccount] = Field(
        default_factory=list, json_schema_extra=PII_REMOTE_SEALED
    )
    relationship: str = ""  # to the primary applicant
    occupants: list[Occupant] = Field(default_factory=list)  # people this person lists
    #: Attributes of this person's item that other systems wrote (``webhookSummary``, a back
    #: office's ``review_status`` …): kept and shown, never written by LeaseDesk.
    other: OtherData = Field(default_factory=dict)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_name, self.last_name) if p)

    def yearly_income(self) -> Decimal:
        """Wages plus every other income, vouchers and benefits included, per year (the
        qualification takes vouchers off the rent instead: ``nyc_rules``). An amount
        out of bounds (flagged at its field by validation) counts as 0, so this never raises."""
        total = in_bounds(self.annual_income)
        for item in self.other_income:
            total += in_bounds(item.monthly_amount) * 12
        return total


class BrokerEngagement(StrEnum):
    """Who engaged the broker on this rental (NYC FARE Act: the one who engages pays)."""

    NONE = ""  # no broker, or not stated yet
    LANDLORD = "landlord"
    TENANT = "tenant"  # the applicant engaged the broker


class ApplicationInfo(_Model):
    building_address: str = ""
    unit: str = ""
    monthly_rent: Money | None = None
    move_in_date: date | None = None
    lease_term_months: int | None = 12
    application_fee: Money | None = Decimal("20")
    #: The applicant brought a background/credit report no older than 30 days: no fee.
    fee_waived: bool = False
    report_date: date | None = None
    broker_engaged_by: BrokerEngagement = BrokerEngagement.NONE
    #: The broker's fee charged to the applicant (none when the landlord engaged the broker).
    broker_fee: Money | None = None
    referral_source: str = ""
    notes: str = ""


class DocumentKind(StrEnum):
    GOVERNMENT_ID = "government_id"
    PAY_STUB = "pay_stub"
    BANK_STATEMENT = "bank_statement"
    TAX_RETURN = "tax_return"
    EMPLOYMENT_LETTER = "employment_letter"
    VOUCHER_LETTER = "voucher_letter"
    BENEFITS_LETTER = "benefits_letter"
    CREDIT_REPORT = "credit_report"
    OTHER = "other"


class StorageMode(StrEnum):
    LOCAL = "local"  # only on this machine so far
    DIRECT = "direct"  # inline in the app_nyc item
    S3 = "s3"


class Document(_Model):
    """Metadata of one attached file; the bytes live in the local store, keyed by ``id``."""

    id: str = Field(default_factory=new_id)
    kind: DocumentKind = DocumentKind.OTHER
    person_id: str = ""
    file_name: str = ""
    content_type: str = ""
    size: int = 0
    sha256: str = ""
    storage_mode: StorageMode = StorageMode.LOCAL
    s3_key: str = ""
    added_at: datetime = Field(default_factory=utcnow)


class Signature(_Model):
    person_id: str
    signer_name: str
    signed_at: datetime = Field(default_factory=utcnow)
    image_png: bytes = b""
    content_hash: str = ""  # hash of the application content at signing
    #: How ``content_hash`` was taken (``domain/signing.py``): 1 over the whole content as it
    #: was before coverage became an explicit list (every older signature), 2 over that list,
    #: 3 over a longer list and the consent text shown at signing.
    scheme: int = 1
    #: The consent text signed (``domain/consent.py``): its version and language; None on a
    #: signature made without one.
    consent_version: int | None = None
    consent_language: str = ""


class Application(_Model):
    id: str = Field(default_factory=new_id)
    status: Status = Status.DRAFT
    current_step: int = 1
    flow_type: str = FLOW_TYPE
    flow_version: str = FLOW_VERSION
    application_info: ApplicationInfo = Field(default_factory=ApplicationInfo)
    primary_applicant: Person = Field(default_factory=Person)
    co_applicants: list[Person] = Field(default_factory=list)
    guarantors: list[Person] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    signatures: list[Signature] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    submitted_at: datetime | None = None
    #: Set on an amendment: the id of the submitted application this one revises.
    amends: str | None = None
    #: Attributes of the application's item that other systems wrote (``webhook_responses``,
    #: a legacy id …): kept and shown, never written by LeaseDesk.
    other: OtherData = Field(default_factory=dict)

    @property
    def is_read_only(self) -> bool:
        return self.status is Status.SUBMITTED

    def people(self) -> list[tuple[Role, Person]]:
        """Everyone on the application, primary first."""
        out: list[tuple[Role, Person]] = [(Role.APPLICANT, self.primary_applicant)]
        out += [(Role.CO_APPLICANT, p) for p in self.co_applicants]
        out += [(Role.GUARANTOR, p) for p in self.guarantors]
        return out

    def person(self, person_id: str) -> Person | None:
        return next((p for _, p in self.people() if p.id == person_id), None)

    def signature_for(self, person_id: str) -> Signature | None:
        return next((s for s in self.signatures if s.person_id == person_id), None)
