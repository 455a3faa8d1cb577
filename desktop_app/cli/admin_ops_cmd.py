"""``desktop-app admin verify`` and ``admin cleanup`` (docs/admin.md): check the four tables,
and remove document objects nothing references. Reports go to stdout (``--json`` for a
machine), progress and errors to stderr; exit 0 when clean, 1 with findings, 2 when the command
could not run."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from desktop_app.cli.admin_cmd import aws_error, aws_target


def register_operations(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    aws_options: Callable[[argparse.ArgumentParser], None],
) -> None:
    verify = commands.add_parser(
        "verify", help="check the four tables' items and settings (exit 1 with findings)"
    )
    aws_options(verify)
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.add_argument("--segments", type=int, default=4, help="parallel Scan segments")
    verify.add_argument(
        "--legacy-table",
        metavar="NAME",
        help="also confirm every item of the old single table is in the four tables",
    )
    verify.add_argument(
        "--restore-test",
        action="store_true",
        help="restore each table from point-in-time recovery to a scratch table, compare "
        "counts and hashes, then delete the scratch table",
    )
    verify.set_defaults(func=verify_command)

    cleanup = commands.add_parser(
        "cleanup", help="remove document objects no item references (dry run unless --apply)"
    )
    aws_options(cleanup)
    cleanup.add_argument("--bucket", help="document bucket (env DESKTOP_APP_S3_BUCKET)")
    cleanup.add_argument("--apply", action="store_true", help="remove them (default: dry run)")
    cleanup.add_argument(
        "--grace-days",
        type=int,
        help="keep unreferenced objects younger than this (default and minimum: the "
        "refresh-token lifetime, REFRESH_TOKEN_DAYS)",
    )
    cleanup.add_argument("--json", action="store_true", help="print the report as JSON")
    cleanup.set_defaults(func=cleanup_command)


def verify_command(args: argparse.Namespace) -> int:
    from botocore.exceptions import BotoCoreError, ClientError

    from desktop_app.admin.restore_test import restore_test
    from desktop_app.admin.verify import verify

    target = aws_target(args)
    segments = max(1, args.segments)
    try:
        report = verify(target, legacy_table=args.legacy_table, segments=segments)
        restores = restore_test(target, segments=segments) if args.restore_test else None
    except (BotoCoreError, ClientError, TimeoutError) as exc:
        return aws_error(exc)
    ok = report.ok and all(r["ok"] for r in restores or [])
    if args.json:
        doc = report.to_json()
        doc["ok"] = ok
        if restores is not None:
            doc["restore_test"] = restores
        print(json.dumps(doc, indent=1))
    else:
        print(report.text())
        for r in restores or []:
            print(
                f"restore test {r['table']}: {r['restored_items']} restored of "
                f"{r['source_items']} items, {r['matching']} matching, {r['changed_since']} "
                f"changed since {r['restore_point']}, {r['mismatched']} mismatched"
                + ("" if r["ok"] else f" (e.g. {', '.join(r['examples'])})")
            )
    return 0 if ok else 1


def cleanup_command(args: argparse.Namespace) -> int:
    import os

    from botocore.exceptions import BotoCoreError, ClientError

    from desktop_app.admin.cleanup import cleanup
    from desktop_app.config import AppConfig

    lifetime = AppConfig.model_fields["refresh_token_days"].default
    env_days = os.environ.get("DESKTOP_APP_REFRESH_TOKEN_DAYS")
    if env_days and env_days.isdigit():
        lifetime = max(lifetime, int(env_days))
    grace = args.grace_days if args.grace_days is not None else lifetime
    if grace < lifetime:
        print(
            f"error: --grace-days {grace} is shorter than the refresh-token lifetime "
            f"({lifetime} days): an agent offline that long may hold an upload whose item is "
            "not pushed yet",
            file=sys.stderr,
        )
        return 2
    bucket = args.bucket or os.environ.get("DESKTOP_APP_S3_BUCKET")
    if not bucket:
        print("error: no bucket: give --bucket or set DESKTOP_APP_S3_BUCKET", file=sys.stderr)
        return 2
    try:
        report = cleanup(aws_target(args), bucket, grace_days=grace, apply=args.apply)
    except (BotoCoreError, ClientError) as exc:
        return aws_error(exc)
    print(json.dumps(report.to_json(), indent=1) if args.json else report.text())
    return 0
