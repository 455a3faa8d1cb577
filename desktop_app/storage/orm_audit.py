"""The audit trail's table: one row per action on an application, hash-chained
(``services/audit.py``; docs/records.md, "Audit trail"). Rows are only ever added."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.storage.orm import Base


class AuditEntryRow(Base):
    """``seq`` counts from 1 per application; ``prev_hash`` is the hash of entry ``seq - 1``
    (64 zeros for the first) and ``hash`` covers every other column of the row."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_app_seq", "application_id", "seq", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(String(26))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(40))
    account: Mapped[str] = mapped_column(String(200))
    machine: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON: paths, versions, sides; never values
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
