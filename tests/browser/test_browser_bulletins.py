"""Bản tin in a real browser: a province writes a bulletin to one chosen station (the lists follow
the issuing unit), a file that is not audio dropped on the draft is refused with its reason, and a
WAV picked for the draft makes it air a recording instead of its script, to be heard there."""

from __future__ import annotations

import math
import struct
import wave
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import expect

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]

MONDAY = date.today() + timedelta(days=7 - date.today().weekday())
DROP_TEXT = """(zone) => {
  const data = new DataTransfer();
  data.items.add(new File(["không phải âm thanh"], "ghi-chu.wav", {type: "audio/wav"}));
  for (const name of ["dragenter", "dragover", "drop"]) {
    zone.dispatchEvent(new DragEvent(name, {dataTransfer: data, bubbles: true, cancelable: true}));
  }
}"""


def _wav(path: Path, seconds: float = 1.0, rate: int = 16000) -> Path:
    """A short 440 Hz mono tone, written with the standard library."""
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / rate)))
        for n in range(int(seconds * rate))
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return path


def _unit(live_server: LiveServer, name: str, kind: str, parent: int | None = None) -> int:
    body = {"name": name, "kind": kind, "parent_id": parent}
    unit_id: int = live_server.api("POST", "/units", body, 201)["id"]
    return unit_id


def _station(live_server: LiveServer, name: str, unit_id: int) -> int:
    station_id: int = live_server.api("POST", "/stations", {"name": name}, 201)["id"]
    live_server.api("PATCH", f"/stations/{station_id}", {"unit_id": unit_id}, 200)
    return station_id


def test_a_bulletin_to_one_station_with_an_uploaded_recording(
    ui_factory: UIFactory, live_server: LiveServer, tmp_path: Path
) -> None:
    province = _unit(live_server, "Tỉnh Quảng Trị", "province")
    other = _unit(live_server, "Tỉnh Bên Kia", "province")
    chosen = _station(
        live_server, "Đài xã Gio Linh", _unit(live_server, "Xã Gio Linh", "commune", province)
    )
    skipped = _station(
        live_server, "Đài xã Cam Lộ", _unit(live_server, "Xã Cam Lộ", "commune", province)
    )
    outside = _station(live_server, "Đài xã Xa", _unit(live_server, "Xã Xa", "commune", other))
    ui = ui_factory()
    ui.allow_errors(r"status of 422")  # the file that is not audio, refused
    page = ui.login("quantri", next_path="/ban-tin")
    page.locator("#bulletin-new summary").click()
    form = page.get_by_test_id("bulletin-create-form")
    form.locator("#bt-unit_id").select_option(str(province))
    form.locator("#bt-title").fill("Thông báo phòng chống bão")
    form.locator("#bt-air_start").fill(str(MONDAY))
    form.locator("#bt-air_end").fill(str(MONDAY + timedelta(days=2)))
    form.locator("#bt-script").fill("Kính thưa bà con, bão số 5 sắp đổ bộ.")
    expect(form.get_by_test_id("target-lists").first).to_be_hidden()  # "mọi đài" by default
    form.get_by_label("Chỉ các đơn vị, đài được chọn dưới đây").check()
    station_box = form.locator(f"#bt-{province}-s{chosen}")
    expect(station_box).to_be_visible()
    expect(form.locator(f"#bt-{province}-s{skipped}")).to_be_visible()
    expect(form.locator(f'[name=target_station_ids][value="{outside}"]:visible')).to_have_count(0)
    form.get_by_role("button", name="Lưu bản tin").click()  # nothing ticked: said, not sent
    expect(form.locator('[data-error-for="target_station_ids"]')).to_contain_text("Chọn ít nhất")
    form.get_by_role("checkbox", name="Đài xã Gio Linh").check()
    with page.expect_navigation():
        form.get_by_role("button", name="Lưu bản tin").click()

    draft = page.get_by_test_id("issued-bulletin").filter(has_text="Thông báo phòng chống bão")
    bulletin_id = int(draft.get_attribute("data-bulletin-id") or 0)
    expect(draft.get_by_test_id("bulletin-airs")).to_have_attribute("data-airs", "script")
    stored = live_server.api("GET", f"/bulletins/{bulletin_id}", status=200)
    assert stored["target_station_ids"] == [chosen] and stored["target_unit_ids"] == []

    zone = draft.get_by_test_id("bulletin-audio")
    zone.evaluate(DROP_TEXT)
    expect(zone.locator(".upload-error")).not_to_be_empty()
    expect(draft.get_by_test_id("bulletin-airs")).to_have_attribute("data-airs", "script")

    with page.expect_navigation():
        draft.get_by_test_id("bulletin-audio-file").set_input_files(_wav(tmp_path / "bao-so-5.wav"))
    airs = page.get_by_test_id("issued-bulletin").filter(has_text="Thông báo phòng chống bão")
    expect(airs.get_by_test_id("bulletin-airs")).to_have_attribute("data-airs", "recording")
    expect(airs.get_by_test_id("bulletin-airs")).to_contain_text("bản thu âm")
    listen = airs.get_by_test_id("bulletin-listen")
    expect(listen).to_have_attribute("src", f"/bulletins/{bulletin_id}/audio")
    heard = page.request.get(f"{ui.base_url}/bulletins/{bulletin_id}/audio")
    assert heard.status == 200 and heard.headers["content-type"].startswith("audio/")
    ui.assert_clean("the bulletins page after the upload")
    assert live_server.api("GET", f"/bulletins/{bulletin_id}", status=200)["audio_asset_id"]
