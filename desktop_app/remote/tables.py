"""The four remote tables (docs/architecture.md, "Remote schema and key rules"): one definition used by the sandbox, create-tables,
the IAM policy and the sync engine. Key names and types are fixed; table names take an
optional prefix/suffix for staging."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

GSI_NAME = "zoneinfo-index"
#: What ``zoneinfo-index`` projects besides the keys: what a full reconciliation compares with
#: the store's receipts to decide which items to read whole by key (``sync/zone_listing.py``),
#: and ``appid``, which groups a person's entry under its application. Kept small: every write
#: of an item is paid again in the index by the size of its entry (the app item is up to
#: ~160 KB with inline documents; its entry under this projection is a few hundred bytes).
ZONE_PROJECTION = ("version", "content_hash", "last_updated", "appid")
#: The app table's index of what changed: hash ``zoneinfo``, range ``last_updated``, projecting
#: only the keys, ``version`` and ``appid`` (a delta pull reads a few small entries per change).
CHANGES_INDEX = "zoneinfo-last_updated-index"
CHANGES_PROJECTION = ("version", "appid")


@dataclass(frozen=True)
class TableSpec:
    logical: str  # "app" | "applicant" | "coapplicant" | "guarantor"
    base_name: str
    partition_key: str
    sort_key: str
    info_attribute: str | None  # applicant_info / coapplicant_info / guarantor_info

    def name(self, prefix: str = "", suffix: str = "") -> str:
        return f"{prefix}{self.base_name}{suffix}"

    @property
    def person_attribute(self) -> str:
        """The attribute holding the person's own fields (``info_attribute`` of a person table)."""
        if self.info_attribute is None:
            raise ValueError(f"the {self.logical} table holds no person")
        return self.info_attribute

    @property
    def key_schema(self) -> list[dict[str, str]]:
        return [
            {"AttributeName": self.partition_key, "KeyType": "HASH"},
            {"AttributeName": self.sort_key, "KeyType": "RANGE"},
        ]

    @property
    def attribute_definitions(self) -> list[dict[str, str]]:
        names = [self.partition_key, self.sort_key]
        if self.logical == "app":
            names.append("last_updated")  # the range key of the changes index
        return [{"AttributeName": n, "AttributeType": "S"} for n in dict.fromkeys(names)]

    @property
    def zone_projection(self) -> tuple[str, ...]:
        """The non-key attributes ``zoneinfo-index`` projects on this table (the table's own
        keys are in every index entry and are not named again)."""
        keys = {self.partition_key, self.sort_key}
        return tuple(a for a in ZONE_PROJECTION if a not in keys)

    @property
    def gsi(self) -> dict[str, Any]:
        return {
            "IndexName": GSI_NAME,
            "KeySchema": [{"AttributeName": "zoneinfo", "KeyType": "HASH"}],
            "Projection": {
                "ProjectionType": "INCLUDE",
                "NonKeyAttributes": list(self.zone_projection),
            },
        }

    @property
    def changes_index(self) -> dict[str, Any] | None:
        """The changes index (on the app table only: every push moves the app item's
        ``last_updated``, whichever of the application's items it changes)."""
        if self.logical != "app":
            return None
        return {
            "IndexName": CHANGES_INDEX,
            "KeySchema": [
                {"AttributeName": "zoneinfo", "KeyType": "HASH"},
                {"AttributeName": "last_updated", "KeyType": "RANGE"},
            ],
            "Projection": {
                "ProjectionType": "INCLUDE",
                "NonKeyAttributes": list(CHANGES_PROJECTION),
            },
        }

    @property
    def index_names(self) -> list[str]:
        return [i["IndexName"] for i in self.indexes]

    @property
    def indexes(self) -> list[dict[str, Any]]:
        extra = self.changes_index
        return [self.gsi] if extra is None else [self.gsi, extra]

    def create_table_kwargs(self, prefix: str = "", suffix: str = "") -> dict[str, Any]:
        """Arguments for DynamoDB ``CreateTable`` (on-demand, GSI, SSE, deletion protection)."""
        return {
            "TableName": self.name(prefix, suffix),
            "KeySchema": self.key_schema,
            "AttributeDefinitions": self.attribute_definitions,
            "BillingMode": "PAY_PER_REQUEST",
            "GlobalSecondaryIndexes": self.indexes,
            "SSESpecification": {"Enabled": True, "SSEType": "KMS"},
            "DeletionProtectionEnabled": True,
            "Tags": [
                {"Key": "app", "Value": "leasedesk"},
                {"Key": "table-role", "Value": self.logical},
            ],
        }


APP = TableSpec("app", "app_nyc", "appid", "zoneinfo", None)
APPLICANT = TableSpec("applicant", "applicant_nyc", "userId", "zoneinfo", "applicant_info")
COAPPLICANT = TableSpec("coapplicant", "Co-Applicants", "userId", "zoneinfo", "coapplicant_info")
GUARANTOR = TableSpec("guarantor", "Guarantors_nyc", "userId", "zoneinfo", "guarantor_info")

ALL_TABLES: tuple[TableSpec, ...] = (APP, APPLICANT, COAPPLICANT, GUARANTOR)


@dataclass(frozen=True)
class TableNames:
    """Concrete table names for one deployment (prefix/suffix applied)."""

    app: str = APP.base_name
    applicant: str = APPLICANT.base_name
    coapplicant: str = COAPPLICANT.base_name
    guarantor: str = GUARANTOR.base_name

    @classmethod
    def with_affixes(cls, prefix: str = "", suffix: str = "") -> "TableNames":
        return cls(*(spec.name(prefix, suffix) for spec in ALL_TABLES))

    def for_spec(self, spec: TableSpec) -> str:
        name: str = getattr(self, spec.logical)
        return name

    def all(self) -> list[str]:
        return [self.app, self.applicant, self.coapplicant, self.guarantor]
