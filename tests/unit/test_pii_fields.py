"""The PII marks of the domain models are the one list both storage and sync seal by."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

from desktop_app.domain.models import (
    PII,
    PII_REMOTE_SEALED,
    Application,
    BankAccount,
    Occupant,
    OtherIncome,
    Person,
)
from desktop_app.domain.pii import pii_fields, pii_paths
from desktop_app.storage.crypto import Cipher, DataKey, is_sealed
from desktop_app.storage.pii import has_clear_pii, open_document, pii_root, seal_document
from desktop_app.sync.field_crypto import OCCUPANT_PII_FIELDS, REMOTE_PII_FIELDS


def test_the_marked_fields_are_the_pii_of_a_person_and_an_occupant():
    assert set(pii_fields(Person)) == {
        "ssn", "date_of_birth", "annual_income", "monthly_housing_payment", "other_income",
        "bank_accounts",
    }
    assert set(REMOTE_PII_FIELDS) == {"ssn", "date_of_birth", "bank_accounts"}
    assert pii_fields(Occupant) == OCCUPANT_PII_FIELDS == ("date_of_birth",)


def test_paths_cover_every_person_and_their_occupants():
    paths = set(pii_paths())
    for person in ("primary_applicant", "co_applicants[]", "guarantors[]"):
        assert f"{person}.ssn" in paths
        assert f"{person}.occupants[].date_of_birth" in paths
        assert f"{person}.email" not in paths
    assert pii_root("guarantors[2].other_income[0].monthly_amount") == "guarantors[2].other_income"
    assert pii_root("co_applicants[1].occupants[3].date_of_birth") == (
        "co_applicants[1].occupants[3].date_of_birth"
    )
    assert pii_root("co_applicants[1].occupants[3].full_name") is None
    assert pii_root("application_info.monthly_rent") is None


def test_a_marked_field_of_a_new_model_is_found():
    class Pet(BaseModel):
        name: str = ""
        chip_id: str = Field(default="", json_schema_extra=PII_REMOTE_SEALED)
        vet_bill: int = Field(default=0, json_schema_extra=PII)

    assert pii_fields(Pet) == ("chip_id", "vet_bill")
    assert pii_fields(Pet, remote_sealed=True) == ("chip_id",)

    class Household(BaseModel):
        pets: list[Pet] | None = None
        favourite: Pet | None = None

    assert pii_paths(Household) == (
        "pets[].chip_id", "pets[].vet_bill", "favourite.chip_id", "favourite.vet_bill"
    )


def _person(n: int) -> Person:
    return Person(
        first_name=f"Test{n}",
        email=f"t{n}@example.test",
        ssn=f"900-00-000{n}",
        date_of_birth=date(1990, 1, n + 1),
        annual_income=Decimal("50000"),
        monthly_housing_payment=Decimal("1500"),
        other_income=[OtherIncome(monthly_amount=Decimal("200"))],
        bank_accounts=[BankAccount(institution="Synthetic Bank")],
        occupants=[Occupant(full_name=f"Kid{n}", date_of_birth=date(2015, 1, 1))],
    )


def test_storage_seals_every_marked_field_and_nothing_else():
    app = Application(
        primary_applicant=_person(1), co_applicants=[_person(2)], guarantors=[_person(3)]
    )
    doc = app.model_dump(mode="json")
    cipher = Cipher(DataKey.generate())
    sealed = seal_document(doc, cipher, app.id)
    assert not has_clear_pii(sealed)
    for person in [sealed["primary_applicant"], *sealed["co_applicants"], *sealed["guarantors"]]:
        for name in pii_fields(Person):
            assert is_sealed(person[name]), name
        assert is_sealed(person["occupants"][0]["date_of_birth"])
        assert person["email"].endswith("@example.test")
        assert person["occupants"][0]["full_name"].startswith("Kid")
    assert Application.model_validate(open_document(sealed, cipher, app.id)) == app
