"""The day's work in a browser: slot, write, preview, approve (four eyes), programme, export."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, timedelta
from typing import TYPE_CHECKING

from playwright.sync_api import Page, expect

from broadcast.models.accounts import Role

if TYPE_CHECKING:
    from browser_support import UI, LiveServer, UIFactory

pytest_plugins = ["browser_support"]

TITLE = "Thông báo quét mã căn cước"
SCRIPT = (
    "Kính thưa bà con, UBND phường thông báo: bà con mang căn cước đến nhà văn hoá để quét mã QR."
)
# Saved in sessionStorage when a job box reports the end, so it survives the page's reload.
JOB_SPY = """
document.addEventListener("loa:job", (event) => {
  const bar = event.target.querySelector("progress");
  sessionStorage.setItem("loa-job-" + event.detail.id, JSON.stringify({
    status: event.detail.status, progress: event.detail.progress, bar: bar ? bar.value : null}));
}, true);
"""
AUDIO_DURATION = """async (id) => {
  const a = document.getElementById(id);
  if (!(a.duration > 0)) await new Promise((ok, bad) => {
    a.addEventListener('loadedmetadata', ok, {once: true});
    a.addEventListener('error', () => bad(new Error('cannot load ' + a.src)), {once: true});
    a.preload = 'metadata'; a.load(); });
  return a.duration;
}"""


def audio_duration(page: Page, element_id: str) -> float:
    """Load an <audio> element's source in the browser and return its length in seconds."""
    return float(page.evaluate(AUDIO_DURATION, element_id))


def add_everyday_slot(ui: UI, live: LiveServer) -> None:
    """The admin adds an evening slot on every weekday (Cài đặt), so tomorrow has a session."""
    page = ui.login("quantri", next_path="/cai-dat")
    page.locator("#slot-new > summary").click()
    form = page.get_by_test_id("slot-create-form")
    form.locator("#ns-name").fill("Buổi tối")
    form.locator("#ns-start").fill("19:00")
    form.locator("#ns-max_seconds").fill("300")
    for day in range(7):
        form.locator(f"#ns-wd{day}").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("slots")).to_contain_text("Buổi tối — 19:00")
    slots = live.api("GET", "/slots", status=200)
    assert [s["weekdays"] for s in slots if s["name"] == "Buổi tối"] == [[0, 1, 2, 3, 4, 5, 6]]
    ui.assert_clean("Cài đặt")
    ui.logout()


def write_segment(ui: UI) -> int:
    """The editor fills the new-segment form on Chuyên mục; lands on the segment's editor."""
    page = ui.goto("/chuyen-muc")
    page.get_by_test_id("new-segment-open").click()  # the form opens from the top
    form = page.locator("#new-segment-form")
    form.get_by_test_id("new-title").fill(TITLE)
    form.get_by_test_id("new-script").fill(SCRIPT)
    with page.expect_navigation(url=re.compile(r"/chuyen-muc/\d+")):
        form.get_by_test_id("new-segment-save").click()
    expect(page.locator("h1#segment-title")).to_have_text(TITLE)
    expect(page.locator("#segment-status")).to_have_attribute("data-status", "draft")
    return int(page.url.rstrip("/").split("/")[-1].split("?")[0])


def preview_speech(ui: UI) -> None:
    """Nghe thử: the spoken text with the unknown word marked, and a playable preview."""
    page = ui.page
    spoken = page.get_by_test_id("spoken-text")
    expect(spoken).to_contain_text("ủy ban nhân dân")  # UBND read out by the rules
    page.get_by_test_id("preview-button").click()
    expect(page.locator("#preview-status")).to_contain_text("1 từ chưa biết cách đọc")
    expect(spoken.get_by_test_id("unknown-word")).to_have_text(["QR"])
    audio = page.get_by_test_id("preview-audio")
    expect(audio).to_have_attribute("src", re.compile(r"/speech/"), timeout=30_000)
    expect(audio).to_be_visible()
    assert audio_duration(page, "preview-audio") > 1.0
    ui.screenshot("ngay-1-nghe-thu")


