"""Dependencies shared by the routes: the request's DB session and the settings."""

from collections.abc import AsyncIterator
from typing import Annotated

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, Path, Query, Request
from sqlmodel import Session

from broadcast.config import Settings
from broadcast.db import transaction
from broadcast.models.common import MAX_ID

# Commits and rollbacks run on threads of their own: requests waiting for the database's
# write lock hold request threads, and must never keep the transaction holding it from ending.
ENDINGS = CapacityLimiter(8)


def request_limiter(settings: Settings) -> CapacityLimiter:
    """How many requests of one process hold a database session at once (see the setting)."""
    return CapacityLimiter(settings.request_concurrency)


async def get_db(request: Request) -> AsyncIterator[Session]:
    """A session for one request, committed once when the route has returned."""
    async with request.app.state.sessions:
        manager = transaction(request.app.state.engine)
        db = manager.__enter__()  # opens no connection yet: nothing blocks the event loop
        try:
            yield db
        except BaseException as exc:
            await to_thread.run_sync(
                manager.__exit__, type(exc), exc, exc.__traceback__, limiter=ENDINGS
            )
            raise
        await to_thread.run_sync(manager.__exit__, None, None, None, limiter=ENDINGS)


def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


DbDep = Annotated[Session, Depends(get_db, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
RowId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the row")]
QueryId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
