"""``desktop-app admin``: create the four tables, migrate the old single table, print the IAM
policy of the identity pool's authenticated role (docs/architecture.md, "Configuration and command line"). Results go to stdout, progress
and errors to stderr; boto3 is imported only when a command runs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.admin.aws_clients import AwsTarget


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    admin = subparsers.add_parser("admin", help="administration: tables, migration, IAM policy")
    commands = admin.add_subparsers(dest="admin_command", metavar="ADMIN_COMMAND")

    create = commands.add_parser(
        "create-tables", help="create the four tables (idempotent; waits for ACTIVE)"
    )
    _aws_options(create)
    create.set_defaults(func=create_tables_command)

    migrate = commands.add_parser(
        "migrate", help="migrate the old single table into the four tables"
    )
    migrate.add_argument("--source-table", required=True, metavar="NAME", help="the old table")
    migrate.add_argument(
        "--dry-run", action="store_true", help="read, map and check; write nothing to the targets"
    )
    _aws_options(migrate)
    migrate.add_argument(
        "--work-dir",
        type=Path,
        help="where the backup, checkpoint and report go (default ./leasedesk-migration-<NAME>)",
    )
    migrate.add_argument(
        "--segments", type=int, default=4, help="parallel Scan segments (default 4)"
    )
    migrate.add_argument("--workers", type=int, default=4, help="parallel requests (default 4)")
    migrate.add_argument(
        "--batch-size", type=int, default=25, help="items per BatchWriteItem, 1-25"
    )
    migrate.add_argument(
        "--kms-key-id",
        help="KMS key sealing SSNs, dates of birth and bank accounts (env DESKTOP_APP_KMS_KEY_ID)",
    )
    migrate.add_argument(
        "--allow-clear-pii",
        action="store_true",
        help="without a KMS key, write those fields in clear (only for tables whose readers "
        "cannot read <field>_enc yet)",
    )
    migrate.set_defaults(func=migrate_command)

    policy = commands.add_parser(
        "iam-policy", help="print the authenticated role's IAM policy (JSON)"
    )
    policy.add_argument(
        "--role",
        choices=("agent", "receiver"),
        default="agent",
        help="agent: the signed-in agents' role (default); receiver: a webhook receiver's role",
    )
    policy.add_argument("--account-id", help="AWS account id (default: a placeholder)")
    policy.add_argument("--region", help="AWS region (env DESKTOP_APP_REGION)")
    policy.add_argument("--bucket", help="document bucket (env DESKTOP_APP_S3_BUCKET)")
    policy.add_argument("--kms-key-id", help="KMS key id or ARN (env DESKTOP_APP_KMS_KEY_ID)")
    policy.add_argument("--table-prefix", help="table name prefix (env DESKTOP_APP_TABLE_PREFIX)")
    policy.add_argument("--table-suffix", help="table name suffix (env DESKTOP_APP_TABLE_SUFFIX)")
    policy.set_defaults(func=iam_policy_command)

    from desktop_app.cli.admin_ops_cmd import register_operations

    register_operations(commands, _aws_options)


def _aws_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--endpoint-url", metavar="URL", help="DynamoDB endpoint (env DESKTOP_APP_ENDPOINT_URL)"
    )
    parser.add_argument("--region", metavar="R", help="AWS region (env DESKTOP_APP_REGION)")
    parser.add_argument("--table-prefix", help="table name prefix (env DESKTOP_APP_TABLE_PREFIX)")
    parser.add_argument("--table-suffix", help="table name suffix (env DESKTOP_APP_TABLE_SUFFIX)")


def aws_target(args: argparse.Namespace) -> AwsTarget:
    """The admin commands' AWS target from their common options."""
    from desktop_app.admin.aws_clients import AwsTarget

    return AwsTarget.from_options(
        args.endpoint_url, args.region, args.table_prefix, args.table_suffix
    )


def aws_error(exc: Exception) -> int:
    """Say an AWS error plainly; exit status 2 (could not run)."""
    print(f"error: {exc}", file=sys.stderr)
    return 2


def create_tables_command(args: argparse.Namespace) -> int:
    from botocore.exceptions import BotoCoreError, ClientError

    from desktop_app.admin.create_tables import CONFLICT, TableTimeout, ensure_tables
    from desktop_app.admin.progress import Progress

    target = aws_target(args)
    progress = Progress()
    try:
        results = ensure_tables(
            target.client("dynamodb"), target.table_prefix, target.table_suffix, progress.message
        )
    except (BotoCoreError, ClientError, TableTimeout) as exc:
        return aws_error(exc)
    for result in results:
        print(result.describe())
    conflicts = [r for r in results if r.state == CONFLICT]
    if conflicts:
        names = ", ".join(r.name for r in conflicts)
        print(
            f"error: {names} already exist(s) with another key schema (above); nothing was "
            "created or changed. Fix or rename the table, or choose --table-prefix/--table-suffix.",
            file=sys.stderr,
        )
        return 1
    return 0


def migrate_command(args: argparse.Namespace) -> int:
    from botocore.exceptions import BotoCoreError, ClientError

    from desktop_app.admin.checkpoint import CheckpointBusy
    from desktop_app.admin.migrate import MigrateOptions, MigrationError, run_migration
    from desktop_app.admin.report import summary, write_report
    from desktop_app.admin.target_io import UnprocessedError

    work_dir = args.work_dir or Path(f"leasedesk-migration-{args.source_table}")
    options = MigrateOptions(
        source_table=args.source_table,
        target=aws_target(args),
        work_dir=work_dir,
        dry_run=args.dry_run,
        segments=max(1, args.segments),
        workers=max(1, args.workers),
        batch_size=args.batch_size,
        kms_key_id=args.kms_key_id,
        allow_clear_pii=args.allow_clear_pii,
    )
    try:
        report = run_migration(options)
    except (MigrationError, CheckpointBusy) as exc:
        return aws_error(exc)
    except (BotoCoreError, ClientError, UnprocessedError) as exc:
        aws_error(exc)
        if not options.dry_run:
            print(
                f"the run is journaled in {work_dir}: run the same command again to resume it",
                file=sys.stderr,
            )
        return 2
    path = write_report(report, work_dir)
    print(summary(report, path))
    if report["verification"] is not None and not report["verification"]["ok"]:
        return 1
    return 0


def iam_policy_command(args: argparse.Namespace) -> int:
    from desktop_app.admin.iam_policy import PolicySettings, authenticated_role_policy

    settings = PolicySettings.from_options(
        account_id=args.account_id,
        region=args.region,
        bucket=args.bucket,
        kms_key_id=args.kms_key_id,
        table_prefix=args.table_prefix,
        table_suffix=args.table_suffix,
    )
    for warning in settings.placeholders():
        print(f"note: {warning}", file=sys.stderr)
    if getattr(args, "role", "agent") == "receiver":
        from desktop_app.admin.receiver_policy import receiver_role_policy

        print(json.dumps(receiver_role_policy(settings.resources()), indent=2))
        return 0
    print(json.dumps(authenticated_role_policy(settings.resources()), indent=2))
    return 0
