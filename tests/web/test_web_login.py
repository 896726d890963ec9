"""Login page, dashboard, logout and CSRF through real HTTP (no browser)."""

from pathlib import Path

from web_helpers import LOGIN_CSRF, login, web_app

from broadcast.config import Settings
from broadcast.models.accounts import Role

from conftest import make_settings
from factories import TEST_PASSWORD


def test_pages_redirect_to_login_when_logged_out(settings: Settings) -> None:
    with web_app(settings) as client:
        client.cookies.clear()
        response = client.get("/?station=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/dang-nhap?next=/?station=1"


def test_wrong_password_keeps_the_username_and_says_why(settings: Settings) -> None:
    with web_app(settings) as client:
        client.cookies.clear()
        form = client.get("/dang-nhap")
        token = LOGIN_CSRF.search(form.text)
        assert token is not None
        data = {"username": "quantri", "password": "sai-mat-khau", "csrf_token": token.group(1)}
        response = client.post("/dang-nhap", data=data)
    assert response.status_code == 401
    assert 'value="quantri"' in response.text
    assert "mật khẩu không đúng" in response.text


def test_login_form_without_its_token_is_refused(settings: Settings) -> None:
    with web_app(settings) as client:
        client.cookies.clear()
        data = {"username": "quantri", "password": TEST_PASSWORD, "csrf_token": "forged"}
        response = client.post("/dang-nhap", data=data, follow_redirects=False)
    assert response.status_code == 403
    assert "loa_session" not in response.cookies


def test_dashboard_shows_the_demo_station_and_menu_by_role(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.VIEWER, "xem") as client:
        page = client.get("/")
    assert page.status_code == 200
    assert "Quang Trung" in page.text
    assert "Tổng quan" in page.text and "Lịch phát" in page.text
    assert 'href="/nguoi-dung' not in page.text  # only admins manage users


def test_cookie_writes_need_the_csrf_header(settings: Settings) -> None:
    with web_app(settings) as client:
        body = {"name": "Đài xã Thử"}
        forged = client.post("/stations", json=body, headers={"X-CSRF-Token": "wrong"})
        assert forged.status_code == 403
        assert forged.json()["error"] == "forbidden"
        accepted = client.post("/stations", json=body)
    assert accepted.status_code == 201


def test_logout_ends_the_session(settings: Settings) -> None:
    with web_app(settings) as client:
        csrf = client.headers["X-CSRF-Token"]
        client.post("/dang-xuat", data={"csrf_token": csrf}, follow_redirects=False)
        after = client.get("/auth/me")
    assert after.status_code == 401


def test_first_admin_is_created_on_the_setup_page_only_once(settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from api.main import create_app

    with TestClient(create_app(settings)) as client:
        form = client.get("/thiet-lap")
        token = LOGIN_CSRF.search(form.text)
        assert token is not None
        short = {
            "username": "admin",
            "full_name": "Nguyễn Văn Quản",
            "password": "ngan",
            "password_again": "ngan",
            "csrf_token": token.group(1),
        }
        refused = client.post("/thiet-lap", data=short)
        assert refused.status_code == 422
        assert "ít nhất 10 ký tự" in refused.text
        assert 'value="Nguyễn Văn Quản"' in refused.text  # the typed name is kept
        token = LOGIN_CSRF.search(refused.text)  # the form that came back has a fresh token
        assert token is not None
        typo = short | {"password": "mot-mat-khau-dai", "password_again": "mot-mat-khau-dei"}
        mismatch = client.post("/thiet-lap", data=typo | {"csrf_token": token.group(1)})
        assert mismatch.status_code == 422 and "không khớp" in mismatch.text
        token = LOGIN_CSRF.search(mismatch.text)
        assert token is not None
        good = typo | {"password_again": "mot-mat-khau-dai", "csrf_token": token.group(1)}
        created = client.post("/thiet-lap", data=good, follow_redirects=False)
        assert created.status_code == 303
        confirmed = client.get(created.headers["location"])
        assert "Đã tạo tài khoản quản trị «admin»" in confirmed.text
        assert 'value="admin"' in confirmed.text
        again = client.get("/thiet-lap", follow_redirects=False)
        assert again.headers["location"] == "/dang-nhap"
        login(client, "admin", "mot-mat-khau-dai")
        me = client.get("/auth/me").json()
    assert me["user"]["roles"] == [{"role": "admin", "station_id": None, "unit_id": None}]


def test_dashboard_shows_the_schedulers_last_run_and_its_error(tmp_path: Path) -> None:
    from datetime import date

    from broadcast.db import get_engine, transaction
    from broadcast.models.scheduler import SchedulerRun

    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as client:
        before = client.get("/")
        assert "Chưa chạy lần nào" in before.text
        with transaction(get_engine(settings.db_url)) as db:
            result = {"error": "không ghi được tệp: đĩa đầy"}
            db.add(
                SchedulerRun(
                    station_id=1, run_day=date(2026, 11, 28), status="failed", result=result
                )
            )
        after = client.get("/")
    assert "Chưa chạy lần nào" not in after.text
    assert "badge-failed" in after.text
    assert "đĩa đầy" in after.text
