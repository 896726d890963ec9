"""Password login, lock-out after repeated failures, sessions and API tokens."""

import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from broadcast.config import Settings
from broadcast.db import get_engine
from broadcast.models.accounts import Role

import databases
from conftest import make_settings, open_client
from factories import TEST_PASSWORD, add_user, bearer


def _login(client: TestClient, username: str, password: str) -> TestClient:
    anonymous = TestClient(client.app)
    response = anonymous.post("/auth/login", json={"username": username, "password": password})
    anonymous.last_status = response.status_code  # type: ignore[attr-defined]
    anonymous.last_body = response.json()  # type: ignore[attr-defined]
    return anonymous


def test_login_sets_a_session_cookie_and_returns_the_csrf_token(client: TestClient) -> None:
    browser = _login(client, "duyet", TEST_PASSWORD)
    assert browser.last_status == 200  # type: ignore[attr-defined]
    body = browser.last_body  # type: ignore[attr-defined]
    assert body["user"]["username"] == "duyet"
    assert "password_hash" not in body["user"]
    me = browser.get("/auth/me")
    assert me.status_code == 200
    assert me.json()["csrf_token"] == body["csrf_token"]
    no_header = browser.post("/auth/tokens", json={"name": "x"})
    assert no_header.status_code == 403
    with_header = browser.post(
        "/auth/tokens", json={"name": "x"}, headers={"X-CSRF-Token": body["csrf_token"]}
    )
    assert with_header.status_code == 201


def test_repeated_failures_lock_the_account(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, login_max_failures=3, login_lockout_minutes=10)
    with open_client(settings) as client:
        for _ in range(3):
            failed = _login(client, "duyet", "sai-mat-khau")
            assert failed.last_status == 401  # type: ignore[attr-defined]
        locked = _login(client, "duyet", TEST_PASSWORD)
        assert locked.last_status == 401  # type: ignore[attr-defined]
        assert "bị khoá" in locked.last_body["detail"]  # type: ignore[attr-defined]
        users = {u["username"]: u for u in client.get("/users").json()}
        assert users["duyet"]["locked_until"] is not None
        unlock = client.patch(f"/users/{users['duyet']['id']}", json={"unlock": True})
        assert unlock.json()["locked_until"] is None
        again = _login(client, "duyet", TEST_PASSWORD)
        assert again.last_status == 200  # type: ignore[attr-defined]
        actions = [
            e["action"] for e in client.get("/audit", params={"entity": "user_account"}).json()
        ]
        assert actions.count("login_failed") == 3
        assert "login_locked" in actions and "login" in actions


def test_a_success_resets_the_failure_count(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, login_max_failures=3)
    with open_client(settings) as client:
        for _ in range(2):
            _login(client, "duyet", "sai-mat-khau")
        assert _login(client, "duyet", TEST_PASSWORD).last_status == 200  # type: ignore[attr-defined]
        for _ in range(2):
            _login(client, "duyet", "sai-mat-khau")
        assert _login(client, "duyet", TEST_PASSWORD).last_status == 200  # type: ignore[attr-defined]


def test_unknown_user_and_inactive_user_are_refused_alike(client: TestClient) -> None:
    unknown = _login(client, "khong-co", TEST_PASSWORD)
    users = {u["username"]: u for u in client.get("/users").json()}
    client.patch(f"/users/{users['duyet']['id']}", json={"is_active": False})
    inactive = _login(client, "duyet", TEST_PASSWORD)
    assert unknown.last_status == inactive.last_status == 401  # type: ignore[attr-defined]
    assert unknown.last_body == inactive.last_body  # type: ignore[attr-defined]
    old_token = client.approver_headers  # type: ignore[attr-defined]
    assert client.get("/segments", headers=old_token).status_code == 401


def test_revoked_token_stops_working(client: TestClient, settings: Settings) -> None:
    _uid, token = add_user(get_engine(settings.db_url), "may-phat", Role.VIEWER)
    assert client.get("/segments", headers=bearer(token)).status_code == 200
    mine = client.get("/auth/tokens", headers=bearer(token)).json()
    revoke = client.delete(f"/auth/tokens/{mine[0]['id']}", headers=bearer(token))
    assert revoke.status_code == 200
    assert client.get("/segments", headers=bearer(token)).status_code == 401
    issued = client.post("/auth/tokens", json={"name": "kịch bản"}).json()
    assert issued["token"].startswith("loa_")
    assert client.get("/segments", headers=bearer(issued["token"])).status_code == 200
    listed = client.get("/auth/tokens").json()
    assert all("token" not in row and "token_hash" not in row for row in listed)


def test_users_refuse_bad_input_naming_the_field(client: TestClient) -> None:
    short = client.post("/users", json={"username": "ab", "password": "ngan"})
    assert short.status_code == 422
    assert short.json()["field"] == "password"
    assert "ít nhất 10 ký tự" in short.json()["detail"]
    caps = client.post("/users", json={"username": "Có Dấu", "password": "mot-mat-khau-dai"})
    assert caps.status_code == 422 and caps.json()["field"] == "username"
    twice = client.post("/users", json={"username": "duyet", "password": "mot-mat-khau-dai"})
    assert twice.status_code == 409


def test_create_admin_command_makes_the_first_account(tmp_path: Path) -> None:
    env = {"LOA_DATA_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"}
    env["LOA_DATABASE_URL"] = databases.env_url(tmp_path / "var")
    loa = Path(sys.executable).parent / "loa"  # the installed console script
    command = [str(loa), "create-admin", "--password-stdin"]
    short = subprocess.run(command, input="ngan\n", capture_output=True, text=True, env=env)
    assert short.returncode == 1 and "ít nhất 10 ký tự" in short.stderr
    made = subprocess.run(
        command, input="mot-mat-khau-dai\n", capture_output=True, text=True, env=env
    )
    assert made.returncode == 0, made.stderr
    settings = make_settings(tmp_path)
    with open_client(settings) as client:
        browser = _login(client, "admin", "mot-mat-khau-dai")
        assert browser.last_status == 200  # type: ignore[attr-defined]
        assert browser.last_body["user"]["roles"] == [  # type: ignore[attr-defined]
            {"role": "admin", "station_id": None, "unit_id": None}
        ]
    twice = subprocess.run(
        command, input="mot-mat-khau-dai\n", capture_output=True, text=True, env=env
    )
    assert twice.returncode == 1 and "đã có" in twice.stderr


def test_each_bad_field_gets_its_own_vietnamese_message(client: TestClient) -> None:
    response = client.post("/users", json={"username": "A", "password": "ngan"})
    assert response.status_code == 422
    errors = {e["field"]: e["detail"] for e in response.json()["errors"]}
    assert errors["password"] == "mật khẩu phải có ít nhất 10 ký tự"
    assert errors["username"] == "phải có ít nhất 2 ký tự"
    missing = client.post("/stations", json={}).json()
    assert missing["field"] == "name" and missing["errors"] == [
        {"field": "name", "detail": "bắt buộc phải nhập"}
    ]
