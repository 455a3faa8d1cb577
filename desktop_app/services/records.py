"""What an agent hands over about one application: its sync receipt per table (the version and
content hash the server confirmed, and when), and everything the PDF prints (docs/records.md, "PDF
of an application"). Qt-free; the review, the details pane, the PDF and ``desktop-app status
--app`` read receipts through here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from desktop_app.domain.models import Application
from desktop_app.domain.nyc_rules import BuildingProfile
from desktop_app.i18n import _, ngettext
from desktop_app.services.audit import AuditEntry, AuditTrail, Head
from desktop_app.services.profiles import ProfilesService
from desktop_app.services.status import StatusService
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync.mapping import SPECS

#: The tables in the order a receipt lists them.
TABLE_ORDER = ("app", "applicant", "coapplicant", "guarantor")


def application_receipt(store: Any, app_id: str) -> dict[str, Any]:
    """The sync state and, per table (its base name), each item's confirmed version, content
    hash and time. Keys of items are account ids and are left out."""
    out = StatusService(store).receipt(app_id)
    with sync_uow(store) as uow:
        receipts = uow.sync.receipts(app_id)
    tables: dict[str, list[dict[str, Any]]] = {}
    order = {name: i for i, name in enumerate(TABLE_ORDER)}
    for r in sorted(receipts, key=lambda r: (order.get(r.table_name, 9), r.key)):
        tables.setdefault(SPECS[r.table_name].base_name, []).append(
            {"version": r.version, "content_hash": r.content_hash,
             "confirmed_at": r.confirmed_at}
        )
    out["tables"] = tables
    out["application_id"] = app_id
    return out


@dataclass
class PdfInput:
    """Everything the PDF of one application prints."""

    app: Application
    generated_at: datetime
    profile: BuildingProfile | None = None
    receipt: dict[str, Any] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    audit_summary: dict[str, Any] = field(default_factory=dict)
    full_ssn: bool = False
    #: person id -> the consent text that person signed (when the texts are installed).
    consent: dict[str, str] = field(default_factory=dict)


def signed_consent(app: Application) -> dict[str, str]:
    """Person id -> the text of the consent they signed, when this install has consent texts
    (``domain/consent.py``); {} without them or for signatures made without one."""
    try:
        from desktop_app.domain import consent
    except ImportError:
        return {}
    out: dict[str, str] = {}
    for s in app.signatures:
        try:
            text = consent.text_for(s)
        except Exception:  # noqa: BLE001 — a missing or unreadable text leaves it out
            text = None
        if text is not None:
            prefix = _("Consent version {version} ({language}):").format(
                version=text.version, language=text.language)
            out[s.person_id] = f"{prefix}\n{text.text}"
    return out


def pdf_input(
    store: Any, app: Application, *, full_ssn: bool = False, now: datetime | None = None
) -> PdfInput:
    trail = AuditTrail(store)
    return PdfInput(
        app=app,
        generated_at=now or datetime.now(UTC),
        profile=ProfilesService(store).get(app.application_info.building_address),
        receipt=application_receipt(store, app.id),
        audit=trail.entries(app.id),
        audit_summary=trail.summary(app.id),
        full_ssn=full_ssn,
        consent=signed_consent(app),
    )


def pushed_head(_store: Any, _app_id: str) -> Head | None:
    """The head to check the review's chain against without the network: none. The heads
    live only on the server (``server_head``; ``drafts audit --verify`` reads it), so the
    review checks the chain alone and says nothing of its end."""
    return None


@dataclass(frozen=True)
class ServerHead:
    """This machine's audit head as the server holds it. ``checked``: the server answered
    (``head`` None then: no push carried one yet); else ``why`` says why it was not asked."""

    checked: bool
    head: Head | None = None
    why: str = ""


def server_head(store: Any, app_id: str, sync: Any) -> ServerHead:
    """Read this machine's head from the app item on the server (one GetItem through the sync
    engine's remote, behind its ownership gate). Never raises: offline, signed out or no
    backend is ``checked=False`` with the reason in plain words."""
    from desktop_app.sync import audit_heads
    from desktop_app.sync.keys import appid_for

    try:
        engine = sync.engine() if sync is not None else None
    except Exception:  # noqa: BLE001 — e.g. signed out: the end is not checked, said so
        return ServerHead(False, why="not signed in")
    if engine is None:
        return ServerHead(False, why="no sync backend is configured (working offline)")
    appid = appid_for(engine.identity_id, app_id)
    try:
        found = engine.remote.get_items(
            [(("app", appid), {"appid": appid, "zoneinfo": engine.identity_id})]
        )
    except Exception:  # noqa: BLE001 — offline, throttled, refused: said, never a crash
        return ServerHead(False, why="the server could not be reached")
    head = audit_heads.read_head(found.get(("app", appid)), audit_heads.machine_id(store))
    return ServerHead(True, None if head is None else Head(*head))


def application_known(store: Any, app_id: str) -> bool:
    with store.uow() as uow:
        return bool(uow.applications.exists(app_id))


def receipt_lines(receipt: dict[str, Any]) -> list[str]:
    """The receipt in plain lines (the command line; the details pane shows the same)."""
    lines = [
        f"Sync state:     {receipt.get('state')}",
        f"Remote version: {receipt.get('remote_version') or '-'}",
        f"Last synced:    {receipt.get('last_synced_at') or 'never'}",
    ]
    tables = receipt.get("tables") or {}
    if not tables:
        lines.append("Not on the server yet.")
    for table, entries in tables.items():
        for e in entries:
            lines.append(
                f"  {table:<16} version {e['version']:<4} {e['content_hash'][:16]}…  "
                f"confirmed {e['confirmed_at']}"
            )
    attention = receipt.get("needs_attention")
    if attention:
        lines.append(f"Needs attention: {attention['reason']}")
    if receipt.get("conflicts"):
        lines.append(f"Conflicts: {', '.join(receipt['conflicts'])}")
    return lines


@dataclass(frozen=True)
class AttentionItem:
    """One application that needs the agent, with the reason in plain words."""

    application_id: str
    applicant: str
    reason: str
    #: "attention": a field must change (``field`` names it); "conflict": choose values.
    kind: str
    step: str = ""
    field: str = ""


def attention_items(store: Any) -> list[AttentionItem]:
    """Every application that needs the agent: conflicts first, then what the server refused
    until a field changes. Names come from the list's summaries."""
    from desktop_app.services.summaries import SummariesService
    from desktop_app.wizard.steps import step_for_field

    names = {r.id: r.applicant_name for r in SummariesService(store).list()}
    with sync_uow(store) as uow:
        conflicted = sorted(uow.sync.conflicted_ids())
        attention = uow.sync.attention()
    out = [
        AttentionItem(a, names.get(a, ""), _("Changed here and on another computer: choose "
                                             "which values to keep"), "conflict")
        for a in conflicted
    ]
    out += [
        # The reason and step were stored in the language of the sync that found them: a
        # reason from the catalog, and the step of the field, are shown in today's language.
        AttentionItem(a.application_id, names.get(a.application_id, ""), _(a.reason) if a.reason else "",
                      "attention", (step_for_field(a.field) if a.field else "") or a.step,
                      a.field)
        for a in attention if a.application_id not in conflicted
    ]
    return out


