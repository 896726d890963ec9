"""Device heartbeats: when a device last reported, what it reported, and its clock offset.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None
COLUMNS = (
    ("last_heartbeat_at", sa.DateTime(timezone=True)),
    ("reported_state", sa.JSON()),
    ("clock_offset_s", sa.Float()),
)


def upgrade() -> None:
    """Add the heartbeat columns to `device` (null: the device never reported)."""
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("device")}
    for name, kind in COLUMNS:
        if name not in present:
            op.add_column("device", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    """Drop the columns."""
    with op.batch_alter_table("device") as batch:
        for name, _ in COLUMNS:
            batch.drop_column(name)
