"""The review flow in a real browser: an editor writes and sends for review; the approver sees
the count on the dashboard, opens the queue, listens and reads, approves one and returns the
other with a note; the editor reads the note."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from broadcast.models.accounts import Role

if TYPE_CHECKING:
    from browser_support import UI, LiveServer, UIFactory

pytest_plugins = ["browser_support"]

NOTE = "Nhờ anh nghe kỹ tên tổ dân phố"
RETURN_NOTE = "Ghi rõ giờ họp và địa điểm"
AUDIO_DURATION = """async (el) => {
  if (!(el.duration > 0)) await new Promise((ok, bad) => {
    el.addEventListener('loadedmetadata', ok, {once: true});
    el.addEventListener('error', () => bad(new Error('cannot load ' + el.src)), {once: true});
    el.preload = 'metadata'; el.load(); });
  return el.duration;
}"""


def write_and_send(ui: UI, title: str, script: str, bulletin_class: str = "normal") -> int:
    """The editor fills the new-segment form, then presses Gửi duyệt with a note."""
    page = ui.goto("/chuyen-muc")
    page.get_by_test_id("new-segment-open").click()  # the form opens from the top
    form = page.locator("#new-segment-form")
    form.get_by_test_id("new-title").fill(title)
    form.get_by_test_id("new-script").fill(script)
    form.get_by_test_id("new-class").select_option(bulletin_class)
    with page.expect_navigation(url=re.compile(r"/chuyen-muc/\d+")):
        form.get_by_test_id("new-segment-save").click()
    expect(page.locator("#segment-status")).to_have_attribute("data-status", "draft")
    ui.prompt_answer = NOTE
    with page.expect_navigation():
        page.get_by_test_id("submit-button").click()
    assert ui.dialogs[-1] == "Lời nhắn cho người duyệt (không bắt buộc):"
    expect(page.locator("#segment-status")).to_have_attribute("data-status", "submitted")
    expect(page.locator("#segment-status")).to_contain_text("Chờ duyệt")
    expect(page.locator("#submit-note")).to_have_text(NOTE)
    expect(page.get_by_test_id("submit-button")).to_have_count(0)
    return int(page.url.rstrip("/").split("/")[-1].split("?")[0])


def wait_for_speech(live: LiveServer, segment_id: int, timeout_s: float = 90.0) -> None:
    """Wait until the speech queued by the submission is synthesised (the worker runs it)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if live.api("GET", f"/segments/{segment_id}", status=200)["speech_asset_id"]:
            return
        time.sleep(0.2)
    raise AssertionError(f"the speech of segment {segment_id} was not synthesised")


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page."""
    results = Axe().run(page)
    found = results.response["violations"]
    return [f"{v['id']}: {v['help']}" for v in found if v["impact"] in {"serious", "critical"}]


def listen(page: Page, segment_id: int) -> float:
    """Load the queue item's audio in the browser; its length in seconds."""
    audio = page.locator(f"#review-audio-{segment_id}")
    expect(audio).to_be_visible()
    return float(audio.evaluate(AUDIO_DURATION))


