"""Property-based tests (hypothesis) over the import format and the autosave field setter, on a
real SQLite store: no input crashes, none writes partially, every refusal names a field and
never quotes the value. Runs are bounded and derandomized, so CI sees the same inputs."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from boto3.dynamodb.types import TypeSerializer

from desktop_app.domain.canonical import hash_and_size
from desktop_app.domain.ids import new_id
from desktop_app.sampledata import synthetic_application
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.drafts_io import import_applications, parse_file, read_file
from desktop_app.services.errors import ImportFileError, InvalidValue
from desktop_app.storage.store import open_store
from desktop_app.sync.mapping import application_items

TODAY = date(2026, 11, 26)
RUN = settings(max_examples=250, deadline=None, derandomize=True, database=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
#: Markers a refusal must never echo back (each is longer than any word of a message).
MARKERS = ["ZZMARKERZZ", "9" * 39, "1e999999999", "../../etc/passwd"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**45), max_value=10**45),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.text(st.characters(blacklist_categories=()), max_size=8),  # control characters, surrogates
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from([
        *MARKERS, "NaN", "-1", "0", "2500.005", "", "\x00", "Ana\ud800", "ZZMARKERZZ" * 30,
        "2026-13-45", "2026-11-26", "1E+38", "-0", "draft", "submitted", "AAAA====", 10**30, -5,
    ]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def _base_record() -> dict[str, Any]:
    app = synthetic_application(random.Random(3), today=TODAY, co_applicants=1, guarantors=1, occupants=1)
    raw = app.model_dump(mode="json")
    raw["documents"] = [{"id": "01JDOCUMENT00000000000000AA", "kind": "pay_stub",
                         "person_id": raw["primary_applicant"]["id"], "file_name": "stub.pdf",
                         "content_type": "application/pdf", "size": 5, "sha256": ""}]
    return raw


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a record a value can be replaced (inner nodes too)."""
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


BASE = _base_record()
PATHS = _paths(BASE)


def _value_at(record: Any, path: tuple) -> Any:
    for step in path:
        record = record[step]
    return record


def _replace(record: dict, path: tuple, value: Any) -> None:
    node: Any = record
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


@st.composite
def files(draw) -> Any:
    """An applications file with one to three records, each hostile at up to three places."""
    records = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 9)) == 0:
            records.append(draw(values))  # not even an object
            continue
        record = json.loads(json.dumps(BASE))
        record["id"] = new_id()
        record["documents"][0]["id"] = new_id()
        for path in draw(st.lists(st.sampled_from(PATHS), max_size=draw(st.sampled_from([0, 0, 1, 2, 3])))):
            try:
                _replace(record, path, draw(values))
            except (KeyError, IndexError, TypeError):
                pass  # an earlier replacement removed the place
        records.append(record)
    doc_ids = [d["id"] for r in records if isinstance(r, dict) and isinstance(r.get("documents"), list)
               for d in r["documents"] if isinstance(d, dict) and isinstance(d.get("id"), str)] or ["x"]
    valid_documents = {doc_id: "JVBERi0=" for doc_id in doc_ids}
    documents = draw(st.one_of(
        st.just(valid_documents), st.just(valid_documents), st.just(valid_documents),
        st.dictionaries(st.sampled_from(doc_ids), values, max_size=2),
        values,
    ))
    shape = draw(st.integers(0, 5))
    if shape == 0:
        return records
    data: dict[str, Any] = {"format": "leasedesk.applications", "version": 1,
                            "applications": records, "documents": documents}
    if shape == 1:
        data[draw(st.sampled_from(["format", "version", "applications"]))] = draw(values)
    return data


def _snapshot(store) -> list[str]:
    with store.uow() as uow:
        return sorted(a.model_dump_json() for a in uow.applications.all())


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("import-property") / "db.sqlite3")
    yield s
    s.close()


def _quotes_a_marker(text: str) -> bool:
    return any(m in text for m in MARKERS)


