"""Giờ yên tĩnh on the pages: edited in Cài đặt, marked on the slots and on the calendar."""

from pathlib import Path

from web_helpers import browser_as, web_app
from web_schedule_helpers import elements, generate, one

from broadcast.models.accounts import Role

from conftest import make_settings

NIGHT = [{"start": "22:00", "end": "07:00"}]  # covers the demo's 06:30 session


def test_settings_form_shows_and_sends_the_windows(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as client:
        empty = client.get("/cai-dat")
        saved = client.patch("/stations/1", json={"quiet_hours": NIGHT})
        page = client.get("/cai-dat")
        editor = browser_as(client, settings, "bientap", Role.EDITOR, station_id=1)
        readonly = editor.get("/cai-dat")
    assert "Giờ yên tĩnh" in empty.text
    assert "Không phát tin thường và tin ưu tiên trong các khung giờ này" in empty.text
    assert "tin khẩn cấp vẫn phát" in empty.text
    field = one(empty.text, id="qh-quiet_hours")
    assert field["data-type"] == "windows" and field["value"] == ""
    assert 'data-error-for="quiet_hours"' in empty.text
    assert not elements(empty.text, data_testid="slot-quiet")
    assert saved.status_code == 200, saved.text
    assert one(page.text, id="qh-quiet_hours")["value"] == "22:00-07:00"
    marked = one(page.text, data_testid="slot-quiet")
    assert "giờ yên tĩnh 22:00–07:00" in marked["title"] and "06:30" in marked["title"]
    assert 'id="quiet-slot-notice"' in page.text
    assert 'id="quiet-form"' not in readonly.text and "22:00-07:00" in readonly.text


def test_calendar_marks_the_quiet_session_and_offers_no_generate(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        assert client.patch("/stations/1", json={"quiet_hours": NIGHT}).status_code == 200
        generate(client, "2020-10-05", "2020-10-09")
        page = client.get("/lich-phat?from=2020-10-05")
    rows = elements(page.text, data_testid="session-row")
    quiet = [r for r in rows if r.get("data-quiet") == "1"]
    assert len(quiet) == 10 and {r["data-status"] for r in quiet} == {"missing"}
    assert len(elements(page.text, data_testid="session-quiet")) == 10
    buttons = elements(page.text, data_testid="generate-session")
    assert len(buttons) == 5  # only the 17:00 sessions of the second week, never a quiet one
    assert all('"slot_id": 1' not in b["data-body"] for b in buttons)
    assert 'data-kind="quiet_hours"' in page.text


def test_dashboard_says_why_today_has_no_morning_session(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        every_day = client.patch("/slots/1", json={"weekdays": [0, 1, 2, 3, 4, 5, 6]})
        assert every_day.status_code == 200, every_day.text
        assert client.patch("/stations/1", json={"quiet_hours": NIGHT}).status_code == 200
        home = client.get("/")
    marks = elements(home.text, data_testid="home-quiet")
    assert len(marks) == 2 and "06:30" in marks[0]["title"]  # today and tomorrow
    assert 'data-kind="quiet_hours"' in home.text
    assert "giờ yên tĩnh 22:00–07:00" in home.text


def test_settings_form_shows_the_zones_quiet_hours(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    zones = {
        "Tổ dân phố 3": [{"start": "21:00", "end": "06:00"}, {"start": "11:30", "end": "13:00"}]
    }
    with web_app(settings, Role.ADMIN) as client:
        empty = client.get("/cai-dat")
        device = {
            "station_id": 1,
            "name": "Cụm loa chợ",
            "kind": "ip_receiver",
            "zone": "Tổ dân phố 3",
        }
        assert client.post("/devices", json=device).status_code == 201
        saved = client.patch("/stations/1", json={"zone_quiet_hours": zones})
        page = client.get("/cai-dat")
        editor = browser_as(client, settings, "bientap", Role.EDITOR, station_id=1)
        readonly = editor.get("/cai-dat")
    field = one(empty.text, id="qh-zone_quiet_hours")
    assert (
        field["data-type"] == "zone-windows" and 'data-error-for="zone_quiet_hours"' in empty.text
    )
    assert 'id="quiet-device-zones"' not in empty.text
    assert saved.status_code == 200, saved.text
    assert "Tổ dân phố 3: 21:00-06:00, 11:30-13:00</textarea>" in page.text
    assert "Khu vực của các thiết bị: Tổ dân phố 3." in page.text
    assert "Khu vực Tổ dân phố 3" in readonly.text and "21:00-06:00, 11:30-13:00" in readonly.text
