"""The sandbox checks the demo agent's password as the real user pool does: with the settings
the sandbox hands the app, a wrong password is refused with Cognito's own error, the right one
signs in, and an unknown user is refused."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from desktop_app.auth.cognito import CognitoUserPool
from desktop_app.auth.errors import WrongPassword
from desktop_app.config import load_config
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME


def _pool(backend):
    from datetime import UTC, datetime

    config = load_config(None, env=backend.settings(), read_default_file=False)
    return CognitoUserPool(config, clock=lambda: datetime.now(UTC))


def test_a_wrong_password_is_refused_with_the_services_error(backend):
    pool = _pool(backend)
    with pytest.raises(WrongPassword) as caught:
        pool.sign_in(DEMO_USERNAME, "wrongpass")
    cause = caught.value.__cause__
    assert isinstance(cause, ClientError)
    assert cause.response["Error"]["Code"] == "NotAuthorizedException"
    assert cause.response["Error"]["Message"] == "Incorrect username or password."


def test_the_demo_password_signs_in(backend):
    tokens = _pool(backend).sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    assert getattr(tokens, "username", None) == DEMO_USERNAME


def test_a_near_miss_of_the_demo_password_is_refused(backend):
    with pytest.raises(WrongPassword):
        _pool(backend).sign_in(DEMO_USERNAME, DEMO_PASSWORD.lower())


def test_an_unknown_user_is_refused(backend):
    with pytest.raises(WrongPassword):
        _pool(backend).sign_in("nobody.here", DEMO_PASSWORD)
