"""What ends a user's access (new password, deactivation, lost role, lock-out), the last admin,
refusals that name no account, audited role changes, and Secure cookies over HTTPS."""

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from broadcast.db import get_engine
from broadcast.models.accounts import Role

from conftest import make_settings, open_client
from factories import TEST_PASSWORD, add_user, bearer

CHANGES: dict[str, dict[str, Any]] = {
    "password": {"password": "mot-mat-khau-moi-dai"},
    "deactivation": {"is_active": False},
    "role removed": {"roles": [{"role": "viewer", "station_id": 1}]},
}


def _login(client: TestClient, username: str, password: str) -> Any:
    browser = TestClient(client.app)
    return browser, browser.post("/auth/login", json={"username": username, "password": password})


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_ends_the_users_sessions_and_tokens(tmp_path: Path, change: str) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        user_id, token = add_user(get_engine(settings.db_url), "bt-a", Role.EDITOR, 1)
        client.patch(
            f"/users/{user_id}",
            json={
                "roles": [{"role": "editor", "station_id": 1}, {"role": "viewer", "station_id": 1}]
            },
        )
        browser, logged_in = _login(client, "bt-a", TEST_PASSWORD)
        assert logged_in.status_code == 200
        assert browser.get("/auth/me").status_code == 200
        assert client.get("/auth/me", headers=bearer(token)).status_code == 200
        changed = client.patch(f"/users/{user_id}", json=CHANGES[change])
        assert changed.status_code == 200, changed.text
        assert client.get("/auth/me", headers=bearer(token)).status_code == 401
        assert browser.get("/auth/me").status_code == 401
        if change == "deactivation":  # coming back does not revive what was ended
            client.patch(f"/users/{user_id}", json={"is_active": True})
            assert client.get("/auth/me", headers=bearer(token)).status_code == 401


def test_adding_a_role_or_renaming_keeps_access(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        user_id, token = add_user(get_engine(settings.db_url), "bt-b", Role.EDITOR, 1)
        more = [{"role": "editor", "station_id": 1}, {"role": "operator", "station_id": 1}]
        assert client.patch(f"/users/{user_id}", json={"roles": more}).status_code == 200
        assert client.patch(f"/users/{user_id}", json={"full_name": "B"}).status_code == 200
        assert client.get("/auth/me", headers=bearer(token)).status_code == 200
        kinds = [
            (e["action"], (e["after"] or e["before"])["role"])
            for e in client.get("/audit", params={"entity": "user_role"}).json()
        ]
        assert ("create", "operator") in kinds  # every role change is in the audit log


def test_a_lock_out_ends_access_and_answers_like_an_unknown_user(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, login_max_failures=3)
    with open_client(settings) as client:
        _uid, token = add_user(get_engine(settings.db_url), "bt-c", Role.EDITOR)
        for _ in range(3):
            _login(client, "bt-c", "sai-mat-khau")
            _login(client, "khong-co-ai", "sai-mat-khau")
        assert client.get("/auth/me", headers=bearer(token)).status_code == 401
        _b, locked = _login(client, "bt-c", TEST_PASSWORD)
        _b, unknown = _login(client, "khong-co-ai", TEST_PASSWORD)
        assert locked.status_code == unknown.status_code == 401
        assert locked.json() == unknown.json()
        actions = [
            e["action"] for e in client.get("/audit", params={"entity": "user_account"}).json()
        ]
        assert "login_locked" in actions  # the log still says what happened


def test_the_last_admin_of_every_station_stays(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with open_client(settings) as client:
        me = client.get("/auth/me").json()["user"]["id"]
        for change in ({"is_active": False}, {"roles": [{"role": "editor"}]}):
            refused = client.patch(f"/users/{me}", json=change)
            assert refused.status_code == 409 and refused.json()["code"] == "user.last_admin"
        other, _token = add_user(get_engine(settings.db_url), "qt-2", Role.ADMIN)
        assert client.patch(f"/users/{other}", json={"is_active": False}).status_code == 200
        assert client.patch(f"/users/{me}", json={"is_active": False}).status_code == 409
        assert client.patch(f"/users/{other}", json={"is_active": True}).status_code == 200
        assert client.patch(f"/users/{me}", json={"roles": [{"role": "editor"}]}).status_code == 200


@pytest.mark.parametrize(
    ("base", "forced", "secure"),
    [
        ("https://loa.example", False, True),
        ("http://loa.example", False, False),
        ("http://loa.example", True, True),
    ],
)
def test_the_session_cookie_is_secure_over_https(
    tmp_path: Path, base: str, forced: bool, secure: bool
) -> None:
    settings = make_settings(tmp_path, cookie_secure=forced)
    with open_client(settings) as client:
        browser = TestClient(client.app, base_url=base)
        answer = browser.post("/auth/login", json={"username": "duyet", "password": TEST_PASSWORD})
        assert answer.status_code == 200
        assert ("secure" in answer.headers["set-cookie"].lower()) is secure
