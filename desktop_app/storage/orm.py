"""The local schema as SQLAlchemy 2 typed ORM classes. An application is stored as one JSON
document (the domain model) plus the few columns the list, the search and the sync engine need;
every change also writes an outbox row in the same transaction (docs/architecture.md, "Local store and secrets")."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: A naming convention, so alembic can alter SQLite tables in batch mode.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    if TYPE_CHECKING:
        #: Every model maps one table (not a join or a select), so its ``__table__`` is a Table.
        __table__: ClassVar[Table]


class ApplicationRow(Base):
    __tablename__ = "applications"

    id: Mapped[str] = mapped_column(String(26), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    current_step: Mapped[int] = mapped_column(Integer, default=1)
    #: Bumped by every change; the outbox and the sync engine track it.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    #: The whole ``domain.models.Application`` as JSON (documents' bytes live elsewhere).
    data: Mapped[str] = mapped_column(Text)
    applicant_name: Mapped[str] = mapped_column(String(300), default="")
    building_address: Mapped[str] = mapped_column(String(300), default="")
    unit: Mapped[str] = mapped_column(String(50), default="")
    monthly_rent: Mapped[str] = mapped_column(String(32), default="")  # decimal string
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))
    #: A deleted draft stays as a tombstone until the sync engine has seen it.
    deleted_at: Mapped[str | None] = mapped_column(String(40), nullable=True, default=None)

    __table_args__ = (Index("ix_applications_updated_at", "updated_at"),)


class OutboxRow(Base):
    """One row per changed application revision, for the sync engine to drain."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(String(26), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(40))


class DocumentBlobRow(Base):
    """The bytes of an attached document, apart from the JSON so saves stay small. Keyed by
    the application and the document id: an application's bytes are its own, whatever ids
    another application's documents carry (migration 0004)."""

    __tablename__ = "document_blobs"

    application_id: Mapped[str] = mapped_column(
        String(26), ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[str] = mapped_column(String(26), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    #: Why these bytes fail the document checks, when they were kept anyway (a document
    #: fetched from the server that another system wrote); None when they pass.
    problem: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)


class BuildingProfileRow(Base):
    """A building's local settings (address, income multiples); see ``domain.nyc_rules``."""

    __tablename__ = "building_profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), unique=True)
    applicant_multiple: Mapped[str] = mapped_column(String(16), default="40")
    guarantor_multiple: Mapped[str] = mapped_column(String(16), default="80")


# -- sync state (the sync engine) ---------------------------------------------------------------


class SyncStateRow(Base):
    """Per application: its remote key, the remote version and local revision last confirmed,
    and the application as last synced (the base of a three-way merge)."""

    __tablename__ = "sync_state"

    application_id: Mapped[str] = mapped_column(String(26), primary_key=True)
    appid: Mapped[str] = mapped_column(String(200))
    remote_version: Mapped[int] = mapped_column(Integer, default=0)
    synced_revision: Mapped[int] = mapped_column(Integer, default=0)
    #: JSON of ``domain.models.Application`` as the remote held it after the last sync.
    snapshot: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    #: "synced" | "pending" | "conflict" | "needs_attention"
    state: Mapped[str] = mapped_column(String(20), default="pending")
    last_synced_at: Mapped[str | None] = mapped_column(String(40), nullable=True, default=None)


class SyncReceiptRow(Base):
    """What the server confirmed for one item: its version and content hash, and when."""

    __tablename__ = "sync_receipts"

    application_id: Mapped[str] = mapped_column(String(26), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(20), primary_key=True)  # logical name
    key: Mapped[str] = mapped_column(String(200), primary_key=True)  # partition key value
    person_id: Mapped[str | None] = mapped_column(String(26), nullable=True, default=None)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    confirmed_at: Mapped[str] = mapped_column(String(40))
    #: The item's owned attributes as the remote holds them (typed JSON, sealed); NULL for
    #: receipts written before they were kept (that item's next push writes it whole).
    owned: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)


class SyncAttentionRow(Base):
    """An application retrying cannot push: why, and the step and field the agent must fix."""

    __tablename__ = "sync_needs_attention"

    application_id: Mapped[str] = mapped_column(String(26), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    step: Mapped[str] = mapped_column(String(100), default="")
    field: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[str] = mapped_column(String(40))


class SyncConflictRow(Base):
    """One field both this machine and the remote changed since the last sync: both values
    are kept until the agent chooses."""

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[str] = mapped_column(String(26), index=True)
    path: Mapped[str] = mapped_column(String(300))
    base: Mapped[str] = mapped_column(Text)  # JSON values
    local: Mapped[str] = mapped_column(Text)
    remote: Mapped[str] = mapped_column(Text)
    remote_version: Mapped[int] = mapped_column(Integer)
    detected_at: Mapped[str] = mapped_column(String(40))


class SyncMetaRow(Base):
    """Global sync facts (last synced, last error, online), as key/value JSON."""

    __tablename__ = "sync_meta"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


from desktop_app.storage import orm_audit  # noqa: E402,F401  (the audit trail's table)
from desktop_app.storage import orm_metrics  # noqa: E402,F401  (the daily metrics table)
from desktop_app.storage import orm_webhooks  # noqa: E402,F401  (the webhook outbox)
