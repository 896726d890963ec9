"""The review flow: a segment status "submitted", when and with what note it was sent for
review, when an approver returned it, and the plan importer's template drafts marked apart
from written work.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _columns() -> list[sa.Column]:
    """The new columns of `segment` (fresh objects: a Column belongs to one table)."""
    return [
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submit_note", sa.String(length=2000), nullable=False, server_default=""),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("plan_template", sa.Boolean(), nullable=False, server_default=sa.false()),
    ]


# The importer's drafts so far: titled "Nháp <phase code>.<n>: …", untouched, in a campaign
# made from a plan file.
MARK_TEMPLATES = """
UPDATE segment SET plan_template = :yes
WHERE status = 'DRAFT' AND title LIKE 'Nháp %' AND id IN (
    SELECT sp.segment_id FROM segment_phase sp
    JOIN phase p ON p.id = sp.phase_id
    JOIN plan_import pi ON pi.campaign_id = p.campaign_id)
"""


def upgrade() -> None:
    """Add the columns (plain ADD COLUMN: no table copy in SQLite) and the enum value."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":  # a native enum type keeps its labels
        # Inside the upgrade's transaction (PostgreSQL 12+); no revision of it uses the label.
        op.execute("ALTER TYPE segmentstatus ADD VALUE IF NOT EXISTS 'SUBMITTED' BEFORE 'APPROVED'")
    present = {c["name"] for c in sa.inspect(bind).get_columns("segment")}
    for column in _columns():
        if column.name not in present:
            op.add_column("segment", column)
    bind.execute(sa.text(MARK_TEMPLATES), {"yes": True})


def downgrade() -> None:
    """Drop the columns; submitted segments become drafts again."""
    op.execute("UPDATE segment SET status = 'DRAFT' WHERE status = 'SUBMITTED'")
    with op.batch_alter_table("segment") as batch:
        for column in _columns():
            batch.drop_column(column.name)
