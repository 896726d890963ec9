"""Xác nhận phát sóng page: past sessions with their state, unconfirmed first and counted,
one-tap and day confirmations, read-only for roles that do not log, one station at a time;
the report's empty state and the dashboard lead to it."""

import html
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from web_helpers import browser_as, web_app
from web_schedule_helpers import elements, generate, one, press

from broadcast.models.accounts import Role

from conftest import make_settings

WEEK = "from=2020-10-05&to=2020-10-09"
PAGE = f"/xac-nhan-phat?station=1&{WEEK}"


def _rows(page: str) -> list[dict[str, str]]:
    return elements(page, data_testid="asrun-row")


def _count(page: str, element_id: str) -> int:
    return int(one(page, id=element_id)["data-count"])


def test_past_sessions_show_their_state_unconfirmed_first(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        made = generate(client, "2020-10-05", "2020-10-09")["sessions"]
        ids = [s["playlist_id"] for s in made]
        for playlist_id, status in zip(ids[:3], ["aired", "partly", "not_aired"], strict=True):
            body = {"station_id": 1, "playlist_id": playlist_id, "status": status}
            assert client.post("/asrun", json=body).status_code == 201
        page = client.get(PAGE)
        only = client.get(f"{PAGE}&show=chua-xac-nhan")
    assert page.status_code == 200
    rows = _rows(page.text)
    assert sorted(int(r["data-playlist"]) for r in rows) == sorted(ids)
    states = [r["data-status"] for r in rows]
    assert states[:7] == ["unconfirmed"] * 7  # the 7 unconfirmed come before the confirmed
    assert sorted(states[7:]) == ["aired", "not_aired", "partly"]
    assert page.text.index('id="unconfirmed"') < page.text.index('id="confirmed"')
    assert _count(page.text, "unconfirmed-count") == 7
    assert _count(page.text, "confirmed-count") == 3
    labels = {"Chưa xác nhận", "Đã phát", "Phát một phần", "Không phát"}
    assert all(label in page.text for label in labels)
    days = [d["data-day"] for d in elements(page.text, data_testid="asrun-day")]
    assert days == ["2020-10-09", "2020-10-08", "2020-10-07", "2020-10-06"]  # newest first
    assert [r["data-status"] for r in _rows(only.text)] == ["unconfirmed"] * 7
    assert not elements(only.text, id="confirmed")
    assert one(only.text, id="show-unconfirmed").get("aria-current") == "page"
    assert "as-run" not in page.text.lower()


def test_one_tap_and_day_buttons_confirm(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        generate(client, "2020-10-05", "2020-10-06")
        page = client.get(PAGE)
        first = _rows(page.text)[0]
        tap = next(
            b
            for b in elements(page.text, data_testid="aired-button")
            if f'"playlist_id": {first["data-playlist"]}' in html.unescape(b["data-body"])
        )
        assert press(client, tap).status_code == 201
        after = client.get(PAGE)
        day = elements(after.text, data_testid="confirm-day")[0]
        assert press(client, day).status_code == 201
        done = client.get(PAGE)
    assert _count(after.text, "unconfirmed-count") == 3
    states = {r["data-playlist"]: r["data-status"] for r in _rows(after.text)}
    assert states[first["data-playlist"]] == "aired"
    assert _count(done.text, "unconfirmed-count") == 2  # the newest day (Tuesday) is confirmed
    assert {r["data-status"] for r in _rows(done.text)} == {"aired", "unconfirmed"}
    forms = elements(done.text, data_testid="asrun-form")
    assert forms and all(f["data-api"] == "/asrun" for f in forms)  # correct any session


def test_roles_that_do_not_log_see_the_page_read_only(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        generate(admin, "2020-10-05", "2020-10-06")
        editor = browser_as(admin, settings, "bien-tap", Role.EDITOR, 1)
        page = editor.get(PAGE)
        home = editor.get("/?station=1")
        operator = browser_as(admin, settings, "phat-thanh", Role.OPERATOR, 1)
        operator_home = operator.get("/?station=1")
    assert page.status_code == 200 and len(_rows(page.text)) == 4
    assert not elements(page.text, data_testid="aired-button")
    assert not elements(page.text, data_testid="player-log-form")
    assert elements(page.text, id="read-only")
    assert 'href="/xac-nhan-phat' not in home.text.split('id="main"')[0]  # not in the menu
    assert 'href="/xac-nhan-phat?station=1"' in operator_home.text.split('id="main"')[0]


def test_another_stations_sessions_are_not_shown(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        ours = generate(admin, "2020-10-05", "2020-10-06")["sessions"]
        other = admin.post("/stations", json={"name": "Đài xã Bên Cạnh"}).json()
        slot = {"station_id": other["id"], "name": "Sáng", "start": "06:30"}
        assert admin.post("/slots", json=slot).status_code == 201
        body = {"station_id": other["id"], "from": "2020-10-05", "to": "2020-10-06"}
        theirs = admin.post("/playlists/generate", json=body).json()["sessions"]
        operator = browser_as(admin, settings, "phat-thanh", Role.OPERATOR, 1)
        mine = operator.get(PAGE)
        asked = operator.get(f"/xac-nhan-phat?station={other['id']}&{WEEK}")
        admin_view = admin.get(f"/xac-nhan-phat?station={other['id']}&{WEEK}")
    our_ids = sorted(s["playlist_id"] for s in ours)
    their_ids = sorted(s["playlist_id"] for s in theirs)
    assert len(their_ids) == 2 and not set(their_ids) & set(our_ids)
    assert sorted(int(r["data-playlist"]) for r in _rows(mine.text)) == our_ids
    assert sorted(int(r["data-playlist"]) for r in _rows(asked.text)) == our_ids  # own station
    assert sorted(int(r["data-playlist"]) for r in _rows(admin_view.text)) == their_ids


def test_period_defaults_to_the_last_week_and_bad_dates_are_named(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        page = client.get("/xac-nhan-phat?station=1")
        bad = client.get("/xac-nhan-phat?station=1&from=hom-qua")
        inverted = client.get("/xac-nhan-phat?station=1&from=2020-10-09&to=2020-10-05")
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    assert one(page.text, id="f-to")["value"] == today.isoformat()
    assert elements(page.text, id="no-sessions") and not elements(page.text, id="all-confirmed")
    assert one(page.text, id="f-from")["value"] == (today - timedelta(days=6)).isoformat()
    assert bad.status_code == 422 and "Ngày không hợp lệ" in bad.text
    assert inverted.status_code == 422 and "không sớm hơn ngày bắt đầu" in inverted.text


def test_report_empty_state_and_dashboard_lead_to_the_page(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        station = client.post(
            "/stations", json={"name": "Đài xã Nửa Đêm", "timezone": "Asia/Ho_Chi_Minh"}
        ).json()
        sid = station["id"]
        every_day = {"name": "Nửa đêm", "start": "00:00", "weekdays": list(range(7))}
        assert client.post("/slots", json={"station_id": sid, **every_day}).status_code == 201
        today = datetime.now(UTC).astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date()
        week = {"from": (today - timedelta(days=6)).isoformat(), "to": today.isoformat()}
        body = {"station_id": sid, **week}
        made = client.post("/playlists/generate", json=body)
        assert made.status_code == 201, made.text
        home = client.get(f"/?station={sid}")
        first = made.json()["sessions"][0]["playlist_id"]
        confirmed = {"station_id": sid, "playlist_id": first, "status": "aired"}
        assert client.post("/asrun", json=confirmed).status_code == 201
        home_after = client.get(f"/?station={sid}")
        report = client.get("/bao-cao?station=1&from=2020-10-01&to=2020-10-31")
    assert _count(home.text, "home-unconfirmed") == 7  # midnight sessions have all started
    assert _count(home_after.text, "home-unconfirmed") == 6
    link = html.unescape(one(home.text, id="home-asrun-link")["href"])
    assert link == f"/xac-nhan-phat?station={sid}&show=chua-xac-nhan"
    hint = one(report.text, id="asrun-link")
    assert html.unescape(hint["href"]) == "/xac-nhan-phat?station=1&from=2020-10-01&to=2020-10-31"
    assert "as-run" not in report.text.lower()


def test_no_station_page(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path), role=Role.OPERATOR, username="le") as client:
        answer = client.get("/xac-nhan-phat")
    assert answer.status_code == 200 and "chưa được giao đài nào" in answer.text
