"""What a signature covers: a hash of what people entered on the application at signing. An
edit after signing changes the hash, so the signature reads "changed since signed" and submit
waits for the person to sign again. Bookkeeping that is not content (status, step, timestamps,
where a document's bytes are stored, ids) and data LeaseDesk only keeps for other systems
("Other data": ``other`` and ``unknown``) are never covered, so syncing, moving between steps
or another system's write breaks nothing.

Each signature stores the ``scheme`` its hash was taken with, and is checked with that scheme:

- 1: the application's whole content as the model held it before coverage was listed
  (every signature made before scheme 2; still verifies exactly as it did).
- 2: the explicit lists below, :data:`APPLICATION_FIELDS`, :data:`PERSON_FIELDS` (with the
  nested :data:`NESTED_FIELDS`) and :data:`DOCUMENT_FIELDS`.
- 3: scheme 2 with :data:`APPLICATION_FIELDS_3` (who engaged the broker, the broker fee) and
  the consent text shown at signing (``domain/consent.py``): its version, language and the
  SHA-256 of the text. New signatures use it; the signature records the version and
  language, so it is checked against the text it was shown even after a later version ships.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desktop_app.domain import consent as consents
from desktop_app.domain.canonical import content_hash
from desktop_app.domain.consent import ConsentError, ConsentText
from desktop_app.domain.models import OTHER_FIELDS, Application, BaseModel, Signature, utcnow

LEGACY_SCHEME = 1
LISTED_SCHEME = 2
LATEST_SCHEME = 3
KNOWN_SCHEMES = (LEGACY_SCHEME, LISTED_SCHEME, LATEST_SCHEME)

NOT_SIGNED = {"signatures", "status", "current_step", "created_at", "updated_at", "submitted_at", "amends"}
DOCUMENT_BOOKKEEPING = {"storage_mode", "s3_key", "added_at"}

#: Scheme 2: what people entered, field by field.
APPLICATION_FIELDS = (
    "building_address", "unit", "monthly_rent", "move_in_date", "lease_term_months",
    "application_fee", "fee_waived", "report_date", "referral_source", "notes",
)
PERSON_FIELDS = (
    "first_name", "middle_name", "last_name", "date_of_birth", "ssn", "email", "phone",
    "current_address", "years_at_address", "previous_address", "landlord_name",
    "landlord_phone", "monthly_housing_payment", "employment", "annual_income",
    "other_income", "bank_accounts", "relationship", "occupants",
)
#: Scheme 3: scheme 2's list and the broker fields.
APPLICATION_FIELDS_3 = (*APPLICATION_FIELDS, "broker_engaged_by", "broker_fee")
#: The fields of the maps and lists inside a person that scheme 2 covers.
NESTED_FIELDS: dict[str, tuple[str, ...]] = {
    "current_address": ("street", "unit", "city", "state", "zip"),
    "previous_address": ("street", "unit", "city", "state", "zip"),
    "employment": ("status", "employer", "title", "start_date", "employer_phone"),
    "other_income": ("source", "description", "monthly_amount"),
    "bank_accounts": ("institution", "account_type", "approximate_balance"),
    "occupants": ("full_name", "relationship", "date_of_birth"),
}
#: A document's ``person_id`` is covered as the place of its person (``co_applicants[0]``).
DOCUMENT_FIELDS = ("kind", "file_name", "content_type", "size", "sha256")
FLOW_FIELDS = ("flow_type", "flow_version")


def _without_other(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_other(v) for k, v in value.items() if k not in OTHER_FIELDS}
    if isinstance(value, list):
        return [_without_other(v) for v in value]
    return value


#: Fields the model gained after scheme 1, with their defaults: left out of its body while at
#: them, so the whole content reads as it did (a value set is an edit since signing).
ADDED_AFTER_SCHEME1: dict[str, dict[str, Any]] = {
    "application_info": {"broker_engaged_by": "", "broker_fee": None},
}


def _scheme1_body(app: Application) -> dict[str, Any]:
    body: dict[str, Any] = _without_other(app.model_dump(mode="json", exclude=NOT_SIGNED))
    for part, defaults in ADDED_AFTER_SCHEME1.items():
        for name, default in defaults.items():
            if body[part].get(name, default) == default:
                body[part].pop(name, None)
    for doc in body.get("documents", []):
        for key in DOCUMENT_BOOKKEEPING:
            doc.pop(key, None)
    return body


def _pick(model: BaseModel, names: tuple[str, ...], mode: str = "json") -> dict[str, Any]:
    dumped = model.model_dump(mode=mode, include=set(names))
    out: dict[str, Any] = {}
    for name in names:
        value = dumped[name]
        inner = NESTED_FIELDS.get(name)
        if inner is not None:
            if isinstance(value, list):
                value = [{k: v[k] for k in inner} for v in value]
            else:
                value = {k: value[k] for k in inner}
        out[name] = value
    return out


def _scheme2_body(
    app: Application, app_fields: tuple[str, ...] = APPLICATION_FIELDS, mode: str = "json"
) -> dict[str, Any]:
    places = {}
    people = []
    for role, person in app.people():
        same = [p for r, p in app.people() if r is role]
        place = role.value if len(same) == 1 and role.value == "applicant" else (
            f"{role.value}[{next(i for i, p in enumerate(same) if p is person)}]"
        )
        places[person.id] = place
        people.append({"place": place, **_pick(person, PERSON_FIELDS, mode)})
    documents = [
        {"person": places.get(d.person_id, ""), **_pick(d, DOCUMENT_FIELDS, mode)} for d in app.documents
    ]
    return {
        "scheme": LISTED_SCHEME,
        "flow": {k: getattr(app, k) for k in FLOW_FIELDS},
        "application_info": _pick(app.application_info, app_fields, mode),
        "people": people,
        "documents": documents,
    }


def _scheme3_body(app: Application, consent: ConsentText | None) -> dict[str, Any]:
    """Numbers stay ``Decimal`` here, so the canonical JSON writes each in one form
    ("2500.00" and the "2500" DynamoDB hands back hash the same)."""
    body = _scheme2_body(app, APPLICATION_FIELDS_3, mode="python")
    body["scheme"] = LATEST_SCHEME
    body["consent"] = None if consent is None else {
        "version": consent.version, "language": consent.language, "sha256": consent.sha256,
    }
    return body


def signed_content_hash(
    app: Application, scheme: int = LEGACY_SCHEME, consent: ConsentText | None = None
) -> str:
    """The hash a signature of ``scheme`` covers (the scheme-1 hash when none is given, as
    before schemes existed); ``consent``: the text signed, which scheme 3 covers."""
    if scheme == LEGACY_SCHEME:
        return content_hash(_scheme1_body(app))
    if scheme == LISTED_SCHEME:
        return content_hash(_scheme2_body(app))
    if scheme == LATEST_SCHEME:
        return content_hash(_scheme3_body(app, consent))
    raise ValueError(f"unknown signature scheme {scheme}")


def sign(
    app: Application, person_id: str, image_png: bytes, at: datetime | None = None,
    consent: ConsentText | None = None,
) -> Signature:
    """A signature of ``person_id`` over the application as it is now and ``consent`` (the
    current consent text in the default language when none is given)."""
    person = app.person(person_id)
    if person is None:
        raise ValueError("no such person on this application")
    text = consent or consents.library().current()
    return Signature(
        person_id=person_id,
        signer_name=person.full_name,
        signed_at=at or utcnow(),
        image_png=image_png,
        content_hash=signed_content_hash(app, LATEST_SCHEME, text),
        scheme=LATEST_SCHEME,
        consent_version=text.version,
        consent_language=text.language,
    )


def verifying_hash(app: Application, signature: Signature) -> str | None:
    """The hash ``signature`` must hold to be unchanged: over the consent text it recorded;
    None when this build cannot check it (a scheme it does not know, a consent text it
    lacks)."""
    if signature.scheme not in KNOWN_SCHEMES:
        return None
    text = None
    if signature.scheme == LATEST_SCHEME:
        try:
            text = consents.text_for(signature)
        except ConsentError:
            return None
    return signed_content_hash(app, signature.scheme, text)


def changed_since_signed(app: Application, signature: Signature, current_hash: str | None = None) -> bool:
    """True when what ``signature`` covers changed after signing (``current_hash``: the hash
    it must hold, when the caller has it already). A signature this build cannot check reads
    as changed."""
    expected = current_hash or verifying_hash(app, signature)
    return expected is None or signature.content_hash != expected
