"""``desktop-app sync [--once]`` (docs/architecture.md, "Configuration and command line"): push (and pull) now with the signed-in account.

``--once`` runs one sync and exits: status 0 when everything reached the remote, 1 when anything
did not (offline, needs attention, a conflict waiting for the agent, refused items, sign-in
needed). ``--retry`` also sends again what needs attention (retried by itself anyway when the
account or the settings changed since the last run). Without it the command keeps syncing — on a timer, and as soon as the network
returns — until interrupted. Output names applications by id and fields by path, never content."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from desktop_app.sync.outcome import SyncReport


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = subparsers.add_parser(
        "sync",
        help="push (and pull) now; exit 1 if anything failed",
        description="Sync this account's applications with the remote tables.",
    )
    sync.add_argument("--once", action="store_true", help="one sync, then exit")
    sync.add_argument(
        "--interval", type=float, default=300.0, help="seconds between syncs without --once"
    )
    sync.add_argument(
        "--retry",
        action="store_true",
        help="also send again what needs attention (after fixing its cause)",
    )
    sync.add_argument(
        "--concurrency", type=int, default=8, help="applications in flight at once (default 8)"
    )
    sync.set_defaults(func=sync_command)


def _fail(message: str) -> int:
    print(f"desktop-app: {message}", file=sys.stderr)
    return 1


def print_report(report: SyncReport, out: TextIO | None = None) -> None:
    from desktop_app.sync import outcome as oc

    out = out or sys.stdout  # looked up per call: a default bound at import goes stale

    summary = report.summary()
    counts = ", ".join(
        f"{summary[k]} {k.replace('_', ' ')}"
        for k in (
            oc.SYNCED,
            oc.MERGED,
            oc.UNCHANGED,
            oc.DELETED,
            oc.CONFLICT,
            oc.NEEDS_ATTENTION,
            oc.RETRY_LATER,
            oc.OFFLINE,
        )
        if summary.get(k)
    )
    print(f"Pushed: {counts or 'nothing to push'}; pulled {report.pulled}.", file=out)
    if report.retried:
        print(f"Retried {report.retried} that needed attention.", file=out)
    if report.deleted_on_pull:
        print(f"Deleted {report.deleted_on_pull} deleted on another machine.", file=out)
    if report.missed_by_delta:
        print(
            f"The full check found {report.missed_by_delta} change(s) the quick pulls had "
            "missed (a clock behind, or a change made outside LeaseDesk); they are pulled now.",
            file=out,
        )
    for o in report.outcomes:
        if o.result == oc.NEEDS_ATTENTION:
            where = f" (step {o.step}, field {o.field})" if o.field else ""
            print(f"  needs attention {o.application_id}{where}: {o.message}", file=out)
        elif o.result == oc.CONFLICT:
            print(f"  conflict {o.application_id}: {o.message}; resolve it in the app", file=out)
        elif o.result == oc.RETRY_LATER:
            print(f"  will retry {o.application_id}: {o.message}", file=out)
    for refused in report.refused:
        print(f"  refused: {refused}", file=out)
    for error in report.errors:
        print(f"  error: {error}", file=out)
    if not report.online:
        print("Offline: the remote could not be reached; everything stays queued.", file=out)
    if report.sign_in_required:
        print("Sign in again (`desktop-app login`) to sync; drafts are kept.", file=out)


def sync_command(args: argparse.Namespace) -> int:
    from desktop_app.auth.errors import AuthError
    from desktop_app.bootstrap import bootstrap, build_accounts
    from desktop_app.config import ConfigError, load_config

    try:
        config = load_config(getattr(args, "config", None))
    except ConfigError as exc:
        return _fail(str(exc))
    if not config.backend_configured:
        return _fail(
            "no sync backend is configured, so there is nothing to sync with; drafts stay on "
            "this computer. Set IDENTITY_POOL_ID, USER_POOL_ID and USER_POOL_CLIENT_ID (see "
            "docs/accounts.md)."
        )
    data_dir = config.resolve_data_dir(getattr(args, "data_dir", None))
    accounts = build_accounts(config, data_dir)
    try:
        factory = accounts.aws_session_factory()
    except AuthError as exc:
        return _fail(str(exc))
    services = bootstrap(data_dir, config, accounts=accounts)
    store = services.store
    try:
        sync = services.sync_service(
            lambda: factory,
            concurrency=max(1, args.concurrency),
            eager=True,
            interval=args.interval,
            retry_at_start=args.retry,  # (and whenever the account or settings changed)
            with_autosave=False,
        )
        service = sync.service
        if args.once:
            report = service.sync_once()
            if sync.webhooks is not None:  # as the scheduler does after each sync
                sync.webhooks.after_sync(report)
            print_report(report)
            return 1 if report.failed else 0
        last = 0
        try:
            while True:
                ticked = sync.scheduler.tick()
                if ticked is not None:
                    print_report(ticked)
                    last = 1 if ticked.failed else 0
                time.sleep(1.0)
        except KeyboardInterrupt:
            return last
    finally:
        store.close()
