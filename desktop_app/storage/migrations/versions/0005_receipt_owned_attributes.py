"""the owned attributes of each synced item, as the remote holds them

``sync_receipts.owned`` keeps, per item, the attributes LeaseDesk owns as last read from or
written to the remote (typed JSON, sealed like the sync snapshot). A push of an item already on
the remote then sets only the attributes whose value changed since the last sync and hashes the
item as the remote will hold it. Rows written before this column hold NULL: that item's next
push writes it whole, which fills the column.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 15:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_receipts') as batch:
        batch.add_column(sa.Column('owned', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sync_receipts') as batch:
        batch.drop_column('owned')
