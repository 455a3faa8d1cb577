"""``desktop-app sandbox serve [--port N]``: the emulator alone (docs/architecture.md,
"Configuration and command line"); part of the developer install (``leasedesk[sandbox]``).

Prints the ``DESKTOP_APP_*`` settings to use, one ``NAME=value`` per line on stdout (so a shell
can ``export`` them), the demo agent's sign-in on stderr, and serves until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sandbox = subparsers.add_parser(
        "sandbox", help="a local emulator of the LeaseDesk backend (demo data, in memory)"
    )
    commands = sandbox.add_subparsers(dest="sandbox_command", metavar="SUBCOMMAND")
    serve = commands.add_parser(
        "serve",
        help="run the emulator and print the DESKTOP_APP_* settings to use",
        description="Run moto on 127.0.0.1 with the four tables, Cognito pools, a demo agent, "
        "a document bucket and a KMS key. Its data lasts only while it runs.",
    )
    serve.add_argument("--port", type=int, default=0, help="port to listen on (default: free)")
    serve.set_defaults(func=serve_command)


def serve_command(args: argparse.Namespace) -> int:
    import logging
    import signal
    import threading

    from desktop_app.sandbox import start_embedded_sandbox

    try:
        handle = start_embedded_sandbox(port=args.port, log_level=logging.CRITICAL)
    except OSError as exc:
        print(f"Could not start the sandbox on port {args.port}: {exc}", file=sys.stderr)
        return 1
    stop = threading.Event()

    def _stop(_signum: int, _frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        for name, value in handle.settings.items():
            print(f"{name}={value}")
        sys.stdout.flush()
        print(
            f"LeaseDesk sandbox running at {handle.endpoint_url} (data in memory only; "
            "Ctrl-C stops it).\n"
            f"Demo agent user name: {handle.demo_username}\n"
            f"Demo agent password:  {handle.demo_password}",
            file=sys.stderr,
            flush=True,
        )
        while not stop.wait(0.5):
            pass
    finally:
        handle.stop()
    print("Sandbox stopped.", file=sys.stderr)
    return 0
