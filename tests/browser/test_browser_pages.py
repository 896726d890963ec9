"""Every page of the menu in a real browser: its heading, no console error, a screenshot."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from api.web.templating import NAV
from broadcast.models.accounts import Role

if TYPE_CHECKING:
    from browser_support import UI, LiveServer, UIFactory

pytest_plugins = ["browser_support"]

MENU = [(href, label) for href, label, _needed in NAV]
PHONE_PAGES = ("/", "/chuyen-muc", "/lich-phat", "/xuat-file", "/thu-am/1")


def shot_name(path: str) -> str:
    """tong-quan for /, else the path's words (chuyen-muc, lich-phat …)."""
    return path.strip("/").replace("/", "-") or "tong-quan"


def prepare_week(live: LiveServer) -> dict[str, Any]:
    """This week's sessions of the demo station and a lexicon entry, through the API."""
    station = live.api("GET", "/stations", status=200)[0]
    today = datetime.now(ZoneInfo(station["timezone"])).date()
    monday = today - timedelta(days=today.weekday())
    body = {
        "station_id": station["id"],
        "from": monday.isoformat(),
        "to": (monday + timedelta(days=6)).isoformat(),
    }
    live.api("POST", "/playlists/generate", body, status=201)
    playlists = live.api("GET", f"/playlists?station={station['id']}", status=200)
    assert playlists, "the demo station has sessions this week"
    word = {"station_id": station["id"], "written": "QR", "spoken": "kiu a", "kind": "abbreviation"}
    return {
        "playlist": playlists[0],
        "segment": live.api("GET", f"/segments?station_id={station['id']}", status=200)[0],
        "campaign": live.api("GET", f"/campaigns?station_id={station['id']}", status=200)[0],
        "entry": live.api("POST", "/lexicon", word, status=201),
        "viewer_id": live.add_user("nguoixem", Role.VIEWER),
    }


def detail_pages(data: dict[str, Any]) -> list[tuple[str, str, str | re.Pattern[str]]]:
    """(path, screenshot name, expected h1) of one page behind each list."""
    segment, campaign = data["segment"], data["campaign"]
    return [
        (f"/chuyen-muc/{segment['id']}", "chuyen-muc-chi-tiet", segment["title"]),
        (f"/thu-am/{segment['id']}", "thu-am-chuyen-muc", segment["title"]),
        (f"/lich-phat/{data['playlist']['id']}", "lich-phat-buoi", re.compile(r"\(\d\d:\d\d\)")),
        (f"/chien-dich/{campaign['id']}", "chien-dich-chi-tiet", campaign["title"]),
        (f"/tu-dien/{data['entry']['id']}", "tu-dien-muc-tu", re.compile("^QR")),
        (f"/nguoi-dung/{data['viewer_id']}", "nguoi-dung-chi-tiet", re.compile("nguoixem")),
        ("/nguoi-dung/toi", "nguoi-dung-toi", re.compile("quantri")),
    ]


def visit(ui: UI, path: str, heading: str | re.Pattern[str], name: str) -> None:
    """Open a page, check its h1, save its screenshot, and check the console stayed clean."""
    page = ui.goto(path)
    expect(page.locator("h1").first).to_have_text(heading)
    ui.screenshot(name)
    ui.assert_clean(path)


def test_every_menu_page_as_admin(ui_factory: UIFactory, live_server: LiveServer) -> None:
    data = prepare_week(live_server)
    ui = ui_factory()
    visit(ui, "/dang-nhap", "Loa", "dang-nhap")
    ui.login("quantri")
    expect(ui.page.locator("nav.mainnav a")).to_have_text([label for _href, label in MENU])
    for href, label in MENU:
        visit(ui, href, re.compile("^" + re.escape(label)), shot_name(href))
        expect(ui.page.locator("nav.mainnav a[aria-current=page]")).to_have_text(label)
    for path, name, heading in detail_pages(data):
        visit(ui, path, heading, name)


def test_pages_fit_a_phone_screen(ui_factory: UIFactory, live_server: LiveServer) -> None:
    ui = ui_factory(phone=True)
    ui.login("quantri")
    for path in PHONE_PAGES:
        page = ui.goto(path)
        expect(page.locator("h1").first).to_be_visible()
        ui.screenshot(f"{shot_name(path)}-dien-thoai")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow} px on a 390 px phone"
        ui.assert_clean(path)


def test_a_viewer_sees_no_write_buttons(ui_factory: UIFactory, live_server: LiveServer) -> None:
    live_server.add_user("chixem", Role.VIEWER)
    ui = ui_factory()
    page = ui.login("chixem", next_path="/chuyen-muc")
    expect(page.get_by_test_id("segment-table")).to_be_visible()
    expect(page.locator("#new-segment-form")).to_have_count(0)
    expect(page.locator("#no-edit-note")).to_be_visible()
    expect(page.locator("nav.mainnav")).not_to_contain_text("Thu âm")
    expect(page.locator("nav.mainnav")).not_to_contain_text("Người dùng")
    ui.screenshot("chuyen-muc-nguoi-xem")
    page.locator("#segment-table tbody a").first.click()
    expect(page.locator("h1#segment-title")).to_be_visible()
    for hook in ("approve-button", "return-button", "segment-form", "preview-button"):
        expect(page.get_by_test_id(hook)).to_have_count(0)
    expect(page.locator("#segment-script")).to_be_visible()
    page = ui.goto("/lich-phat")
    expect(page.get_by_test_id("generate-form")).to_have_count(0)
    expect(page.get_by_test_id("generate-session")).to_have_count(0)
    ui.assert_clean("the viewer's pages")
