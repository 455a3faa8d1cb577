"""audit trail

``audit_entries``: the hash-chained, append-only record of every action on an application
(``services/audit.py``; docs/records.md, "Audit trail").

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'audit_entries',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('application_id', sa.String(26), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('at', sa.String(40), nullable=False),
        sa.Column('account', sa.String(200), nullable=False),
        sa.Column('machine', sa.String(200), nullable=False),
        sa.Column('action', sa.String(40), nullable=False),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.Column('prev_hash', sa.String(64), nullable=False),
        sa.Column('hash', sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_audit_entries'),
    )
    op.create_index(
        'ix_audit_entries_app_seq', 'audit_entries', ['application_id', 'seq'], unique=True
    )


def downgrade() -> None:
    op.drop_index('ix_audit_entries_app_seq', table_name='audit_entries')
    op.drop_table('audit_entries')
