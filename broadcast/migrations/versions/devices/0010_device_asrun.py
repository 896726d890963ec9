"""Device as-run reports (what each device played), and quiet hours per zone of a station.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _create_reports() -> None:
    """Create `device_asrun` with its indexes."""
    op.create_table(
        "device_asrun",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("device_id", sa.Integer(), sa.ForeignKey("device.id"), nullable=False),
        sa.Column("station_id", sa.Integer(), sa.ForeignKey("station.id"), nullable=False),
        sa.Column("report_uid", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("playlist.id"), nullable=True),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("played_s", sa.Float(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("device_id", "report_uid", name="uq_device_asrun_report"),
    )
    for column in ("device_id", "station_id", "session_id", "received_at"):
        op.create_index(f"ix_device_asrun_{column}", "device_asrun", [column])


def upgrade() -> None:
    """Add `device_asrun` and `station.zone_quiet_hours` (an empty mapping on every station)."""
    inspector = sa.inspect(op.get_bind())
    if "device_asrun" not in inspector.get_table_names():
        _create_reports()
    if "zone_quiet_hours" not in {c["name"] for c in inspector.get_columns("station")}:
        op.add_column("station", sa.Column("zone_quiet_hours", sa.JSON(), nullable=True))
        op.get_bind().execute(sa.text("UPDATE station SET zone_quiet_hours = '{}'"))


def downgrade() -> None:
    """Drop the reports and the column."""
    op.drop_table("device_asrun")
    with op.batch_alter_table("station") as batch:
        batch.drop_column("zone_quiet_hours")
