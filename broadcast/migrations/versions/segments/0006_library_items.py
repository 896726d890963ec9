"""The media library: a station's own audio files, each pointing to a stored audio asset.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None
KINDS = ("JINGLE", "BED", "THEME", "RECORDING", "UPPER_LEVEL")


def upgrade() -> None:
    """Create `library_item` unless the database already has it."""
    if "library_item" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "library_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("station_id", sa.Integer(), sa.ForeignKey("station.id"), nullable=False),
        sa.Column("asset_id", sa.Integer(), sa.ForeignKey("audio_asset.id"), nullable=False),
        sa.Column("kind", sa.Enum(*KINDS, name="librarykind"), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("station_id", "asset_id", name="uq_library_item_asset"),
    )
    op.create_index("ix_library_item_station_id", "library_item", ["station_id"])
    op.create_index("ix_library_item_asset_id", "library_item", ["asset_id"])


def downgrade() -> None:
    """Drop the library (the audio assets stay)."""
    op.drop_table("library_item")
