"""Bulletins down the tree: what a unit issues, and its delivery to each station below it.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None
CLASSES = ("NORMAL", "PRIORITY", "EMERGENCY")


def _bulletin_class() -> sa.Enum:
    """The segments' enum type, already on PostgreSQL (not created again)."""
    if op.get_bind().dialect.name == "postgresql":
        return postgresql.ENUM(*CLASSES, name="bulletinclass", create_type=False)
    return sa.Enum(*CLASSES, name="bulletinclass")


def upgrade() -> None:
    """Create `bulletin` and `bulletin_delivery` unless the database already has them."""
    tables = sa.inspect(op.get_bind()).get_table_names()
    if "bulletin" not in tables:
        op.create_table(
            "bulletin",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("unit_id", sa.Integer(), sa.ForeignKey("unit.id"), nullable=False),
            sa.Column("title", sa.String(length=300), nullable=False),
            sa.Column("script", sa.String(length=20000), nullable=False),
            sa.Column("voice", sa.String(length=50), nullable=False),
            sa.Column("bulletin_class", _bulletin_class(), nullable=False),
            sa.Column("air_start", sa.Date(), nullable=False),
            sa.Column("air_end", sa.Date(), nullable=False),
            sa.Column("place_by", sa.Date(), nullable=True),
            sa.Column("target_unit_ids", sa.JSON(), nullable=True),
            sa.Column("target_station_ids", sa.JSON(), nullable=True),
            sa.Column(
                "audio_asset_id", sa.Integer(), sa.ForeignKey("audio_asset.id"), nullable=True
            ),
            sa.Column("author_id", sa.Integer(), sa.ForeignKey("user_account.id"), nullable=True),
            sa.Column("contributor_ids", sa.JSON(), nullable=True),
            sa.Column(
                "approved_by_id", sa.Integer(), sa.ForeignKey("user_account.id"), nullable=True
            ),
            sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        )
        op.create_index("ix_bulletin_unit_id", "bulletin", ["unit_id"])
    if "bulletin_delivery" not in tables:
        op.create_table(
            "bulletin_delivery",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("bulletin_id", sa.Integer(), sa.ForeignKey("bulletin.id"), nullable=False),
            sa.Column("station_id", sa.Integer(), sa.ForeignKey("station.id"), nullable=False),
            sa.Column("segment_id", sa.Integer(), sa.ForeignKey("segment.id"), nullable=False),
            sa.Column("bulletin_first", sa.Boolean(), nullable=False),
            sa.Column("note", sa.String(length=2000), nullable=False),
            sa.Column("refused_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("refuse_reason", sa.String(length=2000), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.UniqueConstraint("bulletin_id", "station_id"),
        )
        for column in ("bulletin_id", "station_id", "segment_id"):
            op.create_index(f"ix_bulletin_delivery_{column}", "bulletin_delivery", [column])


def downgrade() -> None:
    """Drop both tables (the enum type stays: the segments use it)."""
    op.drop_table("bulletin_delivery")
    op.drop_table("bulletin")
