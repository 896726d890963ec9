"""The waveform player and the month view in a real browser: a click on a segment's waveform
seeks to about the clicked share of the audio, the playhead follows the audio's time (also while
playing), ←/→/Home/End seek from the keyboard; the Lịch phát month grid with a day's sessions,
the next month, today marked, and the phone list without horizontal scrolling."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import httpx2 as httpx
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from audio._ffmpeg_gen import generate_tone

from factories import bearer

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]

SECONDS = 10.0
TIME_NEAR = """([target, slack]) =>
  Math.abs(document.getElementById('segment-audio').currentTime - target) < slack"""
PLAYHEAD_LEFT = "el => parseFloat(el.style.left || '0')"
PLAYED_PAST = "(t) => document.getElementById('segment-audio').currentTime > t"
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def serious(page: Page) -> list[str]:
    """axe-core violations of impact serious or critical in the page's main content."""
    found = Axe().run(page, context="main").response["violations"]
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in found
        if v["impact"] in {"serious", "critical"}
    ]


def segment_with_tone(live: LiveServer, folder: Path) -> int:
    """A segment whose audio is a 10-second tone uploaded through the API."""
    body = {"station_id": 1, "title": "Tiếng chuông thử", "kind": "jingle", "script": ""}
    segment = live.api("POST", "/segments", body, status=201)
    tone = folder / "chuong.mp3"
    generate_tone(tone, seconds=SECONDS, freq=523.0)
    with httpx.Client(base_url=live.url, headers=bearer(live.admin_token), timeout=60) as c:
        sent = c.post(
            f"/segments/{segment['id']}/audio",
            files={"file": (tone.name, tone.read_bytes(), "audio/mpeg")},
        )
    assert sent.status_code == 200, sent.text
    return int(segment["id"])


def wait_time(page: Page, target: float, slack: float = 0.3) -> None:
    """Wait until the segment's audio time is target ± slack (fails after the usual wait)."""
    page.wait_for_function(TIME_NEAR, arg=[target, slack])


def left(head: Locator) -> float:
    """The playhead's left edge in percent of the waveform's width."""
    return float(head.evaluate(PLAYHEAD_LEFT))


def test_click_and_keys_seek_and_the_playhead_follows(
    ui_factory: UIFactory, live_server: LiveServer, tmp_path: Path
) -> None:
    segment_id = segment_with_tone(live_server, tmp_path)
    ui = ui_factory()
    page = ui.login("quantri", next_path=f"/chuyen-muc/{segment_id}")
    player = page.locator("#audio [data-testid=player]")
    wave = player.get_by_role("slider")
    head = player.locator(".playhead")
    expect(wave).to_have_attribute("aria-valuemax", "10")
    expect(player.locator("#segment-waveform")).to_have_attribute(
        "src", re.compile(rf"/segments/{segment_id}/waveform\.svg")
    )

    box = wave.bounding_box()
    assert box is not None
    wave.click(position={"x": box["width"] * 0.25, "y": box["height"] / 2})
    wait_time(page, SECONDS * 0.25, slack=0.5)  # about the clicked share of the audio
    expect(wave).to_be_focused()
    assert abs(left(head) - 25.0) < 5.0
    expect(wave).to_have_attribute("aria-valuetext", re.compile(r"^0:0[23] / 0:10$"))

    page.evaluate("document.getElementById('segment-audio').currentTime = 7.5")
    expect(wave).to_have_attribute("aria-valuenow", "8")  # the playhead follows the audio
    assert abs(left(head) - 75.0) < 1.0

    wave.press("ArrowLeft")
    wait_time(page, 6.5)
    wave.press("ArrowLeft")
    wait_time(page, 5.5)
    expect(wave).to_have_attribute("aria-valuenow", re.compile("^(5|6)$"))
    assert abs(left(head) - 55.0) < 1.0
    wave.press("ArrowRight")
    wait_time(page, 6.5)
    wave.press("End")
    wait_time(page, SECONDS)
    assert left(head) == 100.0
    wave.press("Home")
    wait_time(page, 0.0, slack=0.05)
    assert left(head) == 0.0

    wave.press(" ")  # Space plays: the playhead moves with the sound
    page.wait_for_function(PLAYED_PAST, arg=0.6)
    expect(head).not_to_have_attribute("style", re.compile(r"left: 0(\.00)?%"))
    wave.press(" ")
    expect(page.locator("#segment-audio")).to_have_js_property("paused", True)
    ui.screenshot("chuyen-muc-song-am", element=page.locator("#audio"))
    assert serious(page) == []
    ui.assert_clean("the segment's waveform player")


