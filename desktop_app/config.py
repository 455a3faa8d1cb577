"""The application's configuration (docs/architecture.md, "Configuration and command line"): a TOML file, each key overridable by
``DESKTOP_APP_<KEY>`` in the environment, validated at start.

The file is ``--config FILE`` or ``config.toml`` in platformdirs' user config dir for
``LeaseDesk`` (Linux: ``~/.config/LeaseDesk/config.toml``). Keys may be written in either case (``region`` or ``REGION``). An environment
variable set to the empty string clears the file's value. Every problem is reported with the key,
where its value came from, and the form expected, all at once."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from desktop_app.remote.tables import TableNames

ENV_PREFIX = "DESKTOP_APP_"
CONFIG_FILE_NAME = "config.toml"

_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$")
_IDENTITY_POOL = re.compile(r"^([a-z0-9-]+):[0-9a-f-]{1,50}$")
_USER_POOL = re.compile(r"^([a-z0-9-]+)_[0-9A-Za-z]{1,40}$")
_CLIENT_ID = re.compile(r"^[\w+]{1,128}$")
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_KMS_KEY = re.compile(
    r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|mrk-[0-9a-f]{32}|alias/[A-Za-z0-9/_-]{1,250}|arn:aws[a-z-]*:kms:\S+)$"
)
_TABLE_AFFIX = re.compile(r"^[A-Za-z0-9_.-]{0,200}$")

#: key -> what a valid value looks like (used in every error message).
EXPECTED: dict[str, str] = {
    "REGION": "an AWS region such as us-east-1",
    "ENDPOINT_URL": "an http:// or https:// URL such as http://127.0.0.1:5000 (emulators only)",
    "IDENTITY_POOL_ID": "a Cognito identity pool id such as us-east-1:0a1b2c3d-...",
    "USER_POOL_ID": "a Cognito user pool id such as us-east-1_AbCdEf123",
    "USER_POOL_CLIENT_ID": "a Cognito app client id (letters and digits)",
    "AUTH_FLOW": "USER_SRP_AUTH or USER_PASSWORD_AUTH",
    "REFRESH_TOKEN_DAYS": "a whole number of days from 1 to 3650 (the app client's setting)",
    "S3_BUCKET": "an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)",
    "KMS_KEY_ID": "a KMS key id, key ARN, alias/NAME or alias ARN",
    "TABLE_PREFIX": "letters, digits, '_', '-' or '.' (added before each table name)",
    "TABLE_SUFFIX": "letters, digits, '_', '-' or '.' (added after each table name)",
    "DATA_DIR": "a directory path",
    "WEBHOOK_URL": "an https:// URL (http:// only for localhost)",
}
KEYS = tuple(EXPECTED)


def _matching(pattern: re.Pattern[str], value: str) -> str:
    if not pattern.match(value):
        raise ValueError("wrong form")
    return value


class ConfigError(ValueError):
    """The configuration is unusable; ``problems`` holds one readable line per bad key."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Configuration problems:\n" + "\n".join(f"  - {p}" for p in problems))