def deliveries(store: Any, app_id: str) -> list[str]:
    """One plain line per webhook delivery of the application (when this install sends
    webhooks); [] otherwise."""
    try:
        from desktop_app.services.webhooks import outbox
    except ImportError:
        return []
    try:
        with store.engine.connect() as conn:
            found = outbox.for_application(conn, app_id)
    except Exception:  # noqa: BLE001 — no deliveries table yet: nothing to show
        return []
    from desktop_app.services.webhooks.review import OUTCOME_LABELS

    lines = []
    for d in found:
        status = f"HTTP {d.last_status}" if d.last_status else _("not answered yet")
        state = OUTCOME_LABELS.get(d.state)
        attempts = ngettext("{n} attempt", "{n} attempts", d.attempts).format(n=d.attempts)
        lines.append(
            _("{event} (revision {revision}): {state}, {attempts}, {status}").format(
                event=d.event_type, revision=d.revision, state=_(state) if state else d.state,
                attempts=attempts, status=status)
        )
    return lines


@dataclass
class Details:
    """What the details pane shows for one application."""

    app: Application
    receipt: dict[str, Any]
    deliveries: list[str]
    attention: list[AttentionItem]
    audit_summary: dict[str, Any]


def application_details(store: Any, app: Application) -> Details:
    items = [i for i in attention_items(store) if i.application_id == app.id]
    return Details(
        app=app,
        receipt=application_receipt(store, app.id),
        deliveries=deliveries(store, app.id),
        attention=items,
        audit_summary=AuditTrail(store).summary(app.id),
    )
