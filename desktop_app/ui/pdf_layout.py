"""What the PDF of an application says, as HTML sections for ``QTextDocument`` (docs/records.md,
"PDF of an application"); the data comes from ``services/records.py``. ``pdf_export.py``
paints it. Its words go through Qt's catalog (context ``PdfLayout``), so the PDF is in the
app's language; values (names, addresses, hashes) stay as typed.

Each section is one function in :data:`SECTIONS` taking a :class:`PdfInput` and returning its
HTML (or "" to leave it out), so a section is added by one function and one line. Every value
is escaped; the SSN is masked unless ``full_ssn``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from html import escape
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop_app.domain.fields import mask_ssn
from desktop_app.domain.models import (
    Address,
    BrokerEngagement,
    DocumentKind,
    EmploymentStatus,
    IncomeSource,
    Person,
    Role,
    Status,
)
from desktop_app.domain.nyc_rules import DEFAULT_PROFILE, qualify
from desktop_app.services.audit import action_words
from desktop_app.services.records import PdfInput

#: Entries listed in full; older ones are counted in the summary.
MAX_AUDIT_ROWS = 200



def translate(context: str, text: str) -> str:
    """``text`` from Qt's catalog (``pyside6-lupdate`` finds the calls by this name)."""
    return QCoreApplication.translate(context, text)


#: The English words of values, translated where shown (the enum's value when not listed).
WORDS: dict[str, str] = {
    Role.APPLICANT: QT_TRANSLATE_NOOP("PdfLayout", "Primary applicant"),
    Role.CO_APPLICANT: QT_TRANSLATE_NOOP("PdfLayout", "Co-applicant"),
    Role.GUARANTOR: QT_TRANSLATE_NOOP("PdfLayout", "Guarantor"),
    Status.DRAFT: QT_TRANSLATE_NOOP("PdfLayout", "draft"),
    Status.SUBMITTED: QT_TRANSLATE_NOOP("PdfLayout", "submitted"),
    BrokerEngagement.LANDLORD: QT_TRANSLATE_NOOP("PdfLayout", "landlord"),
    BrokerEngagement.TENANT: QT_TRANSLATE_NOOP("PdfLayout", "tenant"),
    EmploymentStatus.EMPLOYED: QT_TRANSLATE_NOOP("PdfLayout", "employed"),
    EmploymentStatus.SELF_EMPLOYED: QT_TRANSLATE_NOOP("PdfLayout", "self-employed"),
    EmploymentStatus.UNEMPLOYED: QT_TRANSLATE_NOOP("PdfLayout", "unemployed"),
    EmploymentStatus.RETIRED: QT_TRANSLATE_NOOP("PdfLayout", "retired"),
    EmploymentStatus.STUDENT: QT_TRANSLATE_NOOP("PdfLayout", "student"),
    IncomeSource.HOUSING_VOUCHER: QT_TRANSLATE_NOOP("PdfLayout", "housing voucher"),
    IncomeSource.PUBLIC_BENEFITS: QT_TRANSLATE_NOOP("PdfLayout", "public benefits"),
    IncomeSource.SOCIAL_SECURITY: QT_TRANSLATE_NOOP("PdfLayout", "Social Security"),
    IncomeSource.PENSION: QT_TRANSLATE_NOOP("PdfLayout", "pension"),
    IncomeSource.CHILD_SUPPORT: QT_TRANSLATE_NOOP("PdfLayout", "child support"),
    IncomeSource.ALIMONY: QT_TRANSLATE_NOOP("PdfLayout", "alimony"),
    IncomeSource.INVESTMENT: QT_TRANSLATE_NOOP("PdfLayout", "investment"),
    IncomeSource.OTHER: QT_TRANSLATE_NOOP("PdfLayout", "other"),
    DocumentKind.GOVERNMENT_ID: QT_TRANSLATE_NOOP("PdfLayout", "government ID"),
    DocumentKind.PAY_STUB: QT_TRANSLATE_NOOP("PdfLayout", "pay stub"),
    DocumentKind.BANK_STATEMENT: QT_TRANSLATE_NOOP("PdfLayout", "bank statement"),
    DocumentKind.TAX_RETURN: QT_TRANSLATE_NOOP("PdfLayout", "tax return"),
    DocumentKind.EMPLOYMENT_LETTER: QT_TRANSLATE_NOOP("PdfLayout", "employment letter"),
    DocumentKind.VOUCHER_LETTER: QT_TRANSLATE_NOOP("PdfLayout", "voucher letter"),
    DocumentKind.BENEFITS_LETTER: QT_TRANSLATE_NOOP("PdfLayout", "benefits letter"),
    DocumentKind.CREDIT_REPORT: QT_TRANSLATE_NOOP("PdfLayout", "credit report"),
    # A bank account's type: picked from the wizard's list (typed freely otherwise).
    "checking": QT_TRANSLATE_NOOP("PdfLayout", "checking"),
    "savings": QT_TRANSLATE_NOOP("PdfLayout", "savings"),
    "brokerage": QT_TRANSLATE_NOOP("PdfLayout", "brokerage"),
}


