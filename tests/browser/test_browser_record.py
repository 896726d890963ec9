"""Thu âm in a real browser: Chromium's fake microphone, MediaRecorder, listen, keep."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from broadcast.models.accounts import Role

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]

# A MediaRecorder WebM has no duration in its header: the page resolves it (seeks to the end
# once and back) so the player shows the length and can be scrubbed; this only waits for it.
TAKE_DURATION = """async () => {
  const a = document.getElementById('rec-take');
  for (let i = 0; i < 80 && !(Number.isFinite(a.duration) && a.currentTime === 0); i++) {
    await new Promise((ok) => setTimeout(ok, 250));
  }
  const duration = a.duration;
  a.currentTime = 1.0;  // scrub: a seekable take lands where it was asked
  await new Promise((ok) => a.addEventListener('seeked', ok, {once: true}));
  return {src: a.src, duration: duration, at: a.currentTime};
}"""


def test_record_listen_and_keep_with_the_fake_microphone(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    station = live_server.api("GET", "/stations", status=200)[0]
    body = {"station_id": station["id"], "title": "Thông báo thu âm", "script": "Kính thưa bà con."}
    segment = live_server.api("POST", "/segments", body, status=201)
    assert segment["audio_asset_id"] is None
    live_server.add_user("phatthanh", Role.EDITOR)
    ui = ui_factory()
    page = ui.login("phatthanh", next_path=f"/thu-am/{segment['id']}")
    expect(page.get_by_test_id("teleprompter")).to_contain_text("Kính thưa bà con.")

    page.get_by_test_id("rec-start").click()
    expect(page.get_by_test_id("rec-stop")).to_be_visible()
    expect(page.get_by_test_id("rec-start")).to_be_hidden()
    expect(page.get_by_test_id("rec-time")).to_have_text(re.compile(r"0:0[2-5]"))
    ui.screenshot("thu-am-dang-thu")
    page.get_by_test_id("rec-stop").click()

    expect(page.get_by_test_id("rec-take")).to_be_visible()
    expect(page.get_by_test_id("rec-stop")).to_be_hidden()
    listened = page.evaluate(TAKE_DURATION)
    assert listened["src"].startswith("blob:"), listened
    assert 1.5 < listened["duration"] < 30, listened
    assert abs(listened["at"] - 1.0) < 0.1, listened
    expect(page.get_by_test_id("rec-take-length")).to_have_text(re.compile(r"dài 0:0[1-9]"))
    expect(page.get_by_test_id("rec-error")).to_have_text("")

    page.get_by_test_id("rec-keep").click()
    expect(page.get_by_test_id("rec-saved")).to_be_visible(timeout=30_000)
    kept = live_server.api("GET", f"/segments/{segment['id']}", status=200)
    assert kept["audio_asset_id"] is not None, kept
    assert 1.5 < kept["duration_s"] < 30, kept
    expect(page.get_by_test_id("current-audio")).to_have_attribute(
        "src", f"/segments/{segment['id']}/audio?v={kept['audio_asset_id']}"
    )
    ui.screenshot("thu-am-da-luu")
    ui.assert_clean("the recording page")
