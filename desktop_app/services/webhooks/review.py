"""What the review shows of an application's webhooks (Qt-free): each delivery's outcome, and
each person's screening summary from the latest answer — the allow-listed fields only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_app.domain.models import Application, Role
from desktop_app.i18n import N_, _, ngettext
from desktop_app.services.webhooks import outbox, response

ROLE_LABELS = {Role.APPLICANT: "Applicant", Role.CO_APPLICANT: "Co-applicant", Role.GUARANTOR: "Guarantor"}
#: Each delivery state's words in English (the catalog's msgids), translated where shown.
OUTCOME_LABELS = {
    outbox.PENDING: N_("waiting"),
    outbox.DELIVERED: N_("delivered"),
    outbox.FAILED: N_("needs attention"),
    outbox.DISABLED: N_("endpoint gone"),
}


@dataclass
class DeliveryRow:
    id: str
    sent: bool  # an attempt was made (else: queued)
    when: str
    endpoint: str
    outcome: str
    detail: str
    can_resend: bool


@dataclass
class PersonSummary:
    name: str
    role: str
    fields: dict[str, Any]


@dataclass
class WebhookReview:
    deliveries: list[DeliveryRow] = field(default_factory=list)
    people: list[PersonSummary] = field(default_factory=list)


def _detail(d: outbox.Delivery) -> str:
    parts = []
    if d.last_status is not None:
        parts.append(f"HTTP {d.last_status}")
    if d.duration_ms is not None and d.attempts:
        parts.append(f"{d.duration_ms} ms")
    if d.attempts > 1:
        parts.append(ngettext("{n} attempt", "{n} attempts", d.attempts).format(n=d.attempts))
    if d.state == outbox.PENDING and d.attempts:
        parts.append(_("next try {when} UTC").format(
            when=d.next_attempt_at[:16].replace("T", " ")))
    reason = d.last_reason
    if d.last_status is not None and reason.startswith(f"HTTP {d.last_status}"):
        reason = reason[len(f"HTTP {d.last_status}"):].lstrip(" :")  # the phrase only
    if reason:
        parts.append(reason)
    return " · ".join(parts)


def review_of(store: Any, app: Application) -> WebhookReview:
    with store.engine.connect() as conn:
        deliveries = outbox.for_application(conn, app.id)
    out = WebhookReview()
    for d in deliveries:
        when = d.last_attempt_at or d.created_at  # ISO-8601 UTC: the UI shows it in local time
        outcome = OUTCOME_LABELS.get(d.state)
        out.deliveries.append(
            DeliveryRow(
                d.id, d.attempts > 0, when, d.endpoint or "—", _(outcome) if outcome else d.state,
                _detail(d), d.state in (outbox.FAILED, outbox.DISABLED),
            )
        )
    answered = [d for d in deliveries if d.state == outbox.DELIVERED and d.response_body]
    if not answered:
        return out
    by_id = {p.id: (role, p) for role, p in app.people()}
    own = {uid for uid in _user_ids(answered[-1].response_body) if uid.rpartition("#")[2] in by_id}
    answer = response.parse(answered[-1].response_body, own)
    for user_id, part in answer.people.items():
        role, person = by_id[user_id.rpartition("#")[2]]
        clear, _rest = response.split_clear(part)
        out.people.append(PersonSummary(person.full_name or "—", ROLE_LABELS[role], clear))
    return out


def _user_ids(body: str | None) -> list[str]:
    return [*response.parse(body, set()).refused]
