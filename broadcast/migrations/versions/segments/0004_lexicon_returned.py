"""Segments returned to review by a lexicon change are marked, for the re-approval list.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None
# frozen here: the note the lexicon review wrote before this revision
LEXICON_NOTE = "Cách đọc đã đổi theo từ điển phát âm: nghe lại và duyệt lại."


def upgrade() -> None:
    """Add `segment.lexicon_returned`; mark the drafts the lexicon review returned so far."""
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("segment")}
    if "lexicon_returned" not in present:  # a plain ADD COLUMN: no table copy in SQLite
        column: sa.Column[bool] = sa.Column(
            "lexicon_returned", sa.Boolean(), nullable=False, server_default=sa.false()
        )
        op.add_column("segment", column)
    op.get_bind().execute(
        sa.text(
            "UPDATE segment SET lexicon_returned = :yes "
            "WHERE review_note = :note AND status = 'DRAFT'"
        ),
        {"yes": True, "note": LEXICON_NOTE},
    )


def downgrade() -> None:
    """Drop the mark."""
    with op.batch_alter_table("segment") as batch:
        batch.drop_column("lexicon_returned")