def teach_the_unknown_word(ui: UI) -> None:
    """One click on the marked word opens the lexicon form; saved, the word is read as taught."""
    page = ui.page
    page.get_by_test_id("unknown-word").filter(has_text="QR").click()
    expect(page.get_by_test_id("lexicon-written")).to_have_value("QR")
    page.get_by_test_id("lexicon-spoken").fill("kiu a")
    page.get_by_test_id("lexicon-quick-save").click()
    expect(page.locator("#preview-status")).to_have_text("Mọi từ đều đã biết cách đọc.")
    expect(page.get_by_test_id("unknown-word")).to_have_count(0)
    expect(page.get_by_test_id("spoken-text")).to_contain_text("kiu a")


def editor_cannot_approve(ui: UI) -> None:
    """Four eyes: the author sees no enabled approve button on their own segment."""
    buttons = ui.page.locator("#approve-button")
    assert buttons.count() == 0 or buttons.is_disabled()
    expect(ui.page.get_by_test_id("review")).to_contain_text("nguyên tắc bốn mắt")


def approve(ui: UI, live: LiveServer, segment_id: int) -> None:
    """The approver opens the segment and presses Duyệt (after the confirm box)."""
    page = ui.goto(f"/chuyen-muc/{segment_id}")
    button = page.get_by_test_id("approve-button")
    expect(button).to_be_enabled()
    with page.expect_navigation():
        button.click()
    assert ui.dialogs[-1] == "Duyệt chuyên mục này để phát?"
    expect(page.locator("#segment-status")).to_have_attribute("data-status", "approved")
    expect(page.locator("#segment-approver")).to_contain_text("duyetvien")
    ui.screenshot("ngay-2-da-duyet")
    assert (
        live.api("GET", f"/segments/{segment_id}", status=200)["approved_by_id"]
        == (live.users["duyetvien"])
    )


def generate_tomorrow(ui: UI, segment_id: int) -> int:
    """Lịch phát: generate tomorrow (the form's default day); the evening session holds ours."""
    page = ui.goto("/lich-phat")
    tomorrow = page.locator("#f-from").input_value()
    assert page.locator("#f-to").input_value() == tomorrow
    today = page.locator(".cal-day.is-today").get_attribute("data-day")
    assert date.fromisoformat(tomorrow) == date.fromisoformat(today or "") + timedelta(days=1)
    waiting = page.locator(f"#day-{tomorrow} [data-testid=session-row]")
    assert waiting.count() >= 1, "the everyday slot gives tomorrow a session"
    assert set(waiting.evaluate_all("rs => rs.map(r => r.dataset.status)")) == {"missing"}
    with page.expect_navigation():
        page.get_by_test_id("generate-submit").click()
    rows = page.locator(f"#day-{tomorrow} [data-testid=session-row]")
    expect(rows.first).to_be_visible()
    playlists = [p for p in rows.evaluate_all("rs => rs.map(r => r.dataset.playlist)") if p]
    assert playlists and len(playlists) == rows.count(), "every session of tomorrow is planned"
    ui.screenshot("ngay-3-lich-phat-ngay-mai")
    for playlist_id in playlists:
        page = ui.goto(f"/lich-phat/{playlist_id}")
        if page.locator(f"[data-testid=item][data-segment='{segment_id}']").count():
            return int(playlist_id)
    raise AssertionError(f"segment {segment_id} is in none of tomorrow's sessions {playlists}")


