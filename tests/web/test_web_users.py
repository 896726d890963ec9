"""Người dùng pages through real HTTP: admin-only list and edit, lock state, own API tokens."""

import html
import json
import re
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, select
from web_helpers import browser_as, web_app

from broadcast.config import Settings
from broadcast.db import get_engine
from broadcast.models.accounts import Role, User
from broadcast.models.common import utcnow

from conftest import make_settings
from factories import post_json


def _lock(settings: Settings, username: str) -> None:
    with Session(get_engine(settings.db_url)) as db:
        user = db.exec(select(User).where(User.username == username)).one()
        user.locked_until = utcnow() + timedelta(minutes=10)
        db.add(user)
        db.commit()


def test_only_admins_open_the_accounts_pages(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        editor = browser_as(admin, settings, "bientap", Role.EDITOR)
        listing = editor.get("/nguoi-dung")
        one = editor.get("/nguoi-dung/1")
        own = editor.get("/nguoi-dung/toi")
    assert listing.status_code == 403 and one.status_code == 403
    assert "Không có quyền truy cập" in listing.text and 'data-testid="forbidden"' in listing.text
    assert own.status_code == 200
    assert 'id="token-create-form"' in own.text and 'data-api="/auth/tokens"' in own.text
    assert 'id="user-edit-form"' not in own.text  # nobody edits their own roles here


def test_list_shows_roles_per_station_lock_state_and_last_login(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN, "quantri") as admin:
        browser_as(admin, settings, "duyet", Role.APPROVER, station_id=1)
        browser_as(admin, settings, "bikhoa", Role.VIEWER)
        _lock(settings, "bikhoa")
        page = admin.get("/nguoi-dung").text
        locked = admin.get("/nguoi-dung/3").text
    rows = dict(re.findall(r'data-username="([^"]+)">(.*?)</tr>', page, re.S))
    assert set(rows) == {"quantri", "duyet", "bikhoa"}
    assert "Duyệt — Đài truyền thanh phường Quang Trung" in rows["duyet"]
    assert "Quản trị — mọi đài" in rows["quantri"]
    assert 'data-state="locked"' in rows["bikhoa"] and 'data-state="active"' in rows["duyet"]
    assert "chưa đăng nhập" not in rows["quantri"]  # logged in through the form
    assert 'id="user-create-form"' in page and 'data-error-for="username"' in page
    assert 'data-error-for="password"' in page and 'data-error-for="roles"' in page
    assert 'id="user-unlock"' in locked and 'id="user-deactivate"' in locked


def test_user_page_starts_from_the_held_roles_and_tracks_changes(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN, "quantri") as admin:
        body = {
            "username": "bientap2",
            "full_name": "Nguyễn Văn Biên",
            "password": "mat-khau-rat-dai",
            "roles": [{"role": "editor", "station_id": 1}, {"role": "viewer", "station_id": None}],
        }
        created = post_json(admin, "/users", body)
        page = admin.get(f"/nguoi-dung/{created['id']}").text
        off = admin.patch(f"/users/{created['id']}", json={"is_active": False})
        after = admin.get(f"/nguoi-dung/{created['id']}").text
        audit = admin.get("/nhat-ky?entity=user_account&action=update").text
    hidden = re.search(r'name="roles" data-type="json" data-roles-json value="([^"]*)"', page)
    assert hidden is not None
    held = json.loads(html.unescape(hidden.group(1)))
    assert held == [{"role": "viewer", "station_id": None}, {"role": "editor", "station_id": 1}]
    assert re.search(r'id="eu-editor-1" [^>]*checked', page)
    assert re.search(r'id="eu-viewer-all" [^>]*checked', page)
    assert not re.search(r'id="eu-admin-all" [^>]*checked', page)
    assert "Nguyễn Văn Biên" in page and 'id="password-form"' in page
    assert off.status_code == 200
    assert 'data-state="inactive"' in after and 'id="user-activate"' in after
    assert re.search(r'data-field="is_active">.*?>có<.*?>không<', audit, re.S)


def test_own_tokens_are_listed_and_revoked(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.VIEWER, "xem") as client:
        issued = post_json(client, "/auth/tokens", {"name": "Loa cụm 3"})
        listed = client.get("/nguoi-dung/toi").text
        revoked = client.delete(f"/auth/tokens/{issued['id']}")
        after = client.get("/nguoi-dung/toi").text
    assert issued["token"].startswith(issued["prefix"])
    row = re.search(rf'<tr data-token-id="{issued["id"]}".*?</tr>', listed, re.S)
    assert row is not None
    assert "Loa cụm 3" in row.group(0) and f"<code>{issued['prefix']}…</code>" in row.group(0)
    assert issued["token"] not in listed  # the value is shown once, at creation only
    assert 'data-testid="token-revoke"' in row.group(0)
    assert revoked.status_code == 200
    row_after = re.search(rf'<tr data-token-id="{issued["id"]}".*?</tr>', after, re.S)
    assert row_after is not None and "Đã thu hồi" in row_after.group(0)
    assert 'data-testid="token-revoke"' not in row_after.group(0)
