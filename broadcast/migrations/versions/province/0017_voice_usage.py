"""Cloud voices: characters each station sent to each provider per month.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `voice_usage` unless the database already has it."""
    if "voice_usage" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "voice_usage",
        sa.Column("station_id", sa.Integer(), sa.ForeignKey("station.id"), primary_key=True),
        sa.Column("engine", sa.String(length=20), primary_key=True),
        sa.Column("month", sa.String(length=7), primary_key=True),
        sa.Column("characters", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    """Drop the usage counts."""
    op.drop_table("voice_usage")
