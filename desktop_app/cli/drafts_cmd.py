"""``desktop-app drafts import|export|list`` (docs/architecture.md, "Configuration and command line"; formats in docs/formats.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.common import fail, open_cli_store, open_services

if TYPE_CHECKING:
    from desktop_app.bootstrap import Services
    from desktop_app.services.sync_service import SyncService


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    drafts = subparsers.add_parser("drafts", help="import, export and list applications")
    sub = drafts.add_subparsers(dest="drafts_command", metavar="ACTION", required=True)

    imp = sub.add_parser("import", help="import applications from a JSON file (all or nothing)")
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--passphrase-file", type=Path, help="the passphrase of a protected export (else asked)"
    )
    imp.set_defaults(func=cmd_import)

    exp = sub.add_parser("export", help="export every application as JSON")
    exp.add_argument("--out", type=Path, help="write to this file instead of standard output")
    exp.add_argument(
        "--protect", action="store_true", help="seal the file under a passphrase (asked twice)"
    )
    exp.add_argument(
        "--passphrase-file", type=Path, help="seal the file under the passphrase in this file"
    )
    exp.set_defaults(func=cmd_export)

    lst = sub.add_parser("list", help="list applications")
    lst.add_argument("--json", action="store_true", help="print JSON (see docs/formats.md)")
    lst.set_defaults(func=cmd_list)

    pdf = sub.add_parser("pdf", help="write the PDF of an application (SSNs masked)")
    pdf.add_argument("id", help="the application id")
    pdf.add_argument("--out", type=Path, required=True, help="the PDF file to write (0600)")
    pdf.add_argument(
        "--full-ssn", action="store_true", help="print full SSNs instead of ***-**-1234"
    )
    pdf.set_defaults(func=cmd_pdf)

    audit = sub.add_parser("audit", help="show an application's audit trail")
    audit.add_argument("id", help="the application id")
    audit.add_argument(
        "--verify", action="store_true",
        help="check the hash chain (exit status 1 when an entry was altered or removed)",
    )
    audit.add_argument("--json", action="store_true", help="print JSON")
    audit.set_defaults(func=cmd_audit)


#: Printed with every export that is not sealed under a passphrase.
PII_IN_CLEAR = (
    "Warning: this export holds applicants' PII (names, SSNs, dates of birth, incomes, bank "
    "accounts, documents) in clear. Keep it private and delete it when done, or export with "
    "--protect to seal it under a passphrase."
)

#: Problems printed for one import; the count of the rest follows them.
MAX_PRINTED_PROBLEMS = 200


def cmd_import(args: argparse.Namespace) -> int:
    """Exit status 0 when every record was imported, 2 when the file was refused (nothing is
    written then): file-level problems as one plain line, record problems as
    ``record N: field: reason`` lines."""
    from desktop_app.services.drafts_io import import_applications, parse_file, read_file
    from desktop_app.services.errors import ImportFileError

    from desktop_app.cli.keys_cmd import read_passphrase

    try:
        data = read_file(args.file, lambda: read_passphrase(args, confirm=False))
        parse_file(data)  # the file's shape, before the store is opened
    except ImportFileError as exc:
        return fail(str(exc), 2)
    with open_cli_store(args) as store:
        try:
            result = import_applications(store, data)
        except ImportFileError as exc:
            return fail(str(exc), 2)
    if not result.ok:
        for error in result.errors[:MAX_PRINTED_PROBLEMS]:
            print(error, file=sys.stderr)
        if len(result.errors) > MAX_PRINTED_PROBLEMS:
            print(f"… and {len(result.errors) - MAX_PRINTED_PROBLEMS} more", file=sys.stderr)
        records = len({e.index for e in result.errors})
        return fail(
            f"{len(result.errors)} problem(s) in {records} record(s); nothing was imported. "
            "Fix the file and import it again.",
            2,
        )
    print(f"Imported {len(result.imported)} application(s).")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from desktop_app.cli.keys_cmd import read_passphrase
    from desktop_app.services.drafts_io import export_applications, export_to_file
    from desktop_app.services.recovery import RecoveryError, check_passphrase

    protect = bool(args.protect or args.passphrase_file)
    if protect and not args.out:
        return fail("a protected export needs --out FILE")
    passphrase = None
    if protect:
        try:
            passphrase = read_passphrase(args, confirm=True)
            check_passphrase(passphrase)
        except (RecoveryError, ValueError, OSError) as exc:
            return fail(str(exc) if not isinstance(exc, OSError) else "cannot read the passphrase file")
    with open_cli_store(args) as store:
        if args.out:
            count = export_to_file(store, args.out, passphrase)
            sealed = " sealed under the passphrase" if protect else ""
            print(f"Exported {count} application(s) to {args.out}{sealed}", file=sys.stderr)
        else:
            json.dump(export_applications(store), sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
    if not protect:
        print(PII_IN_CLEAR, file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from desktop_app.services.summaries import SummariesService

    with open_cli_store(args) as store:
        rows = SummariesService(store).list()
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


#: Printed with a PDF that shows full SSNs.
FULL_SSN_WARNING = (
    "Warning: this PDF shows full SSNs. Keep it private, share it only with whoever must see "
    "them, and delete it when done."
)


def cmd_pdf(args: argparse.Namespace) -> int:
    """Exit status 0 with the PDF written, 1 when the application is not on this computer or
    the file cannot be written."""
    from desktop_app.services.errors import ApplicationNotFound
    from desktop_app.services.records import pdf_input
    from desktop_app.ui.pdf_export import export_pdf

    services = open_services(args)
    with services.store as store:
        try:
            app = services.autosave.load(args.id)
        except ApplicationNotFound:
            return fail(f"no application {args.id} on this computer")
        data = pdf_input(store, app, full_ssn=args.full_ssn)
        try:
            pages = export_pdf(data, args.out)
        except OSError as exc:
            return fail(f"cannot write {args.out}: {exc.strerror or exc}")
        # Recorded once the file exists: the trail never claims an export that failed.
        services.autosave.audit.record(app.id, "exported", to="pdf", full_ssn=args.full_ssn)
    print(f"Wrote {pages} page(s) to {args.out}", file=sys.stderr)
    if args.full_ssn:
        print(FULL_SSN_WARNING, file=sys.stderr)
    return 0


def _sync_of(services: Services | None) -> SyncService | None:
    """The account's sync service (None without a backend; signing in is never asked here:
    a signed-out account is reported as the end not checked)."""
    if services is None or services.config is None or services.accounts is None:
        return None
    if not services.config.backend_configured:
        return None
    try:
        return services.sync_service(with_autosave=False).service
    except Exception:  # noqa: BLE001 — no sync service: the end is not checked, and said so
        return None


def cmd_audit(args: argparse.Namespace) -> int:
    """With ``--verify``: exit status 0 when the chain holds, 1 when it was tampered with. The
    end is checked against this computer's head on the server when it can be reached; else
    the output says it could not be, and why."""
    from desktop_app.services.audit import AuditTrail
    from desktop_app.services.records import server_head

    services = open_services(args) if args.verify else None
    with (services.store if services is not None else open_cli_store(args)) as store:
        trail = AuditTrail(store)
        entries = trail.entries(args.id)
        result = None
        end = ""
        if args.verify:
            found = server_head(store, args.id, _sync_of(services))
            result = trail.verify(args.id, found.head)
            if found.checked and found.head is not None:
                end = "checked against the server"
            elif found.checked:
                end = "not checked: no push of this computer carried a head yet"
            else:
                end = f"could not be checked against the server: {found.why}"
    if args.json:
        out: dict[str, object] = {
            "application_id": args.id,
            "entries": [
                {"seq": e.seq, "at": e.at, "account": e.account, "machine": e.machine,
                 "action": e.action, "detail": e.detail, "hash": e.hash}
                for e in entries
            ],
        }
        if result is not None:
            out["verified"] = {"ok": result.ok, "length": result.length,
                               "problems": result.problems, "end": end}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        if not entries:
            print("No audit entries for this application on this computer.")
        for e in entries:
            print(f"{e.seq:>5}  {e.at}  {e.describe():<48}  {e.account} @ {e.machine}")
        if result is not None:
            if result.ok:
                print(f"Verified: {result.length} entries, the chain is intact.")
            for problem in result.problems:
                print(f"TAMPERED: {problem}")
            print(f"The end of the trail {end}.")
    return 0 if result is None or result.ok else 1
