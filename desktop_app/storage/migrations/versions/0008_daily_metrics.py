"""daily metrics: counters and histograms per day, metric and label set, kept 30 days
(services/metrics.py).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'daily_metrics',
        sa.Column('day', sa.String(length=10), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('labels', sa.String(length=300), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('total', sa.Float(), nullable=False),
        sa.Column('buckets', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('day', 'name', 'labels', name=op.f('pk_daily_metrics')),
    )


def downgrade() -> None:
    op.drop_table('daily_metrics')
