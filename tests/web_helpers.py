"""Browserless helpers for the web UI: log in through the real login form, keep the cookie."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient

from api.main import create_app
from broadcast.config import Settings
from broadcast.db import get_engine
from broadcast.models.accounts import Role

from factories import TEST_PASSWORD, add_user

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]*)"')
LOGIN_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def login(client: TestClient, username: str, password: str = TEST_PASSWORD) -> str:
    """Log in through /dang-nhap; the client keeps the cookie and sends the CSRF header."""
    form = client.get("/dang-nhap")
    token = LOGIN_CSRF.search(form.text)
    assert token is not None, form.text
    done = client.post(
        "/dang-nhap",
        data={"username": username, "password": password, "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    page = client.get("/")
    csrf = CSRF_META.search(page.text)
    assert csrf is not None and csrf.group(1), page.text
    client.headers["X-CSRF-Token"] = csrf.group(1)
    return csrf.group(1)


def browser_as(
    client: TestClient,
    settings: Settings,
    username: str,
    role: Role | None,
    station_id: int | None = None,
    unit_id: int | None = None,
) -> TestClient:
    """Another logged-in browser on the same app, as a new user with one role."""
    add_user(get_engine(settings.db_url), username, role, station_id, unit_id)
    other = TestClient(client.app)
    login(other, username)
    return other


@contextmanager
def web_app(
    settings: Settings, role: Role = Role.ADMIN, username: str = "quantri"
) -> Iterator[TestClient]:
    """The app with its lifespan, and a browser logged in as a user with this role."""
    with TestClient(create_app(settings)) as client:
        add_user(get_engine(settings.db_url), username, role)
        login(client, username)
        yield client
