"""document bytes keyed by application and document id

``document_blobs`` was keyed by the document id alone, so a document of one application could
replace (and, when that application was deleted, remove) the bytes of another application's
document with the same id. The key becomes (application id, document id); every row keeps its
application, its id and its sealed bytes unchanged, so existing stores read as before. The
separate index on ``application_id`` goes: the key now starts with it. ``problem`` records why
kept bytes fail the document checks (a document fetched from the server).

Only ``document_blobs`` is rebuilt; the triggers on ``applications`` are untouched. Bytes
sealed from now on bind the application id too (``LDenc2``, ``storage/codec.py``); a downgrade
keeps one row per document id, and an older release cannot open ``LDenc2`` bytes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 14:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _create(name: str, key: list[str], with_problem: bool) -> None:
    columns = [
        sa.Column('application_id', sa.String(length=26), nullable=False),
        sa.Column('document_id', sa.String(length=26), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
    ]
    if with_problem:
        columns.append(sa.Column('problem', sa.Text(), nullable=True))
    op.create_table(
        name,
        *columns,
        sa.ForeignKeyConstraint(
            ['application_id'], ['applications.id'],
            name='fk_document_blobs_application_id_applications', ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint(*key, name='pk_document_blobs'),
    )


def upgrade() -> None:
    _create('document_blobs_new', ['application_id', 'document_id'], with_problem=True)
    op.execute(
        "INSERT INTO document_blobs_new (application_id, document_id, content) "
        "SELECT application_id, document_id, content FROM document_blobs"
    )
    op.drop_index('ix_document_blobs_application_id', table_name='document_blobs')
    op.drop_table('document_blobs')
    op.rename_table('document_blobs_new', 'document_blobs')


def downgrade() -> None:
    # The old key holds one row per document id: of rows sharing an id, the first is kept.
    _create('document_blobs_old', ['document_id'], with_problem=False)
    op.execute(
        "INSERT OR IGNORE INTO document_blobs_old (document_id, application_id, content) "
        "SELECT document_id, application_id, content FROM document_blobs ORDER BY rowid"
    )
    op.drop_table('document_blobs')
    op.rename_table('document_blobs_old', 'document_blobs')
    op.create_index('ix_document_blobs_application_id', 'document_blobs', ['application_id'])
