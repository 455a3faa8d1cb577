"""``desktop-app status [--json]``: local counts (sync state joins when the engine exists)."""

from __future__ import annotations

import argparse
import json
import sys

from desktop_app.cli.common import open_cli_store
from desktop_app.storage.paths import active_profile, resolve_data_dir


def register(subparsers: argparse._SubParsersAction) -> None:
    status = subparsers.add_parser("status", help="pending / synced / conflicts / last synced")
    status.add_argument("--json", action="store_true", help="print JSON (see docs/formats.md)")
    status.set_defaults(func=cmd_status)


def local_status(args: argparse.Namespace) -> dict:
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    with open_cli_store(args) as store, store.uow() as uow:
        counts = uow.applications.counts()
        pending = uow.outbox.count()
    return {
        "profile": active_profile(data_dir),
        "applications": {
            "draft": counts.get("draft", 0),
            "submitted": counts.get("submitted", 0),
            "total": sum(counts.values()),
        },
        "pending": pending,
    }


def cmd_status(args: argparse.Namespace) -> int:
    status = local_status(args)
    if args.json:
        json.dump(status, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    apps = status["applications"]
    print(f"Profile:       {status['profile']}")
    print(f"Applications:  {apps['total']} ({apps['draft']} draft, {apps['submitted']} submitted)")
    print(f"Waiting to sync: {status['pending']}")
    return 0
