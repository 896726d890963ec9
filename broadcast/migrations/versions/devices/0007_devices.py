"""Devices of a station: receivers, bridges and players, each with its own token.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None
KINDS = ("IP_RECEIVER", "FM_BRIDGE", "WIRED_BRIDGE", "CARD_PLAYER")


def upgrade() -> None:
    """Create `device` unless the database already has it."""
    if "device" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "device",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("station_id", sa.Integer(), sa.ForeignKey("station.id"), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.Enum(*KINDS, name="devicekind"), nullable=False),
        sa.Column("zone", sa.String(length=200), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("volume", sa.Integer(), nullable=False),
        sa.Column("output_profile", sa.String(length=40), nullable=False),
        sa.Column("agent_version", sa.String(length=50), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("token_prefix", sa.String(length=16), nullable=False),
        sa.Column("token_issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("station_id", "name", name="uq_device_name"),
    )
    op.create_index("ix_device_station_id", "device", ["station_id"])
    op.create_index("ix_device_token_hash", "device", ["token_hash"], unique=True)


def downgrade() -> None:
    """Drop the devices (their tokens stop working)."""
    op.drop_table("device")
