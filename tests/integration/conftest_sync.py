"""Helpers for the sync tests (imported by the test modules; not a pytest conftest): the four
tables on moto, synthetic applications, stores and engines, and a remote-vs-local comparison."""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop_app.domain.models import (
    Application,
    ApplicationInfo,
    BankAccount,
    Occupant,
    OtherIncome,
    Person,
)
from desktop_app.remote.tables import ALL_TABLES, TableNames
from desktop_app.storage.store import Store, open_store
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.mapping import application_from_items
from desktop_app.sync.merge import app_doc
from desktop_app.sync.remote_store import Boto3RemoteStore, default_client_config

IDENTITY = "us-east-1:0f0e0d0c-0b0a-4909-8807-060504030201"
OTHER_IDENTITY = "us-east-1:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
TABLES = TableNames.with_affixes("", "")
_counter = itertools.count(1)


def create_tables(moto: Any, tables: TableNames = TABLES) -> None:
    client = moto.client("dynamodb")
    for spec in ALL_TABLES:
        kwargs = spec.create_table_kwargs()
        kwargs["TableName"] = tables.for_spec(spec)
        kwargs.pop("DeletionProtectionEnabled", None)
        client.create_table(**kwargs)


def person(first: str, *, income: str = "85000.00", lean: bool = False) -> Person:
    n = next(_counter)
    if lean:  # for the big runs: moto's transactions copy whole tables, so keep items small
        return Person(
            first_name=first,
            last_name=f"Testperson{n}",
            email=f"synthetic{n}@example.test",
            annual_income=Decimal(income),
        )
    return Person(
        first_name=first,
        last_name=f"Testperson{n}",
        email=f"synthetic{n}@example.test",
        phone="+1 212 555 0100",
        annual_income=Decimal(income),
        other_income=[OtherIncome(source="housing_voucher", monthly_amount=Decimal("1250.50"))],
        bank_accounts=[
            BankAccount(
                institution="Example Bank",
                account_type="checking",
                approximate_balance=Decimal("4321.09"),
            )
        ],
        occupants=[Occupant(full_name="Kid Example", relationship="child")],
    )


def synthetic_application(
    co_applicants: int = 0, guarantors: int = 0, *, lean: bool = False
) -> Application:
    n = next(_counter)
    return Application(
        current_step=2,
        application_info=ApplicationInfo(
            building_address=f"{100 + n} Example Street, New York, NY",
            unit=f"{n}A",
            monthly_rent=Decimal("2850.00"),
            notes="" if lean else "synthetic test data",
        ),
        primary_applicant=person("Alex", lean=lean),
        co_applicants=[person("Casey", lean=lean) for _ in range(co_applicants)],
        guarantors=[person("Gale", income="250000", lean=lean) for _ in range(guarantors)],
    )


def new_store(path: Path) -> Store:
    return open_store(path / "leasedesk.sqlite3")


def add_apps(store: Store, apps: list[Application]) -> None:
    with store.uow() as uow:
        for app in apps:
            uow.applications.add(app)
        uow.commit()


def boto_remote(url: str, *, tables: TableNames = TABLES, concurrency: int = 1, **cfg: Any):
    import boto3

    client = boto3.client(
        "dynamodb",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=default_client_config(concurrency, **cfg),
    )
    return Boto3RemoteStore(client, tables)


def engine(store: Store, remote: Any, identity: str = IDENTITY, **kw: Any) -> SyncEngine:
    kw.setdefault("concurrency", 1)
    kw.setdefault("sleep", lambda _s: None)
    return SyncEngine(store, remote, identity, **kw)


def remote_applications(moto: Any, identity: str = IDENTITY) -> dict[str, list]:
    """appid -> [(table, item), ...] as the tables hold them (read straight from moto)."""
    from boto3.dynamodb.types import TypeDeserializer

    de = TypeDeserializer()
    client = moto.client("dynamodb")
    out: dict[str, list] = {}
    for spec in ALL_TABLES:
        pages = client.get_paginator("scan").paginate(TableName=TABLES.for_spec(spec))
        for page in pages:
            for raw in page["Items"]:
                item = {k: de.deserialize(v) for k, v in raw.items()}
                out.setdefault(item["appid"], []).append((spec.logical, item))
    return out


def remote_docs(moto: Any, identity: str = IDENTITY) -> dict[str, dict]:
    """local id -> comparable document of the application the tables hold."""
    out = {}
    for items in remote_applications(moto, identity).values():
        app_item = next(i for t, i in items if t == "app")
        people = [(t, i) for t, i in items if t != "app"]
        app = application_from_items(identity, app_item, people)
        out[app.id] = strip(app_doc(app))
    return out


def strip(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k not in ("created_at", "updated_at")}


def local_docs(store: Store) -> dict[str, dict]:
    with store.uow() as uow:
        return {a.id: strip(app_doc(a)) for a in uow.applications.all()}
