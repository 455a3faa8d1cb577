"""A push's write of one item as a DynamoDB ``Update``: it sets the attributes LeaseDesk
writes and removes those of them the item no longer has, and leaves every other attribute
(what the web application, webhook receivers or the back office wrote) as it is. An ``Update``
of a key that does not exist creates the item, so a first push needs nothing else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.domain.canonical import LEASEDESK_ATTRIBUTES, is_audit_head
from desktop_app.sync.changed_attributes import BOOKKEEPING
from desktop_app.sync.mapping import WRITE_ATTRIBUTES


def owned_attributes(table: str) -> frozenset[str]:
    """Every top-level attribute a push of logical ``table`` may set or remove."""
    return LEASEDESK_ATTRIBUTES[table] | frozenset(WRITE_ATTRIBUTES)


def update_action(
    table_name: str,
    table: str,
    key: dict[str, str],
    item: dict[str, Any],
    expected_version: int | None,
    value: Callable[[Any], dict[str, Any]],
    partial: tuple[frozenset[str], frozenset[str]] | None = None,
) -> dict[str, Any]:
    """The ``Update`` of a transaction writing ``item`` (key included) under ``key``: it sets
    the owned attributes ``item`` has (nothing else) and removes the owned ones it lacks; conditioned on the item not existing (``expected_version`` None) or on its
    version (and, when it carries this machine's audit head, on not moving that head back). ``value`` turns a Python value into an AttributeValue. ``partial`` (names to set,
    names to remove): an item already on the remote written in part — those, and the
    bookkeeping, and nothing else."""
    owned = owned_attributes(table)
    if partial is not None:
        sets_only, removes_only = partial
        owned = owned & (sets_only | removes_only | BOOKKEEPING)
        item = {
            k: v for k, v in item.items()
            if (k in owned or is_audit_head(k)) and k not in removes_only
        }
    names: dict[str, str] = {}
    values: dict[str, Any] = {}
    sets: list[str] = []
    # An audit head (this machine's, ``audit_heads.py``) is set, never removed.
    written = sorted(
        (k, v) for k, v in item.items() if (k in owned or is_audit_head(k)) and k not in key
    )
    for n, (name, v) in enumerate(written):
        names[f"#a{n}"] = name
        values[f":a{n}"] = value(v)
        sets.append(f"#a{n} = :a{n}")
    gone = sorted(owned - set(item) - set(key))
    removes = []
    for n, name in enumerate(gone):
        names[f"#r{n}"] = name
        removes.append(f"#r{n}")
    expression = "SET " + ", ".join(sets)
    if removes:
        expression += " REMOVE " + ", ".join(removes)
    if expected_version is None:
        names["#pk"] = next(iter(key))
        condition = "attribute_not_exists(#pk)"
    else:
        version = next(p for p, name in names.items() if name == "version")
        values[":expected"] = {"N": str(expected_version)}
        condition = f"{version} = :expected"
        head = next(((f"#a{n}", v) for n, (k, v) in enumerate(written) if is_audit_head(k)), None)
        if head is not None:
            condition = f"({condition}) AND ({_not_behind(head[0], head[1], names, values)})"
    return {
        "TableName": table_name,
        "Key": {k: value(v) for k, v in key.items()},
        "UpdateExpression": expression,
        "ConditionExpression": condition,
        "ExpressionAttributeNames": names,
        "ExpressionAttributeValues": values,
    }


def _not_behind(
    head: str, value: dict[str, Any], names: dict[str, str], values: dict[str, Any]
) -> str:
    """The condition that this machine's audit head (``head``, an expression name) does not go
    backwards: absent, not a map with a numeric ``length`` (another system wrote something
    else there: no head to keep), or no longer than the one written now."""
    names["#hlen"] = "length"
    values[":hlen"] = {"N": str(int(value["length"]))}
    values[":hnum"] = {"S": "N"}
    return (
        f"attribute_not_exists({head}) OR NOT attribute_type({head}.#hlen, :hnum) "
        f"OR {head}.#hlen <= :hlen"
    )
