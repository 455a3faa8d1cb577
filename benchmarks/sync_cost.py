"""What one edit costs in DynamoDB write units: a one-field edit of one person in an application
with a co-applicant, a guarantor and a 60 KB document (inline in the app item, as
``sync/remote_documents.py`` places a document of at most 64 KB), pushed by the engine, against
the baseline of rewriting the whole application (every item written whole, its indexes
rewritten), both priced in the same run by the same model.

The model, from DynamoDB's developer guide:

- an item's size is the sum of its attribute names' and values' lengths ("Item sizes and
  formats", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html);
- a write costs 1 unit per started KB of the item, and an ``UpdateItem`` or a ``PutItem`` over
  an existing item is charged on the larger of the item before and after the write (same page,
  "Write operations");
- in a transaction every write and ``ConditionCheck`` costs 2 units per started KB
  ("Capacity management for transactions",
  https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html);
- a global secondary index is written by its projection: one write of the index entry (keys
  and projected attributes; the whole item under ``ALL``) when the write changes a projected
  attribute, two (a delete and a put) when it changes the index's key, none when it changes
  nothing projected ("Provisioned throughput considerations for Global Secondary Indexes",
  https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations);
  index writes are not transactional (1 unit per started KB of the entry).

The items are the engine's own: the edit is pushed by ``SyncEngine`` to an in-memory remote
that records each transaction; the document is sealed by a stand-in of the KMS envelope
(``{v, edk, iv, ct}``, base64, the sizes of the real one) so no KMS is needed. The required
figure prices the edit on tables as ``admin create-tables`` makes them (``zoneinfo-index``
projecting the keys and ``remote.tables.ZONE_PROJECTION``) against the baseline of today's
engine on today's tables (the whole application rewritten, the index projecting ALL). Beside
it, by the same model: the edit on tables created before (index ALL, until moved: docs/admin.md),
with the index projecting only keys, and with the document in S3 — what moves the ratio.

    .venv/bin/python benchmarks/sync_cost.py

Always exits 0."""

from __future__ import annotations

import base64
import hashlib
import math
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DOCUMENT_BYTES = 60 * 1024
KB = 1024


def _b64(n: int) -> str:
    return base64.b64encode(hashlib.shake_256(str(n).encode()).digest(n)).decode()


def stand_in_seal(table: str, attributes: dict[str, Any]) -> dict[str, Any]:
    """The document inline as the KMS envelope seals it: a 60 KB ciphertext (+16 tag bytes),
    a wrapped data key and an IV, base64 — the item sizes of the real transform."""
    files = attributes.get("uploaded_files") or []
    if table != "app" or not files:
        return attributes
    sealed = {
        f["id"]: {"v": 1, "edk": _b64(184), "iv": _b64(12), "ct": _b64(DOCUMENT_BYTES + 16)}
        for f in files
    }
    return {**attributes, "encrypted_documents": sealed}


def units(size: int, per_kb: int) -> int:
    return per_kb * max(1, math.ceil(size / KB))


def index_units(
    table: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    zone: str,
    rewritten: bool = False,
) -> int:
    """Index writes of one item's write: the ``zoneinfo-index`` of every table (``zone``:
    ``ALL``, ``INCLUDE`` — the keys and ``ZONE_PROJECTION``, as ``admin create-tables`` makes
    it — or ``KEYS_ONLY``), and the app table's changes index (key ``last_updated``; projecting
    ``version`` and ``appid``). ``rewritten``: the item is written anew (new version and
    time), so every index holding it is written even where ``after`` equals ``before`` here."""
    from desktop_app.remote.tables import CHANGES_PROJECTION, ZONE_PROJECTION
    from desktop_app.sync.item_size import item_size

    total = 0
    key_names = {"appid", "userId", "zoneinfo"}
    zone_projection = {
        "ALL": None,
        "INCLUDE": key_names | set(ZONE_PROJECTION),
        "KEYS_ONLY": key_names,
    }[zone]
    indexes = [(("zoneinfo",), zone_projection)]
    if table == "app":
        indexes.append(
            (("zoneinfo", "last_updated"), key_names | {"last_updated", *CHANGES_PROJECTION})
        )
    for index_keys, projected in indexes:

        def entry(item: dict[str, Any] | None) -> dict[str, Any] | None:
            if item is None or any(k not in item for k in index_keys):
                return None
            return (
                dict(item)
                if projected is None
                else {k: v for k, v in item.items() if k in projected}
            )

        old, new = entry(before), entry(after)
        if old == new and not (rewritten and new is not None):
            continue
        if rewritten and "last_updated" in index_keys and new is not None:
            total += 2 * units(item_size(new), 1)  # the rewrite moves last_updated: the key
            continue
        if old is not None and new is not None and any(old[k] != new[k] for k in index_keys):
            total += units(item_size(old), 1) + units(item_size(new), 1)  # key moved
        else:
            total += units(item_size(new if new is not None else old), 1)  # type: ignore[arg-type]
    return total


