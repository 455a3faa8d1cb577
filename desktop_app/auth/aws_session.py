"""boto3 clients for the signed-in account (what the sync engine uses), and the unsigned
clients of sign-in.

Clients are made from a private botocore session whose only credential provider is the
account's :class:`~desktop_app.auth.credentials.AccountCredentials`: no environment variables,
shared credential files or instance roles are consulted, so sandbox settings never leak into real
AWS use and real credentials never reach the sandbox. ``ENDPOINT_URL`` and ``REGION`` come from
the configuration only (``AWS_ENDPOINT_URL*`` in the environment is ignored)."""

from __future__ import annotations

import threading
from typing import Any

import botocore.session
from botocore.config import Config
from botocore.credentials import CredentialProvider, CredentialResolver

from desktop_app.auth.credentials import AccountCredentials, retry_after_expired_token
from desktop_app.config import AppConfig

DEFAULT_CONFIG = Config(
    connect_timeout=5,
    read_timeout=30,
    retries={"mode": "standard", "max_attempts": 5},
)


class _AccountProvider(CredentialProvider):
    METHOD = AccountCredentials.METHOD
    CANONICAL_NAME = "LeaseDeskCognitoIdentity"

    def __init__(self, credentials: AccountCredentials):
        super().__init__()
        self._credentials = credentials

    def load(self) -> AccountCredentials:
        return self._credentials


_LOADER_LOCK = threading.Lock()
_LOADER: Any = None


def _shared_loader() -> Any:
    """One botocore data loader for the process: service models are parsed once, not per
    session (each parse costs a noticeable fraction of a second)."""
    global _LOADER
    with _LOADER_LOCK:
        if _LOADER is None:
            from botocore.loaders import create_loader

            _LOADER = create_loader()
        return _LOADER


def isolated_botocore_session(config: AppConfig) -> botocore.session.Session:
    """A botocore session that reads no endpoint overrides from the environment or files."""
    session = botocore.session.Session()
    session.register_component("data_loader", _shared_loader())
    session.set_config_variable("region", config.region)
    session.set_config_variable("ignore_configured_endpoint_urls", True)
    return session


def unsigned_client(app_config: AppConfig, service_name: str, **kwargs: Any) -> Any:
    """A client for Cognito's unauthenticated APIs (sign-in, GetId, GetCredentialsForIdentity)."""
    from botocore import UNSIGNED

    session = isolated_botocore_session(app_config)
    session.register_component("credential_provider", CredentialResolver(providers=[]))
    client_config = DEFAULT_CONFIG.merge(Config(signature_version=UNSIGNED))
    if "config" in kwargs:
        client_config = client_config.merge(kwargs.pop("config"))
    return session.create_client(
        service_name,
        region_name=app_config.region,
        endpoint_url=app_config.endpoint_url,
        config=client_config,
        **kwargs,
    )


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
