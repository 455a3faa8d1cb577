"""outbox rows written by triggers

Every write that creates an application or moves its ``revision`` on queues a push: the
database itself now adds the outbox row, in the same statement and so the same transaction,
instead of each writer remembering a second INSERT. The autosave hot path becomes one UPDATE.

Batch migrations rebuild a table and drop its triggers: a later migration that alters
``applications`` in batch mode must create these two again (``test_store`` checks that they
exist at head and that every kind of write queues its row).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 14:30:00
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

ON_INSERT = """
CREATE TRIGGER outbox_on_insert AFTER INSERT ON applications
BEGIN
    INSERT INTO outbox (application_id, revision, created_at)
    VALUES (NEW.id, NEW.revision, NEW.updated_at);
END
"""
ON_REVISION = """
CREATE TRIGGER outbox_on_revision AFTER UPDATE OF revision ON applications
WHEN NEW.revision <> OLD.revision
BEGIN
    INSERT INTO outbox (application_id, revision, created_at)
    VALUES (NEW.id, NEW.revision, NEW.updated_at);
END
"""


def upgrade() -> None:
    op.execute(ON_INSERT)
    op.execute(ON_REVISION)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS outbox_on_revision")
    op.execute("DROP TRIGGER IF EXISTS outbox_on_insert")
