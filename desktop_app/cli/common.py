"""What several commands share: the configuration, the data dir, and the services of the active
profile's store from the composition root (``desktop_app.bootstrap``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.auth.account_service import AccountService
    from desktop_app.bootstrap import Services
    from desktop_app.config import AppConfig
    from desktop_app.storage.store import Store


def config_of(args: argparse.Namespace) -> AppConfig:
    """``--config``, else the default file, with ``DESKTOP_APP_*`` overrides (raises
    ``ConfigError``)."""
    from desktop_app.config import load_config

    return load_config(getattr(args, "config", None))


def data_dir_of(args: argparse.Namespace, config: AppConfig | None = None) -> Path:
    """``--data-dir``, else ``DESKTOP_APP_DATA_DIR``, else the config file's ``DATA_DIR``, else
    the platform's data dir — the same answer ``login`` and the GUI get."""
    config = config if config is not None else config_of(args)
    return config.resolve_data_dir(getattr(args, "data_dir", None))


def accounts_of(args: argparse.Namespace) -> AccountService:
    """The account service (sign-in, sign-out), without opening any store."""
    from desktop_app.bootstrap import build_accounts

    config = config_of(args)
    return build_accounts(config, data_dir_of(args, config))


def open_services(args: argparse.Namespace) -> Services:
    """The services over the active account's store, sealed with its data key from the keyring
    (raises ``KeyringUnavailable`` when there is no usable keyring; ``main`` reports it)."""
    from desktop_app.bootstrap import bootstrap

    config = config_of(args)
    return bootstrap(data_dir_of(args, config), config)


def open_cli_store(args: argparse.Namespace) -> Store:
    """The active account's store (see :func:`open_services`); the caller closes it."""
    return open_services(args).store


def fail(message: str, code: int = 1) -> int:
    print(f"desktop-app: {message}", file=sys.stderr)
    return code
