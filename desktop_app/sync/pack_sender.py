"""Pushing a worker's batch of applications in packed transactions (``packing.py``).

Each application is planned as it would be alone (``Pusher.plan``); those with a transaction
to send are packed and sent together. What the pack's answer means for each member:

- committed: every member is synced;
- cancelled, the reasons naming some members' actions (a failed condition, a validation
  error): those are pushed alone (``Pusher.push_one``: read-back, merge, needs attention, as
  ever) and the rest are sent again as a new pack without them;
- cancelled by conflicts with other transactions or throttling only: the same pack again,
  after the back-off a lone application gets; after as many tries, each alone;
- no answer (a timeout, a dropped connection) or a failed condition that names no one: each
  member is read back on its own — our committed write is synced, the rest are pushed alone;
- offline or signed out: every member ends so, as a lone push would;
- the whole request refused: each member alone, so the one at fault is named.

Deletions, an application with nothing to send, one whose planning fails and a batch of one
go through ``Pusher.push_one`` unchanged, so a single edit goes out at once, alone."""

from __future__ import annotations

from typing import Any

from desktop_app.sync.errors import (
    ConditionFailed,
    CredentialsExpired,
    Offline,
    Permanent,
    RetryableCancellation,
    Transient,
)
from desktop_app.sync.local_side import Loaded
from desktop_app.sync.outcome import AppOutcome, Result
from desktop_app.sync.packing import PackCancelled, packs
from desktop_app.sync.pusher import Pusher, PushResult, Verdict, backoff, pushed
from desktop_app.sync.transaction import ApplicationTransaction

Member = tuple[str, Loaded, ApplicationTransaction]


def push_batch(pusher: Pusher, batch: list[tuple[str, Any]]) -> list[PushResult]:
    """Push ``batch`` ((application id, what was loaded for it)); results in the same order."""
    remote = pusher.remote
    if len(batch) < 2 or not callable(getattr(remote, "transact_write_pack", None)):
        return [_alone(pusher, app_id, loaded) for app_id, loaded in batch]
    results: dict[str, PushResult] = {}
    members: list[Member] = []
    for app_id, loaded in batch:
        try:
            loaded, planned = pusher.plan(app_id, loaded)
        except Exception:  # noqa: BLE001 — a lone push reports it as it always has
            results[app_id] = _alone(pusher, app_id, loaded)
            continue
        if isinstance(planned, ApplicationTransaction):
            members.append((app_id, loaded, planned))
        elif planned is None:
            results[app_id] = _alone(pusher, app_id, loaded)
        else:
            results[app_id] = planned
    by_tx = {id(tx): (app_id, loaded, tx) for app_id, loaded, tx in members}
    for pack in packs([tx for _, _, tx in members]):
        _send(pusher, [by_tx[id(tx)] for tx in pack], results)
    return [results[app_id] for app_id, _ in batch]


def _send(pusher: Pusher, pack: list[Member], results: dict[str, PushResult]) -> None:
    attempt = 0
    while pack:
        if pusher.stop.is_set() or len(pack) == 1:
            for app_id, loaded, _ in pack:
                results[app_id] = _alone(pusher, app_id, loaded)
            return
        try:
            pusher.remote.transact_write_pack([tx for _, _, tx in pack])
        except PackCancelled as exc:
            culprits = set(exc.culprits([tx for _, _, tx in pack]))
            if culprits:
                for n in sorted(culprits):
                    app_id, loaded, _ = pack[n]
                    results[app_id] = _alone(pusher, app_id, loaded)
                pack = [m for n, m in enumerate(pack) if n not in culprits]
                continue
            if exc.retryable and attempt < pusher.cancel_retries:
                pusher.sleep(backoff(attempt))
                attempt += 1
                continue
            _each_alone(pusher, pack, results, read_back=not exc.retryable)
            return
        except (ConditionFailed, Transient, RetryableCancellation):
            _each_alone(pusher, pack, results, read_back=True)
            return
        except Offline as exc:
            pusher.stop.set()
            for app_id, _, _ in pack:
                results[app_id] = AppOutcome(app_id, Result.OFFLINE, f"offline ({exc})"), None
            return
        except CredentialsExpired as exc:
            pusher.stop.set()
            for app_id, _, _ in pack:
                results[app_id] = AppOutcome(app_id, Result.SIGN_IN_REQUIRED, str(exc)), None
            return
        except Permanent:
            # The whole request refused (its size, another system's attributes): sent each
            # alone, the one at fault is told apart and listed as needing attention.
            _each_alone(pusher, pack, results, read_back=False)
            return
        for app_id, loaded, tx in pack:
            results[app_id] = pushed(app_id, loaded, tx)
        return


def _each_alone(
    pusher: Pusher, pack: list[Member], results: dict[str, PushResult], *, read_back: bool
) -> None:
    """Each member on its own: found committed (``read_back``) is synced, any other pushed alone."""
    for app_id, loaded, tx in pack:
        if read_back and not pusher.stop.is_set():
            try:
                if pusher.read_back(tx) is Verdict.OURS:
                    results[app_id] = pushed(app_id, loaded, tx)
                    continue
            except Exception:  # noqa: BLE001, S110 — the lone push reads and reports again
                pass
        results[app_id] = _alone(pusher, app_id, loaded)


def _alone(pusher: Pusher, app_id: str, loaded: Any) -> PushResult:
    """``app_id`` pushed on its own, unless the run has stopped (offline or signed out)."""
    if pusher.stop.is_set():
        return AppOutcome(app_id, Result.OFFLINE, "not attempted: offline"), None
    return pusher.push_one(app_id, loaded)