def _word(value: str) -> str:
    """A value's word in the app's language (its stored value when it has no word)."""
    english = WORDS.get(value)
    return value if english is None else translate("PdfLayout", english)


def signature_url(person_id: str) -> str:
    """The resource name a signature image is registered under in the document."""
    return f"signature-{person_id}.png"


def _e(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return escape(str(value))


def record_time(value: Any) -> str:
    """A time on the record in this computer's local time, to the second, with its zone
    (``2026-12-01 12:39:41 EST``): unambiguous for whoever reads the printout. A stored ISO
    string is parsed; anything else is shown as it is."""
    if value is None or value == "":
        return "—"
    when = value
    if not isinstance(when, datetime):
        try:
            when = datetime.fromisoformat(str(value))
        except ValueError:
            return escape(str(value))
    aware = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return escape(aware.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z"))


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


def _months(months: int | None) -> str:
    if not months:
        return ""
    if months == 1:
        return translate("PdfLayout", "1 month")
    return translate("PdfLayout", "{count} months").format(count=months)


def section_application(d: PdfInput) -> str:
    info = d.app.application_info
    fee = _e(translate("PdfLayout", "waived (report dated {date})").format(
        date=info.report_date or "—")) if info.fee_waived else _money(info.application_fee)
    months = info.lease_term_months
    return "<h2>" + translate("PdfLayout", "Application") + "</h2>" + _rows([
        (translate("PdfLayout", "Building"), _e(info.building_address)),
        (translate("PdfLayout", "Unit"), _e(info.unit)),
        (translate("PdfLayout", "Monthly rent"), _money(info.monthly_rent)),
        (translate("PdfLayout", "Move-in date"), _e(info.move_in_date)),
        (translate("PdfLayout", "Lease term"), _e(_months(months))),
        (translate("PdfLayout", "Application fee"), fee),
        (translate("PdfLayout", "Broker engaged by"), _e(_word(info.broker_engaged_by) or translate("PdfLayout", "no broker"))),
        (translate("PdfLayout", "Broker fee"), _money(info.broker_fee)),
        (translate("PdfLayout", "Status"), _e(_word(d.app.status))),
        (translate("PdfLayout", "Submitted"), record_time(d.app.submitted_at)),
        (translate("PdfLayout", "Amends"), _e(d.app.amends)),
    ])


def _person(role: Role, p: Person, full_ssn: bool) -> str:
    ssn = escape(p.ssn) if full_ssn else _e(mask_ssn(p.ssn))
    other = ", ".join(
        translate("PdfLayout", "{source} {amount}/month").format(
            source=_word(i.source), amount=_money(i.monthly_amount))
        for i in p.other_income
    )
    banks = ", ".join(
        f"{b.institution} {_word(b.account_type.lower())} {_money(b.approximate_balance)}"
        for b in p.bank_accounts
    )
    e = p.employment
    return f"<h3>{escape(_word(role))}: {_e(p.full_name)}</h3>" + _rows([
        (translate("PdfLayout", "Date of birth"), _e(p.date_of_birth)),
        (translate("PdfLayout", "SSN / ITIN"), ssn),
        (translate("PdfLayout", "E-mail"), _e(p.email)),
        (translate("PdfLayout", "Phone"), _e(p.phone)),
        (translate("PdfLayout", "Current address"), _address(p.current_address)),
        (translate("PdfLayout", "Years at address"), _e(p.years_at_address)),
        (translate("PdfLayout", "Previous address"), _address(p.previous_address)),
        (translate("PdfLayout", "Landlord"), _e(f"{p.landlord_name} {p.landlord_phone}".strip())),
        (translate("PdfLayout", "Monthly housing payment"), _money(p.monthly_housing_payment)),
        (translate("PdfLayout", "Employment"), _e(" · ".join(x for x in (_word(e.status), e.employer, e.title) if x))),
        (translate("PdfLayout", "Annual income"), _money(p.annual_income)),
        (translate("PdfLayout", "Other income"), _e(other)),
        (translate("PdfLayout", "Bank accounts"), _e(banks)),
        (translate("PdfLayout", "Relationship"), _e(p.relationship)),
    ])


def section_people(d: PdfInput) -> str:
    warning = (
        "<p class='warn'>" + escape(translate(
            "PdfLayout", "This copy shows full SSNs at the agent's request. Keep it private."
        )) + "</p>" if d.full_ssn else ""
    )
    people = "".join(_person(role, p, d.full_ssn) for role, p in d.app.people())
    return "<h2>" + translate("PdfLayout", "People") + "</h2>" + warning + people


def section_occupants(d: PdfInput) -> str:
    rows = [
        [_e(o.full_name), _e(o.relationship), _e(o.date_of_birth), _e(p.full_name)]
        for _, p in d.app.people() for o in p.occupants
    ]
    head = "<h2>" + translate("PdfLayout", "Occupants") + "</h2>"
    if not rows:
        return head + "<p>" + translate("PdfLayout", "None listed.") + "</p>"
    return head + _table([
        translate("PdfLayout", "Name"), translate("PdfLayout", "Relationship"),
        translate("PdfLayout", "Date of birth"), translate("PdfLayout", "Listed by"),
    ], rows)


def section_income(d: PdfInput) -> str:
    profile = d.profile or DEFAULT_PROFILE
    q = qualify(d.app, profile)
    pairs = [
        (translate("PdfLayout", "Monthly rent"), _money(q.monthly_rent)),
        (translate("PdfLayout", "Applicant multiple"), _e(f"{profile.applicant_multiple}×")),
        (translate("PdfLayout", "Guarantor multiple"), _e(f"{profile.guarantor_multiple}×")),
    ]
    share = getattr(q, "tenant_share", None)
    if share is not None:
        pairs += [(translate("PdfLayout", "Housing subsidy per month"), _money(getattr(q, "monthly_subsidy", None))),
                  (translate("PdfLayout", "Tenant share of the rent"), _money(share))]
    pairs += [
        (translate("PdfLayout", "Household income per year"), _money(q.household_income)),
        (translate("PdfLayout", "Required per year"), _money(q.required_income)),
        (translate("PdfLayout", "Household qualifies"),
         translate("PdfLayout", "yes") if q.household_qualifies else
         _e(translate("PdfLayout", "no (short by {amount})").format(amount=_money(q.shortfall)))),
        (translate("PdfLayout", "Guarantor required per year"), _money(q.guarantor_required_income)),
        (translate("PdfLayout", "Qualifying guarantors"), _e(len(q.qualifying_guarantors))),
    ]
    return "<h2>" + translate("PdfLayout", "Income qualification") + "</h2>" + _rows(pairs)


def section_documents(d: PdfInput) -> str:
    rows = [
        [_e(_word(doc.kind)), _e(doc.file_name),
         _e(translate("PdfLayout", "{size} bytes").format(size=f"{doc.size:,}")),
         f"<span class='hash'>{_e(doc.sha256)}</span>"]
        for doc in d.app.documents
    ]
    head = "<h2>" + translate("PdfLayout", "Documents") + "</h2>"
    if not rows:
        return head + "<p>" + translate("PdfLayout", "None attached.") + "</p>"
    return head + _table([translate("PdfLayout", "Kind"), translate("PdfLayout", "File"),
                          translate("PdfLayout", "Size"), "SHA-256"], rows)


def section_signatures(d: PdfInput) -> str:
    head = "<h2>" + translate("PdfLayout", "Signatures") + "</h2>"
    if not d.app.signatures:
        return head + "<p>" + translate("PdfLayout", "Not signed.") + "</p>"
    parts = [head]
    for s in d.app.signatures:
        image = (f"<img src='{signature_url(s.person_id)}' width='240'><br>"
                 if s.image_png else "")
        parts.append(
            f"<h3>{_e(s.signer_name)}</h3>{image}"
            + _rows([
                (translate("PdfLayout", "Signed at"), record_time(s.signed_at)),
                (translate("PdfLayout", "Hash of what was signed"), f"<span class='hash'>{_e(s.content_hash)}</span>"),
            ])
        )
        text = d.consent.get(s.person_id)
        if text:
            parts.append("<p class='consent'>" + escape(text).replace("\n", "<br>") + "</p>")
    return "".join(parts)


def _state_words(state: Any) -> str:
    """The sync state as the details pane words it, in the current language."""
    from desktop_app.ui.receipt_view import STATE_WORDS

    known = STATE_WORDS.get(str(state))
    if known:
        return translate("ReceiptView", known)
    return translate("PdfLayout", "never synced") if state is None else str(state)


def section_receipt(d: PdfInput) -> str:
    r = d.receipt
    head = _rows([
        (translate("PdfLayout", "Sync state"), _e(_state_words(r.get("state")))),
        (translate("PdfLayout", "Remote version"), _e(r.get("remote_version", 0))),
        (translate("PdfLayout", "Last synced"), record_time(r.get("last_synced_at"))),
    ])
    rows = [
        [_e(table), _e(e.get("version")),
         f"<span class='hash'>{_e(e.get('content_hash', ''))}</span>", record_time(e.get("confirmed_at"))]
        for table, entries in sorted((r.get("tables") or {}).items()) for e in entries
    ]
    grid = _table([
        translate("PdfLayout", "Table"), translate("PdfLayout", "Version"),
        translate("PdfLayout", "Content hash"), translate("PdfLayout", "Confirmed"),
    ], rows) if rows else ("<p>" + translate("PdfLayout", "Not on the server yet.") + "</p>")
    return "<h2>" + translate("PdfLayout", "Sync receipt") + "</h2>" + head + grid


def section_audit(d: PdfInput) -> str:
    s = d.audit_summary
    counts = ", ".join(f"{action_words(k)} {v}" for k, v in sorted(s.get("counts", {}).items()))
    head = _rows([
        (translate("PdfLayout", "Entries"), _e(s.get("length", len(d.audit)))),
        (translate("PdfLayout", "From"), record_time(s.get("first"))),
        (translate("PdfLayout", "To"), record_time(s.get("last"))),
        (translate("PdfLayout", "Actions"), _e(counts)),
        (translate("PdfLayout", "Latest hash"), f"<span class='hash'>{_e(s.get('head'))}</span>"),
    ])
    shown = d.audit[-MAX_AUDIT_ROWS:]
    rows = [[_e(e.seq), record_time(e.at), _e(e.describe()), _e(e.account), _e(e.machine)] for e in shown]
    earlier = len(d.audit) - len(shown)
    more = "" if earlier <= 0 else "<p>" + escape(
        translate("PdfLayout", "The earlier entry is counted above.") if earlier == 1 else
        translate("PdfLayout", "The {count} earlier entries are counted above.").format(
            count=earlier)) + "</p>"
    return ("<h2>" + translate("PdfLayout", "Audit trail") + "</h2>" + head + more
            + _table(["#", translate("PdfLayout", "When"), translate("PdfLayout", "What"),
                      translate("PdfLayout", "Account"), translate("PdfLayout", "Machine")], rows))


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
    title = escape(translate("PdfLayout", "Rental application — {name}").format(
        name=d.app.primary_applicant.full_name or "—"))
    body = "".join(section(d) for section in SECTIONS)
    return f"<html><head><style>{STYLE}</style></head><body><h1>{title}</h1>{body}</body></html>"
