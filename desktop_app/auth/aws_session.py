"""boto3 clients for the signed-in account (what the sync engine uses).

Clients are made from a private botocore session (``botocore_session.py``) whose only credential
provider is the account's :class:`~desktop_app.auth.credentials.AccountCredentials`: no
environment variables, shared credential files or instance roles are consulted, so sandbox
settings never leak into real AWS use and real credentials never reach the sandbox.
``ENDPOINT_URL`` and ``REGION`` come from the configuration only (``AWS_ENDPOINT_URL*`` in the
environment is ignored)."""

from __future__ import annotations

from typing import Any

from botocore.config import Config
from botocore.credentials import CredentialProvider, CredentialResolver

from desktop_app.auth.botocore_session import DEFAULT_CONFIG, isolated_botocore_session
from desktop_app.auth.credentials import AccountCredentials, retry_after_expired_token
from desktop_app.config import AppConfig


class _AccountProvider(CredentialProvider):
    METHOD = AccountCredentials.METHOD
    CANONICAL_NAME = "LeaseDeskCognitoIdentity"

    def __init__(self, credentials: AccountCredentials):
        super().__init__()
        self._credentials = credentials

    def load(self) -> AccountCredentials:
        return self._credentials


class AwsSessionFactory:
    """boto3 clients and resources signed with the account's renewing credentials.

    >>> factory = account_service.aws_session_factory()
    >>> dynamodb = factory.client("dynamodb")

    ``refresh_count`` says how often credentials were fetched; ``identity_id`` is the account's
    ``zoneinfo``. Every client shares one credentials object, so a renewal serves them all."""

    def __init__(
        self,
        config: AppConfig,
        credentials: AccountCredentials,
        client_config: Config | None = None,
    ):
        self.config = config
        self.credentials = credentials
        self._client_config = (
            DEFAULT_CONFIG.merge(client_config) if client_config else DEFAULT_CONFIG
        )
        self.botocore_session = isolated_botocore_session(config)
        self.botocore_session.register_component(
            "credential_provider", CredentialResolver(providers=[_AccountProvider(credentials)])
        )
        import boto3

        self.boto3_session = boto3.Session(
            botocore_session=self.botocore_session, region_name=config.region
        )

    @property
    def identity_id(self) -> str:
        return self.credentials.renewer.identity_id

    @property
    def refresh_count(self) -> int:
        return self.credentials.renewer.refresh_count

    def _kwargs(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        kwargs.setdefault("region_name", self.config.region)
        if self.config.endpoint_url:
            kwargs.setdefault("endpoint_url", self.config.endpoint_url)
        config = kwargs.pop("config", None)
        kwargs["config"] = self._client_config.merge(config) if config else self._client_config
        return kwargs

    def client(self, service_name: str, **kwargs: Any) -> Any:
        client = self.boto3_session.client(service_name, **self._kwargs(kwargs))
        client.meta.events.register_first(
            "needs-retry", retry_after_expired_token(self.credentials)
        )
        return client

    def resource(self, service_name: str, **kwargs: Any) -> Any:
        resource = self.boto3_session.resource(service_name, **self._kwargs(kwargs))
        resource.meta.client.meta.events.register_first(
            "needs-retry", retry_after_expired_token(self.credentials)
        )
        return resource
