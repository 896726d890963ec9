"""Audit entries name the unit owning a unit's own rows, so the unit's admins read them.

Revision ID: 0016
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `audit_entry.unit_id` (a plain column: the append-only triggers stay in place)."""
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("audit_entry")}
    if "unit_id" not in columns:
        op.add_column("audit_entry", sa.Column("unit_id", sa.Integer(), nullable=True))
        op.create_index("ix_audit_entry_unit_id", "audit_entry", ["unit_id"])


def downgrade() -> None:
    """Drop the column."""
    op.drop_index("ix_audit_entry_unit_id", table_name="audit_entry")
    op.drop_column("audit_entry", "unit_id")
