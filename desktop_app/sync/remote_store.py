"""The remote as the engine sees it (a Protocol, so tests and benchmarks can swap it) and its
boto3 adapter. The adapter turns botocore's errors into :mod:`desktop_app.sync.errors`; it
never retries HTTP itself — throttling and 5xx are botocore's retry modes' job."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from boto3.dynamodb.types import DYNAMODB_CONTEXT

from desktop_app.remote.tables import CHANGES_INDEX, GSI_NAME, TableNames
from desktop_app.sync.errors import (
    ConditionFailed,
    CredentialsExpired,
    Offline,
    Permanent,
    RetryableCancellation,
    SyncFailure,
    Transient,
)
from desktop_app.sync.mapping import SPECS
from desktop_app.sync.owned_update import update_action
from desktop_app.sync.packing import PackCancelled, pack_token
from desktop_app.sync.transaction import ApplicationTransaction, Ident
from desktop_app.sync.zone_listing import is_whole

if TYPE_CHECKING:
    from botocore.config import Config

BATCH_GET_LIMIT = 100  # keys per BatchGetItem request (DynamoDB's limit)
#: Unprocessed keys of a BatchGetItem (throttling, the 16 MB response limit) are sent again
#: after an exponential back-off from this many seconds, at most this often.
UNPROCESSED_BACKOFF = 0.05
UNPROCESSED_BACKOFF_CAP = 2.0
UNPROCESSED_ATTEMPTS = 10
RETRYABLE_CANCEL_REASONS = frozenset({"TransactionConflict", "ThrottlingError"})
_THROTTLE_CODES = frozenset(
    {"ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded"}
)
_EXPIRED_CODES = frozenset({"ExpiredTokenException", "ExpiredToken", "UnrecognizedClientException"})


class RemoteStore(Protocol):
    def transact_write(self, tx: ApplicationTransaction) -> None: ...

    def get_items(
        self, idents: list[tuple[Ident, dict[str, str]]]
    ) -> dict[Ident, dict[str, Any] | None]:
        """Consistent reads of items by key: ident -> item (or None when absent)."""
        ...

    def query_zone(self, table: str, identity_id: str) -> Iterator[dict[str, Any]]:
        """Every item of ``table`` whose ``zoneinfo`` is ``identity_id`` (the GSI), whole."""
        ...

    def query_changes(self, identity_id: str, since: str) -> Iterator[dict[str, Any]]:
        """The app table's changes index from ``since`` (``last_updated >= since``): keys,
        ``version`` and ``appid`` of the applications written since then."""
        ...


def default_client_config(concurrency: int = 8, *, mode: str = "standard", **kw: Any) -> Config:
    """botocore settings for the sync client: retry mode, a pool as wide as the queue, and no
    client-side parameter validation (the requests are built by code, and validating a deep
    four-item transaction costs botocore more CPU than sending it)."""
    from botocore.config import Config

    retries = {"mode": mode, "max_attempts": kw.pop("max_attempts", 8)}
    kw.setdefault("parameter_validation", False)
    return Config(retries=retries, max_pool_connections=max(10, concurrency + 2), **kw)


class Boto3RemoteStore:
    """:class:`RemoteStore` over a boto3 DynamoDB client (plain, or from the accounts layer's
    refreshing session). ``client`` may be a client or a zero-argument factory."""

    def __init__(self, client: Any | Callable[[], Any], tables: TableNames) -> None:
        from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

        self._client = client
        self.tables = tables
        self._ser = TypeSerializer()
        self._de = TypeDeserializer()
        self.round_trips = 0
        self.sleep: Callable[[float], None] = time.sleep
        self._count_lock = threading.Lock()

    @property
    def client(self) -> Any:
        c = self._client
        return c if hasattr(c, "meta") else c()

    def _table(self, logical: str) -> str:
        return self.tables.for_spec(SPECS[logical])

    def _av(self, item: dict[str, Any]) -> dict[str, Any]:
        return {k: self._value(v) for k, v in item.items()}

    def _value(self, v: Any) -> dict[str, Any]:
        """boto3's TypeSerializer, with a fast path for the types items hold (exact types
        first, strings inline: every value of every pushed item comes through here)."""
        kind = type(v)
        if kind is str:
            return {"S": v}
        if kind is dict:
            return {"M": {k: {"S": x} if type(x) is str else self._value(x) for k, x in v.items()}}
        if kind is list:
            return {"L": [{"S": x} if type(x) is str else self._value(x) for x in v]}
        if kind is Decimal or kind is int:
            # boto3's own number rule (38 digits, no rounding), without its type dispatch
            number = str(DYNAMODB_CONTEXT.create_decimal(v))
            if number not in ("Infinity", "NaN"):
                return {"N": number}
        if kind is bool:
            return {"BOOL": v}
        if v is None:
            return {"NULL": True}
        if isinstance(v, str):
            return {"S": v}
        typed: dict[str, Any] = self._ser.serialize(v)
        return typed

    def _plain(self, item: dict[str, Any]) -> dict[str, Any]:
        return {k: self._de.deserialize(v) for k, v in item.items()}

    # -- writes ---------------------------------------------------------------------------
    def transaction_request(self, tx: ApplicationTransaction) -> dict[str, Any]:
        actions: list[dict[str, Any]] = []
        for item in tx.items:
            update = update_action(
                self._table(item.table),
                item.table,
                item.key,
                tx.full_item(item),
                tx.expected.get(item.ident),
                self._value,
                item.partial,
            )
            actions.append({"Update": update})
        for d in tx.deletes:
            actions.append(
                {
                    "Delete": {
                        "TableName": self._table(d.table),
                        "Key": self._av(d.key),
                        "ConditionExpression": "#v = :expected",
                        "ExpressionAttributeNames": {"#v": "version"},
                        "ExpressionAttributeValues": {":expected": {"N": str(d.expected_version)}},
                    }
                }
            )
        return {"TransactItems": actions, "ClientRequestToken": tx.token}

    def transact_write(self, tx: ApplicationTransaction) -> None:
        request = self.transaction_request(tx)
        self._call(lambda c: c.transact_write_items(**request))

    def transact_write_pack(self, txs: list[ApplicationTransaction]) -> None:
        """Several applications' transactions as one (``packing.py``); a cancellation is raised
        as ``PackCancelled`` with its positional reasons."""
        actions: list[dict[str, Any]] = []
        for tx in txs:
            actions += self.transaction_request(tx)["TransactItems"]
        request = {"TransactItems": actions, "ClientRequestToken": pack_token(txs)}
        try:
            self._call(lambda c: c.transact_write_items(**request))
        except SyncFailure as exc:
            response = getattr(exc.__cause__, "response", None) or {}
            if response.get("Error", {}).get("Code") != "TransactionCanceledException":
                raise
            reasons = [r.get("Code", "None") for r in response.get("CancellationReasons", [])]
            raise PackCancelled(
                reasons or _reasons_from_message(response["Error"].get("Message", ""))
            ) from exc

    # -- reads ----------------------------------------------------------------------------
    def get_items(
        self, idents: list[tuple[Ident, dict[str, str]]]
    ) -> dict[Ident, dict[str, Any] | None]:
        out: dict[Ident, dict[str, Any] | None] = {ident: None for ident, _ in idents}
        by_table: dict[str, list[tuple[Ident, dict[str, str]]]] = {}
        for ident, key in idents:
            by_table.setdefault(self._table(ident[0]), []).append((ident, key))
        lookup = {(self._table(ident[0]), ident[1]): ident for ident, _ in idents}
        pending = [(name, key) for name, keys in by_table.items() for _, key in keys]
        for start in range(0, len(pending), BATCH_GET_LIMIT):
            request: dict[str, Any] = {}
            for name, key in pending[start : start + BATCH_GET_LIMIT]:
                entry = request.setdefault(name, {"Keys": [], "ConsistentRead": True})
                entry["Keys"].append(self._av(key))
            self._batch_get(request, lookup, out)
        return out

    def _batch_get(
        self,
        request: dict[str, Any],
        lookup: dict[tuple[str, Any], Ident],
        out: dict[Ident, dict[str, Any] | None],
    ) -> None:
        attempt = 0
        while request:
            resp = self._call(lambda c: c.batch_get_item(RequestItems=request))
            for name, items in resp.get("Responses", {}).items():
                for raw in items:
                    item = self._plain(raw)
                    pk = next(
                        item[s.partition_key]
                        for s in SPECS.values()
                        if self._table(s.logical) == name
                    )
                    out[lookup[(name, pk)]] = item
            request = resp.get("UnprocessedKeys") or {}
            if request:  # DynamoDB's advice: retry what it left, backing off
                attempt += 1
                if attempt > UNPROCESSED_ATTEMPTS:
                    raise Transient("BatchGetItem left keys unprocessed")
                self.sleep(min(UNPROCESSED_BACKOFF_CAP, UNPROCESSED_BACKOFF * 2 ** (attempt - 1)))

    def list_zone(self, table: str, identity_id: str) -> Iterator[dict[str, Any]]:
        """``zoneinfo-index``'s entries as the index projects them: the keys and
        ``ZONE_PROJECTION`` on tables created with it, the whole items on older tables."""
        kwargs: dict[str, Any] = {
            "TableName": self._table(table),
            "IndexName": GSI_NAME,
            "KeyConditionExpression": "zoneinfo = :z",
            "ExpressionAttributeValues": {":z": {"S": identity_id}},
        }
        while True:
            resp = self._call(lambda c: c.query(**kwargs))
            for raw in resp.get("Items", []):
                yield self._plain(raw)
            last = resp.get("LastEvaluatedKey")
            if not last:
                return
            kwargs["ExclusiveStartKey"] = last

    def query_zone(self, table: str, identity_id: str) -> Iterator[dict[str, Any]]:
        """Whole items: the index's entries, each projected one read again by key (in
        batches of a page's entries)."""
        spec = SPECS[table]
        page: list[dict[str, Any]] = []

        def whole(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
            partial = [e for e in entries if not is_whole(table, e)]
            found = (
                self.get_items(
                    [
                        (
                            (table, str(e[spec.partition_key])),
                            {spec.partition_key: e[spec.partition_key], "zoneinfo": e["zoneinfo"]},
                        )
                        for e in partial
                    ]
                )
                if partial
                else {}
            )
            out = []
            for e in entries:
                if is_whole(table, e):
                    out.append(e)
                else:
                    item = found.get((table, str(e[spec.partition_key])))
                    if item is not None:  # (deleted since it was listed: gone)
                        out.append(item)
            return out

        for entry in self.list_zone(table, identity_id):
            page.append(entry)
            if len(page) >= BATCH_GET_LIMIT:
                yield from whole(page)
                page = []
        if page:
            yield from whole(page)

    def query_changes(self, identity_id: str, since: str) -> Iterator[dict[str, Any]]:
        kwargs: dict[str, Any] = {
            "TableName": self._table("app"),
            "IndexName": CHANGES_INDEX,
            "KeyConditionExpression": "zoneinfo = :z AND last_updated >= :t",
            "ExpressionAttributeValues": {":z": {"S": identity_id}, ":t": {"S": since}},
        }
        while True:
            resp = self._call(lambda c: c.query(**kwargs))
            for raw in resp.get("Items", []):
                yield self._plain(raw)
            last = resp.get("LastEvaluatedKey")
            if not last:
                return
            kwargs["ExclusiveStartKey"] = last

    # -- errors ---------------------------------------------------------------------------
    def _call(self, fn: Callable[[Any], Any]) -> Any:
        with self._count_lock:
            self.round_trips += 1
        try:
            return fn(self.client)
        except Exception as exc:
            raise translate_error(exc) from exc


def translate_error(exc: Exception) -> Exception:
    """botocore/boto3 (and accounts-layer) errors -> the engine's categories."""
    from botocore import exceptions as bx

    if isinstance(exc, bx.ClientError):
        err = exc.response.get("Error", {})
        code = err.get("Code", "")
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        if code == "TransactionCanceledException":
            reasons = [r.get("Code", "None") for r in exc.response.get("CancellationReasons", [])]
            if not reasons:
                reasons = _reasons_from_message(err.get("Message", ""))
            if "ConditionalCheckFailed" in reasons:
                return ConditionFailed(code)
            if RETRYABLE_CANCEL_REASONS & set(reasons):
                return RetryableCancellation(",".join(reasons))
            if "ValidationError" in reasons:
                return Permanent(f"DynamoDB refused the application: {err.get('Message', '')}")
            return Transient(f"transaction cancelled: {','.join(reasons)}")
        if code == "IdempotentParameterMismatchException":
            return ConditionFailed(code)
        if code in _THROTTLE_CODES or status >= 500:
            return Transient(code or f"HTTP {status}")
        if code in _EXPIRED_CODES:
            return CredentialsExpired(code)
        if code == "ValidationException":
            return Permanent(f"DynamoDB refused the application: {err.get('Message', '')}")
        return Permanent(f"{code}: {err.get('Message', '')}")
    if isinstance(exc, (bx.EndpointConnectionError, bx.ConnectTimeoutError)):
        return Offline(type(exc).__name__)
    if isinstance(exc, (bx.ReadTimeoutError, bx.ConnectionClosedError, bx.HTTPClientError)):
        return Transient(type(exc).__name__)
    if isinstance(exc, (bx.NoCredentialsError, bx.CredentialRetrievalError)):
        return CredentialsExpired(type(exc).__name__)
    name = type(exc).__name__
    if name == "SignInRequired":
        return CredentialsExpired(str(exc))
    if name == "NetworkUnavailable":
        return Offline(name)
    return exc


def _reasons_from_message(message: str) -> list[str]:
    # "Transaction cancelled, please refer cancellation reasons for specific reasons
    #  [ConditionalCheckFailed, None]"
    if "[" in message and message.endswith("]"):
        return [r.strip() for r in message[message.rindex("[") + 1 : -1].split(",")]
    return []
