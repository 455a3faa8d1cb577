"""The audit trail: an append-only, hash-chained record of every action on an application, with
time, account and machine (docs/records.md, "Audit trail"). Qt-free.

Each entry's hash covers its fields and the hash of the entry before it, so an altered or
removed entry breaks the chain (:meth:`AuditTrail.verify`). The chain's head (length and latest
hash) is recorded where the trail itself cannot rewrite it — each push carries it to the remote
— so an end cut off is detected by comparing with that head. Entries hold field *paths*, never
values. The trail is per machine and lives in the (encrypted) local store."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from desktop_app.i18n import N_, _
from desktop_app.storage.orm_audit import AuditEntryRow

GENESIS = "0" * 64

#: The actions recorded, with their plain words (the review, the PDF, ``drafts audit``), in
#: English: only the code is stored and hashed; the words are translated where shown.
ACTIONS: dict[str, str] = {
    "created": N_("created"),
    "field_edited": N_("field edited"),
    "row_added": N_("row added"),
    "row_removed": N_("row removed"),
    "document_attached": N_("document attached"),
    "document_removed": N_("document removed"),
    "signed": N_("signed"),
    "submitted": N_("submitted"),
    "amended": N_("amended"),
    "synced": N_("synced"),
    "conflict_resolved": N_("conflict resolved"),
    "exported": N_("exported"),
    "printed": N_("printed"),
    "webhook_sent": N_("sent to the brokerage's systems"),
}


#: Where an application this machine did not create came from (a "created" entry's detail).
SOURCES = {"import": N_("imported from a file"), "pull": N_("pulled from the server")}


def action_words(action: str) -> str:
    """An action's plain words in the current language (the code itself when unknown)."""
    words = ACTIONS.get(action)
    return _(words) if words else action


@dataclass(frozen=True)
class AuditEntry:
    application_id: str
    seq: int
    at: str
    account: str
    machine: str
    action: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str

    def describe(self) -> str:
        """One plain line in the current language: the action and its detail (paths,
        versions, sides; no values)."""
        words = action_words(self.action)
        d = self.detail
        if "source" in d:
            source = SOURCES.get(d["source"])
            return f"{words}: {_(source) if source else d['source']}"
        if "path" in d:
            return f"{words}: {d['path']}"
        if "version" in d:
            return f"{words}: " + _("version {version}").format(version=d["version"])
        if "sides" in d:
            return f"{words}: " + ", ".join(f"{p} ← {s}" for p, s in sorted(d["sides"].items()))
        if "document" in d:
            return f"{words}: {d['document']}"
        if "signer" in d:
            return f"{words}: {d['signer']}"
        if "to" in d:
            return f"{words}: {d['to']}"
        return words


@dataclass(frozen=True)
class Head:
    """The chain's length and latest hash (``GENESIS`` when empty)."""

    length: int
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {"length": self.length, "hash": self.hash}


@dataclass
class Verification:
    ok: bool
    length: int
    problems: list[str] = field(default_factory=list)


