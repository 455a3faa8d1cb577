"""Credentials renew themselves during work, and a dead sign-in asks for a new one.

moto's credentials expire 90 s after issue, so with the real clock botocore would refresh on
every call and a test could not tell renewal from churn (docs/architecture.md, "Testing policy"). These tests run the
account on a clock an hour behind: moto's credentials then look fresh for an hour, nothing is
renewed until the test moves the clock close to their expiry, and the counts are exact."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest

from desktop_app.auth import secrets as items
from desktop_app.auth.account_service import AccountService
from desktop_app.auth.errors import SignInRequired
from desktop_app.auth.secrets import SecretStore
from desktop_app.cli.main import main
from desktop_app.config import load_config
from desktop_app.sampledata import synthetic_application
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME
from tests.fixtures.backend import ShiftedClock


@pytest.fixture
def clock():
    return ShiftedClock(timedelta(minutes=-60))


@pytest.fixture
def service(backend, secret_service, clock, tmp_path):
    config = load_config(None, env=backend.settings(), read_default_file=False)
    service = AccountService(config, tmp_path / "data", clock=clock)
    service.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    return service


def put(dynamodb, table: str, identity_id: str, n: int) -> None:
    dynamodb.put_item(
        TableName=table,
        Item={"appid": {"S": f"{identity_id}#{n:04d}"}, "zoneinfo": {"S": identity_id}},
    )


def stored_appids(dynamodb, table: str, identity_id: str) -> list[str]:
    items_ = dynamodb.query(
        TableName=table,
        IndexName="zoneinfo-index",
        KeyConditionExpression="zoneinfo = :z",
        ExpressionAttributeValues={":z": {"S": identity_id}},
    )["Items"]
    return sorted(i["appid"]["S"] for i in items_)


def test_credentials_expiring_during_work_are_renewed_and_the_work_completes(service, clock):
    factory = service.aws_session_factory()
    dynamodb = factory.client("dynamodb")
    table, identity_id = service.config.table_names.app, factory.identity_id
    cached_before = SecretStore().get_json(identity_id, items.AWS_CREDENTIALS)["expiry_time"]

    for n in range(5):  # the credentials from sign-in look an hour from expiry: none renewed
        put(dynamodb, table, identity_id, n)
    assert factory.refresh_count == 0
    assert factory.credentials.renewer.token_refresh_count == 0

    # Four minutes left on the id token and five and a half on the credentials: inside
    # botocore's mandatory window. The next call must renew both, once, and carry on.
    clock.offset = timedelta(minutes=-4)
    for n in range(5, 10):
        put(dynamodb, table, identity_id, n)
    assert factory.credentials.renewer.token_refresh_count == 1  # REFRESH_TOKEN_AUTH, once
    assert factory.refresh_count >= 1
    assert stored_appids(dynamodb, table, identity_id) == [
        f"{identity_id}#{n:04d}" for n in range(10)
    ]

    cached_after = SecretStore().get_json(identity_id, items.AWS_CREDENTIALS)["expiry_time"]
    assert cached_after > cached_before  # the renewed credentials replaced the cached ones


def test_clients_share_one_renewal(service, clock):
    factory = service.aws_session_factory()
    dynamodb, s3 = factory.client("dynamodb"), factory.client("s3")
    clock.offset = timedelta(minutes=-4)
    dynamodb.list_tables()
    renewed = factory.refresh_count
    assert renewed >= 1
    clock.offset = timedelta(minutes=-60)  # the fresh credentials look fresh again
    s3.list_objects_v2(Bucket=service.config.s3_bucket)
    dynamodb.list_tables()
    assert factory.refresh_count == renewed


def test_an_expired_token_error_renews_the_credentials_and_retries_once(service, httpserver):
    expired = {
        "__type": "com.amazon.coral.service#ExpiredTokenException",
        "message": "The security token included in the request is expired",
    }
    httpserver.expect_ordered_request("/", method="POST").respond_with_json(expired, status=400)
    httpserver.expect_ordered_request("/", method="POST").respond_with_json(
        {"TableNames": ["app_nyc"]}
    )
    factory = service.aws_session_factory()
    dynamodb = factory.client("dynamodb", endpoint_url=httpserver.url_for("/"))

    assert dynamodb.list_tables()["TableNames"] == ["app_nyc"]
    assert factory.refresh_count == 1  # not needed by the clock: renewed because of the error
    httpserver.check_assertions()


def test_a_revoked_sign_in_asks_to_sign_in_again_and_loses_no_draft(
    service, clock, moto, backend, tmp_path, capsys
):
    data = str(tmp_path / "data")
    drafts = tmp_path / "drafts.json"
    apps = [synthetic_application(random.Random(41)) for _ in range(2)]
    drafts.write_text(
        json.dumps(
            {
                "format": "leasedesk.applications",
                "version": 1,
                "applications": [a.model_dump(mode="json") for a in apps],
                "documents": {},
            }
        ),
        encoding="utf-8",
    )
    assert main(["--data-dir", data, "drafts", "import", str(drafts)]) == 0
    factory = service.aws_session_factory()
    dynamodb = factory.client("dynamodb")
    identity_id = factory.identity_id

    # Signed out everywhere by an administrator: the refresh token is dead.
    moto.client("cognito-idp").admin_user_global_sign_out(
        UserPoolId=backend.user_pool_id, Username=DEMO_USERNAME
    )
    clock.offset = timedelta(minutes=-4)  # the id token must be renewed now
    with pytest.raises(SignInRequired) as caught:
        dynamodb.list_tables()
    assert "Sign in again" in str(caught.value) and "drafts are kept" in str(caught.value)

    account = service.current_account()
    assert account is not None and account.sign_in_required
    assert SecretStore().get(identity_id, items.REFRESH_TOKEN) is None
    with pytest.raises(SignInRequired):
        service.aws_session_factory()
    capsys.readouterr()
    assert main(["--data-dir", data, "drafts", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2

    again = service.sign_in(DEMO_USERNAME, DEMO_PASSWORD).account
    assert again.identity_id == identity_id and not again.sign_in_required
    assert main(["--data-dir", data, "drafts", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    service.aws_session_factory().client("dynamodb").list_tables()


def test_a_sign_in_past_its_refresh_token_lifetime_needs_signing_in_again(service, clock):
    clock.offset = timedelta(days=service.config.refresh_token_days, minutes=1)
    account = service.current_account()
    assert account.sign_in_required and account.warn
    with pytest.raises(SignInRequired):
        service.aws_session_factory()


def test_after_a_restart_cached_credentials_are_used_and_missing_ones_fetched(
    service, clock, tmp_path
):
    identity_id = service.current_account().identity_id
    restarted = AccountService(service.config, tmp_path / "data", clock=clock)
    factory = restarted.aws_session_factory()
    factory.client("dynamodb").list_tables()
    assert factory.refresh_count == 0  # the keyring's cached credentials were still good

    SecretStore().delete(identity_id, items.AWS_CREDENTIALS)
    restarted = AccountService(service.config, tmp_path / "data", clock=clock)
    factory = restarted.aws_session_factory()
    assert factory.client("dynamodb").list_tables()["TableNames"]
    assert factory.refresh_count == 1
    assert factory.credentials.renewer.token_refresh_count == 1  # no id token after a restart
    assert SecretStore().get_json(identity_id, items.AWS_CREDENTIALS)