def test_month_view_days_sessions_next_month_and_phone(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    body = {"station_id": 1, "from": "2020-10-05", "to": "2020-10-09"}
    made = live_server.api("POST", "/playlists/generate", body, status=201)["sessions"]
    monday = [s for s in made if s["day"] == "2020-10-05"]
    live_server.api("POST", f"/playlists/{monday[0]['playlist_id']}/lock", {"locked": True}, 200)
    ui = ui_factory()
    page = ui.login("quantri", next_path="/lich-phat?from=2020-10-05")
    with page.expect_navigation():
        page.get_by_test_id("view-month").click()
    assert page.url.endswith("/lich-phat/thang?from=2020-10-05&station=1")
    expect(page.locator("#month-title")).to_have_text("Tháng 10 năm 2020")
    day = page.locator("#mday-2020-10-05")
    sessions = day.get_by_test_id("month-session")
    expect(sessions).to_have_count(2)
    expect(sessions.first).to_contain_text("06:30")
    expect(day.locator(".badge-locked")).to_have_count(1)
    expect(page.locator("#month .badge-locked")).to_have_count(1)
    expect(page.locator("#mday-2020-10-12 [data-status=missing]")).to_have_count(2)
    box = page.locator("#mday-2020-10-05").bounding_box()
    after = page.locator("#mday-2020-10-06").bounding_box()
    assert box and after and after["x"] > box["x"] and after["y"] == box["y"]  # a grid row
    ui.screenshot("lich-phat-thang")
    assert serious(page) == []

    with page.expect_navigation():
        sessions.first.get_by_role("link").click()
    assert page.url.endswith(f"/lich-phat/{monday[0]['playlist_id']}")
    page.go_back()
    with page.expect_navigation():
        page.get_by_test_id("next-month").click()
    expect(page.locator("#month-title")).to_have_text("Tháng 11 năm 2020")
    expect(page.get_by_test_id("month-day")).to_have_count(30)
    expect(page.locator("#month [data-playlist]:not([data-playlist=''])")).to_have_count(0)
    with page.expect_navigation():
        page.get_by_test_id("view-week").click()
    expect(page.locator(".cal-day").first).to_have_attribute("data-day", "2020-10-26")
    ui.assert_clean("the month view")

    phone = ui_factory(phone=True)
    page = phone.login("quantri", next_path="/lich-phat/thang")
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    expect(page.locator(".month-day.is-today")).to_have_attribute("data-day", today.isoformat())
    expect(page.locator(".month-day.is-today .today-badge")).to_be_visible()
    assert page.evaluate(OVERFLOW) <= 0
    page = phone.goto("/lich-phat/thang?from=2020-10-05")
    first = page.locator("#mday-2020-10-05")
    expect(first.locator(".day-link")).to_have_text("Thứ Hai, 5/10")  # the weekday shown
    expect(page.locator(".month-day.out").first).to_be_hidden()
    assert page.evaluate(OVERFLOW) <= 0
    phone.screenshot("lich-phat-thang-dien-thoai")
    assert serious(page) == []
    phone.assert_clean("the month view on a phone")


def test_session_player_seeks_in_the_exported_audio(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    body = {"station_id": 1, "from": "2020-10-13", "to": "2020-10-13"}
    session = live_server.api("POST", "/playlists/generate", body, status=201)["sessions"][0]
    playlist_id = session["playlist_id"]
    job = live_server.api("POST", f"/playlists/{playlist_id}/export", status=202)
    assert live_server.wait_job(job["id"], timeout_s=120)["status"] == "succeeded"
    ui = ui_factory()
    page = ui.login("quantri", next_path=f"/lich-phat/{playlist_id}")
    player = page.locator("#session-summary [data-testid=player]")
    expect(player.locator("#session-waveform")).to_have_attribute(
        "src", f"/playlists/{playlist_id}/waveform.svg"
    )
    audio = player.locator("#session-audio")
    wave = player.get_by_role("slider")
    box = wave.bounding_box()
    assert box is not None
    wave.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    page.wait_for_function(
        "() => { const a = document.getElementById('session-audio');"
        " return a.duration > 0 && Math.abs(a.currentTime / a.duration - 0.5) < 0.05; }"
    )
    assert abs(left(player.locator(".playhead")) - 50.0) < 5.0
    start, length = audio.evaluate("a => [a.currentTime, a.duration]")
    wave.press("ArrowRight")  # five seconds a step from a minute of audio, else one
    page.wait_for_function(
        "(t) => Math.abs(document.getElementById('session-audio').currentTime - t) < 0.5",
        arg=start + (5 if length >= 60 else 1),
    )
    ui.assert_clean("the session's waveform player")
