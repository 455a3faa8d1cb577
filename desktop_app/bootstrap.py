"""The composition root: the one place the app's services are built, for the GUI, the command
line and the tests alike.

:func:`bootstrap` opens the active profile's store (sealed with its data key from the keyring)
and builds every service around it into a frozen :class:`Services`. When the store is replaced
(sign-in, adoption, sign-out) or the backend changes (the sandbox), callers take a new container
from :meth:`Services.with_store` / :meth:`Services.with_backend` instead of patching the old one.
The sync service is assembled only here (:func:`build_sync_service`).

No Qt here, and the heavy imports (SQLAlchemy, boto3) happen when a function runs, so importing
this module costs nothing at start."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.auth.account_service import AccountService
    from desktop_app.auth.aws_session import AwsSessionFactory
    from desktop_app.auth.secrets import SecretStore
    from desktop_app.config import AppConfig
    from desktop_app.services.autosave import AutosaveService
    from desktop_app.services.profiles import ProfilesService
    from desktop_app.services.summaries import SummariesService
    from desktop_app.services.sync_service import SyncService
    from desktop_app.services.webhooks.runner import WebhookRunner
    from desktop_app.storage.store import Store
    from desktop_app.sync.outcome import SyncReport
    from desktop_app.sync.scheduler import SyncScheduler


@dataclass(frozen=True)
class Services:
    """Everything the app works with, built once per store. ``config`` and ``accounts`` are
    None only for a bare container over a store (tests, tools that never sign in)."""

    data_dir: Path
    store: Store
    autosave: AutosaveService
    profiles: ProfilesService
    summaries: SummariesService
    config: AppConfig | None = None
    accounts: AccountService | None = None

    def with_store(self, store: Store) -> Services:
        """The same account and backend over another store (its services rebuilt)."""
        autosave, profiles, summaries = _store_services(store)
        return replace(self, store=store, autosave=autosave, profiles=profiles, summaries=summaries)

    def with_backend(self, config: AppConfig, accounts: AccountService | None = None) -> Services:
        """The same store with another backend (the sandbox's), and its account service."""
        return replace(self, config=config, accounts=accounts or build_accounts(config, self.data_dir))

    def sync_service(
        self,
        sessions: Callable[[], AwsSessionFactory] | None = None,
        *,
        concurrency: int | None = None,
        eager: bool = False,
        interval: float = 300.0,
        retry_at_start: bool = True,
        with_autosave: bool = True,
    ) -> ScheduledSync:
        """The sync service for this store and the signed-in account, with its scheduler (see
        :func:`build_sync_service`); ``sessions`` defaults to the account service's."""
        if self.config is None or (sessions is None and self.accounts is None):
            raise ValueError("a sync service needs a configuration and an account service")
        if sessions is None:
            assert self.accounts is not None
            sessions = self.accounts.aws_session_factory
        return build_sync_service(
            self.store,
            self.config,
            sessions,
            autosave=self.autosave if with_autosave else None,
            concurrency=concurrency,
            eager=eager,
            interval=interval,
            retry_at_start=retry_at_start,
        )

    def close(self) -> None:
        from desktop_app.services import metrics

        metrics.unbind(self.store)
        self.store.close()


def _store_services(store: Store) -> tuple[AutosaveService, ProfilesService, SummariesService]:
    from desktop_app.services import metrics
    from desktop_app.services.autosave import AutosaveService
    from desktop_app.services.profiles import ProfilesService
    from desktop_app.services.summaries import SummariesService

    metrics.bind(store)  # the app's metrics are kept in the open store
    return AutosaveService(store), ProfilesService(store), SummariesService(store)


def build_accounts(
    config: AppConfig, data_dir: Path, *, secrets: SecretStore | None = None
) -> AccountService:
    """The account service (sign-in, keyring) for ``config`` and ``data_dir``."""
    from desktop_app.auth.account_service import AccountService

    return AccountService(config, data_dir, secrets=secrets)


def bootstrap(
    data_dir: Path,
    config: AppConfig | None = None,
    *,
    store: Store | None = None,
    accounts: AccountService | None = None,
    secrets: SecretStore | None = None,
) -> Services:
    """Open the active profile's store in ``data_dir`` (unless ``store`` is given; raises
    ``KeyringUnavailable`` without a usable keyring) and build the services around it. With a
    ``config`` the container also holds its account service (``accounts``, or a new one)."""
    if store is None:
        from desktop_app.services.local_store import open_account_store

        store = open_account_store(data_dir, secrets=secrets)
    try:
        autosave, profiles, summaries = _store_services(store)
        if config is not None and accounts is None:
            accounts = build_accounts(config, data_dir, secrets=secrets)
    except BaseException:
        store.close()
        raise
    return Services(
        data_dir=data_dir,
        store=store,
        autosave=autosave,
        profiles=profiles,
        summaries=summaries,
        config=config,
        accounts=accounts,
    )


def build_sync_service(
    store: Store,
    config: AppConfig,
    sessions: Callable[[], AwsSessionFactory],
    *,
    autosave: AutosaveService | None = None,
    concurrency: int | None = None,
    eager: bool = False,
    interval: float = 300.0,
    retry_at_start: bool = True,
) -> ScheduledSync:
    """The one assembly of a sync service: the engine over ``store`` with AWS sessions from
    ``sessions()``, and the scheduler that runs it, probing the configured endpoint. The engine
    is built at the first sync (``sessions`` may read the keyring: never on the GUI thread), or
    now with ``eager``."""
    from typing import Any

    from desktop_app.services.sync_service import SyncService, build_engine
    from desktop_app.sync.connectivity import endpoint_for, tcp_probe

    host, port = endpoint_for(config.region, config.endpoint_url)
    kw: dict[str, Any] = {} if concurrency is None else {"concurrency": concurrency}

    def engine() -> Any:
        return build_engine(store, sessions(), config, **kw)

    built = engine() if eager else None

    def factory() -> Any:
        return built if built is not None else engine()

    from desktop_app.services.webhooks.runner import WebhookRunner

    webhooks = WebhookRunner(store, sessions, config)
    return scheduled_sync(
        lambda request_sync: SyncService(
            store,
            factory,
            autosave=autosave,
            retry_at_start=retry_at_start,
            request_sync=request_sync,
        ),
        probe=lambda: tcp_probe(host, port),
        interval=interval,
        after_sync=webhooks.after_sync,
        webhooks=webhooks,
    )


@dataclass(frozen=True)
class ScheduledSync:
    """A sync service and the scheduler that decides when it runs. The caller owns the
    scheduler (ticks it, tells it of submits and of the network); the service only asks it
    for a run through the ``request_sync`` callback it was built with."""

    service: SyncService
    scheduler: SyncScheduler
    #: Webhook delivery, run after each sync (docs/webhooks.md); None in bare set-ups.
    webhooks: WebhookRunner | None = None


def scheduled_sync(
    make_service: Callable[[Callable[[str], None]], SyncService],
    *,
    probe: Callable[[], bool] | None = None,
    interval: float = 300.0,
    clock: Callable[[], float] | None = None,
    after_sync: Callable[[SyncReport], None] | None = None,
    webhooks: WebhookRunner | None = None,
) -> ScheduledSync:
    """Build a service with ``make_service(request_sync)`` and the scheduler that runs it;
    ``after_sync(report)`` runs after each of its syncs, on the same (background) thread."""
    import time

    from desktop_app.sync.scheduler import SyncScheduler

    schedulers: list[SyncScheduler] = []
    service = make_service(lambda reason: schedulers[0].request(reason))
    run = service.sync_once
    if after_sync is not None:
        then = after_sync

        def run() -> SyncReport:
            report = service.sync_once()
            then(report)
            return report

    schedulers.append(
        SyncScheduler(run, clock=clock or time.monotonic, probe=probe, interval=interval)
    )
    return ScheduledSync(service, schedulers[0], webhooks)
