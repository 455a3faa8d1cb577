"""Entry point of ``desktop-app`` (docs/architecture.md, "Configuration and command line").

Each command group registers itself from its own module; heavy imports happen inside the
handlers so ``--version`` and the GUI start fast."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desktop_app import __version__

#: Modules that each define ``register(subparsers)``; handlers are set with ``set_defaults(func=)``.
COMMAND_MODULES = (
    "desktop_app.cli.drafts_cmd",
    "desktop_app.cli.status_cmd",
    "desktop_app.cli.admin_cmd",
    "desktop_app.cli.account_cmd",
    "desktop_app.cli.sandbox_cmd",
    "desktop_app.cli.sync_cmd",
    "desktop_app.cli.keys_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-app",
        description="LeaseDesk: rental applications for NYC leasing agents, online or offline.",
    )
    parser.add_argument("--version", action="version", version=f"desktop-app {__version__}")
    parser.add_argument("--data-dir", help="where local data lives (env DESKTOP_APP_DATA_DIR)")
    parser.add_argument("--config", help="configuration TOML file")
    parser.add_argument(
        "--sandbox", action="store_true", help="run against an embedded emulator (demo data)"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if args.sandbox or (func is not None and args.command == "sandbox"):
        from desktop_app.sandbox.availability import NOT_INSTALLED, sandbox_installed

        if not sandbox_installed():
            print(f"desktop-app: {NOT_INSTALLED}", file=sys.stderr)
            return 2
    if func is None:
        if args.command:  # a group given without its subcommand
            parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "--help"])
        from desktop_app.ui.launch import run_gui

        return run_gui(args)
    from desktop_app.auth.errors import KeyringUnavailable
    from desktop_app.cli.common import data_dir_of
    from desktop_app.config import ConfigError
    from desktop_app.logs import setup_logging

    try:
        setup_logging(data_dir_of(args))
    except ConfigError as exc:
        print(f"desktop-app: {exc}", file=sys.stderr)
        return 2
    try:
        return int(func(args) or 0)
    except KeyringUnavailable as exc:
        print(f"desktop-app: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
