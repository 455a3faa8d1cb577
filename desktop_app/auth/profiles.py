"""Accounts on one machine (docs/architecture.md, "Local store and secrets"): which account is signed in, and the ``local`` profile's
adoption by the first account.

Each account has its own profile folder (``storage.paths.profile_dir``), keyed by its identity id.
``signed_in_account.json`` in the data dir records who is signed in and since when; it holds no
secret (identity id, user name, times). The secrets are in the keyring only."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desktop_app.storage.paths import (
    DB_FILE_NAME,
    LOCAL_PROFILE,
    database_path,
    profile_dir,
    profile_dir_name,
)

SESSION_FILE = "signed_in_account.json"
WRAPPED_KEY_SUFFIX = ".key.kms"  # services.account_keys: the store key wrapped by KMS


@dataclass(frozen=True)
class AccountInfo:
    """Who is signed in, for the account menu and ``desktop-app status``.

    ``signed_in_until`` is when the refresh token lapses (sign-in time + REFRESH_TOKEN_DAYS):
    until then sync works without signing in again. ``warn`` turns true ``warn_days`` before.
    ``sign_in_required`` is true once the sign-in expired or was revoked."""

    identity_id: str
    username: str
    signed_in_at: datetime
    signed_in_until: datetime
    warn: bool
    sign_in_required: bool

    @property
    def zoneinfo(self) -> str:
        return self.identity_id

    def days_left(self, now: datetime) -> int:
        return max(0, (self.signed_in_until - now).days)


@dataclass(frozen=True)
class SessionRecord:
    identity_id: str
    username: str
    signed_in_at: datetime
    refresh_token_days: int
    sign_in_required: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "identity_id": self.identity_id,
            "username": self.username,
            "signed_in_at": self.signed_in_at.isoformat(),
            "refresh_token_days": self.refresh_token_days,
            "sign_in_required": self.sign_in_required,
        }

    def account_info(self, now: datetime, warn_days: int) -> AccountInfo:
        until = self.signed_in_at + timedelta(days=self.refresh_token_days)
        expired = self.sign_in_required or now >= until
        return AccountInfo(
            identity_id=self.identity_id,
            username=self.username,
            signed_in_at=self.signed_in_at,
            signed_in_until=until,
            warn=expired or until - now <= timedelta(days=warn_days),
            sign_in_required=expired,
        )


def read_session(data_dir: Path) -> SessionRecord | None:
    path = data_dir / SESSION_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return SessionRecord(
            identity_id=str(data["identity_id"]),
            username=str(data["username"]),
            signed_in_at=datetime.fromisoformat(data["signed_in_at"]),
            refresh_token_days=int(data["refresh_token_days"]),
            sign_in_required=bool(data.get("sign_in_required", False)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_session(data_dir: Path, record: SessionRecord) -> None:
    path = data_dir / SESSION_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record.to_json(), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def clear_session(data_dir: Path) -> None:
    (data_dir / SESSION_FILE).unlink(missing_ok=True)


def account_profiles(data_dir: Path) -> list[str]:
    """Folder names of the account profiles on this machine (``local`` excluded)."""
    root = data_dir / "profiles"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and p.name != LOCAL_PROFILE)


def local_profile_adoptable(data_dir: Path, identity_id: str) -> bool:
    """True when the ``local`` profile holds a store, this account has none yet, and no other
    account has ever had a profile here: only the machine's first account adopts it."""
    if not database_path(data_dir, LOCAL_PROFILE).exists():
        return False
    if database_path(data_dir, identity_id).exists():
        return False
    others = [name for name in account_profiles(data_dir) if name != profile_dir_name(identity_id)]
    return not others


def adopt_local_profile(data_dir: Path, identity_id: str) -> Path:
    """Move the ``local`` profile's files into the account's profile folder. The local store
    must be closed first. Returns the account's profile folder."""
    source = profile_dir(data_dir, LOCAL_PROFILE)
    target = profile_dir(data_dir, identity_id)
    if target.exists():
        # A key wrapped at this sign-in for an empty store gives way to the adopted store's key.
        for entry in target.iterdir():
            if entry.name == DB_FILE_NAME + WRAPPED_KEY_SUFFIX:
                entry.unlink()
        if any(target.iterdir()):
            raise FileExistsError(f"{target} is not empty; the local profile was not adopted")
        target.rmdir()
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)  # one rename: the database and its WAL move together
    return target
