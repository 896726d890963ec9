"""Thư viện âm thanh in a real browser: two files picked at once (one refused, with its reason),
a file dropped on the drop zone, progress, search and kind filter, duration and loudness, the
waveform's playhead and click-to-seek, the jingle chosen in Cài đặt and a library file as a
segment's audio, replacing a used file (its segment back to review), and deleting a used file
refused."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import httpx2 as httpx
from playwright.sync_api import expect

from audio._ffmpeg_gen import generate_tone
from broadcast.db import get_engine
from broadcast.models.accounts import Role

from factories import add_user, bearer

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]

DROP_TEXT = """() => {
  const data = new DataTransfer();
  data.items.add(new File(["không phải âm thanh"], "keo-tha.mp3", {type: "audio/mpeg"}));
  const zone = document.getElementById("dropzone");
  for (const name of ["dragenter", "dragover", "drop"]) {
    zone.dispatchEvent(new DragEvent(name, {dataTransfer: data, bubbles: true, cancelable: true}));
  }
}"""
SEEK_MIDDLE = """() => new Promise((done) => {
  const a = document.querySelector('[data-testid=library-item] audio');
  const check = () => (a.currentTime > 0.5 ? done(a.currentTime) : setTimeout(check, 50));
  check();
})"""


def _mp3(folder: Path, name: str, freq: float, seconds: float = 2.0) -> Path:
    path = folder / name
    generate_tone(path, seconds=seconds, freq=freq)
    return path


def test_upload_search_choose_replace_and_refuse_deleting_a_used_file(
    ui_factory: UIFactory, live_server: LiveServer, tmp_path: Path
) -> None:
    ui = ui_factory()
    ui.allow_errors(r"status of (409|422)")  # the refusals the test provokes
    page = ui.login("quantri", next_path="/thu-vien")
    expect(page.get_by_role("heading", name="Thư viện âm thanh")).to_be_visible()

    not_audio = tmp_path / "ghi-chu.mp3"
    not_audio.write_text("Đây là ghi chú, không phải âm thanh.\n" * 20)
    page.select_option("#upload-kind", "jingle")
    page.set_input_files("#upload-files", [_mp3(tmp_path, "nhac-hieu.mp3", 440), not_audio])
    rows = page.get_by_test_id("upload-row")
    expect(rows).to_have_count(2)
    added = page.locator("[data-testid=upload-row][data-result=added]")
    refused = page.locator("[data-testid=upload-row][data-result=refused]")
    expect(added).to_contain_text("nhac-hieu.mp3")
    expect(added).to_contain_text("Đã thêm: «nhac-hieu» (0:02)")
    expect(added.locator("progress")).to_have_attribute("value", "100")
    expect(refused).to_contain_text("ghi-chu.mp3")
    expect(refused.locator(".upload-error")).to_have_text(
        "tệp 'ghi-chu.mp3' không phải âm thanh hoặc bị hỏng, không giải mã được"
    )
    items = page.get_by_test_id("library-item")
    expect(items).to_have_count(1)
    page.select_option("#upload-kind", "bed")
    page.set_input_files("#upload-files", _mp3(tmp_path, "nen-em.mp3", 330, 3.0))
    expect(items).to_have_count(2)
    page.evaluate(DROP_TEXT)  # a file dragged onto the drop zone
    dropped = page.locator("[data-testid=upload-row]", has_text="keo-tha.mp3")
    expect(dropped).to_have_attribute("data-result", "refused")
    expect(dropped.locator(".upload-error")).to_contain_text("không giải mã được")
    ui.screenshot("thu-vien-tai-len")

    jingle = items.filter(has_text="nhac-hieu")
    expect(jingle.locator(".item-duration")).to_have_text("0:02")
    expect(jingle.locator(".item-loudness")).to_contain_text("LUFS")
    expect(jingle.locator(".item-loudness")).to_contain_text(re.compile("mức chuẩn của đài"))

    page.fill("#library-q", "NHAC HIEU")
    with page.expect_navigation():
        page.click("#library-search")
    expect(items).to_have_count(1)
    expect(items.first.locator(".item-title")).to_have_text("nhac-hieu")
    wave = items.first.locator(".wave")
    wave.click(position={"x": wave.bounding_box()["width"] / 2, "y": 20})  # type: ignore[index]
    assert page.evaluate(SEEK_MIDDLE) > 0.5
    head = items.first.locator(".playhead")
    expect(head).not_to_have_attribute("style", re.compile(r"left: 0(\.00)?%"))
    page.fill("#library-q", "")
    page.select_option("#library-kind", "bed")
    with page.expect_navigation():
        page.click("#library-search")
    expect(items).to_have_count(1)
    expect(items.first.locator(".item-title")).to_have_text("nen-em")
    ui.assert_clean("the library after uploads and search")

    library = live_server.api("GET", "/library?station_id=1&kind=jingle", status=200)
    item = next(row for row in library if row["title"] == "nhac-hieu")
    page = ui.goto("/cai-dat")
    page.select_option("#st-jingle_asset_id", str(item["asset_id"]))
    with page.expect_response(lambda r: r.url.endswith("/stations/1") and r.ok):
        page.click("#station-save")  # the API is read only once the save is answered
    expect(page.locator("#st-jingle_asset_id")).to_have_value(str(item["asset_id"]))
    station = live_server.api("GET", "/stations/1", status=200)
    assert station["jingle_asset_id"] == item["asset_id"]

    body = {"station_id": 1, "title": "Nhạc hiệu đầu giờ", "kind": "jingle", "script": ""}
    segment = live_server.api("POST", "/segments", body, status=201)
    page = ui.goto(f"/chuyen-muc/{segment['id']}")
    page.select_option("#library-item", str(item["id"]))
    with page.expect_navigation():
        page.click("#library-audio-save")
    expect(page.locator("#audio-source")).to_contain_text("Tệp trong thư viện: «nhac-hieu»")
    _id, token = add_user(get_engine(live_server.settings.db_url), "duyet-tv", Role.APPROVER)
    with httpx.Client(base_url=live_server.url, headers=bearer(token)) as approver:
        approved = approver.post(f"/segments/{segment['id']}/approve", json={"note": ""})
    assert approved.status_code == 200 and approved.json()["status"] == "approved", approved.text

    page = ui.goto("/thu-vien?kind=jingle")
    row = page.locator(f"#item-{item['id']}")
    expect(row.locator(".uses")).to_contain_text("Nhạc hiệu đầu giờ")
    expect(row.locator(".uses")).to_contain_text("Nhạc hiệu của đài")
    page.set_input_files(f"#replace-{item['id']}", _mp3(tmp_path, "nhac-hieu-moi.mp3", 660))
    expect(page.locator("#library-status")).to_contain_text("1 chuyên mục")
    expect(page.locator("#library-status")).to_contain_text("chờ duyệt lại")
    row.locator("[data-testid=delete-button]").click()
    expect(page.locator(f"#item-error-{item['id']}")).to_contain_text("đang được dùng")
    expect(page.locator(f"#item-error-{item['id']}")).to_contain_text("Nhạc hiệu đầu giờ")
    expect(row).to_be_visible()
    ui.screenshot("thu-vien-am-thanh")

    page = ui.goto(f"/chuyen-muc/{segment['id']}")
    expect(page.locator("#segment-status")).to_have_attribute("data-status", "draft")
    expect(page.locator("#review-note")).to_contain_text("đã được thay")
    ui.assert_clean("the segment back in review")