def price(
    writes: list[tuple[str, dict[str, Any] | None, dict[str, Any] | None]],
    *,
    zone: str,
    rewritten: bool = False,
) -> tuple[int, int, int]:
    """(items written, transactional write units, index write units) of one transaction's
    writes, each (table, item before, item after)."""
    from desktop_app.sync.item_size import item_size

    tx = ix = 0
    for table, before, after in writes:
        sizes = [item_size(i) for i in (before, after) if i is not None]
        tx += units(max(sizes), 2)
        ix += index_units(table, before, after, zone, rewritten)
    return len(writes), tx, ix


def scenario(in_s3: bool) -> dict[str, Any]:
    """Push the application, edit one field of the primary applicant, push again; return the
    remote's items before and after the edit and the edit's transaction."""
    from desktop_app.domain.models import Document, StorageMode
    from desktop_app.services.autosave import AutosaveService
    from desktop_app.sync.engine import SyncEngine
    from tests.fixtures.fake_remote import FakeRemote
    from tests.fixtures.sync_setup import IDENTITY, add_apps, new_store, synthetic_application

    remote = FakeRemote()
    sent: list[Any] = []
    write = remote.transact_write

    def recording(tx: Any) -> None:
        sent.append(tx)
        write(tx)

    remote.transact_write = recording  # type: ignore[method-assign]
    app = synthetic_application(co_applicants=1, guarantors=1)
    mode = StorageMode.S3 if in_s3 else StorageMode.DIRECT
    app.documents.append(
        Document(
            person_id=app.primary_applicant.id,
            file_name="paystub.pdf",
            content_type="application/pdf",
            size=DOCUMENT_BYTES,
            sha256="0" * 64,
            storage_mode=mode,
            s3_key="k" if in_s3 else "",
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        store = new_store(Path(tmp))
        add_apps(store, [app])
        transform = (lambda t, a: a) if in_s3 else stand_in_seal
        engine = SyncEngine(store, remote, IDENTITY, concurrency=1, transform=transform)
        engine.run_once(pull=False)
        before = {ident: dict(item) for ident, item in remote.items.items()}
        sent.clear()
        AutosaveService(store).save_field(app.id, "primary_applicant.first_name", "Robin")
        report = engine.run_once(pull=False)
        store.close()
    assert [o.result.value for o in report.outcomes] == ["synced"], report.outcomes
    (tx,) = sent
    after = {ident: dict(item) for ident, item in remote.items.items()}
    return {"before": before, "after": after, "tx": tx}


def _lines(in_s3: bool, zone: str, label: str, required: bool) -> None:
    run = scenario(in_s3)
    before, after, tx = run["before"], run["after"], run["tx"]
    lean = [(i.table, before.get(i.ident), after.get(i.ident)) for i in tx.items]
    lean += [(d.table, before.get(d.ident), None) for d in tx.deletes]
    whole = [(ident[0], before.get(ident), item) for ident, item in after.items()]
    n_lean, tx_lean, ix_lean = price(lean, zone=zone)
    n_whole, tx_whole, ix_whole = price(whole, zone="ALL", rewritten=True)
    lean_total, whole_total = tx_lean + ix_lean, tx_whole + ix_whole
    app_size = max(
        __import__("desktop_app.sync.item_size", fromlist=["item_size"]).item_size(i)
        for (t, _), i in after.items()
        if t == "app"
    )
    print(f"{label} (app item {app_size / KB:.1f} KB):")
    print(
        f"  one-field edit: {n_lean} items written, {tx_lean} transactional + {ix_lean} index "
        f"({zone}) = {lean_total} write units"
    )
    print(
        f"  baseline, today's engine on today's tables (whole application rewritten): "
        f"{n_whole} items written, {tx_whole} transactional + "
        f"{ix_whole} index (ALL) = {whole_total} write units"
    )
    target = " (target <= 0.7)" if required else " (no target: what-if)"
    print(
        f"  one-field edit vs whole rewrite write units ratio {lean_total / whole_total:.2f}{target}"
    )


def main() -> int:
    try:
        _lines(
            False,
            "INCLUDE",
            "tables as create-tables makes them: document inline, zoneinfo-index INCLUDE",
            True,
        )
        _lines(False, "ALL", "tables created before: zoneinfo-index ALL", False)
        _lines(False, "KEYS_ONLY", "what-if: the zoneinfo-index projecting keys only", False)
        _lines(True, "INCLUDE", "what-if: the 60 KB document in S3", False)
    except Exception as exc:  # noqa: BLE001 — a benchmark reports, never fails the build
        print(f"benchmark failed: {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
