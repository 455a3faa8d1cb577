"""What the legacy mapping produces: target keys and items, and each source item's outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_app.remote.tables import ALL_TABLES, TableSpec

MIGRATED, MERGED, REJECTED = "migrated", "merged", "rejected"

STATUS_MAP = {
    "in_progress": "draft",
    "started": "draft",
    "draft": "draft",
    "": "draft",
    "complete": "submitted",
    "completed": "submitted",
    "submitted": "submitted",
}

SPEC_BY_LOGICAL: dict[str, TableSpec] = {spec.logical: spec for spec in ALL_TABLES}


class ApplicationRejected(Exception):
    """One source item makes its whole application unmigratable (``reason`` names no value)."""

    def __init__(self, sk: str, reason: str) -> None:
        super().__init__(reason)
        self.sk, self.reason = sk, reason


@dataclass(frozen=True, order=True)
class TargetKey:
    table: str  # logical table: app | applicant | coapplicant | guarantor
    pk: str
    zoneinfo: str

    def as_dict(self) -> dict[str, str]:
        return {"table": self.table, "pk": self.pk, "zoneinfo": self.zoneinfo}

    def dynamo_key(self) -> dict[str, str]:
        spec = SPEC_BY_LOGICAL[self.table]
        return {spec.partition_key: self.pk, spec.sort_key: self.zoneinfo}

    @classmethod
    def of_item(cls, table: str, item: dict[str, Any]) -> TargetKey:
        spec = SPEC_BY_LOGICAL[table]
        return cls(table, item[spec.partition_key], item[spec.sort_key])


@dataclass
class TargetItem:
    key: TargetKey
    item: dict[str, Any]


@dataclass
class SourceOutcome:
    zoneinfo: str
    sk: str
    outcome: str
    reason: str = ""
    targets: list[TargetKey] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"zoneinfo": self.zoneinfo, "sk": self.sk, "outcome": self.outcome}
        if self.reason:
            out["reason"] = self.reason
        out["targets"] = [t.as_dict() for t in self.targets]
        return out
