"""Dependencies shared by the routes: the request's DB session and the settings."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from sqlmodel import Session

from broadcast.config import Settings
from broadcast.db import transaction
from broadcast.models.common import MAX_ID


def get_db(request: Request) -> Iterator[Session]:
    """A session for one request, committed once when the route has returned."""
    with transaction(request.app.state.engine) as db:
        yield db


def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


DbDep = Annotated[Session, Depends(get_db, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
RowId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the row")]
QueryId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
