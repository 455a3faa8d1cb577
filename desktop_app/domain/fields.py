"""Validators for single values. Each returns an error message, or ``None`` when the value is
acceptable. Empty values are the caller's business (required-ness is per step)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

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
        return f"Not a valid email address: {exc}"
    return None


def phone_error(value: str) -> str | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        return "Not a phone number; use a US number like (212) 555-0143"
    if not phonenumbers.is_valid_number(number) or number.country_code != 1:
        return "Not a valid US phone number; use a number like (212) 555-0143"
    return None


def ssn_error(value: str) -> str | None:
    """An SSN or an ITIN (9XX-7X/8X/9X-XXXX), with or without dashes."""
    match = _SSN.match(value.strip())
    if not match:
        return "Use 9 digits as 123-45-6789 (SSN or ITIN)"
    area, group, serial = match.groups()
    if area.startswith("9"):
        g = int(group)
        if 70 <= g <= 88 or 90 <= g <= 92 or 94 <= g <= 99:
            return None  # a valid ITIN
        return "Starts with 9 but is not a valid ITIN (middle digits 70–88, 90–92 or 94–99)"
    if area in ("000", "666") or group == "00" or serial == "0000":
        return "Not a valid SSN (no part may be all zeros; 666 is never issued)"
    return None


def zip_error(value: str) -> str | None:
    if not _ZIP.match(value.strip()):
        return "Use a 5-digit ZIP code (or ZIP+4, 10001-1234)"
    return None


def state_error(value: str) -> str | None:
    if value.strip().upper() not in US_STATES:
        return "Use the two-letter state code, e.g. NY"
    return None


def money_error(value: Decimal | int | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    if not value.is_finite():
        return "Not a number"
    if value < 0:
        return "Cannot be negative"
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        return "Use at most two decimal places (cents)"
    return None


def birth_date_error(value: date | None, today: date, *, adult: bool) -> str | None:
    if value is None:
        return None
    if value > today:
        return "Date of birth is in the future"
    if value.year < 1900:
        return "Date of birth is before 1900"
    if adult:
        age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
        if age < 18:
            return "Applicants and guarantors must be at least 18"
    return None


def mask_ssn(value: str) -> str:
    """``***-**-1234`` — how an SSN is shown unless the agent asks to reveal it."""
    digits = re.sub(r"\D", "", value)
    return f"***-**-{digits[-4:]}" if len(digits) >= 4 else ""
