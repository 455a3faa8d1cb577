"""What the PDF of an application says, as HTML sections for ``QTextDocument`` (docs/records.md,
"PDF of an application"); the data comes from ``services/records.py``. Qt-free:
``pdf_export.py`` paints it.

Each section is one function in :data:`SECTIONS` taking a :class:`PdfInput` and returning its
HTML (or "" to leave it out), so a section is added by one function and one line. Every value
is escaped; the SSN is masked unless ``full_ssn``."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from html import escape
from typing import Any

from desktop_app.domain.fields import mask_ssn
from desktop_app.domain.models import Address, Person, Role
from desktop_app.domain.nyc_rules import DEFAULT_PROFILE, qualify
from desktop_app.services.records import PdfInput

#: Entries listed in full; older ones are counted in the summary.
MAX_AUDIT_ROWS = 200

ROLE_WORDS = {
    Role.APPLICANT: "Primary applicant",
    Role.CO_APPLICANT: "Co-applicant",
    Role.GUARANTOR: "Guarantor",
}


def signature_url(person_id: str) -> str:
    """The resource name a signature image is registered under in the document."""
    return f"signature-{person_id}.png"


def _e(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return escape(str(value))


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"${value:,.2f}"


def _rows(pairs: list[tuple[str, Any]]) -> str:
    cells = "".join(f"<tr><td class='k'>{escape(k)}</td><td>{v}</td></tr>" for k, v in pairs)
    return f"<table class='kv'>{cells}</table>"


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table class='grid'><tr>{th}</tr>{body}</table>"


def _address(a: Address) -> str:
    if a.is_empty():
        return "—"
    return _e(", ".join(p for p in (f"{a.street} {a.unit}".strip(), a.city, a.state, a.zip) if p))


def section_application(d: PdfInput) -> str:
    info = d.app.application_info
    fee = "waived (report dated " + _e(info.report_date) + ")" if info.fee_waived else _money(
        info.application_fee)
    return "<h2>Application</h2>" + _rows([
        ("Building", _e(info.building_address)),
        ("Unit", _e(info.unit)),
        ("Monthly rent", _money(info.monthly_rent)),
        ("Move-in date", _e(info.move_in_date)),
        ("Lease term", _e(f"{info.lease_term_months} months" if info.lease_term_months else "")),
        ("Application fee", fee),
        ("Broker engaged by", _e(info.broker_engaged_by.value or "no broker")),
        ("Broker fee", _money(info.broker_fee)),
        ("Status", _e(d.app.status.value)),
        ("Submitted", _e(d.app.submitted_at)),
        ("Amends", _e(d.app.amends)),
    ])


def _person(role: Role, p: Person, full_ssn: bool) -> str:
    ssn = escape(p.ssn) if full_ssn else _e(mask_ssn(p.ssn))
    other = ", ".join(
        f"{i.source.value} {_money(i.monthly_amount)}/month" for i in p.other_income
    )
    banks = ", ".join(
        f"{b.institution} {b.account_type} {_money(b.approximate_balance)}"
        for b in p.bank_accounts
    )
    e = p.employment
    return f"<h3>{ROLE_WORDS[role]}: {_e(p.full_name)}</h3>" + _rows([
        ("Date of birth", _e(p.date_of_birth)),
        ("SSN / ITIN", ssn),
        ("E-mail", _e(p.email)),
        ("Phone", _e(p.phone)),
        ("Current address", _address(p.current_address)),
        ("Years at address", _e(p.years_at_address)),
        ("Previous address", _address(p.previous_address)),
        ("Landlord", _e(f"{p.landlord_name} {p.landlord_phone}".strip())),
        ("Monthly housing payment", _money(p.monthly_housing_payment)),
        ("Employment", _e(" · ".join(x for x in (e.status.value, e.employer, e.title) if x))),
        ("Annual income", _money(p.annual_income)),
        ("Other income", _e(other)),
        ("Bank accounts", _e(banks)),
        ("Relationship", _e(p.relationship)),
    ])


def section_people(d: PdfInput) -> str:
    warning = (
        "<p class='warn'>This copy shows full SSNs at the agent's request. Keep it private.</p>"
        if d.full_ssn else ""
    )
    people = "".join(_person(role, p, d.full_ssn) for role, p in d.app.people())
    return "<h2>People</h2>" + warning + people


def section_occupants(d: PdfInput) -> str:
    rows = [
        [_e(o.full_name), _e(o.relationship), _e(o.date_of_birth), _e(p.full_name)]
        for _, p in d.app.people() for o in p.occupants
    ]
    if not rows:
        return "<h2>Occupants</h2><p>None listed.</p>"
    return "<h2>Occupants</h2>" + _table(["Name", "Relationship", "Date of birth", "Listed by"],
                                         rows)


def section_income(d: PdfInput) -> str:
    profile = d.profile or DEFAULT_PROFILE
    q = qualify(d.app, profile)
    pairs = [
        ("Monthly rent", _money(q.monthly_rent)),
        ("Applicant multiple", _e(f"{profile.applicant_multiple}×")),
        ("Guarantor multiple", _e(f"{profile.guarantor_multiple}×")),
    ]
    share = getattr(q, "tenant_share", None)
    if share is not None:
        pairs += [("Housing subsidy per month", _money(getattr(q, "monthly_subsidy", None))),
                  ("Tenant share of the rent", _money(share))]
    pairs += [
        ("Household income per year", _money(q.household_income)),
        ("Required per year", _money(q.required_income)),
        ("Household qualifies", "yes" if q.household_qualifies else
         f"no (short by {_money(q.shortfall)})"),
        ("Guarantor required per year", _money(q.guarantor_required_income)),
        ("Qualifying guarantors", _e(len(q.qualifying_guarantors))),
    ]
    return "<h2>Income qualification</h2>" + _rows(pairs)


def section_documents(d: PdfInput) -> str:
    rows = [
        [_e(doc.kind.value), _e(doc.file_name), _e(f"{doc.size:,} bytes"),
         f"<span class='hash'>{_e(doc.sha256)}</span>"]
        for doc in d.app.documents
    ]
    if not rows:
        return "<h2>Documents</h2><p>None attached.</p>"
    return "<h2>Documents</h2>" + _table(["Kind", "File", "Size", "SHA-256"], rows)


def section_signatures(d: PdfInput) -> str:
    if not d.app.signatures:
        return "<h2>Signatures</h2><p>Not signed.</p>"
    parts = ["<h2>Signatures</h2>"]
    for s in d.app.signatures:
        image = (f"<img src='{signature_url(s.person_id)}' width='240'><br>"
                 if s.image_png else "")
        parts.append(
            f"<h3>{_e(s.signer_name)}</h3>{image}"
            + _rows([
                ("Signed at", _e(s.signed_at)),
                ("Hash of what was signed", f"<span class='hash'>{_e(s.content_hash)}</span>"),
            ])
        )
        text = d.consent.get(s.person_id)
        if text:
            parts.append("<p class='consent'>" + escape(text).replace("\n", "<br>") + "</p>")
    return "".join(parts)


def section_receipt(d: PdfInput) -> str:
    r = d.receipt
    head = _rows([
        ("Sync state", _e(r.get("state", "never synced"))),
        ("Remote version", _e(r.get("remote_version", 0))),
        ("Last synced", _e(r.get("last_synced_at"))),
    ])
    rows = [
        [_e(table), _e(e.get("version")),
         f"<span class='hash'>{_e(e.get('content_hash', ''))}</span>", _e(e.get("confirmed_at"))]
        for table, entries in sorted((r.get("tables") or {}).items()) for e in entries
    ]
    grid = _table(["Table", "Version", "Content hash", "Confirmed"], rows) if rows else (
        "<p>Not on the server yet.</p>")
    return "<h2>Sync receipt</h2>" + head + grid


def section_audit(d: PdfInput) -> str:
    s = d.audit_summary
    counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(s.get("counts", {}).items()))
    head = _rows([
        ("Entries", _e(s.get("length", len(d.audit)))),
        ("From", _e(s.get("first"))),
        ("To", _e(s.get("last"))),
        ("Actions", _e(counts)),
        ("Latest hash", f"<span class='hash'>{_e(s.get('head'))}</span>"),
    ])
    shown = d.audit[-MAX_AUDIT_ROWS:]
    rows = [[_e(e.seq), _e(e.at), _e(e.describe()), _e(e.account), _e(e.machine)] for e in shown]
    more = (f"<p>The {len(d.audit) - len(shown)} earlier entries are counted above.</p>"
            if len(d.audit) > len(shown) else "")
    return ("<h2>Audit trail</h2>" + head + more
            + _table(["#", "When", "What", "Account", "Machine"], rows))


SECTIONS: list[Callable[[PdfInput], str]] = [
    section_application,
    section_people,
    section_occupants,
    section_income,
    section_documents,
    section_signatures,
    section_receipt,
    section_audit,
]

STYLE = """
body { font-family: sans-serif; font-size: 9pt; }
h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 14px; } h3 { font-size: 10pt; }
table.kv td.k { color: #555; padding-right: 12px; }
table.grid { border-collapse: collapse; } table.grid th, table.grid td { border: 1px solid #999;
padding: 2px 4px; }
.hash { font-family: monospace; font-size: 7pt; } .warn { color: #a00; font-weight: bold; }
.consent { font-size: 7pt; color: #333; }
"""


def application_html(d: PdfInput) -> str:
    title = f"Rental application — {_e(d.app.primary_applicant.full_name)}"
    body = "".join(section(d) for section in SECTIONS)
    return f"<html><head><style>{STYLE}</style></head><body><h1>{title}</h1>{body}</body></html>"
