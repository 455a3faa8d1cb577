"""Several applications' pushes in one ``TransactWriteItems`` (a *pack*).

A transaction holds up to 100 actions and 4 MB; one application is about four. Packing the
applications a worker holds into as few transactions as fit pays the round trip and the
request's fixed costs once per pack instead of once per application. The rules:

- an application's actions never split across transactions (its atomic write stays one);
- no two applications in one pack touch the same item (DynamoDB refuses the whole request);
- packs are made from what is already queued: a single edit goes out at once, alone;
- the pack is all or nothing, and DynamoDB's ``CancellationReasons`` are positional (one per
  action), so a cancellation is traced back to the applications whose actions it names
  (:meth:`PackCancelled.culprits`); the others are sent again without them.

**The ``ClientRequestToken`` of a pack** is derived from its members' own tokens (each over its
appid, target version, content and attempt time), in pack order. botocore's own retries of the
same request (throttling, 5xx, a dropped connection) resend the same token and payload, so
within DynamoDB's 10-minute window a pack that did commit is not applied twice. A pack with
one member fewer is a new request with a new token (DynamoDB refuses a reused token with a
different payload). The token never replaces the per-application check: after a timeout or a
refused condition each application is read back on its own (``Pusher.read_back``) and judged
ours, unapplied or moved — what it was before packing."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from desktop_app.sync.errors import SyncFailure
from desktop_app.sync.transaction import ApplicationTransaction

MAX_ACTIONS = 100  # DynamoDB's limit of actions per TransactWriteItems
MAX_REQUEST_BYTES = 4 * 1024 * 1024  # DynamoDB's limit of a transaction's total size
#: What the packer plans with: the items' canonical JSON underestimates their typed wire form
#: (type tags, expression names), so a pack stays well inside the limit.
PACK_BYTES_BUDGET = 3 * 1024 * 1024
ACTION_OVERHEAD_BYTES = 512  # key, condition and expression per action, over its content
#: Applications a worker takes at once: 25 four-item applications fill one transaction.
PACK_APPLICATIONS = 25
#: Reasons that say nothing against one application: the pack is retried whole.
_RETRY_WHOLE = frozenset({"None", "", "TransactionConflict", "ThrottlingError"})


class PackCancelled(SyncFailure):
    """A pack's ``TransactionCanceledException`` with its positional reasons (one per action,
    ``"None"`` for an action that would have succeeded)."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(",".join(reasons))
        self.reasons = reasons

    def culprits(self, txs: Sequence[ApplicationTransaction]) -> list[int]:
        """Indices of the members whose own actions carry a reason other than a transient one
        (a failed condition, a validation error): sent again without them. Empty when the
        reasons cannot be traced (none, or not one per action): the pack is judged whole."""
        if len(self.reasons) != sum(tx.write_count for tx in txs):
            return []
        out, start = [], 0
        for n, tx in enumerate(txs):
            own = self.reasons[start : start + tx.write_count]
            start += tx.write_count
            if any(r not in _RETRY_WHOLE for r in own):
                out.append(n)
        return out

    @property
    def retryable(self) -> bool:
        """Only conflicts with other transactions or throttling: send the same pack again."""
        return bool(self.reasons) and all(r in _RETRY_WHOLE for r in self.reasons)


def tx_bytes(tx: ApplicationTransaction) -> int:
    """An estimate of ``tx``'s share of a request, from its items' canonical size."""
    return sum(i.canonical_bytes + ACTION_OVERHEAD_BYTES for i in tx.items) + (
        ACTION_OVERHEAD_BYTES * len(tx.deletes)
    )


def packs(
    txs: Sequence[ApplicationTransaction],
    *,
    max_actions: int = MAX_ACTIONS,
    max_bytes: int = PACK_BYTES_BUDGET,
) -> list[list[ApplicationTransaction]]:
    """``txs`` in order, in as few packs as fit: each within ``max_actions`` and ``max_bytes``,
    no item twice in one pack, no application split. An application too big to share a pack
    goes alone."""
    out: list[list[ApplicationTransaction]] = []
    current: list[ApplicationTransaction] = []
    actions = size = 0
    idents: set[tuple[str, str]] = set()
    for tx in txs:
        own = {i.ident for i in tx.items} | {d.ident for d in tx.deletes}
        n, b = tx.write_count, tx_bytes(tx)
        if current and (actions + n > max_actions or size + b > max_bytes or own & idents):
            out.append(current)
            current, actions, size, idents = [], 0, 0, set()
        current.append(tx)
        actions, size = actions + n, size + b
        idents |= own
    if current:
        out.append(current)
    return out


def pack_token(txs: Sequence[ApplicationTransaction]) -> str:
    """The pack's ``ClientRequestToken``: a single member's own, or one over the members'."""
    if len(txs) == 1:
        return txs[0].token
    digest = hashlib.sha256()
    for tx in txs:
        digest.update(tx.token.encode("ascii"))
        digest.update(b"\x00")
    return digest.hexdigest()[:32]
