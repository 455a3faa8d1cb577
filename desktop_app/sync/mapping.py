"""One application as its items in the four tables (docs/architecture.md, "Remote schema and key rules"), and back.

``app_nyc`` gets the application; ``applicant_nyc`` the primary applicant; ``Co-Applicants`` and
``Guarantors_nyc`` one item per co-applicant / guarantor, only when there are some. Every item
carries ``appid``, ``created_at``, ``last_updated``, ``version`` and ``content_hash``; the last
four are set per write by :mod:`desktop_app.sync.transaction`, the rest is built here.

The app item lists documents' metadata in ``uploaded_files``. PII field encryption and document
bytes (inline or S3) plug in as an :data:`ItemTransform` (``field_crypto.py``), applied to each
item's attributes before hashing; its ``restore`` undoes it on the way back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from desktop_app.domain.canonical import PEOPLE, is_audit_head, item_hash_and_size
from desktop_app.domain.models import OTHER_FIELDS, Application, Person, Role
from desktop_app.remote.tables import APP, APPLICANT, COAPPLICANT, GUARANTOR, TableSpec
from desktop_app.sync.foreign import decode_all
from desktop_app.sync.item_reading import read_application
from desktop_app.sync.keys import appid_for, user_id_for
from desktop_app.sync.values import to_dynamo

#: Set per write, outside the content hash.
WRITE_ATTRIBUTES = ("version", "created_at", "last_updated", "content_hash")

SPEC_FOR_ROLE: dict[Role, TableSpec] = {
    Role.APPLICANT: APPLICANT,
    Role.CO_APPLICANT: COAPPLICANT,
    Role.GUARANTOR: GUARANTOR,
}
ROLE_FOR_TABLE: dict[str, Role] = {spec.logical: role for role, spec in SPEC_FOR_ROLE.items()}
SPECS = {spec.logical: spec for spec in (APP, APPLICANT, COAPPLICANT, GUARANTOR)}

#: (table logical name, attributes) -> attributes; the seam for field-level encryption.
ItemTransform = Callable[[str, dict[str, Any]], dict[str, Any]]


@dataclass
class RemoteItem:
    """One item to write: its table (logical name), key and content attributes."""

    table: str
    attributes: dict[str, Any]
    person_id: str | None = None
    #: Where in the application its content comes from (for size errors): "" or a path prefix.
    source: str = ""
    #: An item already on the remote written in part: (attributes to set, attributes to
    #: remove) besides the bookkeeping; None: written whole (``changed_attributes.py``).
    partial: tuple[frozenset[str], frozenset[str]] | None = None
    _hash: str | None = field(default=None, repr=False)
    _canonical_bytes: int = field(default=0, repr=False)

    @property
    def spec(self) -> TableSpec:
        return SPECS[self.table]

    @property
    def partition_key(self) -> str:
        key: str = self.attributes[self.spec.partition_key]
        return key

    @property
    def key(self) -> dict[str, str]:
        spec = self.spec
        return {spec.partition_key: self.partition_key, spec.sort_key: self.attributes["zoneinfo"]}

    @property
    def ident(self) -> tuple[str, str]:
        """(table, partition key): unique within one account's items."""
        return (self.table, self.partition_key)

    @property
    def content_hash(self) -> str:
        if self._hash is None:
            self._hash, self._canonical_bytes = item_hash_and_size(self.table, self.attributes)
        return self._hash

    @property
    def canonical_bytes(self) -> int:
        """Length of the canonical JSON the content hash is taken over."""
        _ = self.content_hash
        return self._canonical_bytes


def _dump(model: Any, **kw: Any) -> Any:
    return _compact(model, model.model_dump(mode="python", **kw))


_EMPTY: tuple[None, str, list[Any]] = (None, "", [])
_EMPTY_DEFAULT_FIELDS: dict[type, frozenset[str]] = {}


def _empty_default_fields(cls: type[BaseModel]) -> frozenset[str]:
    """Fields of ``cls`` whose default is empty (None, "" or an empty list); cached per class."""
    names = _EMPTY_DEFAULT_FIELDS.get(cls)
    if names is None:
        names = frozenset(
            name
            for name, info in cls.model_fields.items()
            if not info.is_required() and _is_empty(info.get_default(call_default_factory=True))
        )
        _EMPTY_DEFAULT_FIELDS[cls] = names
    return names


def _is_empty(value: Any) -> bool:
    return not isinstance(value, BaseModel) and to_dynamo(value) in _EMPTY


