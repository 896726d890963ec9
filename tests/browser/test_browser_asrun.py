"""Xác nhận phát sóng in a browser: from the empty report to the page, one tap, a correction,
a whole day, a player log with a refused line and its reason, then a report with minutes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]

MONTH = "station=1&from=2020-10-01&to=2020-10-31"
PLAYER_LOG = (
    "date,time,status,aired_seconds,note\n"
    "2020-10-06,17:00,không phát,,Mưa bão\n"
    "2020-10-10,06:30,aired,,\n"  # a Saturday: the demo station has no session
)


def serious_violations(page: Page) -> list[str]:
    """axe-core violations of impact serious or critical on the page's main content."""
    found = Axe().run(page, context="main").response["violations"]
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in found
        if v["impact"] in {"serious", "critical"}
    ]


def unconfirmed(page: Page) -> int:
    """The page's count of sessions still to confirm."""
    return int(page.locator("#unconfirmed-count").get_attribute("data-count") or "-1")


def row(page: Page, playlist_id: int) -> dict[str, str | None]:
    """One session line's state."""
    line = page.locator(f"#asrun-{playlist_id}")
    return {"status": line.get_attribute("data-status"), "text": line.inner_text()}


def test_confirm_correct_day_and_player_log(ui_factory: UIFactory, live_server: LiveServer) -> None:
    body = {"station_id": 1, "from": "2020-10-05", "to": "2020-10-06"}
    live_server.api("POST", "/playlists/generate", body, status=201)
    ui = ui_factory()
    page = ui.login("quantri", next_path=f"/bao-cao?{MONTH}")
    expect(page.locator("#no-airtime")).to_be_visible()
    expect(page.locator("#no-airtime")).not_to_contain_text("as-run")
    with page.expect_navigation():
        page.locator("#asrun-link").click()
    expect(page.locator("h1")).to_have_text("Xác nhận phát sóng")
    assert unconfirmed(page) == 4
    ui.assert_clean("the as-run page")

    first = int(page.get_by_test_id("asrun-row").first.get_attribute("data-playlist") or 0)
    with page.expect_navigation():
        page.locator(f"#asrun-{first}").get_by_test_id("aired-button").click()
    assert row(page, first)["status"] == "aired" and unconfirmed(page) == 3

    line = page.locator(f"#asrun-{first}")
    line.locator("summary").click()
    line.get_by_test_id("status-partly").check()
    line.get_by_test_id("aired-minutes").fill("2")
    line.get_by_test_id("asrun-note").fill("Mất điện giữa buổi")
    with page.expect_navigation():
        line.get_by_test_id("asrun-save").click()
    corrected = row(page, first)
    assert corrected["status"] == "partly"
    assert "phát được 2 phút" in str(corrected["text"]) and "Mất điện giữa buổi" in str(
        corrected["text"]
    )
    log = live_server.api("GET", f"/asrun?{MONTH}", status=200)
    mine = [r for r in log if r["playlist_id"] == first]
    assert len(mine) == 1 and mine[0]["aired_until_s"] == 120.0  # corrected, not duplicated

    page.locator(f"#asrun-{first}").locator("summary").click()  # the correction form opened
    assert serious_violations(page) == []
    page.locator(f"#asrun-{first}").locator("summary").click()
    ui.screenshot("xac-nhan-phat-song")
    monday = page.locator("[data-testid=asrun-day][data-day='2020-10-05']")
    with page.expect_navigation():
        monday.get_by_test_id("confirm-day").click()
    assert unconfirmed(page) == 1
    expect(page.locator("[data-testid=asrun-day][data-day='2020-10-05']")).to_have_count(0)

    page.get_by_test_id("player-log-file").set_input_files(
        files=[{"name": "may-phat.csv", "mimeType": "text/csv", "buffer": PLAYER_LOG.encode()}]
    )
    with page.expect_navigation():
        page.locator("#player-log-submit").click()
    result = page.get_by_test_id("player-log-result")
    expect(result).to_be_visible()
    expect(page.locator("#player-log-matched")).to_contain_text("Đã ghi nhận 1 dòng")
    expect(page.get_by_test_id("refused-line")).to_have_text(
        ["Dòng 3: chưa có danh sách phát ngày 10/10/2020 ở buổi này"]
    )
    assert unconfirmed(page) == 0
    expect(page.locator("#all-confirmed")).to_be_visible()
    states = page.get_by_test_id("asrun-row").evaluate_all(
        "rows => rows.map(r => r.dataset.status).sort()"
    )
    assert states == ["aired", "aired", "not_aired", "partly"]
    ui.screenshot("xac-nhan-phat-song-nhat-ky")
    ui.assert_clean("the as-run page after the player log")

    with page.expect_navigation():
        page.locator("#report-link").click()
    expect(page.locator("#report-table")).to_be_visible()
    expect(page.locator("#no-airtime")).to_have_count(0)
    assert float(page.locator("#total-minutes").inner_text()) > 0
    expect(page.locator("#report-summary")).to_contain_text(re.compile(r"4 buổi đã xác nhận"))
    ui.assert_clean("the report")


def test_the_page_fits_a_phone(ui_factory: UIFactory, live_server: LiveServer) -> None:
    body = {"station_id": 1, "from": "2020-10-07", "to": "2020-10-07"}
    live_server.api("POST", "/playlists/generate", body, status=201)
    ui = ui_factory(phone=True)
    page = ui.login("quantri", next_path="/xac-nhan-phat?station=1&from=2020-10-07&to=2020-10-07")
    expect(page.get_by_test_id("aired-button").first).to_be_visible()
    page.get_by_test_id("asrun-other").first.locator("summary").click()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the as-run page scrolls sideways by {overflow} px on a phone"
    assert serious_violations(page) == []
    ui.screenshot("xac-nhan-phat-song-dien-thoai")
    ui.assert_clean("the as-run page on a phone")
