"""Job leases, attempts, workers and error codes; segment contributors; the audit's station;
the export job kind renamed (EXPORT_PLAYLIST → EXPORT_SESSION), the scheduler job kind, and on
PostgreSQL the session status type renamed (playliststatus → sessionstatus).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS: dict[str, list[sa.Column]] = {
    "job": [
        sa.Column("error_code", sa.String(length=60), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("worker", sa.String(length=200), nullable=True),
    ],
    "segment": [sa.Column("contributor_ids", sa.JSON(), nullable=True)],
    "audit_entry": [sa.Column("station_id", sa.Integer(), nullable=True)],
}

# PostgreSQL: the job kind's label and the session status's type are renamed where they still
# have release 10's names (a type made by a later release already has the new ones).
RENAME_EXPORT_KIND = """
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
               WHERE t.typname = 'jobkind' AND e.enumlabel = 'EXPORT_PLAYLIST') THEN
        ALTER TYPE jobkind RENAME VALUE 'EXPORT_PLAYLIST' TO 'EXPORT_SESSION';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_type WHERE typname = 'playliststatus')
       AND NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'sessionstatus') THEN
        ALTER TYPE playliststatus RENAME TO sessionstatus;  -- the enum's class was renamed
    END IF;
END $$
"""


def upgrade() -> None:
    """Add the columns a database lacks, index the audit's station, rename a job kind."""
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    for table, columns in COLUMNS.items():
        present = {c["name"] for c in inspector.get_columns(table)}
        missing = [column for column in columns if column.name not in present]
        if missing:
            with op.batch_alter_table(table) as batch:
                for column in missing:
                    batch.add_column(column)
    indexes = {i["name"] for i in inspector.get_indexes("audit_entry")}
    if "ix_audit_entry_station_id" not in indexes:
        op.create_index("ix_audit_entry_station_id", "audit_entry", ["station_id"])
    if bind.dialect.name == "postgresql":  # a native enum type keeps its labels
        op.execute(RENAME_EXPORT_KIND)
        op.execute("ALTER TYPE jobkind ADD VALUE IF NOT EXISTS 'SCHEDULER_RUN'")
    else:
        op.execute("UPDATE job SET kind = 'EXPORT_SESSION' WHERE kind = 'EXPORT_PLAYLIST'")


def downgrade() -> None:
    """This revision's changes cannot be undone here: restore a backup instead."""
    raise NotImplementedError("restore a backup made before the upgrade")
