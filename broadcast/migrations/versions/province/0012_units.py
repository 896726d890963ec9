"""The organisation tree: units (province, legacy district, commune), stations and roles on them.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None
KINDS = ("PROVINCE", "DISTRICT", "COMMUNE")


def upgrade() -> None:
    """Create `unit`, then point stations and roles to it (columns empty: no unit)."""
    bind = op.get_bind()
    if "unit" not in sa.inspect(bind).get_table_names():
        op.create_table(
            "unit",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("name", sa.String(length=200), nullable=False),
            sa.Column("kind", sa.Enum(*KINDS, name="unitkind"), nullable=False),
            sa.Column("parent_id", sa.Integer(), sa.ForeignKey("unit.id"), nullable=True),
            sa.Column("code", sa.String(length=20), nullable=True),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        )
        op.create_index("ix_unit_parent_id", "unit", ["parent_id"])
    for table in ("station", "user_role"):
        if "unit_id" in {c["name"] for c in sa.inspect(bind).get_columns(table)}:
            continue
        if bind.dialect.name == "sqlite":  # ADD COLUMN … REFERENCES: no copy of a referenced table
            op.execute(f"ALTER TABLE {table} ADD COLUMN unit_id INTEGER REFERENCES unit (id)")
        else:
            op.add_column(table, sa.Column("unit_id", sa.Integer(), sa.ForeignKey("unit.id")))
        op.create_index(f"ix_{table}_unit_id", table, ["unit_id"])


def downgrade() -> None:
    """Drop the tree and the columns pointing to it (and the enum type on PostgreSQL)."""
    for table in ("user_role", "station"):
        op.drop_index(f"ix_{table}_unit_id", table_name=table)
        op.drop_column(table, "unit_id")
    op.drop_table("unit")
    sa.Enum(name="unitkind").drop(op.get_bind(), checkfirst=True)
