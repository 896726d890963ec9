"""Quiet hours: a station's local clock windows without normal or priority sessions.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `station.quiet_hours` (an empty list on every existing station)."""
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("station")}
    if "quiet_hours" in columns:
        return
    op.add_column("station", sa.Column("quiet_hours", sa.JSON(), nullable=True))
    op.get_bind().execute(sa.text("UPDATE station SET quiet_hours = '[]'"))


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("station") as batch:
        batch.drop_column("quiet_hours")
