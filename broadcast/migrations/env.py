"""How Alembic runs here: on the connection the caller opened, with the models' metadata."""

from alembic import context
from sqlmodel import SQLModel

from broadcast import models  # noqa: F401  (registers every table)

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=SQLModel.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
