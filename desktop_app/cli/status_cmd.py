"""``desktop-app status [--json]``: local counts and the sync state — pending, synced,
conflicts, needs attention, last synced (the JSON is documented in docs/formats.md and
docs/sync.md)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from desktop_app.cli.common import data_dir_of, open_cli_store
from desktop_app.storage.paths import active_profile

if TYPE_CHECKING:
    from desktop_app.services.status import LocalStatus


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    status = subparsers.add_parser("status", help="pending / synced / conflicts / last synced")
    status.add_argument("--json", action="store_true", help="print JSON (see docs/formats.md)")
    status.add_argument(
        "--metrics",
        action="store_true",
        help="print this machine's metrics (30 days) in the Prometheus text format, or JSON "
        "with --json",
    )
    status.add_argument(
        "--app", metavar="ID", help="one application's sync receipt: per table, the version "
        "and content hash the server confirmed and when"
    )
    status.set_defaults(func=cmd_status)


def local_status(args: argparse.Namespace) -> LocalStatus:
    from desktop_app.services.status import StatusService

    data_dir = data_dir_of(args)
    with open_cli_store(args) as store:
        return StatusService(store).local_status(active_profile(data_dir))


def webhook_counts(args: argparse.Namespace) -> dict[str, int]:
    """Webhook deliveries by state: pending (queued or retrying), failed (need attention),
    disabled (endpoint gone), delivered."""
    from desktop_app.services.webhooks.outbox import counts

    with open_cli_store(args) as store, store.engine.connect() as conn:
        return counts(conn)


def cmd_metrics(args: argparse.Namespace) -> int:
    from desktop_app.services import metrics
    from desktop_app.services.metrics_export import metrics_json, prometheus_text

    with open_cli_store(args) as store:
        series = metrics.series(store)
    if args.json:
        json.dump(metrics_json(series), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(prometheus_text(series))
    return 0


def cmd_receipt(args: argparse.Namespace) -> int:
    from desktop_app.services.records import application_known, application_receipt, receipt_lines

    with open_cli_store(args) as store:
        if not application_known(store, args.app):
            print(f"desktop-app: no application {args.app} on this computer", file=sys.stderr)
            return 1
        receipt = application_receipt(store, args.app)
    if args.json:
        json.dump(receipt, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        print("\n".join(receipt_lines(receipt)))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    if getattr(args, "metrics", False):
        return cmd_metrics(args)
    if getattr(args, "app", None):
        return cmd_receipt(args)
    status = local_status(args).to_json()
    status["webhooks"] = webhook_counts(args)
    if args.json:
        json.dump(status, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    apps = status["applications"]
    online = {True: "online", False: "offline", None: "not synced yet"}[status["online"]]
    print(f"Profile:         {status['profile']}")
    print(
        f"Applications:    {apps['total']} ({apps['draft']} draft, {apps['submitted']} submitted)"
    )
    print(f"Waiting to sync: {status['pending']}")
    print(f"Synced:          {status['synced']}")
    print(f"Conflicts:       {status['conflicts']}")
    print(f"Need attention:  {len(status['needs_attention'])}")
    for a in status["needs_attention"]:
        print(f"  {a['application_id']}: step {a['step']}, field {a['field']}: {a['reason']}")
    hooks = status["webhooks"]
    print(f"Webhooks:        {hooks['pending']} pending, {hooks['failed']} failed")
    print(f"Last synced:     {status['last_synced'] or 'never'} ({online})")
    if status["sign_in_required"]:
        print("Sign in again (`desktop-app login`) to sync; drafts are kept.")
    return 0
