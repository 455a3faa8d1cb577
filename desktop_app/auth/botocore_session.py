"""The private botocore sessions every AWS client of the app is made from, and the unsigned
clients of sign-in (Cognito's unauthenticated APIs).

A session here reads no endpoint overrides from the environment or from shared files, so
sandbox settings never leak into real AWS use. Sign-in (``cognito.py``, ``identity.py``) and the
signed clients of the account (``aws_session.py``) both build on this module; it imports
nothing else of ``auth``."""

from __future__ import annotations

import threading
from typing import Any

import botocore.session
from botocore.config import Config
from botocore.credentials import CredentialResolver

from desktop_app.config import AppConfig

DEFAULT_CONFIG = Config(
    connect_timeout=5,
    read_timeout=30,
    retries={"mode": "standard", "max_attempts": 5},
)


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
