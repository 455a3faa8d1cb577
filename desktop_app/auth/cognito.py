"""Cognito user-pool sign-in: ``USER_SRP_AUTH`` (default, via pycognito's SRP maths),
``USER_PASSWORD_AUTH``, the ``NEW_PASSWORD_REQUIRED`` challenge, and ``REFRESH_TOKEN_AUTH``.

Every call is unsigned (these APIs need no AWS credentials), so no AWS credentials from the
environment are ever sent. Errors become :mod:`desktop_app.auth.errors` with plain messages."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Literal

from desktop_app.auth.botocore_session import unsigned_client
from desktop_app.auth.errors import (
    AccountNotUsable,
    AuthError,
    NetworkUnavailable,
    PasswordRejected,
    SignInRequired,
    WrongPassword,
)
from desktop_app.config import AppConfig
from desktop_app.i18n import _

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Tokens:
    """A user pool's answer to a sign-in or a refresh. ``refresh_token`` is None on refresh."""

    id_token: str
    access_token: str
    refresh_token: str | None
    expires_at: datetime

    @property
    def claims(self) -> dict[str, Any]:
        return jwt_claims(self.id_token)

    @property
    def username(self) -> str:
        claims = self.claims
        return str(claims.get("cognito:username") or claims.get("username") or claims["sub"])

    @property
    def subject(self) -> str:
        return str(self.claims["sub"])

    def __repr__(self) -> str:  # never print tokens
        return f"Tokens(username={self.username!r}, expires_at={self.expires_at.isoformat()})"


@dataclass(frozen=True)
class NewPasswordChallenge:
    """The user pool wants a new password before it signs this user in (first sign-in with a
    temporary password). Answer with :meth:`CognitoUserPool.respond_new_password`."""

    username: str
    session: str

    def __repr__(self) -> str:
        return f"NewPasswordChallenge(username={self.username!r})"


