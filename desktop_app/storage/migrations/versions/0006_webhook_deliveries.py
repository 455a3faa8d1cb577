"""webhook deliveries

``webhook_deliveries``: the webhook outbox, one row per delivery of an event (written in the
submit's own transaction), with its attempts, outcome and the receiver's answer until that is
written to the tables. ``webhook_endpoints``: endpoints disabled by a ``410 Gone``.
``webhook_settings``: the profile's webhook URL and payload mode (the secret is in the keyring).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'webhook_deliveries',
        sa.Column('id', sa.String(40), nullable=False),
        sa.Column('application_id', sa.String(26), nullable=False),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('event_type', sa.String(40), nullable=False),
        sa.Column('created_at', sa.String(40), nullable=False),
        sa.Column('state', sa.String(20), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.String(40), nullable=False),
        sa.Column('endpoint', sa.Text(), nullable=False),
        sa.Column('last_status', sa.Integer(), nullable=True),
        sa.Column('last_reason', sa.Text(), nullable=False),
        sa.Column('last_attempt_at', sa.String(40), nullable=True),
        sa.Column('duration_ms', sa.Integer(), nullable=True),
        sa.Column('response_body', sa.Text(), nullable=True),
        sa.Column('written_back', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_deliveries')),
    )
    op.create_index(
        'ix_webhook_deliveries_application_id', 'webhook_deliveries', ['application_id']
    )
    op.create_index('ix_webhook_deliveries_state', 'webhook_deliveries', ['state'])
    op.create_table(
        'webhook_endpoints',
        sa.Column('url', sa.Text(), nullable=False),
        sa.Column('disabled_at', sa.String(40), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('url', name=op.f('pk_webhook_endpoints')),
    )
    op.create_table(
        'webhook_settings',
        sa.Column('key', sa.String(50), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_webhook_settings')),
    )


def downgrade() -> None:
    op.drop_table('webhook_settings')
    op.drop_table('webhook_endpoints')
    op.drop_index('ix_webhook_deliveries_state', table_name='webhook_deliveries')
    op.drop_index('ix_webhook_deliveries_application_id', table_name='webhook_deliveries')
    op.drop_table('webhook_deliveries')
