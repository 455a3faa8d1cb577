"""Cognito identity pool: the account's identity id (``GetId``) and its temporary AWS
credentials (``GetCredentialsForIdentity``), both with the user pool's id token in ``Logins``.

Unsigned calls, like the user-pool ones: no ambient AWS credentials are used."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Literal

from desktop_app.auth.botocore_session import unsigned_client
from desktop_app.auth.cognito import _is_network_error, error_code
from desktop_app.auth.errors import AuthError, NetworkUnavailable, SignInRequired
from desktop_app.config import AppConfig
from desktop_app.i18n import _


@dataclass(frozen=True)
class TemporaryCredentials:
    access_key: str
    secret_key: str
    token: str
    expiration: datetime

    def to_json(self) -> dict[str, str]:
        return {
            "access_key": self.access_key,
            "secret_key": self.secret_key,
            "token": self.token,
            "expiry_time": self.expiration.astimezone(UTC).isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TemporaryCredentials:
        return cls(
            access_key=data["access_key"],
            secret_key=data["secret_key"],
            token=data["token"],
            expiration=datetime.fromisoformat(data["expiry_time"]),
        )

    def __repr__(self) -> str:  # never print secrets
        return f"TemporaryCredentials(expiration={self.expiration.isoformat()})"


class IdentityNotFound(AuthError):
    """The cached identity id is unknown to the pool (deleted, or another pool)."""


class IdTokenRejected(AuthError):
    """The identity pool refused the id token (expired): refresh it and retry."""


class IdentityPool:
    def __init__(self, config: AppConfig, client: Any | None = None):
        assert config.identity_pool_id and config.user_pool_id
        self._config = config
        if client is None:
            client = unsigned_client(config, "cognito-identity")
        self._client = client

    @property
    def provider_name(self) -> str:
        return f"cognito-idp.{self._config.region}.amazonaws.com/{self._config.user_pool_id}"

    def get_id(self, id_token: str) -> str:
        with _IdentityErrors():
            answer = self._client.get_id(
                IdentityPoolId=self._config.identity_pool_id,
                Logins={self.provider_name: id_token},
            )
        return str(answer["IdentityId"])

    def get_credentials(self, identity_id: str, id_token: str) -> TemporaryCredentials:
        with _IdentityErrors():
            answer = self._client.get_credentials_for_identity(
                IdentityId=identity_id, Logins={self.provider_name: id_token}
            )
        creds = answer["Credentials"]
        expiration = creds["Expiration"]
        if isinstance(expiration, (int, float)):
            expiration = datetime.fromtimestamp(expiration, tz=UTC)
        elif expiration.tzinfo is None:
            expiration = expiration.replace(tzinfo=UTC)
        return TemporaryCredentials(
            access_key=creds["AccessKeyId"],
            secret_key=creds["SecretKey"],
            token=creds["SessionToken"],
            expiration=expiration,
        )


class _IdentityErrors:
    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Literal[False]:
        from botocore.exceptions import ClientError

        if exc is None:
            return False
        if _is_network_error(exc):
            raise NetworkUnavailable(_("the AWS credentials service")) from exc
        if not isinstance(exc, ClientError):
            return False
        code = error_code(exc)
        if code == "NotAuthorizedException":
            raise IdTokenRejected(_("The identity pool refused the sign-in token.")) from exc
        if code == "ResourceNotFoundException":
            raise IdentityNotFound(_("The identity pool does not know this identity.")) from exc
        if code == "InvalidParameterException":
            raise SignInRequired(
                _("The identity pool does not accept this user pool (check IDENTITY_POOL_ID).")
            ) from exc
        return False
