"""Temporary AWS credentials that renew themselves (docs/architecture.md, "Sync rules":
credentials refresh before expiry).

:class:`CredentialRenewer` gets fresh credentials for one signed-in account: it renews the user
pool's id token with the refresh token from the keyring when needed, asks the identity pool for
credentials, and caches them in the keyring. :class:`AccountCredentials` hands them to botocore,
which renews them ahead of expiry (15 minutes advisory, 10 mandatory, by the injected clock) and,
through :func:`retry_after_expired_token`, right after a service says the token expired."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from botocore.credentials import RefreshableCredentials

from desktop_app.auth import secrets as items
from desktop_app.auth.cognito import Clock, CognitoUserPool, Tokens
from desktop_app.auth.errors import KeyringUnavailable, SignInRequired
from desktop_app.auth.identity import (
    IdentityNotFound,
    IdentityPool,
    IdTokenRejected,
    TemporaryCredentials,
)
from desktop_app.auth.secrets import SecretStore
from desktop_app.services import metrics
from desktop_app.i18n import _

log = logging.getLogger(__name__)

#: Error codes with which AWS services say "your temporary credentials are no longer good".
EXPIRED_TOKEN_CODES = frozenset(
    {
        "ExpiredToken",
        "ExpiredTokenException",
        "RequestExpired",
        "TokenRefreshRequired",
        "InvalidToken",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
    }
)
_ID_TOKEN_MARGIN = timedelta(minutes=5)


class CredentialRenewer:
    """Fresh temporary credentials for the account ``identity_id``.

    ``refresh_count`` counts credential fetches (sign-in's first one included), so tests and
    diagnostics can see renewals happen. ``on_sign_in_required`` is called once the refresh
    token has been refused (expired or revoked)."""

    def __init__(
        self,
        *,
        identity_id: str,
        user_pool: CognitoUserPool,
        identity_pool: IdentityPool,
        secrets: SecretStore,
        clock: Clock,
        tokens: Tokens | None = None,
        on_sign_in_required: Callable[[], None] | None = None,
    ):
        self.identity_id = identity_id
        self._user_pool = user_pool
        self._identity_pool = identity_pool
        self._secrets = secrets
        self._clock = clock
        self._tokens = tokens
        self._on_sign_in_required = on_sign_in_required
        self._lock = threading.Lock()
        self.refresh_count = 0
        self.token_refresh_count = 0

    def fetch(self) -> TemporaryCredentials:
        try:
            creds = self._fetch()
        except Exception as exc:
            metrics.count(metrics.CREDENTIAL_REFRESHES, outcome="failed", cause=type(exc).__name__)
            raise
        metrics.count(metrics.CREDENTIAL_REFRESHES, outcome="ok", cause="")
        return creds

    def _fetch(self) -> TemporaryCredentials:
        with self._lock:
            try:
                id_token = self._valid_id_token(force=False)
                try:
                    creds = self._identity_pool.get_credentials(self.identity_id, id_token)
                except IdTokenRejected:
                    id_token = self._valid_id_token(force=True)
                    creds = self._identity_pool.get_credentials(self.identity_id, id_token)
            except (IdTokenRejected, IdentityNotFound) as exc:
                self._signed_out()
                raise SignInRequired() from exc
            except SignInRequired:
                self._signed_out()
                raise
            try:  # the cache saves a fetch at the next start; losing it costs nothing more
                self._secrets.set_json(self.identity_id, items.AWS_CREDENTIALS, creds.to_json())
            except KeyringUnavailable:
                log.warning("Could not cache the renewed AWS credentials: the keyring is unusable")
            self.refresh_count += 1
            log.info("Renewed AWS credentials; they expire at %s", creds.expiration.isoformat())
            return creds

    def cached(self) -> TemporaryCredentials | None:
        """The credentials cached in the keyring, if any (maybe expired)."""
        data = self._secrets.get_json(self.identity_id, items.AWS_CREDENTIALS)
        try:
            return TemporaryCredentials.from_json(data) if data else None
        except (KeyError, TypeError, ValueError):
            return None

    def _valid_id_token(self, force: bool) -> str:
        tokens = self._tokens
        if not force and tokens and tokens.expires_at - self._clock() > _ID_TOKEN_MARGIN:
            return tokens.id_token
        refresh_token = self._secrets.get(self.identity_id, items.REFRESH_TOKEN)
        if not refresh_token:
            raise SignInRequired(_("You are signed out."))
        self._tokens = self._user_pool.refresh(refresh_token)
        self.token_refresh_count += 1
        return self._tokens.id_token

    def _signed_out(self) -> None:
        """The refresh token is dead: forget it and the credentials (drafts are untouched)."""
        self._tokens = None
        for item in (items.REFRESH_TOKEN, items.AWS_CREDENTIALS):
            self._secrets.delete(self.identity_id, item)
        if self._on_sign_in_required is not None:
            self._on_sign_in_required()


class AccountCredentials(RefreshableCredentials):
    """botocore credentials backed by a :class:`CredentialRenewer`, timed by ``clock``."""

    METHOD = "leasedesk-cognito-identity"

    def __init__(self, renewer: CredentialRenewer, clock: Clock):
        self.renewer = renewer
        cached = renewer.cached()
        if cached is not None:
            super().__init__(
                cached.access_key,
                cached.secret_key,
                cached.token,
                cached.expiration,
                self._refresh_data,
                self.METHOD,
                time_fetcher=clock,
            )
        else:  # what botocore's DeferredRefreshableCredentials does: fetch on first use
            super().__init__(
                None, None, None, None, self._refresh_data, self.METHOD, time_fetcher=clock
            )
            self._frozen_credentials = None

    def refresh_needed(self, refresh_in: int | None = None) -> bool:
        if self._frozen_credentials is None or self._expiry_time is None:
            return True
        return super().refresh_needed(refresh_in)

    def _refresh_data(self) -> dict[str, Any]:
        return self.renewer.fetch().to_json()

    def expire_now(self) -> None:
        """Treat the current credentials as expired: the next signed request renews them."""
        with self._refresh_lock:
            self._expiry_time = datetime.fromtimestamp(0, tz=self._time_fetcher().tzinfo)


def retry_after_expired_token(credentials: AccountCredentials) -> Callable[..., Any]:
    """A botocore ``needs-retry`` handler: when a service answers with an expired-token error,
    expire our credentials and retry the request once, re-signed with renewed ones."""

    def handler(response: Any = None, request_dict: Any = None, **_: Any) -> float | None:
        if not response or not isinstance(response, tuple) or len(response) < 2:
            return None
        code = (response[1] or {}).get("Error", {}).get("Code")
        if code not in EXPIRED_TOKEN_CODES:
            return None
        context = (request_dict or {}).setdefault("context", {})
        if context.get("leasedesk_renewed_after_expiry"):
            return None
        context["leasedesk_renewed_after_expiry"] = True
        log.info("A service reported expired credentials (%s); renewing and retrying", code)
        credentials.expire_now()
        return 0

    return handler