def jwt_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT, unverified: used only to read who signed in and when it expires;
    the identity pool verifies the token itself."""
    try:
        payload = token.split(".")[1]
        claims: dict[str, Any] = json.loads(
            base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        )
        return claims
    except (IndexError, ValueError) as exc:
        raise AuthError("The sign-in service answered with an unreadable token.") from exc


def _is_network_error(exc: BaseException) -> bool:
    from botocore.exceptions import (
        ConnectionClosedError,
        ConnectTimeoutError,
        EndpointConnectionError,
        ReadTimeoutError,
    )

    return isinstance(
        exc, (EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError, ConnectionClosedError)
    )


def error_code(exc: BaseException) -> str:
    response = getattr(exc, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


class CognitoUserPool:
    """Sign-in against the configured user pool and app client."""

    def __init__(self, config: AppConfig, clock: Clock, client: Any | None = None):
        self._config = config
        self._clock = clock
        if client is None:
            client = unsigned_client(config, "cognito-idp")
        self._client = client

    @property
    def client_id(self) -> str:
        assert self._config.user_pool_client_id
        return self._config.user_pool_client_id

    def sign_in(self, username: str, password: str) -> Tokens | NewPasswordChallenge:
        """Authenticate with the configured flow; raise :class:`WrongPassword` and friends."""
        with self._errors(signing_in=True):
            if self._config.auth_flow == "USER_PASSWORD_AUTH":
                answer = self._client.initiate_auth(
                    AuthFlow="USER_PASSWORD_AUTH",
                    ClientId=self.client_id,
                    AuthParameters={"USERNAME": username, "PASSWORD": password},
                )
            else:
                answer = self._srp(username, password)
        return self._result(answer, username)

    def respond_new_password(self, challenge: NewPasswordChallenge, new_password: str) -> Tokens:
        with self._errors(signing_in=True):
            answer = self._client.respond_to_auth_challenge(
                ClientId=self.client_id,
                ChallengeName="NEW_PASSWORD_REQUIRED",
                Session=challenge.session,
                ChallengeResponses={"USERNAME": challenge.username, "NEW_PASSWORD": new_password},
            )
        result = self._result(answer, challenge.username)
        if isinstance(result, NewPasswordChallenge):
            raise PasswordRejected(_("The new password was not accepted; choose another one."))
        return result

    def refresh(self, refresh_token: str) -> Tokens:
        """New id and access tokens; :class:`SignInRequired` when the refresh token expired or
        was revoked."""
        with self._errors(signing_in=False):
            answer = self._client.initiate_auth(
                AuthFlow="REFRESH_TOKEN_AUTH",
                ClientId=self.client_id,
                AuthParameters={"REFRESH_TOKEN": refresh_token},
            )
        result = self._result(answer, "")
        if isinstance(result, NewPasswordChallenge):
            raise SignInRequired(_("The account needs a new password."))
        return result

    def revoke(self, refresh_token: str) -> bool:
        """Revoke a refresh token (sign-out); best effort, False if it could not be done."""
        from botocore.config import Config
        from botocore.exceptions import BotoCoreError, ClientError

        once = Config(retries={"mode": "standard", "max_attempts": 1}, read_timeout=10)
        try:
            unsigned_client(self._config, "cognito-idp", config=once).revoke_token(
                Token=refresh_token, ClientId=self.client_id
            )
        except (BotoCoreError, ClientError):
            return False
        return True

    # -- helpers -----------------------------------------------------------------------------
    def _srp(self, username: str, password: str) -> dict[str, Any]:
        from pycognito.aws_srp import AWSSRP

        assert self._config.user_pool_id
        srp = AWSSRP(
            username=username,
            password=password,
            pool_id=self._config.user_pool_id,
            client_id=self.client_id,
            client=self._client,
        )
        auth_params = srp.get_auth_params()
        answer: dict[str, Any] = self._client.initiate_auth(
            AuthFlow="USER_SRP_AUTH", AuthParameters=auth_params, ClientId=self.client_id
        )
        if answer.get("ChallengeName") != "PASSWORD_VERIFIER":
            return answer
        responses = srp.process_challenge(answer["ChallengeParameters"], auth_params)
        final: dict[str, Any] = self._client.respond_to_auth_challenge(
            ClientId=self.client_id,
            ChallengeName="PASSWORD_VERIFIER",
            ChallengeResponses=responses,
        )
        return final

    def _result(self, answer: dict[str, Any], username: str) -> Tokens | NewPasswordChallenge:
        challenge = answer.get("ChallengeName")
        if challenge == "NEW_PASSWORD_REQUIRED":
            params = answer.get("ChallengeParameters") or {}
            name = params.get("USER_ID_FOR_SRP") or params.get("USERNAME") or username
            return NewPasswordChallenge(username=name, session=answer["Session"])
        if challenge:
            raise AccountNotUsable(
                _(
                    "This account needs a sign-in step LeaseDesk does not support yet "
                    "({challenge}). Ask your administrator to turn it off for the LeaseDesk "
                    "app client."
                ).format(challenge=challenge)
            )
        result = answer["AuthenticationResult"]
        return Tokens(
            id_token=result["IdToken"],
            access_token=result["AccessToken"],
            refresh_token=result.get("RefreshToken"),
            expires_at=self._clock() + timedelta(seconds=int(result.get("ExpiresIn", 3600))),
        )

    @staticmethod
    def _errors(signing_in: bool) -> _CognitoErrors:
        return _CognitoErrors(signing_in)


class _CognitoErrors:
    """Map botocore failures to the agent-facing errors."""

    def __init__(self, signing_in: bool):
        self.signing_in = signing_in

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Literal[False]:
        from botocore.exceptions import ClientError

        if exc is None or isinstance(exc, AuthError):
            return False
        if _is_network_error(exc):
            raise NetworkUnavailable() from exc
        if not isinstance(exc, ClientError):
            return False
        code = error_code(exc)
        if code in ("NotAuthorizedException", "UserNotFoundException"):
            if self.signing_in:
                raise WrongPassword() from exc
            raise SignInRequired() from exc
        if code == "UserNotConfirmedException":
            raise AccountNotUsable(
                _(
                    "This account is not confirmed yet. Finish the sign-up (the code sent by "
                    "email) or ask your administrator to confirm it."
                )
            ) from exc
        if code == "PasswordResetRequiredException":
            raise AccountNotUsable(
                _("This account's password must be reset. Ask your administrator for a reset.")
            ) from exc
        if code == "InvalidPasswordException":
            raise PasswordRejected(
                _("The new password does not meet the account's password rules: {rules}").format(
                    rules=exc.response.get("Error", {}).get("Message")
                    or _("choose a longer, mixed one.")
                )
            ) from exc
        if code in ("TooManyRequestsException", "LimitExceededException"):
            raise AuthError(_("Too many sign-in attempts. Wait a few minutes and try again.")) from exc
        if code in ("ResourceNotFoundException", "InvalidParameterException"):
            raise AuthError(
                "The sign-in service refused the request: check USER_POOL_ID, "
                "USER_POOL_CLIENT_ID and AUTH_FLOW in the configuration (the app client must "
                "allow the configured flow and refresh tokens)."
            ) from exc
        return False
