"""The schema of release 10, the last one without migrations (its tables as create_all made them).

Revision ID: 0001
Revises:
"""

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing: a database of release 10 or before is marked with this revision."""


def downgrade() -> None:
    """Nothing to undo."""
