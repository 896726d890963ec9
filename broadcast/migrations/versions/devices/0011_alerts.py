"""Alerts: emergency bulletins and live broadcasts that pre-empt what devices play.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None
KINDS = ("EMERGENCY", "LIVE")


def upgrade() -> None:
    """Create `alert` unless the database already has it."""
    if "alert" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "alert",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("station_id", sa.Integer(), sa.ForeignKey("station.id"), nullable=False),
        sa.Column("kind", sa.Enum(*KINDS, name="alertkind"), nullable=False),
        sa.Column("segment_id", sa.Integer(), sa.ForeignKey("segment.id"), nullable=True),
        sa.Column("resume", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("zones", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("user_account.id"), nullable=True),
        sa.Column("audio_path", sa.String(length=500), nullable=True),
        sa.Column("audio_sha256", sa.String(length=64), nullable=True),
        sa.Column("audio_size", sa.Integer(), nullable=True),
        sa.Column("audio_duration_s", sa.Float(), nullable=True),
    )
    op.create_index("ix_alert_station_id", "alert", ["station_id"])


def downgrade() -> None:
    """Drop the alerts."""
    op.drop_table("alert")
