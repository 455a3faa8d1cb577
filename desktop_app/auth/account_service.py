"""Sign in, sign out, who is signed in, and the local profile's adoption — the use cases the
sign-in dialog, the account menu and ``desktop-app login/logout`` share. Qt-free and blocking:
the UI runs these calls on its network pool, never on the GUI thread.

Typical use::

    service = AccountService(load_config(args.config), data_dir)
    result = service.sign_in(username, password)          # WrongPassword, NetworkUnavailable...
    if result.challenge:                                   # first sign-in: a new password
        result = service.respond_new_password(result.challenge, new_password)
    if service.needs_adoption_of_local_profile() and agent_agrees():
        service.adopt_local_profile()                      # with the local store closed
    factory = service.aws_session_factory()               # boto3 clients for sync
    service.current_account()                              # AccountInfo for the menu, or None
    service.sign_out()                                     # drafts stay; app back to `local`

The account's store is ``storage.paths.database_path(data_dir, active_profile(data_dir))``:
signing in makes the account's profile active, signing out makes ``local`` active again (the
account's drafts wait in its own folder for its next sign-in)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.auth import profiles
from desktop_app.auth import secrets as items
from desktop_app.auth.aws_session import AwsSessionFactory
from desktop_app.auth.cognito import Clock, CognitoUserPool, NewPasswordChallenge, Tokens
from desktop_app.auth.credentials import AccountCredentials, CredentialRenewer
from desktop_app.auth.errors import AuthError, NotConfigured, SignInRequired
from desktop_app.auth.identity import IdentityNotFound, IdentityPool, TemporaryCredentials
from desktop_app.auth.profiles import AccountInfo, SessionRecord
from desktop_app.auth.secrets import SecretStore
from desktop_app.config import AppConfig
from desktop_app.services import account_keys, metrics
from desktop_app.storage.crypto import DataKey
from desktop_app.storage.paths import (
    LOCAL_PROFILE,
    active_profile,
    database_path,
    profile_dir,
    set_active_profile,
)
from desktop_app.i18n import _

log = logging.getLogger(__name__)

WARN_DAYS = 5


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SignInResult:
    """``account`` once signed in; otherwise ``challenge`` (a new password is required).
    ``local_profile_adoptable``: ask the agent whether this account takes over the drafts made
    before any sign-in, then call :meth:`AccountService.adopt_local_profile`."""

    account: AccountInfo | None = None
    challenge: NewPasswordChallenge | None = None
    local_profile_adoptable: bool = False

    @property
    def signed_in(self) -> bool:
        return self.account is not None


class AccountService:
    def __init__(
        self,
        config: AppConfig,
        data_dir: Path,
        *,
        secrets: SecretStore | None = None,
        clock: Clock = utc_now,
        warn_days: int = WARN_DAYS,
        user_pool: CognitoUserPool | None = None,
        identity_pool: IdentityPool | None = None,
    ):
        self.config = config
        self.data_dir = Path(data_dir)
        self.secrets = secrets or SecretStore()
        self.clock = clock
        self.warn_days = warn_days
        self._user_pool = user_pool
        self._identity_pool = identity_pool
        self._tokens: Tokens | None = None
        self._factory: AwsSessionFactory | None = None

    # -- signing in --------------------------------------------------------------------------
    def sign_in(self, username: str, password: str) -> SignInResult:
        """Authenticate, get the identity and its credentials, keep the secrets in the keyring.

        Raises :class:`~desktop_app.auth.errors.WrongPassword`, ``NetworkUnavailable``,
        ``KeyringUnavailable`` (checked first: with no keyring nothing is sent or written),
        ``NotConfigured`` and other :class:`AuthError` subclasses, each with a plain message."""
        try:
            self._require_backend()
            self.secrets.check_usable()
            answer = self.user_pool.sign_in(username.strip(), password)
            if isinstance(answer, NewPasswordChallenge):
                metrics.count(metrics.SIGN_INS, outcome="challenge", cause="")
                return SignInResult(challenge=answer)
            result = self._complete(answer)
        except Exception as exc:
            metrics.count(metrics.SIGN_INS, outcome="failed", cause=type(exc).__name__)
            raise
        metrics.count(metrics.SIGN_INS, outcome="ok", cause="")
        return result

    def respond_new_password(
        self, challenge: NewPasswordChallenge, new_password: str
    ) -> SignInResult:
        self._require_backend()
        self.secrets.check_usable()
        return self._complete(self.user_pool.respond_new_password(challenge, new_password))

    def _complete(self, tokens: Tokens) -> SignInResult:
        if not tokens.refresh_token:
            raise AuthError("The sign-in service returned no refresh token; sign in again.")
        identity_id, creds = self._identity_and_credentials(tokens)
        previous = profiles.read_session(self.data_dir)
        if previous and previous.identity_id != identity_id:
            if account_keys.wrapped_copy_is_current(
                self.data_dir, previous.identity_id, self.secrets
            ):
                account_keys.lock(self.data_dir, previous.identity_id, self.secrets)
            else:  # its key changed since it was wrapped: kept in the keyring, not lost
                log.warning("Identity %s keeps its store key: its wrapped copy is stale",
                            previous.identity_id)
            self._forget_secrets(previous.identity_id, revoke=True)
        self.secrets.set(identity_id, items.REFRESH_TOKEN, tokens.refresh_token)
        self.secrets.set_json(identity_id, items.AWS_CREDENTIALS, creds.to_json())

        adoptable = profiles.local_profile_adoptable(self.data_dir, identity_id)
        profile_dir(self.data_dir, identity_id).mkdir(parents=True, exist_ok=True)
        set_active_profile(self.data_dir, identity_id)
        record = SessionRecord(
            identity_id=identity_id,
            username=tokens.username,
            signed_in_at=self.clock(),
            refresh_token_days=self.config.refresh_token_days,
        )
        profiles.write_session(self.data_dir, record)
        self._tokens = replace(tokens, refresh_token=None)  # the refresh token lives in the keyring
        self._factory = None
        log.info("Signed in (identity %s)", identity_id)
        self._unlock_store(identity_id)
        return SignInResult(
            account=record.account_info(self.clock(), self.warn_days),
            local_profile_adoptable=adoptable,
        )

    def _identity_and_credentials(self, tokens: Tokens) -> tuple[str, TemporaryCredentials]:
        cache_account = f"cognito:{self.config.user_pool_id}:{tokens.subject}"
        cached = self.secrets.get(cache_account, items.IDENTITY_ID)
        if cached:
            try:
                return cached, self.identity_pool.get_credentials(cached, tokens.id_token)
            except IdentityNotFound:
                log.info("The cached identity id is unknown to the pool; asking for a new one")
        identity_id = self.identity_pool.get_id(tokens.id_token)
        creds = self.identity_pool.get_credentials(identity_id, tokens.id_token)
        self.secrets.set(cache_account, items.IDENTITY_ID, identity_id)
        return identity_id, creds

    # -- who is signed in --------------------------------------------------------------------
    def current_account(self) -> AccountInfo | None:
        """The signed-in account (also when its sign-in has lapsed: then ``sign_in_required``),
        or None. Reads only the non-secret session file: no keyring prompt, no network."""
        record = profiles.read_session(self.data_dir)
        return record.account_info(self.clock(), self.warn_days) if record else None

    def aws_session_factory(self) -> AwsSessionFactory:
        """boto3 clients for the signed-in account, sharing one renewing credentials object.
        Raises :class:`SignInRequired` when nobody is signed in or the sign-in lapsed."""
        self._require_backend()
        record = profiles.read_session(self.data_dir)
        if record is None:
            raise SignInRequired(_("Nobody is signed in."))
        if record.account_info(self.clock(), self.warn_days).sign_in_required:
            raise SignInRequired()
        factory = self._factory
        if factory is None or factory.identity_id != record.identity_id:
            renewer = CredentialRenewer(
                identity_id=record.identity_id,
                user_pool=self.user_pool,
                identity_pool=self.identity_pool,
                secrets=self.secrets,
                clock=self.clock,
                tokens=self._tokens,
                on_sign_in_required=self._mark_sign_in_required,
            )
            factory = AwsSessionFactory(self.config, AccountCredentials(renewer, self.clock))
            self._factory = factory
        return factory

    def _mark_sign_in_required(self) -> None:
        record = profiles.read_session(self.data_dir)
        if record is not None:
            profiles.write_session(self.data_dir, replace(record, sign_in_required=True))
        self._tokens = None

    # -- the local profile -------------------------------------------------------------------
    def needs_adoption_of_local_profile(self) -> bool:
        """True when the signed-in account is the machine's first and the drafts made before
        any sign-in (the ``local`` profile) could become its own: ask the agent."""
        record = profiles.read_session(self.data_dir)
        return record is not None and profiles.local_profile_adoptable(
            self.data_dir, record.identity_id
        )

    def adopt_local_profile(self) -> Path:
        """Move the ``local`` profile to the signed-in account (close the local store first).
        Returns the account's profile folder."""
        record = profiles.read_session(self.data_dir)
        if record is None or not profiles.local_profile_adoptable(
            self.data_dir, record.identity_id
        ):
            raise AuthError("There is no local profile for this account to take over.")
        target = profiles.adopt_local_profile(self.data_dir, record.identity_id)
        # The database moves with the data key that opens it.
        self.secrets.move(LOCAL_PROFILE, record.identity_id, (items.DATA_KEY, items.DATA_KEY_NEXT))
        set_active_profile(self.data_dir, record.identity_id)
        self._unlock_store(record.identity_id)  # wraps the adopted key for this account
        log.info("The local profile now belongs to identity %s", record.identity_id)
        return target

    # -- signing out -------------------------------------------------------------------------
    def sign_out(self, revoke: bool = True) -> AccountInfo | None:
        """Forget the account's secrets (revoking its refresh token when online) and make the
        ``local`` profile active. Drafts, synced or not, stay in the account's folder. Raises
        ``KeyringUnavailable`` (and changes nothing) if the keyring cannot be reached."""
        record = profiles.read_session(self.data_dir)
        if record is None:
            return None
        self._wrap_current_key(record.identity_id)  # before the credentials go
        self._forget_secrets(record.identity_id, revoke=revoke)
        account_keys.lock(self.data_dir, record.identity_id, self.secrets)
        profiles.clear_session(self.data_dir)
        set_active_profile(self.data_dir, LOCAL_PROFILE)
        self._tokens = None
        self._factory = None
        log.info("Signed out of identity %s", record.identity_id)
        return record.account_info(self.clock(), self.warn_days)

    def _forget_secrets(self, identity_id: str, revoke: bool) -> None:
        refresh_token = self.secrets.get(identity_id, items.REFRESH_TOKEN)
        if refresh_token and revoke and self.config.backend_configured:
            self.user_pool.revoke(refresh_token)
        for item in (items.REFRESH_TOKEN, items.AWS_CREDENTIALS):
            self.secrets.delete(identity_id, item)

    # -- the store key ---------------------------------------------------------------------
    @property
    def wraps_store_keys(self) -> bool:
        """Whether this backend keeps signed-in accounts' store keys wrapped by KMS."""
        return bool(self.config.backend_configured and self.config.kms_key_id)

    def _unlock_store(self, identity_id: str) -> None:
        """Put the account's store key in the keyring from its KMS-wrapped copy (wrapping the
        key first if there is none yet). Raises ``KeyUnwrapFailed`` / ``StoreKeyMissing``
        (never making a key for a store that holds data); the account stays signed in."""
        if not self.wraps_store_keys:
            return
        kms = self.aws_session_factory().client("kms")
        assert self.config.kms_key_id is not None
        account_keys.unlock_at_sign_in(
            self.data_dir, identity_id, kms, self.config.kms_key_id, self.secrets
        )

    def _wrap_current_key(self, identity_id: str) -> None:
        """Before the key leaves the keyring: make sure the wrapped copy holds it (a rotation
        since the last sign-in changed it). Raises rather than lock a key away unwrapped."""
        if not account_keys.has_wrapped_key(self.data_dir, identity_id):
            return
        if account_keys.wrapped_copy_is_current(self.data_dir, identity_id, self.secrets):
            return
        if self.secrets.get(identity_id, items.DATA_KEY_NEXT) is not None:
            raise AuthError(
                "A key rotation of this account's drafts did not finish. Run `desktop-app keys "
                "rotate` again (or open the app), then sign out. Nothing was changed."
            )
        self.rewrap_store_key()

    def rewrap_store_key(self, key: DataKey | None = None) -> None:
        """Wrap ``key`` (default: the keyring's current key) for the signed-in account,
        replacing its wrapped copy. A no-op without KMS or without a wrapped copy. Used as the
        rotation's ``on_new_key`` hook, so the copy and the store change key together."""
        record = profiles.read_session(self.data_dir)
        if record is None or not self.wraps_store_keys:
            return
        if not account_keys.has_wrapped_key(self.data_dir, record.identity_id):
            return
        if active_profile(self.data_dir) != record.identity_id:
            raise AuthError(
                "The open store is not the signed-in account's; its key was not wrapped."
            )
        if key is None:
            text = self.secrets.get(record.identity_id, items.DATA_KEY)
            if text is None:
                return
            key = DataKey.from_text(text)
        assert self.config.kms_key_id is not None
        kms = self.aws_session_factory().client("kms")
        account_keys.wrap_and_store(
            self.data_dir, record.identity_id, key, kms, self.config.kms_key_id
        )

    def store_key_reachable(self) -> bool:
        """True when the signed-in account's wrapped store key unwraps now (so signing out and
        in again brings the drafts back). False offline, on a KMS refusal or with no copy."""
        record = profiles.read_session(self.data_dir)
        if record is None or not self.wraps_store_keys:
            return False
        if not account_keys.has_wrapped_key(self.data_dir, record.identity_id):
            return False
        try:
            kms = self.aws_session_factory().client("kms")
            assert self.config.kms_key_id is not None
            account_keys.unwrap(self.data_dir, record.identity_id, kms, self.config.kms_key_id)
        except Exception as exc:  # noqa: BLE001 — any failure means "not reachable now"
            log.info("Store key not reachable: %s", type(exc).__name__)
            return False
        return True

    def sign_out_check(
        self, unsynced: int, recovery_file: Path | None = None
    ) -> account_keys.SignOutCheck:
        """Whether signing out now is safe for ``unsynced`` drafts (blocking: asks KMS)."""
        record = profiles.read_session(self.data_dir)
        locks = record is not None and account_keys.has_wrapped_key(
            self.data_dir, record.identity_id
        )
        reachable = locks and unsynced > 0 and self.store_key_reachable()
        current = False
        if locks and record is not None:
            store_path = database_path(self.data_dir, record.identity_id)
            current = account_keys.recovery_file_made_for_current_key(store_path) or (
                recovery_file is not None
                and account_keys.recovery_file_is_current(store_path, recovery_file)
            )
        return account_keys.SignOutCheck(unsynced, locks, reachable, current)

    # -- collaborators -----------------------------------------------------------------------
    def _require_backend(self) -> None:
        if not self.config.backend_configured:
            raise NotConfigured()

    @property
    def user_pool(self) -> CognitoUserPool:
        if self._user_pool is None:
            self._user_pool = CognitoUserPool(self.config, self.clock)
        return self._user_pool

    @property
    def identity_pool(self) -> IdentityPool:
        if self._identity_pool is None:
            self._identity_pool = IdentityPool(self.config)
        return self._identity_pool