@RUN
@given(data=files())
def test_import_never_crashes_never_writes_partially_and_names_a_field(store, data):
    before = _snapshot(store)
    try:
        result = import_applications(store, data, today=TODAY)
    except ImportFileError as exc:  # a file-level refusal: one plain message
        event("refused: the file")
        assert not _quotes_a_marker(str(exc))
        assert _snapshot(store) == before
        return
    event("imported" if result.ok else "refused: records")
    if result.ok:
        after = _snapshot(store)
        assert len(after) == len(before) + len(result.imported)
        return
    assert _snapshot(store) == before and result.imported == []
    for error in result.errors:
        assert error.path or not isinstance(data_records(data)[error.index], dict), error
        assert error.message and not _quotes_a_marker(str(error)), error


def data_records(data: Any) -> list:
    return parse_file(data)[0]


@RUN
@given(content=st.one_of(
    st.binary(max_size=300),
    files().map(lambda d: json.dumps(d, allow_nan=True).encode("utf-8", "surrogatepass")),
    st.integers(1, 5000).map(lambda n: ("[" * n + "]" * n).encode()),
))
def test_reading_any_bytes_gives_data_or_a_plain_file_level_refusal(tmp_path_factory, content):
    path: Path = tmp_path_factory.mktemp("bytes") / "file.json"
    path.write_bytes(content)
    try:
        parse_file(read_file(path))
    except ImportFileError as exc:
        assert str(exc) and "\n" not in str(exc) and not _quotes_a_marker(str(exc))


# -- the autosave field setter ------------------------------------------------------------------

SETTER_APP = synthetic_application(random.Random(4), today=TODAY)
#: Field path → the value the synthetic application holds there (JSON), a plausible edit.
FIELD_VALUES = {
    ".".join(f"{p}" if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "["): value
    for path, value in (
        (path, _value_at(SETTER_APP.model_dump(mode="json"), path))
        for path in _paths(SETTER_APP.model_dump(mode="json"))
    )
}
FIELD_PATHS = sorted(FIELD_VALUES) + [
    "no_such_field", "primary_applicant.nope", "co_applicants[99].email", "a..b", "", "documents[0]"]


@pytest.fixture(scope="module")
def autosave(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("setter-property") / "db.sqlite3")
    service = AutosaveService(s, today=lambda: TODAY)
    app = service.create_draft(synthetic_application(random.Random(4), today=TODAY))
    yield service, app.id
    s.close()


@st.composite
def edits(draw) -> tuple[str, Any]:
    """A field path and a value: hostile, any text, or the kind of value the field holds."""
    path = draw(st.sampled_from(FIELD_PATHS))
    plausible = st.just(FIELD_VALUES[path]) if path in FIELD_VALUES else values
    return path, draw(st.one_of(values, st.text(st.characters(blacklist_categories=()), max_size=30), plausible))


@RUN
@given(edit=edits())
def test_the_field_setter_never_crashes_never_writes_partially_and_names_the_field(autosave, edit):
    path, value = edit
    service, app_id = autosave
    service.forget()
    before = service.load(app_id).model_dump_json()
    try:
        service.save_field(app_id, path, value)
    except InvalidValue as exc:
        event("refused")
        assert exc.error.path == path and exc.error.message
        assert not _quotes_a_marker(exc.error.message)
        service.forget()
        assert service.load(app_id).model_dump_json() == before  # nothing written
        return
    event("saved")
    cached = service.load(app_id)
    service.forget()
    stored = service.load(app_id)  # what the database holds equals what the service kept
    assert stored.model_dump_json(exclude={"updated_at"}) == cached.model_dump_json(exclude={"updated_at"})
    for item in application_items(stored, "us-east-1:0f0e0d0c-0b0a-4909-8807-060504030201"):
        TypeSerializer().serialize(item.attributes)  # what was saved can be pushed as it is
        hash_and_size(item.attributes)
