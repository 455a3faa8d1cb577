"""``desktop-app drafts import|export|list`` (DESIGN §6; formats in docs/formats.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop_app.cli.common import fail, open_cli_store


def register(subparsers: argparse._SubParsersAction) -> None:
    drafts = subparsers.add_parser("drafts", help="import, export and list applications")
    sub = drafts.add_subparsers(dest="drafts_command", metavar="ACTION", required=True)

    imp = sub.add_parser("import", help="import applications from a JSON file (all or nothing)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=cmd_import)

    exp = sub.add_parser("export", help="export every application as JSON")
    exp.add_argument("--out", type=Path, help="write to this file instead of standard output")
    exp.set_defaults(func=cmd_export)

    lst = sub.add_parser("list", help="list applications")
    lst.add_argument("--json", action="store_true", help="print JSON (see docs/formats.md)")
    lst.set_defaults(func=cmd_list)


def cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.services.drafts_io import import_applications

    try:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return fail(f"no such file: {args.file}", 2)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return fail(f"{args.file} is not valid JSON: {exc}", 2)
    with open_cli_store(args) as store:
        result = import_applications(store, data)
    if not result.ok:
        for error in result.errors:
            print(error, file=sys.stderr)
        records = len({e.index for e in result.errors})
        return fail(
            f"{len(result.errors)} problem(s) in {records} record(s); nothing was imported. "
            "Fix the file and import it again."
        )
    print(f"Imported {len(result.imported)} application(s).")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.services.drafts_io import export_applications, export_to_file

    with open_cli_store(args) as store:
        if args.out:
            count = export_to_file(store, args.out)
            print(f"Exported {count} application(s) to {args.out}", file=sys.stderr)
        else:
            json.dump(export_applications(store), sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_cli_store(args) as store, store.uow() as uow:
        rows = uow.applications.summaries()
    if args.json:
        out = [
            {
                "id": r.id,
                "status": r.status,
                "applicant_name": r.applicant_name,
                "building_address": r.building_address,
                "unit": r.unit,
                "monthly_rent": r.monthly_rent or None,
                "current_step": r.current_step,
                "revision": r.revision,
                "updated_at": r.updated_at,
            }
            for r in rows
        ]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if not rows:
        print("No applications yet.")
        return 0
    for r in rows:
        where = f"{r.building_address} {r.unit}".strip()
        rent = f"${r.monthly_rent}" if r.monthly_rent else "-"
        print(f"{r.id}  {r.status:<9}  {r.applicant_name or '(no name)':<28}  {where:<30}  {rent}")
    return 0
