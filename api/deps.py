"""Dependencies shared by the routes: the request's DB session and the settings."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from broadcast.config import Settings
from broadcast.db import transaction


def get_db(request: Request) -> Iterator[Session]:
    """A session for one request, committed once when the route has returned."""
    with transaction(request.app.state.engine) as session:
        yield session


def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(get_db, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
