"""Shared fixtures: a real SQLite file per test, settings in a temporary data directory."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from api.main import create_app
from broadcast.config import Settings
from broadcast.db import dispose_engines, get_engine, init_db


def make_settings(root: Path, **overrides: object) -> Settings:
    """Settings whose data directory and SQLite file live under root."""
    values: dict[str, object] = {
        "data_dir": root / "var",
        "database_url": f"sqlite:///{root / 'var' / 'loa.db'}",
        "run_worker": False,
        "load_demo": False,
        "gap_seconds": 1.0,
        "scheduler_enabled": False,
    }
    values.update(overrides)
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    settings.ensure_dirs()
    return settings


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    yield make_settings(tmp_path)
    dispose_engines()


@pytest.fixture
def engine(settings: Settings) -> Engine:
    engine = get_engine(settings.db_url)
    init_db(engine)
    return engine


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session
        session.rollback()


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client
