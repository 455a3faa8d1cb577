"""Validators for single values. Each returns an error message, or ``None`` when the value is
acceptable. Empty values are the caller's business (required-ness is per step)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Clamped, Context, Decimal, Inexact, Overflow, Rounded, Underflow

from desktop_app.i18n import _

_SSN = re.compile(r"^(\d{3})-?(\d{2})-?(\d{4})$")
_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP".split()
)


def email_error(value: str) -> str | None:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return _("Not a valid email address: {detail}").format(detail=exc)
    return None


def phone_error(value: str) -> str | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        return _("Not a phone number; use a US number like (212) 555-0143")
    if not phonenumbers.is_valid_number(number) or number.country_code != 1:
        return _("Not a valid US phone number; use a number like (212) 555-0143")
    return None


def ssn_error(value: str) -> str | None:
    """An SSN or an ITIN (9XX-7X/8X/9X-XXXX), with or without dashes."""
    match = _SSN.match(value.strip())
    if not match:
        return _("Use 9 digits as 123-45-6789 (SSN or ITIN)")
    area, group, serial = match.groups()
    if area.startswith("9"):
        g = int(group)
        if 70 <= g <= 88 or 90 <= g <= 92 or 94 <= g <= 99:
            return None  # a valid ITIN
        return _("Starts with 9 but is not a valid ITIN (middle digits 70–88, 90–92 or 94–99)")
    if area in ("000", "666") or group == "00" or serial == "0000":
        return _("Not a valid SSN (no part may be all zeros; 666 is never issued)")
    return None


def zip_error(value: str) -> str | None:
    if not _ZIP.match(value.strip()):
        return _("Use a 5-digit ZIP code (or ZIP+4, 10001-1234)")
    return None


def state_error(value: str) -> str | None:
    if value.strip().upper() not in US_STATES:
        return _("Use the two-letter state code, e.g. NY")
    return None


#: The largest amount a rent, income, payment or balance may be (docs/formats.md).
MAX_MONEY = Decimal("100000000")
#: The most years anyone has lived at one address.
MAX_YEARS = Decimal("120")


def money_error(value: Decimal | int | None, maximum: Decimal = MAX_MONEY) -> str | None:
    """A dollar amount: 0 to ``maximum``, at most two decimal places."""
    return _bounded_error(
        value,
        maximum,
        _("Must be at most ${maximum}").format(maximum=f"{maximum:,}"),
        _("Use at most two decimal places (cents)"),
    )


def years_error(value: Decimal | int | None) -> str | None:
    """A number of years: 0 to ``MAX_YEARS``, at most two decimal places."""
    return _bounded_error(
        value,
        MAX_YEARS,
        _("Must be at most {years} years").format(years=MAX_YEARS),
        _("Use at most two decimal places"),
    )


def _bounded_error(
    value: Decimal | int | None, maximum: Decimal | int, too_big: str, too_precise: str
) -> str | None:
    if value is None:
        return None
    if not isinstance(value, Decimal):
        value = Decimal(value)
    if not value.is_finite():
        return _("Not a number")
    if value < 0:
        return _("Cannot be negative")
    if value > maximum:
        return too_big
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        return too_precise
    return None


def in_bounds(value: Decimal | None, maximum: Decimal = MAX_MONEY) -> Decimal:
    """``value`` when it is an amount ``money_error`` accepts, else 0 — what arithmetic over
    entered amounts (income totals, qualification) may use without ever raising: a value out
    of bounds is flagged at its field and counts for nothing until corrected."""
    if value is None or money_error(value, maximum) is not None:
        return Decimal(0)
    return value


#: DynamoDB's number limits: 38 significant digits, magnitudes from 1E-130 to below 1E+126
#: (the context is the one boto3 serialises numbers with).
_STORABLE = Context(prec=38, Emin=-128, Emax=126, traps=[Clamped, Overflow, Inexact, Rounded, Underflow])


def storable_number_error(value: Decimal | int) -> str | None:
    """Why a number cannot be stored as it is (locally and in DynamoDB), or ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if value.bit_length() > 128:  # far beyond 38 digits; Decimal() of it would be slow
            return _("Too many digits (at most 38)")
        value = Decimal(value)
    if not value.is_finite():
        return _("Not a number")
    if value and not -130 <= value.adjusted() <= 125:
        return _("Too large or too small a number")
    try:
        _STORABLE.create_decimal(value)
    except (Overflow, Underflow):
        return _("Too large or too small a number")
    except (Inexact, Rounded, Clamped):
        return _("Too many digits (at most 38)")
    return None


# -- text and identifiers ----------------------------------------------------------------------

#: Length caps of text fields (characters); a field not named here has ``MAX_TEXT``.
MAX_TEXT = 200
MAX_NOTES = 10_000
TEXT_CAPS = {"notes": MAX_NOTES, "email": 254, "file_name": 255, "s3_key": 1024}
#: Fields that may hold several lines (tabs and line breaks allowed).
MULTILINE_FIELDS = frozenset({"notes"})

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def text_error(value: str, name: str = "") -> str | None:
    """Text of the field ``name``: within its length cap, no control characters (line breaks
    only where the field has several lines), and valid Unicode (no lone surrogates)."""
    cap = TEXT_CAPS.get(name, MAX_TEXT)
    if len(value) > cap:
        return _("Too long (at most {cap} characters)").format(cap=f"{cap:,}")
    if _SURROGATE.search(value):
        return _("Contains a character that is not valid text")
    control = _CONTROL_BUT_LINES if name in MULTILINE_FIELDS else _CONTROL
    if control.search(value):
        return _("Contains a control character")
    return None


def id_error(value: str) -> str | None:
    """An identifier (application, person, document): a ULID or another short token of
    letters, digits, ``-`` and ``_`` — never a path, never empty."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        return _("Use a ULID or a token of at most 64 letters, digits, - or _")
    return None


def birth_date_error(value: date | None, today: date, *, adult: bool) -> str | None:
    if value is None:
        return None
    if value > today:
        return _("Date of birth is in the future")
    if value.year < 1900:
        return _("Date of birth is before 1900")
    if adult:
        age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
        if age < 18:
            return _("Applicants and guarantors must be at least 18")
    return None


def mask_ssn(value: str) -> str:
    """``***-**-1234`` — how an SSN is shown unless the agent asks to reveal it."""
    digits = re.sub(r"\D", "", value)
    return f"***-**-{digits[-4:]}" if len(digits) >= 4 else ""
