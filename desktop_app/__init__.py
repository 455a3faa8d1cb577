"""LeaseDesk: a local-first desktop app for NYC leasing agents to take rental applications."""

__version__ = "0.1.0"
APP_NAME = "desktop_app"