def entry_hash(
    application_id: str, seq: int, at: str, account: str, machine: str, action: str,
    detail: str, prev_hash: str,
) -> str:
    body = json.dumps(
        [application_id, seq, at, account, machine, action, detail, prev_hash],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def _detail_json(detail: dict[str, Any]) -> str:
    return json.dumps(detail, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


#: Keystrokes in one field within this many seconds are one "field edited" entry.
BURST_SECONDS = 120


def _same_burst(
    last: Any, action: str, detail: str, account: str, machine: str, at: str
) -> bool:
    if action != "field_edited" or last.action != action or last.detail != detail:
        return False
    if last.account != account or last.machine != machine:
        return False
    try:
        gap = datetime.fromisoformat(at) - datetime.fromisoformat(last.at)
    except ValueError:
        return False
    return 0 <= gap.total_seconds() < BURST_SECONDS


@dataclass(frozen=True)
class _Row:
    """A cached entry in the shape of a row (for :func:`_same_burst`)."""

    entry: AuditEntry
    detail: str

    @property
    def action(self) -> str:
        return self.entry.action

    @property
    def account(self) -> str:
        return self.entry.account

    @property
    def machine(self) -> str:
        return self.entry.machine

    @property
    def at(self) -> str:
        return self.entry.at


def _entry(r: Any) -> AuditEntry:
    try:
        detail = json.loads(r.detail)
    except ValueError:
        detail = {"unreadable": True}
    return AuditEntry(r.application_id, r.seq, r.at, r.account, r.machine, r.action,
                      detail if isinstance(detail, dict) else {}, r.prev_hash, r.hash)


def default_account(store: Any) -> str:
    """The store's profile (an account id, or ``local``): the folder the store file is in."""
    path = getattr(store, "path", None)
    return path.parent.name if path is not None else "local"


def _machine_of(store: Any) -> str:
    from desktop_app.sync.audit_heads import machine_id

    try:
        return machine_id(store)
    except Exception:  # noqa: BLE001 — a store without the sync tables: still a trail
        return "unknown"


class AuditTrail:
    """The trail over one store. ``account``/``machine``: who and where (defaults: the store's
    profile and its random machine id, ``sync/audit_heads.py``: never the host name)."""

    def __init__(
        self,
        store: Any,
        *,
        account: str | Callable[[], str] | None = None,
        machine: str | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self._account = account if account is not None else default_account(store)
        self.machine = machine or _machine_of(store)
        self._now = now
        #: The last entry this trail wrote or read per application, with its detail's JSON:
        #: a keystroke in the same burst is then settled without touching the database.
        self._last: dict[str, tuple[AuditEntry, str]] = {}

    @property
    def account(self) -> str:
        return self._account() if callable(self._account) else self._account

    def append(self, app_id: str, action: str, **detail: Any) -> AuditEntry:
        """Add one entry at the end of ``app_id``'s chain (its own short transaction)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        detail_json = _detail_json(detail)
        at = self._now().isoformat(timespec="seconds")
        account = self.account
        cached = self._last.get(app_id)
        if cached is not None and _same_burst(_Row(cached[0], cached[1]), action, detail_json,
                                              account, self.machine, at):
            return cached[0]
        with self.store.engine.begin() as conn:
            last = conn.execute(
                select(AuditEntryRow)
                .where(AuditEntryRow.application_id == app_id)
                .order_by(AuditEntryRow.seq.desc())
                .limit(1)
            ).first()
            if last is not None and _same_burst(last, action, detail_json, account,
                                                self.machine, at):
                self._last[app_id] = (_entry(last), last.detail)
                return self._last[app_id][0]
            seq, prev = (1, GENESIS) if last is None else (last.seq + 1, last.hash)
            digest = entry_hash(app_id, seq, at, account, self.machine, action,
                                detail_json, prev)
            conn.execute(AuditEntryRow.__table__.insert().values(
                application_id=app_id, seq=seq, at=at, account=account,
                machine=self.machine, action=action, detail=detail_json, prev_hash=prev,
                hash=digest,
            ))
        entry = AuditEntry(app_id, seq, at, account, self.machine, action, detail, prev, digest)
        self._last[app_id] = (entry, detail_json)
        return entry

    def record_created(self, app_ids: list[str], source: str) -> None:
        """A "created" entry (``source``: a key of :data:`SOURCES`) at the end of each trail,
        in one transaction: an import or a pull of many applications stays one write. Like
        :meth:`record`, never fails the action it records."""
        if not app_ids:
            return
        at = self._now().isoformat(timespec="seconds")
        account, detail = self.account, _detail_json({"source": source})
        try:
            with self.store.engine.begin() as conn:
                for app_id in app_ids:
                    last = conn.execute(
                        select(AuditEntryRow.seq, AuditEntryRow.hash)
                        .where(AuditEntryRow.application_id == app_id)
                        .order_by(AuditEntryRow.seq.desc()).limit(1)
                    ).first()
                    seq, prev = (1, GENESIS) if last is None else (last.seq + 1, last.hash)
                    conn.execute(AuditEntryRow.__table__.insert().values(
                        application_id=app_id, seq=seq, at=at, account=account,
                        machine=self.machine, action="created", detail=detail,
                        prev_hash=prev, hash=entry_hash(app_id, seq, at, account, self.machine,
                                                        "created", detail, prev),
                    ))
                    self._last.pop(app_id, None)
        except Exception:  # noqa: BLE001 — the applications are in; only their entries are not
            import logging

            logging.getLogger(__name__).warning("could not record %d created entries",
                                                len(app_ids))

    def record(self, app_id: str, action: str, **detail: Any) -> None:
        """:meth:`append`, never failing the action it records (the action is already done)."""
        try:
            self.append(app_id, action, **detail)
        except Exception:  # noqa: BLE001 — a trail write must not undo or fail the edit
            import logging

            logging.getLogger(__name__).warning("could not record an audit entry (%s)", action)

    def entries(self, app_id: str) -> list[AuditEntry]:
        return list(self._rows(app_id))

    def _rows(self, app_id: str) -> Iterator[AuditEntry]:
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                select(AuditEntryRow)
                .where(AuditEntryRow.application_id == app_id)
                .order_by(AuditEntryRow.seq)
            ).all()
        for r in rows:
            yield _entry(r)

    def head(self, app_id: str) -> Head:
        entries = self.entries(app_id)
        return Head(len(entries), entries[-1].hash if entries else GENESIS)

    def verify(self, app_id: str, expected: Head | None = None) -> Verification:
        """Recompute the chain. ``expected``: a head recorded elsewhere (the last push's); the
        chain must reach it — fewer entries, or another hash at that length, means entries
        were cut off or replaced."""
        entries = self.entries(app_id)
        problems: list[str] = []
        prev = GENESIS
        for i, e in enumerate(entries, start=1):
            if e.seq != i:
                problems.append(_("entry {n}: missing (the next entry is number {seq})").format(
                    n=i, seq=e.seq))
                break
            if e.prev_hash != prev:
                problems.append(_("entry {n}: does not follow entry {previous} (removed or altered)")
                                .format(n=i, previous=i - 1))
                break
            again = entry_hash(e.application_id, e.seq, e.at, e.account, e.machine, e.action,
                               _detail_json(e.detail), e.prev_hash)
            if again != e.hash:
                problems.append(_("entry {n}: altered (its hash no longer matches)").format(n=i))
                break
            prev = e.hash
        if not problems and expected is not None and expected.length:
            if len(entries) < expected.length:
                problems.append(_(
                    "the trail holds {count} entries but {expected} were recorded with the "
                    "last sync: entries were cut off the end"
                ).format(count=len(entries), expected=expected.length))
            elif entries[expected.length - 1].hash != expected.hash:
                problems.append(_(
                    "entry {n}: differs from the one recorded with the last sync"
                ).format(n=expected.length))
        return Verification(not problems, len(entries), problems)

    def summary(self, app_id: str) -> dict[str, Any]:
        """Counts per action, first and last time, the head: for the PDF and the details."""
        entries = self.entries(app_id)
        counts: dict[str, int] = {}
        for e in entries:
            counts[e.action] = counts.get(e.action, 0) + 1
        return {
            "length": len(entries),
            "head": entries[-1].hash if entries else GENESIS,
            "first": entries[0].at if entries else None,
            "last": entries[-1].at if entries else None,
            "counts": counts,
        }


# The differences a whole-application save records (kept apart; imported from here too).
from desktop_app.services.audit_diff import changed_paths, record_differences  # noqa: E402,F401
