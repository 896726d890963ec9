"""Lịch phát pages without a browser: the calendar, a session's items, and its edit buttons."""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from web_helpers import browser_as, web_app
from web_schedule_helpers import EVENING, MORNING, elements, generate, one, press

from broadcast.config import Settings
from broadcast.models.accounts import Role

from conftest import make_settings


def test_calendar_shows_sessions_fill_status_and_warnings(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        made = generate(client, "2020-10-05", "2020-10-09")
        page = client.get("/lich-phat?from=2020-10-05")
        default = client.get("/lich-phat")
        bad = client.get("/lich-phat?from=ngay-mai")
        far = client.get("/lich-phat?from=9999-12-31")
    assert page.status_code == 200
    rows = elements(page.text, data_testid="session-row")
    assert len(rows) == 20  # two slots on ten weekdays of the two weeks shown
    generated = [r for r in rows if r["data-status"] == "generated"]
    assert {r["data-playlist"] for r in generated} == {
        str(s["playlist_id"]) for s in made["sessions"]
    }
    assert sum(r["data-status"] == "missing" for r in rows) == 10
    first = made["sessions"][0]
    row_html = page.text.split(f'id="session-2020-10-05-{first["slot_id"]}"')[1].split("</a>")[0]
    assert f'href="/lich-phat/{first["playlist_id"]}"' in row_html
    assert f"{round(first['fill_pct'])}%" in page.text
    assert "Chưa xác nhận" in page.text and "Chưa lập" in page.text
    assert "10 buổi liên tiếp từ 12/10/2020 đến 16/10/2020 chưa lập danh sách phát" in page.text
    assert one(page.text, id="prev-week")["href"] == "/lich-phat?from=2020-09-28&station=1"
    assert one(page.text, id="next-week")["href"] == "/lich-phat?from=2020-10-12&station=1"
    form = one(page.text, id="generate-form")
    assert form["data-api"] == "/playlists/generate"
    assert elements(page.text, data_error_for="from") and elements(page.text, data_error_for="to")
    # default: this week and next; a wrong ?from= falls back to it with a notice, never a 500
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    monday = today - timedelta(days=today.weekday())
    days = [e["data-day"] for e in elements(default.text, tag="section") if "data-day" in e]
    assert days[0] == monday.isoformat() and len(days) == 14
    assert days[-1] == (monday + timedelta(days=13)).isoformat()
    assert bad.status_code == 200 and 'id="bad-from"' in bad.text
    assert far.status_code == 200 and 'id="bad-from"' in far.text


def test_calendar_generate_buttons_and_form_make_sessions(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        page = client.get("/lich-phat?from=2020-10-05")
        buttons = elements(page.text, data_testid="generate-session")
        assert len(buttons) == 20
        made = press(client, buttons[0])
        assert made.status_code == 201, made.text
        assert made.json()["day"] == "2020-10-05" and made.json()["slot_id"] == MORNING
        refused = client.post(
            "/playlists/generate", json={"station_id": 1, "from": "2020-10-09", "to": "2020-10-05"}
        )
        after = client.get("/lich-phat?from=2020-10-05")
    assert refused.status_code == 422 and refused.json()["field"] == "to"  # shown next to "to"
    row = one(after.text, id=f"session-2020-10-05-{MORNING}")
    assert row["data-status"] == "generated" and row["data-playlist"] == str(made.json()["id"])
    assert one(after.text, id=f"session-2020-10-05-{EVENING}")["data-status"] == "missing"


def test_session_page_lists_items_with_reasons_and_controls(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        made = generate(client, "2020-10-05", "2020-10-05")
        pid = made["sessions"][0]["playlist_id"]
        api = client.get(f"/playlists/{pid}").json()
        page = client.get(f"/lich-phat/{pid}")
    assert page.status_code == 200
    items = elements(page.text, data_testid="item")
    assert [int(i["data-segment"]) for i in items] == [i["segment_id"] for i in api["items"]]
    assert [i.get("draggable") for i in items] == [None, *["true"] * (len(items) - 2), None]
    assert [items[0].get("data-frame"), items[-1].get("data-frame")] == ["opening", "closing"]
    for item in api["items"]:
        assert item["reason"] in page.text and item["title"] in page.text
    assert "Ưu tiên" in page.text  # the demo's congress bulletin is a priority one
    for testid in ("move-up", "move-down", "pin-button", "remove-button"):
        assert len(elements(page.text, data_testid=testid)) == len(items)
    assert "disabled" in elements(page.text, data_testid="move-up")[0]
    assert one(page.text, id="item-list")["data-playlist"] == str(pid)
    assert one(page.text, id="session-waveform")["src"] == f"/playlists/{pid}/waveform.svg"
    assert one(page.text, id="export-button")["data-action"] == f"/playlists/{pid}/export"
    add = one(page.text, id="add-form")
    assert add["data-api"] == f"/playlists/{pid}/items"
    assert elements(page.text, data_error_for="segment_id")
    assert len(elements(page.text, tag="option")) > len(items)  # segments + positions
    assert "Buổi này chưa được xuất." in page.text


def test_session_buttons_move_pin_remove_add_and_lock(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        pid = generate(client, "2020-10-05", "2020-10-05")["sessions"][0]["playlist_id"]
        page = client.get(f"/lich-phat/{pid}")
        order = [e["data-segment"] for e in elements(page.text, data_testid="item")]
        downs = elements(page.text, data_testid="move-down")
        assert "disabled" in downs[0]  # the opening stays first
        moved = press(client, downs[1])
        assert moved.status_code == 200, moved.text
        page = client.get(f"/lich-phat/{pid}")
        after = [e["data-segment"] for e in elements(page.text, data_testid="item")]
        assert after == [order[0], order[2], order[1], *order[3:]]
        assert "Đã ghim" in page.text and "Bỏ ghim" in page.text  # a moved item is pinned
        pinned = press(client, elements(page.text, data_testid="pin-button")[3])
        assert pinned.json()["items"][3]["pinned"] is True
        removed = press(client, elements(page.text, data_testid="remove-button")[-1])
        assert removed.status_code == 200 and len(removed.json()["items"]) == len(order) - 1
        page = client.get(f"/lich-phat/{pid}")
        choice = elements(page.text, tag="option")[0]["value"]  # first approved segment
        added = client.post(
            f"/playlists/{pid}/items", json={"segment_id": int(choice), "position": 0}
        )
        assert added.status_code == 201, added.text
        locked = press(client, one(page.text, id="lock-button"))
        page = client.get(f"/lich-phat/{pid}")
    assert locked.json()["locked"] is True
    assert one(page.text, id="lock-button")["data-body"] == '{"locked": false}'
    assert 'id="locked-badge"' in page.text
    assert elements(page.text, data_testid="item")[1]["data-segment"] == choice  # after opening


def test_viewer_sees_the_schedule_without_editing_controls(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        pid = generate(admin, "2020-10-05", "2020-10-05")["sessions"][0]["playlist_id"]
        viewer = browser_as(admin, settings, "xem", Role.VIEWER)
        calendar = viewer.get("/lich-phat?from=2020-10-05")
        page = viewer.get(f"/lich-phat/{pid}")
        forbidden = viewer.post(f"/playlists/{pid}/items/0/move", json={"to": 1})
    assert calendar.status_code == 200 and forbidden.status_code == 403
    assert elements(calendar.text, data_testid="session-row")
    assert not elements(calendar.text, id="generate-form")
    assert not elements(calendar.text, data_testid="generate-session")
    assert page.status_code == 200 and elements(page.text, data_testid="item")
    for hidden in ("move-up", "pin-button", "remove-button", "export-button", "regenerate-button"):
        assert not elements(page.text, data_testid=hidden), hidden
    assert not elements(page.text, id="add-form")
    assert "draggable" not in page.text


def test_unknown_session_is_a_404_page_and_pages_need_a_login(settings: Settings) -> None:
    with web_app(settings) as client:
        page = client.get("/lich-phat/4242")
        client.cookies.clear()
        logged_out = client.get("/lich-phat/1", follow_redirects=False)
    assert page.status_code == 404
    assert "Không tìm thấy buổi phát" in page.text and "4242" in page.text
    assert logged_out.status_code == 303
    assert logged_out.headers["location"] == "/dang-nhap?next=/lich-phat/1"
