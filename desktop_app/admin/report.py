"""The migration report: JSON for tools, a short summary for people.

It accounts for every source item (migrated / merged / rejected with its reason), every target
item (written / present / differing), the per-table counts and the verification pass. It names
items by their keys only: no field values, so no personal data."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from desktop_app.admin.legacy_mapping import MappingResult
from desktop_app.admin.legacy_outcomes import MERGED, MIGRATED, REJECTED
from desktop_app.remote.tables import ALL_TABLES

#: Report sections that depend on the data only, not on the run: equal for a clean run and a
#: killed-and-resumed one.
ACCOUNTING_SECTIONS = ("source", "source_items", "tables", "target_items", "notes", "verification")

TARGET_STATES = ("written", "would write", "present", "differing")


def build_report(
    *,
    run_id: str,
    resumed: bool,
    source_table: str,
    targets: dict[str, str],
    dry_run: bool,
    backup: dict[str, Any],
    mapping: MappingResult,
    states: dict[tuple[str, tuple[str, str]], str],
    verification: dict[str, Any] | None,
    timings: dict[str, float],
    pii: dict[str, Any] | None = None,
    oversize: int = 0,
) -> dict[str, Any]:
    outcomes = Counter(s.outcome for s in mapping.sources)
    tables: dict[str, dict[str, Any]] = {}
    for spec in ALL_TABLES:
        counts = Counter(state for (table, _), state in states.items() if table == spec.logical)
        tables[spec.logical] = {
            "name": targets[spec.logical],
            "items": sum(counts.values()),
            **{state.replace(" ", "_"): counts.get(state, 0) for state in TARGET_STATES},
        }
    target_items = [
        {"table": table, "pk": key[0], "zoneinfo": key[1], "outcome": state}
        for (table, key), state in sorted(states.items())
    ]
    return {
        "run_id": run_id,
        "resumed": resumed,
        "dry_run": dry_run,
        "source_table": source_table,
        "targets": targets,
        "backup": backup,
        "source": {
            "items": len(mapping.sources),
            MIGRATED: outcomes.get(MIGRATED, 0),
            MERGED: outcomes.get(MERGED, 0),
            REJECTED: outcomes.get(REJECTED, 0),
        },
        "source_items": [s.as_dict() for s in mapping.sources],
        "tables": tables,
        "target_items": target_items,
        "notes": [n.as_dict() for n in mapping.notes],
        "verification": verification,
        "pii": pii or {},
        "oversize_applications": oversize,
        "timings_seconds": {k: round(v, 3) for k, v in timings.items()},
    }


def write_report(report: dict[str, Any], work_dir: Path) -> Path:
    path = work_dir.resolve() / f"report-{report['source_table']}-{report['run_id']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    return path


def summary(report: dict[str, Any], report_path: Path | None = None, listed: int = 50) -> str:
    """The human summary printed at the end of a run."""
    src = report["source"]
    lines = [
        f"Migration of {report['source_table']} (run {report['run_id']}"
        + (", resumed" if report["resumed"] else "")
        + (", DRY RUN" if report["dry_run"] else "")
        + ")",
        f"Backup: {report['backup']['path']} ({report['backup']['items']} items)",
        (
            f"Source items: {src['items']} - migrated {src[MIGRATED]}, merged {src[MERGED]}, "
            f"rejected {src[REJECTED]}"
        ),
    ]
    shown = [s for s in report["source_items"] if s["outcome"] in (REJECTED, MERGED)]
    for item in shown[:listed]:
        lines.append(f"  {item['outcome']}: {item['zoneinfo']} {item['sk']}: {item['reason']}")
    if len(shown) > listed:
        lines.append(f"  ... and {len(shown) - listed} more in the report")
    pii = report.get("pii") or {}
    if pii.get("mode") == "encrypted":
        lines.append(
            f"Protected fields (SSN, date of birth, bank accounts): sealed with KMS key "
            f"{pii['kms_key_id']} in {pii['items_sealed']} person item(s)."
        )
    elif pii.get("mode", "").startswith("clear"):
        lines.append(
            "Protected fields: WRITTEN IN CLEAR (--allow-clear-pii) in "
            f"{pii['applications_in_clear']} application(s)."
        )
    elif pii.get("applications_refused"):
        lines.append(
            f"Protected fields: no KMS key, so {pii['applications_refused']} application(s) "
            "holding an SSN, a date of birth or bank accounts were not written (give "
            "--kms-key-id, or --allow-clear-pii)."
        )
    if report.get("oversize_applications"):
        lines.append(
            f"Too large: {report['oversize_applications']} application(s) not written "
            "(a mapped item over 400 KB; see the report)."
        )
    lines.append("Target tables:")
    totals: Counter[str] = Counter()
    for table in report["tables"].values():
        written = table["would_write"] if report["dry_run"] else table["written"]
        verb = "to write" if report["dry_run"] else "written"
        lines.append(
            f"  {table['name']:<24} {table['items']:>7} items: {written} {verb}, "
            f"{table['present']} already present, {table['differing']} differing (left as they are)"
        )
        totals.update(
            {k: table[k] for k in ("items", "written", "would_write", "present", "differing")}
        )
    if report["dry_run"]:
        lines.append(f"Dry run: nothing written; {totals['would_write']} item(s) would be written.")
    elif totals["written"] == 0:
        lines.append(
            f"Nothing written: all {totals['items']} target items were already there "
            f"({totals['present']} identical, {totals['differing']} differing, left as they are)."
        )
    if report["notes"]:
        lines.append(f"Field notes: {len(report['notes'])} (names of the fields in the report)")
    verification = report.get("verification")
    if verification is not None:
        checked = sum(t["expected"] for t in verification["tables"].values())
        if verification["ok"]:
            lines.append(
                f"Verification: OK - {checked} target items read again; counts and content "
                "hashes match the mapping."
            )
        else:
            lines.append(f"Verification: FAILED - {len(verification['problems'])} problem(s):")
            for problem in verification["problems"][:listed]:
                lines.append(f"  {problem['table']} {problem['pk']}: {problem['problem']}")
    if report_path is not None:
        lines.append(f"Report: {report_path}")
    return "\n".join(lines)
