"""The main menu's markup: a Menu button for phones, the current section named, counts on it."""

import re
from pathlib import Path

from web_helpers import browser_as, web_app

from broadcast.models.accounts import Role

from conftest import make_settings

TOGGLE = re.compile(
    r'<button type="button" class="menu-toggle" id="menu-toggle"([^>]*)>(.*?)</button>', re.S
)


def test_the_menu_button_controls_the_list_and_names_the_current_section(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        page = admin.get("/chuyen-muc/3").text
        home = admin.get("/").text
    toggle = TOGGLE.search(page)
    assert toggle is not None
    assert 'aria-expanded="false"' in toggle.group(1)
    assert 'aria-controls="mainnav-list"' in toggle.group(1)
    assert 'data-testid="menu-here">Chuyên mục<' in toggle.group(2)  # a segment: its section
    assert '<div class="menu-list" id="mainnav-list">' in page
    assert re.search(r'<a href="/chuyen-muc\?station=1" aria-current="page">Chuyên mục', page)
    assert 'data-testid="menu-here">Tổng quan<' in home
    assert 'src="/static/nav.js"' in page


def test_the_menu_button_shows_how_much_waits_for_review(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.APPROVER, "duyet") as approver:
        before = approver.get("/chuyen-muc").text
        editor = browser_as(approver, settings, "bientap", Role.EDITOR, 1)
        body = {"station_id": 1, "title": "Lịch tiêm phòng", "script": "Kính thưa bà con."}
        made = editor.post("/segments", json=body)
        assert made.status_code == 201, made.text
        sent = editor.post(f"/segments/{made.json()['id']}/submit", json={"note": "Nhờ duyệt"})
        assert sent.status_code == 200, sent.text
        after = approver.get("/chuyen-muc").text
    waiting_before = re.search(r'data-testid="menu-count">(\d+)<', before)
    waiting_after = re.search(r'data-testid="menu-count">(\d+)<', after)
    assert waiting_after is not None
    old = int(waiting_before.group(1)) if waiting_before else 0
    assert int(waiting_after.group(1)) == old + 1
