"""Sign-in against moto over HTTP with a real Secret Service: SRP and password flows, the
new-password challenge, the identity id kept in the keyring, and the plain errors."""

from __future__ import annotations

import socket

import pytest

from desktop_app.auth import secrets as items
from desktop_app.auth.account_service import AccountService
from desktop_app.auth.errors import NetworkUnavailable, NotConfigured, WrongPassword
from desktop_app.auth.secrets import SecretStore
from desktop_app.config import load_config
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, create_agent
from desktop_app.storage.paths import active_profile, profile_dir


def config_for(backend, **overrides):
    env = dict(backend.settings())
    env.update({f"DESKTOP_APP_{k.upper()}": v for k, v in overrides.items()})
    return load_config(None, env=env, read_default_file=False)


@pytest.mark.parametrize("flow", ["USER_SRP_AUTH", "USER_PASSWORD_AUTH"])
def test_sign_in_gives_an_identity_and_working_credentials(flow, backend, secret_service, tmp_path):
    service = AccountService(config_for(backend, auth_flow=flow), tmp_path / "data")
    result = service.sign_in(DEMO_USERNAME, DEMO_PASSWORD)

    account = result.account
    assert account is not None and result.challenge is None
    assert account.username == DEMO_USERNAME
    assert account.identity_id.startswith("us-east-1:")
    assert service.current_account() == account
    assert active_profile(tmp_path / "data") == account.identity_id
    assert profile_dir(tmp_path / "data", account.identity_id).is_dir()

    store = SecretStore()
    assert store.get(account.identity_id, items.REFRESH_TOKEN)
    assert store.get_json(account.identity_id, items.AWS_CREDENTIALS)["expiry_time"]

    dynamodb = service.aws_session_factory().client("dynamodb")
    table = service.config.table_names.app
    dynamodb.put_item(
        TableName=table,
        Item={
            "appid": {"S": f"{account.identity_id}#01TESTAPP"},
            "zoneinfo": {"S": account.identity_id},
        },
    )
    found = dynamodb.query(
        TableName=table,
        IndexName="zoneinfo-index",
        KeyConditionExpression="zoneinfo = :z",
        ExpressionAttributeValues={":z": {"S": account.identity_id}},
    )["Items"]
    assert [item["appid"]["S"] for item in found] == [f"{account.identity_id}#01TESTAPP"]


def test_the_identity_id_is_cached_and_reused_at_the_next_sign_in(
    backend, secret_service, tmp_path
):
    # moto hands out a new identity id on every GetId: reuse proves the keyring cache is used.
    service = AccountService(config_for(backend), tmp_path / "data")
    first = service.sign_in(DEMO_USERNAME, DEMO_PASSWORD).account
    service.sign_out()
    second = service.sign_in(DEMO_USERNAME, DEMO_PASSWORD).account
    assert first.identity_id == second.identity_id
    assert active_profile(tmp_path / "data") == first.identity_id


def test_a_wrong_password_gives_a_friendly_error_and_signs_nobody_in(
    backend, secret_service, tmp_path
):
    # USER_PASSWORD_AUTH: moto 5.2.5 does not check the SRP password claim (AWS does, with the
    # same NotAuthorizedException, which takes the same path here).
    service = AccountService(config_for(backend, auth_flow="USER_PASSWORD_AUTH"), tmp_path / "data")
    wrong = "Not-The-Password-42"
    with pytest.raises(WrongPassword) as caught:
        service.sign_in(DEMO_USERNAME, wrong)
    message = str(caught.value)
    assert "user name or password is not right" in message
    assert wrong not in message
    assert service.current_account() is None
    assert active_profile(tmp_path / "data") == "local"


def test_an_unknown_user_gets_the_same_error_as_a_wrong_password(backend, secret_service, tmp_path):
    service = AccountService(config_for(backend, auth_flow="USER_PASSWORD_AUTH"), tmp_path / "d")
    with pytest.raises(WrongPassword):
        service.sign_in("nobody.here", "Whatever-Password-1")


@pytest.mark.parametrize("flow", ["USER_SRP_AUTH", "USER_PASSWORD_AUTH"])
def test_a_temporary_password_leads_to_the_new_password_challenge(
    flow, backend, moto, secret_service, tmp_path
):
    create_agent(moto.url, backend.user_pool_id, "new.agent", "Temporary-Pass-1", confirmed=False)
    service = AccountService(config_for(backend, auth_flow=flow), tmp_path / "data")

    result = service.sign_in("new.agent", "Temporary-Pass-1")
    assert result.account is None and result.challenge is not None
    assert service.current_account() is None

    result = service.respond_new_password(result.challenge, "Chosen-Password-2026")
    assert result.account is not None and result.account.username == "new.agent"
    service.sign_out()
    assert service.sign_in("new.agent", "Chosen-Password-2026").account is not None


def test_no_network_gives_a_plain_error(secret_service, tmp_path):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = load_config(
        None,
        env={
            "DESKTOP_APP_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "DESKTOP_APP_IDENTITY_POOL_ID": "us-east-1:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
            "DESKTOP_APP_USER_POOL_ID": "us-east-1_AbCdEf123",
            "DESKTOP_APP_USER_POOL_CLIENT_ID": "abcdef123456",
        },
        read_default_file=False,
    )
    service = AccountService(config, tmp_path / "data")
    with pytest.raises(NetworkUnavailable) as caught:
        service.sign_in(DEMO_USERNAME, "Some-Password-1")
    assert "Check the network connection" in str(caught.value)
    assert "drafts are safe" in str(caught.value)


def test_without_a_configured_backend_sign_in_says_how_to_configure_one(tmp_path):
    config = load_config(None, env={}, read_default_file=False)
    with pytest.raises(NotConfigured) as caught:
        AccountService(config, tmp_path / "data").sign_in("someone", "Some-Password-1")
    assert "USER_POOL_ID" in str(caught.value) and "--sandbox" in str(caught.value)
