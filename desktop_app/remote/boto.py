"""The type of a boto3 client. boto3 ships no type information, so a client and its answers
are untyped; naming the type keeps the boundary visible where a client is passed around."""

from __future__ import annotations

from typing import Any, TypeAlias

#: A boto3 client (``boto3.client("dynamodb")`` and the like): untyped.
BotoClient: TypeAlias = Any
