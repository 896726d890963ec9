"""Shared fixtures: a real database per test (a SQLite file, or PostgreSQL with
LOA_TEST_DB=postgresql: see databases.py), settings in a temporary data directory."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from api.main import create_app
from audio import _ffmpeg
from broadcast.config import Settings
from broadcast.db import dispose_engines, get_engine, init_db
from broadcast.models.accounts import Role

import databases
from factories import add_user, bearer


def make_settings(root: Path, **overrides: object) -> Settings:
    """Settings whose data directory and database (SQLite file or PostgreSQL) live under root."""
    values: dict[str, object] = {
        "data_dir": root / "var",
        "run_worker": False,
        "load_demo": False,
        "gap_seconds": 1.0,
        "scheduler_enabled": False,
    }
    values.update(overrides)
    if "database_url" not in overrides:
        values["database_url"] = databases.database_url(root)
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    settings.ensure_dirs()
    return settings


@pytest.fixture(autouse=True)
def _own_databases() -> Iterator[None]:
    """The PostgreSQL databases a test made are dropped when it ends (SQLite: tmp_path)."""
    mark = len(databases.created)
    yield
    if databases.created[mark:]:
        dispose_engines()
        databases.drop_since(mark)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    dispose_engines()
    databases.drop_all()


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
def db(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as db:
        yield db
        db.rollback()


@contextmanager
def open_client(settings: Settings, **options: Any) -> Iterator[TestClient]:
    """The app over real HTTP, as an admin (Bearer token); `approver_headers` act as an approver."""
    with serve_app(create_app(settings), **options) as test_client:
        yield test_client


@contextmanager
def serve_app(app: FastAPI, **options: Any) -> Iterator[TestClient]:
    """A built app started (lifespan) with an admin's and an approver's tokens, as open_client."""
    settings = app.state.settings
    with TestClient(app, **options) as test_client:
        engine = get_engine(settings.db_url)
        _admin_id, admin_token = add_user(engine, "quantri", Role.ADMIN)
        _approver_id, approver_token = add_user(engine, "duyet", Role.APPROVER)
        test_client.headers.update(bearer(admin_token))
        test_client.approver_headers = bearer(approver_token)  # type: ignore[attr-defined]
        yield test_client


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with open_client(settings) as test_client:
        yield test_client


@pytest.fixture
def ffmpeg_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The arguments (joined by spaces) of every ffmpeg run started from now on in this test."""
    runs: list[str] = []
    spawn = _ffmpeg._spawn

    def counting(args: list[str], *rest: object) -> object:
        runs.append(" ".join(args))
        return spawn(args, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(_ffmpeg, "_spawn", counting)
    return runs
