"""Giờ yên tĩnh in a real browser: a wrong window refused next to its field, the windows saved
in Cài đặt, a new slot inside them refused with the reason, the quiet session marked on Lịch
phát with its warning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import expect

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]


def test_quiet_hours_set_refuse_a_slot_and_mark_the_schedule(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    ui = ui_factory()
    ui.allow_errors(r"status of 422")  # the refusals the test provokes
    page = ui.login("quantri", next_path="/cai-dat")
    section = page.get_by_test_id("quiet-hours")
    expect(section.get_by_role("heading", name="Giờ yên tĩnh")).to_be_visible()
    expect(section).to_contain_text("tin khẩn cấp vẫn phát")

    page.fill("#qh-quiet_hours", "22:00-22:00")
    page.click("#quiet-save")
    expect(section.locator("[data-error-for=quiet_hours]")).to_contain_text("khác nhau")

    page.fill("#qh-quiet_hours", "22:00-07:00, 11:30-13:00")
    with page.expect_navigation():
        page.click("#quiet-save")
    expect(page.locator("#qh-quiet_hours")).to_have_value("22:00-07:00, 11:30-13:00")
    assert live_server.api("GET", "/stations/1")["quiet_hours"][0] == {
        "start": "22:00",
        "end": "07:00",
    }
    page.fill("#qh-zone_quiet_hours", "Tổ dân phố 3: 25:00-06:00")
    page.click("#quiet-save")
    expect(section.locator("[data-error-for=zone_quiet_hours]")).to_contain_text("Tổ dân phố 3")
    page.fill("#qh-zone_quiet_hours", "Tổ dân phố 3: 21:00-06:00\nThôn Đông:20:30-05:00")
    with page.expect_navigation():
        page.click("#quiet-save")
    expect(page.locator("#qh-zone_quiet_hours")).to_have_value(
        "Tổ dân phố 3: 21:00-06:00\nThôn Đông: 20:30-05:00"
    )
    assert live_server.api("GET", "/stations/1")["zone_quiet_hours"] == {
        "Tổ dân phố 3": [{"start": "21:00", "end": "06:00"}],
        "Thôn Đông": [{"start": "20:30", "end": "05:00"}],
    }
    morning = page.locator(".slot", has=page.get_by_test_id("slot-quiet"))
    expect(morning).to_have_count(1)
    expect(morning).to_contain_text("06:30")
    expect(page.locator("#quiet-slot-notice")).to_be_visible()

    page.click("#slot-new summary")
    form = page.locator("#slot-create-form")
    form.locator("#ns-name").fill("Buổi rạng sáng")
    form.locator("#ns-start").fill("04:30")
    form.get_by_role("button", name="Thêm khung giờ").click()
    refusal = form.locator("[data-error-for=start]")
    expect(refusal).to_contain_text("rơi vào giờ yên tĩnh 22:00–07:00")
    expect(refusal).to_contain_text("không phát tin thường và tin ưu tiên")
    ui.screenshot("gio-yen-tinh")
    ui.assert_clean("Cài đặt")

    ui.goto("/lich-phat")
    quiet_rows = page.locator("[data-testid=session-row][data-quiet='1']")
    expect(quiet_rows.first).to_be_visible()
    expect(quiet_rows.first.get_by_test_id("session-quiet")).to_have_text(
        "Giờ yên tĩnh — không phát"
    )
    expect(quiet_rows.first.get_by_test_id("generate-session")).to_have_count(0)
    expect(page.locator("#warnings li[data-kind=quiet_hours]")).to_contain_text("Buổi sáng")
    ui.screenshot("gio-yen-tinh-lich-phat")
    ui.assert_clean("Lịch phát")
    live_server.api("PATCH", "/stations/1", {"quiet_hours": [], "zone_quiet_hours": {}}, status=200)
