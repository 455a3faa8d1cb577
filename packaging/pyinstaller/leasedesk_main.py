"""The bundle's entry point: ``desktop-app`` as the command line defines it."""

from desktop_app.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