class AppConfig(BaseModel):
    """Validated settings. ``backend_configured`` says whether sign-in and sync can work."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    region: str = "us-east-1"
    endpoint_url: str | None = None
    identity_pool_id: str | None = None
    user_pool_id: str | None = None
    user_pool_client_id: str | None = None
    auth_flow: Literal["USER_SRP_AUTH", "USER_PASSWORD_AUTH"] = "USER_SRP_AUTH"
    refresh_token_days: int = 30
    s3_bucket: str | None = None
    kms_key_id: str | None = None
    table_prefix: str = ""
    table_suffix: str = ""
    data_dir: str | None = None
    webhook_url: str | None = None

    @field_validator("region")
    @classmethod
    def _region(cls, v: str) -> str:
        return _matching(_REGION, v)

    @field_validator("endpoint_url")
    @classmethod
    def _endpoint(cls, v: str | None) -> str | None:
        if v is not None:
            parts = urlparse(v)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError("not an http(s) URL")
        return v

    @field_validator("identity_pool_id")
    @classmethod
    def _identity_pool(cls, v: str | None) -> str | None:
        return None if v is None else _matching(_IDENTITY_POOL, v)

    @field_validator("user_pool_id")
    @classmethod
    def _user_pool(cls, v: str | None) -> str | None:
        return None if v is None else _matching(_USER_POOL, v)

    @field_validator("user_pool_client_id")
    @classmethod
    def _client(cls, v: str | None) -> str | None:
        return None if v is None else _matching(_CLIENT_ID, v)

    @field_validator("refresh_token_days", mode="before")
    @classmethod
    def _days(cls, v: Any) -> int:
        if isinstance(v, bool):
            raise ValueError("not a number")  # noqa: TRY004 — pydantic reports ValueError
        if isinstance(v, str):
            v = v.strip()
            if not v.isdigit():
                raise ValueError("not a whole number")
            v = int(v)
        if not isinstance(v, int) or not 1 <= v <= 3650:
            raise ValueError("out of range")
        return v

    @field_validator("s3_bucket")
    @classmethod
    def _bucket(cls, v: str | None) -> str | None:
        if v is not None and (not _BUCKET.match(v) or ".." in v):
            raise ValueError("not a bucket name")
        return v

    @field_validator("kms_key_id")
    @classmethod
    def _kms(cls, v: str | None) -> str | None:
        return None if v is None else _matching(_KMS_KEY, v)

    @field_validator("table_prefix", "table_suffix")
    @classmethod
    def _affix(cls, v: str) -> str:
        return _matching(_TABLE_AFFIX, v)

    @field_validator("webhook_url")
    @classmethod
    def _webhook(cls, v: str | None) -> str | None:
        if v is not None:
            parts = urlparse(v)
            local = parts.hostname in ("localhost", "127.0.0.1", "::1")
            if not parts.hostname or not (
                parts.scheme == "https" or (parts.scheme == "http" and local)
            ):
                raise ValueError("not an https URL")
        return v

    @model_validator(mode="after")
    def _cognito_complete(self) -> AppConfig:
        cognito = {
            "IDENTITY_POOL_ID": self.identity_pool_id,
            "USER_POOL_ID": self.user_pool_id,
            "USER_POOL_CLIENT_ID": self.user_pool_client_id,
        }
        missing = [k for k, v in cognito.items() if not v]
        if missing and len(missing) < len(cognito):
            given = ", ".join(k for k in cognito if k not in missing)
            raise ValueError(
                f"{', '.join(missing)}: required when {given} is set "
                "(sign-in needs the identity pool, the user pool and its app client)"
            )
        for key in ("IDENTITY_POOL_ID", "USER_POOL_ID"):
            value = cognito[key]
            pattern = _IDENTITY_POOL if key == "IDENTITY_POOL_ID" else _USER_POOL
            match = pattern.match(value) if value else None
            if match and match.group(1) != self.region:
                raise ValueError(
                    f"{key}: {value!r} belongs to region {match.group(1)} but REGION is "
                    f"{self.region!r} (set REGION to the pools' region)"
                )
        return self

    @property
    def backend_configured(self) -> bool:
        """True when the Cognito pools are set, so sign-in (and then sync) can work."""
        return bool(self.identity_pool_id and self.user_pool_id and self.user_pool_client_id)

    @property
    def table_names(self) -> TableNames:
        return TableNames.with_affixes(self.table_prefix, self.table_suffix)

    def resolve_data_dir(self, cli_value: str | os.PathLike[str] | None = None) -> Path:
        """``--data-dir``, else ``DATA_DIR`` (environment or file), else the platform default."""
        from desktop_app.storage.paths import resolve_data_dir

        return resolve_data_dir(cli_value or self.data_dir)


def default_config_path() -> Path:
    from desktop_app.app_dirs import user_config_path

    return user_config_path() / CONFIG_FILE_NAME


def load_config(
    config_path: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    *,
    read_default_file: bool = True,
) -> AppConfig:
    """Read the TOML file (``config_path``, else the default, which may be absent), apply
    ``DESKTOP_APP_*`` overrides from ``env`` and validate. Raises :class:`ConfigError`.

    ``read_default_file=False`` ignores the default file (the sandbox must not mix in the
    agent's real backend)."""
    env = os.environ if env is None else env
    problems: list[str] = []
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    path = Path(config_path) if config_path else default_config_path()
    if path.exists() and (config_path or read_default_file):
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError([f"{path}: not a readable TOML file ({exc})"]) from exc
        for name, value in raw.items():
            key = name.upper()
            if key not in EXPECTED:
                problems.append(
                    f"{name} (in {path}): unknown key; known keys are {', '.join(KEYS)}"
                )
                continue
            if isinstance(value, (dict, list)):
                problems.append(f"{key} (in {path}): expected {EXPECTED[key]}")
                continue
            values[key] = value
            sources[key] = f"in {path}"
    elif config_path:
        raise ConfigError([f"{path}: configuration file not found (given with --config)"])

    for key in KEYS:
        raw_env = env.get(ENV_PREFIX + key)
        if raw_env is None:
            continue
        sources[key] = f"from the environment variable {ENV_PREFIX}{key}"
        if raw_env.strip() == "":
            values.pop(key, None)
        else:
            values[key] = raw_env.strip()

    fields = {key.lower(): value for key, value in values.items()}
    try:
        config = AppConfig(**fields)
    except ValidationError as exc:
        for error in exc.errors():
            loc = error.get("loc") or ()
            if loc:
                key = str(loc[0]).upper()
                value = values.get(key)
                problems.append(
                    f"{key} ({sources.get(key, 'default')}): {value!r} is not valid; "
                    f"expected {EXPECTED.get(key, 'a valid value')}"
                )
            else:  # a rule across keys: its message names them
                problems.append(str(error.get("msg", "")).removeprefix("Value error, "))
        raise ConfigError(problems) from None
    if problems:
        raise ConfigError(problems)
    return config