def _compact(model: BaseModel, dumped: dict[str, Any]) -> dict[str, Any]:
    """``dumped`` (the model's python dump) made storable (:func:`to_dynamo`) in the same
    walk, leaving out attributes that are empty *and* at their default (an empty middle
    name, no previous address): smaller items (DynamoDB bills per KB) and an exact round trip,
    since a missing attribute reads back as that default. A value emptied against a non-empty
    default (no lease term, where 12 is the default) is kept."""
    empty_ok = _empty_default_fields(type(model))
    out = {}
    for name, value in dumped.items():
        if name in OTHER_FIELDS:
            continue  # ``unknown`` goes back below; ``other`` is never LeaseDesk's to write
        kind = type(value)
        if kind is str:
            if not value and name in empty_ok:
                continue
        elif kind is dict:
            sub = getattr(model, name, None)
            if isinstance(sub, BaseModel):
                value = _compact(sub, value)
                if not value:
                    continue  # every field of the nested model is at its empty default
            else:
                value = to_dynamo(value)
        elif kind is list:
            if value:
                subs = getattr(model, name)
                value = [
                    _compact(m, v) if isinstance(m, BaseModel) else to_dynamo(v)
                    for m, v in zip(subs, value, strict=True)
                ]
            elif name in empty_ok:
                continue
        elif value is None:
            if name in empty_ok:
                continue
        else:
            value = to_dynamo(value)
            if name in empty_ok and value in _EMPTY:
                continue
        out[name] = value
    unknown = getattr(model, "unknown", None)
    if unknown:
        for name, value in decode_all(unknown).items():
            out.setdefault(name, value)
    return out


def application_items(
    app: Application, identity_id: str, transform: ItemTransform | None = None
) -> list[RemoteItem]:
    """The items of ``app`` for the account ``identity_id``: the app item first, then people."""
    appid = appid_for(identity_id, app.id)
    attrs: dict[str, Any] = {
        "appid": appid,
        "zoneinfo": identity_id,
        "status": app.status.value,
        "current_step": app.current_step,
        "flow_type": app.flow_type,
        "flow_version": app.flow_version,
        "application_info": _dump(app.application_info),
        "uploaded_files": [_dump(d) for d in app.documents],
        "signatures": [_dump(s) for s in app.signatures],
        "storage_mode": "s3" if any(d.s3_key for d in app.documents) else "direct",
        "s3_references": [d.s3_key for d in app.documents if d.s3_key],
        "submitted_at": to_dynamo(app.submitted_at),
        "amends": app.amends,
    }
    items = [RemoteItem(APP.logical, _drop_empty(attrs), None, "")]
    positions: dict[Role, int] = {}
    for role, person in app.people():
        pos = positions.get(role, 0)
        positions[role] = pos + 1
        items.append(_person_item(app, identity_id, appid, role, pos, person))
    # The app item names its person items, so a reader finds them by key (each entry gets
    # the version the transaction writes: ``ApplicationTransaction.full_item``).
    items[0].attributes[PEOPLE] = [{"table": i.table, "key": i.partition_key} for i in items[1:]]
    if transform is not None:
        for item in items:
            item.attributes = transform(item.table, item.attributes)
    return items


def _drop_empty(attrs: dict[str, Any]) -> dict[str, Any]:
    """Top-level attributes with nothing in them are left out (read back as empty)."""
    return {k: v for k, v in attrs.items() if v not in _EMPTY}


def person_path(role: Role, position: int) -> str:
    if role is Role.APPLICANT:
        return "primary_applicant"
    return f"{'co_applicants' if role is Role.CO_APPLICANT else 'guarantors'}[{position}]"


def _person_item(
    app: Application, identity_id: str, appid: str, role: Role, pos: int, person: Person
) -> RemoteItem:
    spec = SPEC_FOR_ROLE[role]
    signature = app.signature_for(person.id)
    attrs = {
        "userId": user_id_for(identity_id, person.id),
        "zoneinfo": identity_id,
        "appid": appid,
        spec.person_attribute: _dump(person, exclude={"occupants", "id"}),  # the id is the key's
        "occupants": [_dump(o) for o in person.occupants],
        "signature": None if signature is None else _dump(signature),
        "status": app.status.value,
        "position": pos,
    }
    return RemoteItem(spec.logical, _drop_empty(attrs), person.id, person_path(role, pos))


def application_from_items(
    identity_id: str,
    app_item: dict[str, Any],
    people: list[tuple[str, dict[str, Any]]],
    transform: ItemTransform | None = None,
) -> Application:
    """Rebuild an application from its remote items (``people``: (table logical, item)).
    A ``transform`` with a ``restore(table, item)`` method (field encryption) is undone first.
    What LeaseDesk does not know is kept, not refused (``item_reading.py``)."""
    # The machines' audit heads are bookkeeping of the trails, not part of the application.
    app_item = {k: v for k, v in app_item.items() if not is_audit_head(k)}
    restore = getattr(transform, "restore", None)
    if restore is not None:
        app_item = restore(APP.logical, app_item)
        people = [(t, restore(t, i)) for t, i in people]
    return read_application(identity_id, app_item, people, SPECS, ROLE_FOR_TABLE)