def test_editor_sends_approver_reviews_from_the_queue(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    live_server.add_user("bientap", Role.EDITOR, 1)
    live_server.add_user("duyetvien", Role.APPROVER, 1)
    editor = ui_factory()
    editor.login("bientap", next_path="/chuyen-muc")
    meeting = write_and_send(
        editor, "Họp tổ dân phố số 3", "Kính thưa bà con, tối thứ Sáu tổ dân phố số 3 họp."
    )
    storm = write_and_send(
        editor,
        "Cảnh báo mưa lớn",
        "Kính thưa bà con, đêm nay có mưa lớn, bà con chằng chống nhà cửa.",
        bulletin_class="emergency",
    )
    expect(editor.page.locator("nav.mainnav a[href^='/cho-duyet']")).to_have_count(0)
    editor.assert_clean("the editor's pages")
    for segment_id in (meeting, storm):
        wait_for_speech(live_server, segment_id)

    approver = ui_factory()
    page = approver.login("duyetvien")
    summary = page.get_by_test_id("review-summary")
    expect(summary.locator("#review-waiting")).to_have_text("2")
    expect(page.locator("nav.mainnav a[href^='/cho-duyet'] .nav-count")).to_contain_text("2")
    expect(summary.locator("li").first).to_contain_text("Cảnh báo mưa lớn")  # emergency first
    assert serious_violations(page) == []
    with page.expect_navigation(url=re.compile(r"/cho-duyet")):
        summary.locator("#open-review").click()
    items = page.locator(".review-item")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_have_attribute("data-review", str(storm))
    expect(items.nth(1)).to_have_attribute("data-review", str(meeting))
    for item in (items.nth(0), items.nth(1)):
        expect(item.locator(".review-author")).to_have_text("bientap")
        expect(item.locator(".review-submit-note")).to_have_text(NOTE)
    expect(items.nth(1).locator(".review-spoken")).to_contain_text("tổ dân phố số ba họp")
    assert listen(page, storm) > 1.0 and listen(page, meeting) > 1.0
    approver.screenshot("cho-duyet")
    assert serious_violations(page) == []
    approver.assert_clean("the queue")

    with page.expect_navigation():
        items.nth(0).get_by_test_id("review-approve").click()
    assert approver.dialogs[-1] == "Duyệt «Cảnh báo mưa lớn» để phát?"
    expect(items).to_have_count(1)
    approver.prompt_answer = RETURN_NOTE
    with page.expect_navigation():
        items.nth(0).get_by_test_id("review-return").click()
    assert approver.dialogs[-1].startswith("Cần sửa gì ở «Họp tổ dân phố số 3»?")
    expect(page.get_by_test_id("review-empty")).to_be_visible()
    expect(page.locator("nav.mainnav .nav-count")).to_have_count(0)
    approver.assert_clean("the emptied queue")
    assert live_server.api("GET", f"/segments/{storm}", status=200)["status"] == "approved"

    page = editor.goto("/")
    returned = page.get_by_test_id("returned-summary")
    expect(returned.locator(f"[data-returned='{meeting}']")).to_contain_text(RETURN_NOTE)
    with page.expect_navigation(url=re.compile(rf"/chuyen-muc/{meeting}")):
        returned.locator(f"[data-returned='{meeting}'] a").click()
    expect(page.locator("#segment-status")).to_have_attribute("data-status", "draft")
    expect(page.get_by_test_id("returned-note")).to_contain_text(RETURN_NOTE)
    expect(page.locator("#review-note")).to_have_text(RETURN_NOTE)
    expect(page.get_by_test_id("submit-button")).to_be_visible()
    editor.assert_clean("the returned segment")


def test_queue_fits_a_phone_and_viewers_get_no_buttons(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    body = {"station_id": 1, "title": "Lịch tiêm phòng dại", "script": "Kính thưa bà con."}
    segment = live_server.api("POST", "/segments", body, status=201)
    live_server.api("POST", f"/segments/{segment['id']}/submit", {"note": ""}, status=200)
    live_server.add_user("duyet-dien-thoai", Role.APPROVER, 1)
    live_server.add_user("xem-hang-cho", Role.VIEWER, 1)
    phone = ui_factory(phone=True)
    page = phone.login("duyet-dien-thoai", next_path="/cho-duyet")
    item = page.locator(f".review-item[data-review='{segment['id']}']")
    expect(item.get_by_test_id("review-approve")).to_be_visible()
    expect(item.get_by_test_id("review-return")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the queue scrolls sideways by {overflow} px on a 390 px phone"
    phone.screenshot("cho-duyet-dien-thoai")
    phone.assert_clean("the queue on a phone")
    viewer = ui_factory()
    page = viewer.login("xem-hang-cho", next_path="/cho-duyet")
    expect(page.locator(f".review-item[data-review='{segment['id']}']")).to_be_visible()
    expect(page.locator("[data-testid^='review-']").and_(page.locator("button"))).to_have_count(0)
    expect(page.locator("nav.mainnav a[href^='/cho-duyet']")).to_have_count(0)
    viewer.assert_clean("the queue as a viewer")