def export_session(ui: UI, live: LiveServer, playlist_id: int) -> int:
    """Xuất buổi phát: the progress bar goes from 0 to 100 %, then the ZIP can be downloaded."""
    ui.context.add_init_script(JOB_SPY)
    page = ui.goto(f"/lich-phat/{playlist_id}")
    with live.jobs_paused():
        with page.expect_navigation():
            page.get_by_test_id("export-button").click()
        bar = page.locator("#export-progress progress")
        expect(bar).to_have_js_property("value", 0)
        job_id = page.locator("#export-progress [data-job]").get_attribute("data-job")
        ui.screenshot("ngay-4-dang-xuat")
    expect(page.get_by_test_id("download-link")).to_be_visible(timeout=60_000)
    seen = json.loads(page.evaluate(f"sessionStorage.getItem('loa-job-{job_id}')") or "{}")
    assert seen == {"status": "succeeded", "progress": 100, "bar": 100}, seen
    ui.screenshot("ngay-5-buoi-da-xuat")
    assert audio_duration(page, "session-audio") > 10.0  # the whole session can be heard
    with page.expect_download() as info:
        page.get_by_test_id("download-link").click()
    check_bundle(info.value.path().read_bytes())
    return int(job_id or 0)


def check_bundle(data: bytes) -> None:
    """The downloaded ZIP opens, holds MP3s and an M3U8 whose entries are files of the ZIP."""
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        assert bundle.testzip() is None
        names = bundle.namelist()
        lists = [n for n in names if n.endswith(".m3u8")]
        assert lists, names
        lines = bundle.read(lists[0]).decode("utf-8").splitlines()
    entries = [line for line in lines if line and not line.startswith("#")]
    assert entries and all(e.endswith(".mp3") and e in names for e in entries), (entries, names)


def export_is_listed(ui: UI, job_id: int) -> None:
    """Xuất file lists the finished export with its downloads."""
    page = ui.goto("/xuat-file")
    row = page.locator(f"#job-{job_id}")
    expect(row).to_have_attribute("data-status", "succeeded")
    expect(row.get_by_test_id("download-zip")).to_be_visible()
    ui.screenshot("ngay-6-xuat-file")


def audit_shows_the_approval(ui: UI) -> None:
    """Nhật ký, filtered to approvals: the approver's approval of the segment, by its title."""
    page = ui.goto("/nhat-ky")
    page.locator("#audit-filter select[name=action]").select_option("approve")
    with page.expect_navigation():
        page.locator("#audit-filter button[type=submit]").click()
    rows = page.locator("#audit-list > tbody > tr")
    expect(rows.first).to_be_visible()
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.auditAction)")) == {"approve"}
    mine = rows.filter(has_text=TITLE).filter(has_text="duyetvien")
    expect(mine).to_have_count(1)
    ui.screenshot("ngay-7-nhat-ky-duyet")


def dashboard_shows_tomorrow(ui: UI, playlist_id: int, job_id: int) -> None:
    """Tổng quan: tomorrow's exported session and the finished export."""
    page = ui.goto("/")
    expect(page.locator(f"section[data-day] a[href='/lich-phat/{playlist_id}']")).to_have_count(1)
    expect(page.locator(f".job[data-job='{job_id}']")).to_have_attribute("data-status", "succeeded")
    ui.screenshot("ngay-8-tong-quan")


def test_the_days_work_in_the_browser(ui_factory: UIFactory, live_server: LiveServer) -> None:
    live_server.add_user("bientap", Role.EDITOR)
    live_server.add_user("duyetvien", Role.APPROVER)
    ui = ui_factory()
    add_everyday_slot(ui, live_server)
    ui.login("bientap")
    segment_id = write_segment(ui)
    preview_speech(ui)
    teach_the_unknown_word(ui)
    editor_cannot_approve(ui)
    ui.assert_clean("the editor's pages")
    ui.logout()
    ui.login("duyetvien")
    approve(ui, live_server, segment_id)
    playlist_id = generate_tomorrow(ui, segment_id)
    job_id = export_session(ui, live_server, playlist_id)
    export_is_listed(ui, job_id)
    audit_shows_the_approval(ui)
    dashboard_shows_tomorrow(ui, playlist_id, job_id)
    ui.assert_clean("the approver's pages")
