"""Who is signed in and until when, and the local profile's adoption (no network, no keyring)."""

from datetime import UTC, datetime, timedelta

import pytest

from desktop_app.auth import profiles
from desktop_app.auth.profiles import SessionRecord
from desktop_app.storage.paths import LOCAL_PROFILE, database_path, profile_dir

SIGNED_IN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
IDENTITY = "us-east-1:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
OTHER = "us-east-1:99999999-4b5a-6978-8a9b-0c1d2e3f4a5b"


def record(**kw) -> SessionRecord:
    values = {
        "identity_id": IDENTITY,
        "username": "agent.one",
        "signed_in_at": SIGNED_IN,
        "refresh_token_days": 30,
    }
    values.update(kw)
    return SessionRecord(**values)


@pytest.mark.parametrize(
    ("elapsed", "warn", "required"),
    [
        (timedelta(days=1), False, False),
        (timedelta(days=24, hours=23), False, False),
        (timedelta(days=25), True, False),  # five days before the refresh token lapses
        (timedelta(days=29, hours=23), True, False),
        (timedelta(days=30), True, True),
    ],
)
def test_signed_in_until_is_sign_in_time_plus_refresh_token_days_with_a_warning_before(
    elapsed, warn, required
):
    info = record().account_info(SIGNED_IN + elapsed, warn_days=5)
    assert info.signed_in_until == SIGNED_IN + timedelta(days=30)
    assert (info.warn, info.sign_in_required) == (warn, required)
    assert info.zoneinfo == IDENTITY


def test_a_revoked_sign_in_is_reported_at_once():
    info = record(sign_in_required=True).account_info(SIGNED_IN, warn_days=5)
    assert info.sign_in_required and info.warn


def test_the_session_file_round_trips_and_holds_no_token(tmp_path):
    profiles.write_session(tmp_path, record(refresh_token_days=7))
    assert profiles.read_session(tmp_path) == record(refresh_token_days=7)
    assert set(profiles.SessionRecord.to_json(record())) == {
        "identity_id",
        "username",
        "signed_in_at",
        "refresh_token_days",
        "sign_in_required",
    }
    profiles.clear_session(tmp_path)
    assert profiles.read_session(tmp_path) is None


def make_store(data_dir, account, *extra: str) -> None:
    folder = profile_dir(data_dir, account)
    folder.mkdir(parents=True, exist_ok=True)
    database_path(data_dir, account).write_bytes(b"synthetic database")
    for name in extra:
        (folder / name).write_bytes(b"synthetic " + name.encode())


def test_the_first_account_can_adopt_the_local_store_with_its_wal(tmp_path):
    make_store(tmp_path, LOCAL_PROFILE, "leasedesk.sqlite3-wal", "leasedesk.sqlite3-shm")
    profile_dir(tmp_path, IDENTITY).mkdir(parents=True)  # made at sign-in, still empty
    assert profiles.local_profile_adoptable(tmp_path, IDENTITY)

    target = profiles.adopt_local_profile(tmp_path, IDENTITY)
    assert sorted(p.name for p in target.iterdir()) == [
        "leasedesk.sqlite3",
        "leasedesk.sqlite3-shm",
        "leasedesk.sqlite3-wal",
    ]
    assert not profile_dir(tmp_path, LOCAL_PROFILE).exists()
    assert not profiles.local_profile_adoptable(tmp_path, IDENTITY)


def test_later_accounts_and_accounts_with_a_store_are_not_offered_the_local_store(tmp_path):
    make_store(tmp_path, LOCAL_PROFILE)
    assert not profiles.local_profile_adoptable(tmp_path / "elsewhere", IDENTITY)
    make_store(tmp_path, OTHER)
    assert not profiles.local_profile_adoptable(tmp_path, IDENTITY)  # not the first account
    assert not profiles.local_profile_adoptable(tmp_path, OTHER)  # it has a store already


def test_adoption_never_overwrites_an_account_store(tmp_path):
    make_store(tmp_path, LOCAL_PROFILE)
    make_store(tmp_path, IDENTITY)
    with pytest.raises(FileExistsError):
        profiles.adopt_local_profile(tmp_path, IDENTITY)
    assert database_path(tmp_path, LOCAL_PROFILE).exists()
