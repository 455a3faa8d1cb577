"""Synthetic applications for tests, benchmarks, screenshots and the sandbox's demo data.
Every value is made up; SSNs use the 9xx-70 ITIN range or the never-issued 000 group is avoided."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from desktop_app.domain.models import (
    Address,
    Application,
    ApplicationInfo,
    BankAccount,
    Employment,
    EmploymentStatus,
    IncomeSource,
    Occupant,
    OtherIncome,
    Person,
)

FIRST = ["José", "Zoë", "Aisha", "Liam", "Mei", "Dmitri", "Fatima", "Kwame", "Ana", "李", "Noah", "Priya"]
LAST = ["O'Brien", "García", "Nguyen", "Smith", "Kowalski", "Okafor", "Cohen", "王", "Rivera", "Haddad"]
STREETS = ["Roosevelt Ave", "W 110th St", "Atlantic Ave", "Grand Concourse", "Broadway", "Court St"]
CITIES = [("New York", "NY", "10025"), ("Brooklyn", "NY", "11217"), ("Bronx", "NY", "10451"), ("Queens", "NY", "11372")]


def _address(rng: random.Random) -> Address:
    city, state, zip_code = rng.choice(CITIES)
    return Address(street=f"{rng.randint(1, 999)} {rng.choice(STREETS)}", unit=f"{rng.randint(1, 20)}{rng.choice('ABCD')}", city=city, state=state, zip=zip_code)


def _phone(rng: random.Random) -> str:
    return f"+1212555{rng.randint(100, 199):04d}"


def synthetic_person(rng: random.Random, *, today: date, occupants: int = 0, ascii_only: bool = False) -> Person:
    first = rng.choice([n for n in FIRST if not ascii_only or n.isascii()])
    last = rng.choice([n for n in LAST if not ascii_only or n.isascii()])
    dob = today - timedelta(days=rng.randint(20 * 365, 70 * 365))
    return Person(
        first_name=first,
        last_name=last,
        date_of_birth=dob,
        ssn=f"9{rng.randint(0, 99):02d}-{rng.randint(70, 88)}-{rng.randint(1, 9999):04d}",
        email=f"user{rng.randint(100000, 999999)}@example.com",
        phone=_phone(rng),
        current_address=_address(rng),
        years_at_address=Decimal(rng.randint(1, 10)),
        landlord_name=f"{rng.choice(LAST)} Realty",
        landlord_phone=_phone(rng),
        monthly_housing_payment=Decimal(rng.randint(15, 45) * 100),
        employment=Employment(status=EmploymentStatus.EMPLOYED, employer="Acme Corp", title="Analyst", start_date=today - timedelta(days=rng.randint(100, 3000)), employer_phone=_phone(rng)),
        annual_income=Decimal(rng.randint(40, 250) * 1000),
        other_income=[OtherIncome(source=IncomeSource.HOUSING_VOUCHER, description="CityFHEPS", monthly_amount=Decimal("1250.50"))] if rng.random() < 0.3 else [],
        bank_accounts=[BankAccount(institution="First Example Bank", account_type="checking", approximate_balance=Decimal(rng.randint(1, 90) * 500))],
        relationship="self",
        occupants=[Occupant(full_name=f"{rng.choice(FIRST)} {last}", relationship=rng.choice(["child", "parent", "partner"]), date_of_birth=today - timedelta(days=rng.randint(1, 80 * 365))) for _ in range(occupants)],
    )


def synthetic_application(
    rng: random.Random | None = None,
    *,
    today: date | None = None,
    co_applicants: int = 1,
    guarantors: int = 1,
    occupants: int = 2,
    ascii_only: bool = False,
) -> Application:
    """A complete, valid draft (no documents or signatures: those need files and a pad)."""
    rng = rng or random.Random()
    today = today or date.today()
    city, state, zip_code = rng.choice(CITIES)
    app = Application(
        application_info=ApplicationInfo(
            building_address=f"{rng.randint(1, 999)} {rng.choice(STREETS)}, {city}, {state} {zip_code}",
            unit=f"{rng.randint(1, 30)}{rng.choice('ABCDEF')}",
            monthly_rent=Decimal(rng.randint(18, 80) * 100),
            move_in_date=today + timedelta(days=rng.randint(10, 60)),
            lease_term_months=rng.choice([12, 24]),
            application_fee=Decimal("20.00"),
            referral_source=rng.choice(["StreetEasy", "Walk-in", "Referral", ""]),
        ),
        primary_applicant=synthetic_person(rng, today=today, occupants=occupants, ascii_only=ascii_only),
        co_applicants=[synthetic_person(rng, today=today, ascii_only=ascii_only) for _ in range(co_applicants)],
        guarantors=[synthetic_person(rng, today=today, ascii_only=ascii_only) for _ in range(guarantors)],
    )
    for p in app.co_applicants:
        p.relationship = "roommate"
    for g in app.guarantors:
        g.relationship = "parent"
    return app
