"""Small things of a day's work in a real browser: job badges follow their bar, one player at a
time."""

from __future__ import annotations

import base64
import io
import json
import wave
from pathlib import Path
from typing import TYPE_CHECKING

from browser_support import UI
from browser_support import _serve as serve
from playwright.sync_api import Browser, Route, expect

from api.main import create_app
from api.web.labels import JOB_STATUS_LABELS
from broadcast.models.common import JobStatus

from conftest import make_settings

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]


def test_a_bundle_badge_follows_its_running_bar(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    station = live_server.api("GET", "/stations", status=200)[0]["id"]
    ui = ui_factory()
    ui.login("quantri")
    with live_server.jobs_paused():  # the job stays queued on the server
        body = {"station_id": station, "from": "2020-10-05", "to": "2020-10-05"}
        job = live_server.api("POST", "/exports/bundle", body, status=202)
        running = {**job, "status": "running", "progress": 40, "message": "Đang dựng buổi 1/2"}

        def answer_running(route: Route) -> None:
            route.fulfill(status=200, content_type="application/json", body=json.dumps(running))

        ui.page.route(f"**/jobs/{job['id']}", answer_running)
        page = ui.goto(f"/xuat-file?station={station}")
        row = page.locator(f"td:has([data-job='{job['id']}'])")
        expect(row.locator(".badge")).to_have_text(JOB_STATUS_LABELS[JobStatus.RUNNING])
        expect(row.locator(".job-pct")).to_have_text("40%")
        ui.page.unroute(f"**/jobs/{job['id']}")
    ui.assert_clean("the exports page")


def _silence_wav(seconds: float) -> str:
    """A data: URL of a mono 8 kHz WAV of silence."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * int(8000 * seconds))
    return "data:audio/wav;base64," + base64.b64encode(buffer.getvalue()).decode()


PLAY_BOTH = """async (src) => {
  const players = [0, 1].map(() => {
    const audio = document.createElement("audio");
    audio.src = src; audio.controls = true; audio.loop = true;
    document.querySelector("main").append(audio);
    return audio;
  });
  await players[0].play();
  await players[1].play();
  return players.map((audio) => audio.paused);
}"""


def test_starting_a_player_pauses_the_other(ui_factory: UIFactory, live_server: LiveServer) -> None:
    ui = ui_factory()
    page = ui.login("quantri")
    assert page.evaluate(PLAY_BOTH, _silence_wav(3.0)) == [True, False]
    ui.assert_clean("two players")


def test_first_run_keeps_the_name_checks_the_password_and_confirms(
    chromium_browser: Browser, tmp_path: Path
) -> None:
    app = create_app(make_settings(tmp_path, load_demo=False))
    server, thread, url = serve(app)
    context = chromium_browser.new_context(locale="vi-VN")
    try:
        ui = UI(context, url)
        ui.allow_errors(r"status of 422")  # the refused forms, which the test provokes
        page = ui.goto("/thiet-lap")
        page.fill("#f-full_name", "Nguyễn Thị Văn Hoá")
        page.fill("#f-password", "ngan")
        page.fill("#f-password_again", "ngan")
        page.get_by_role("button", name="Tạo tài khoản").click()
        expect(page.locator("[data-error-for=password]")).to_contain_text("10 ký tự")
        expect(page.locator("#f-full_name")).to_have_value("Nguyễn Thị Văn Hoá")
        page.fill("#f-password", "mot-mat-khau-dai")
        page.fill("#f-password_again", "mot-mat-khau-dei")
        page.get_by_role("button", name="Tạo tài khoản").click()
        expect(page.locator("[data-error-for=password_again]")).to_contain_text("không khớp")
        page.fill("#f-password", "mot-mat-khau-dai")
        page.fill("#f-password_again", "mot-mat-khau-dai")
        page.get_by_role("button", name="Tạo tài khoản").click()
        expect(page.locator("#setup-done")).to_contain_text("Đã tạo tài khoản quản trị «admin»")
        expect(page.locator("#f-username")).to_have_value("admin")
        ui.screenshot("thiet-lap-da-tao")
        page.fill("#f-password", "mot-mat-khau-dai")
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.locator(".who")).to_contain_text("Nguyễn Thị Văn Hoá")
        ui.assert_clean("first run")
    finally:
        context.close()
        server.should_exit = True
        thread.join(timeout=30)
