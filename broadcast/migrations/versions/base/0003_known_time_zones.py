"""Stations whose time zone is not an IANA name get the one they were aired in (the default).

Revision ID: 0003
Revises: 0002
"""

from zoneinfo import available_timezones

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None
DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"  # frozen here: a migration does not follow the models


def upgrade() -> None:
    """Replace unknown time zones, which were ignored until now, by the default."""
    bind = op.get_bind()
    known = available_timezones()
    rows = bind.execute(sa.text("SELECT id, timezone FROM station")).fetchall()
    for station_id, zone in rows:
        if zone not in known:
            bind.execute(
                sa.text("UPDATE station SET timezone = :zone WHERE id = :id"),
                {"zone": DEFAULT_TIMEZONE, "id": station_id},
            )


def downgrade() -> None:
    """Nothing to undo: the replaced names were never used."""
