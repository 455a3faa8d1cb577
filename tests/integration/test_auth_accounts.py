"""Accounts on one machine, through the command line: the first account adopts the drafts made
before any sign-in (when the agent says so), each account sees only its own drafts, and
signing out keeps them."""

from __future__ import annotations

import io
import os
import sys

import pytest

from desktop_app.auth.account_service import AccountService
from desktop_app.cli.main import main
from desktop_app.config import load_config
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, create_agent, provision
from desktop_app.storage.paths import LOCAL_PROFILE, active_profile
from tests.fixtures.account_cli import (
    SECOND_PASSWORD,
    SECOND_USER,
    import_drafts,
    listed,
    login,
)



@pytest.fixture
def backend(moto, monkeypatch, tmp_path):
    backend = provision(moto.url, with_tables=False)
    create_agent(moto.url, backend.user_pool_id, SECOND_USER, SECOND_PASSWORD)
    for name, value in backend.settings().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return backend


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"

    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(data), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    run.data_dir = data
    return run


def test_two_accounts_on_one_machine_see_only_their_own_drafts(
    backend, secret_service, cli, tmp_path
):
    before_sign_in = import_drafts(cli, tmp_path, seed=1, count=2)

    code, out, err = login(cli, DEMO_USERNAME, DEMO_PASSWORD, "--adopt-local-profile")
    assert code == 0, err
    assert f"Signed in as {DEMO_USERNAME}" in out and "now belong to this account" in out
    first_drafts = before_sign_in | import_drafts(cli, tmp_path, seed=2, count=1)
    assert listed(cli) == first_drafts

    code, out, _ = cli("logout")
    assert code == 0 and "Its drafts stay on this computer" in out
    assert active_profile(cli.data_dir) == LOCAL_PROFILE
    assert listed(cli) == set()  # signed out: the first account's drafts are not shown

    code, _, err = login(cli, SECOND_USER, SECOND_PASSWORD)
    assert code == 0, err
    assert "before signing in" not in err  # only the machine's first account is offered them
    assert listed(cli) == set()
    second_drafts = import_drafts(cli, tmp_path, seed=3, count=2)
    assert listed(cli) == second_drafts

    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0  # switching accounts
    assert listed(cli) == first_drafts
    assert cli("logout")[0] == 0
    assert login(cli, SECOND_USER, SECOND_PASSWORD)[0] == 0
    assert listed(cli) == second_drafts


def test_the_first_account_may_decline_the_local_drafts_and_they_stay_local(
    backend, secret_service, cli, tmp_path
):
    local_drafts = import_drafts(cli, tmp_path, seed=4, count=1)
    code, _, err = login(cli, DEMO_USERNAME, DEMO_PASSWORD, "--no-adopt-local-profile")
    assert code == 0 and "stay in the local profile" in err
    assert listed(cli) == set()
    assert cli("logout")[0] == 0
    assert listed(cli) == local_drafts


def test_the_service_offers_adoption_once_and_only_to_the_first_account(
    backend, secret_service, cli, tmp_path
):
    local_drafts = import_drafts(cli, tmp_path, seed=5, count=1)
    config = load_config(None, read_default_file=False)
    service = AccountService(config, cli.data_dir)

    result = service.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    assert result.local_profile_adoptable and service.needs_adoption_of_local_profile()
    service.adopt_local_profile()
    assert not service.needs_adoption_of_local_profile()
    assert listed(cli) == local_drafts

    service.sign_out()
    import_drafts(cli, tmp_path, seed=6, count=1)  # typed while signed out: local again
    result = service.sign_in(SECOND_USER, SECOND_PASSWORD)
    assert not result.local_profile_adoptable and not service.needs_adoption_of_local_profile()
    assert listed(cli) == set()


def test_login_reports_a_wrong_password_plainly(backend, secret_service, cli, monkeypatch):
    monkeypatch.setenv("DESKTOP_APP_AUTH_FLOW", "USER_PASSWORD_AUTH")
    code, out, err = login(cli, DEMO_USERNAME, "Wrong-Password-123")
    assert code == 1 and out == ""
    assert "The user name or password is not right" in err
    assert "Traceback" not in err and "Wrong-Password-123" not in err
    assert cli("logout")[1].strip() == "Nobody is signed in on this computer."


def test_login_without_a_backend_or_with_a_bad_setting_says_what_to_fix(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in [n for n in os.environ if n.startswith("DESKTOP_APP_")]:
        monkeypatch.delenv(name)
    code, _, err = login(cli, "someone", "Some-Password-1")
    assert code == 1 and "No sync backend is configured" in err and "--sandbox" in err

    monkeypatch.setenv("DESKTOP_APP_REFRESH_TOKEN_DAYS", "a month")
    code, _, err = login(cli, "someone", "Some-Password-1")
    assert code == 2 and "REFRESH_TOKEN_DAYS" in err and "whole number of days" in err
