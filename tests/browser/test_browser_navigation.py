"""The phone menu, the audit log on a phone and the settings page at office and phone widths."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from api.web.templating import NAV

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory
    from playwright.sync_api import Page

pytest_plugins = ["browser_support"]

OFFICE = {"width": 1366, "height": 768}
LABELS = [label for _href, label, _needed in NAV]  # an admin sees every section
# A link's text starts with its section; some add a count ("Chờ duyệt 3 mục").
LINK_TEXTS = [re.compile("^" + re.escape(label)) for label in LABELS]

# Elements whose content is wider than their box (a value cut off or scrolled away).
CUT_OFF = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto')
  .map((el) => `${el.tagName}.${el.className}: ${el.textContent.trim().slice(0, 60)}`)"""
# Selects whose longest option is wider than the room the select gives its text.
SELECTS_CUT = """() => {
  const ctx = document.createElement('canvas').getContext('2d');
  const cut = [];
  for (const select of document.querySelectorAll('main select')) {
    if (!select.offsetParent) continue;
    const style = getComputedStyle(select);
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = select.clientWidth - parseFloat(style.paddingLeft)
      - parseFloat(style.paddingRight) - 20;
    for (const option of select.options) {
      const width = ctx.measureText(option.text).width;
      if (width > room) cut.push(`${select.id}: "${option.text}" ${Math.round(width)} > ${room}`);
    }
  }
  return cut;
}"""


def sideways(page: Page) -> int:
    """How far the page scrolls sideways (0 when it fits)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def test_phone_menu_opens_every_section_and_shows_the_current_one(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    ui = ui_factory(phone=True)
    page = ui.login("quantri", next_path="/chuyen-muc")
    toggle = page.get_by_test_id("menu-toggle")
    links = page.locator("#mainnav-list a")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_have_attribute("aria-controls", "mainnav-list")
    expect(page.get_by_test_id("menu-here")).to_have_text("Chuyên mục")  # in the bar, closed
    expect(links.first).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(links).to_have_text(LINK_TEXTS)
    for index in range(len(LABELS)):
        expect(links.nth(index)).to_be_in_viewport()
    current = page.locator("#mainnav-list a[aria-current=page]")
    expect(current).to_have_text("Chuyên mục")
    expect(current).to_have_css("background-color", "rgb(253, 231, 229)")
    assert sideways(page) <= 1
    ui.screenshot("menu-dien-thoai-mo", element=page.locator("nav.mainnav"))
    with page.expect_navigation():
        page.locator("#mainnav-list a", has_text="Nhật ký").click()
    expect(page.get_by_test_id("menu-here")).to_have_text("Nhật ký")
    expect(page.locator("#mainnav-list a").first).to_be_hidden()  # a new page starts closed
    ui.assert_clean("the phone menu")


def test_phone_menu_works_from_the_keyboard(ui_factory: UIFactory, live_server: LiveServer) -> None:
    ui = ui_factory(phone=True)
    page = ui.login("quantri", next_path="/lich-phat")
    toggle = page.get_by_test_id("menu-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(page.locator("#mainnav-list a").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#mainnav-list a", has_text="Cài đặt")).to_be_visible()
    ui.assert_clean("the menu by keyboard")


def test_office_width_keeps_a_plain_menu_bar(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    ui = ui_factory()
    page = ui.login("quantri", next_path="/nhat-ky")
    page.set_viewport_size(OFFICE)
    expect(page.get_by_test_id("menu-toggle")).to_be_hidden()
    expect(page.locator("#mainnav-list a")).to_have_text(LINK_TEXTS)
    links = page.locator("#mainnav-list a")
    for index in range(len(LABELS)):
        expect(links.nth(index)).to_be_in_viewport()  # a bar that wraps, never scrolls
    assert page.evaluate(CUT_OFF, "nav.mainnav, #mainnav-list") == []
    box = page.locator("nav.mainnav").bounding_box()
    page.reload(wait_until="load")
    assert page.locator("nav.mainnav").bounding_box() == box  # no shift once scripts ran
    expect(page.locator("#mainnav-list a[aria-current=page]")).to_have_text("Nhật ký")
    page = ui.goto("/nhat-ky?entity=segment&action=approve")
    approval = page.locator("#audit-list tbody tr").first
    expect(approval.locator("[data-field=status]")).to_have_text(re.compile("Nháp\\s*→.*Đã duyệt"))
    ui.screenshot("nhat-ky-muc-van-phong", element=approval)
    ui.assert_clean("the menu bar")


def test_audit_page_on_a_phone_shows_whole_values_in_words(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    link = "https://example.vn/mot-duong-dan-rat-dai-khong-co-cho-ngat-dong"
    long_place = "Tổ dân phố số 12, phường Quang Trung, " * 6 + link
    live_server.api("PATCH", "/stations/1", {"locality": long_place}, status=200)
    ui = ui_factory(phone=True)
    ui.login("quantri")
    page = ui.goto("/nhat-ky?entity=station")
    first = page.locator("#audit-list tbody tr").first
    expect(first).to_contain_text("Địa bàn")
    expect(first.locator(".audit-full ins")).to_be_hidden()  # long: opened on demand
    first.get_by_text("Xem đầy đủ").click()
    expect(first.locator(".audit-full ins")).to_have_text(long_place)
    expect(first.locator(".audit-subject")).to_contain_text("Đài truyền thanh phường Quang Trung")
    cut = page.evaluate(CUT_OFF, "#audit-list td, #audit-list dd, #audit-list dt, main")
    assert cut == [], cut
    assert sideways(page) <= 1
    assert (
        "locality" not in first.inner_text() and "T" not in first.locator(".audit-at").inner_text()
    )
    ui.screenshot("nhat-ky-dien-thoai")
    ui.screenshot("nhat-ky-muc-dien-thoai", element=first)
    ui.assert_clean("the audit log on a phone")


def test_settings_fit_both_widths_and_hide_the_test_voice(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    ui = ui_factory(phone=True)
    page = ui.login("quantri", next_path="/cai-dat")
    for name, size in (("dien-thoai", {"width": 390, "height": 844}), ("van-phong", OFFICE)):
        page.set_viewport_size(size)
        page.reload(wait_until="load")
        expect(page.locator("label[for=st-target_lufs]")).to_have_text(
            "Độ to chuẩn phát thanh (LUFS)"
        )
        expect(page.locator("#output-profiles")).to_contain_text(
            "MP3 128 kbps, mono — nhẹ, hợp loa đường phố"
        )
        expect(page.locator("#voice-list tr[data-voice=vi]")).to_be_visible()
        expect(page.locator("#voice-list tr[data-voice=fake]")).to_have_count(0)
        assert page.evaluate(SELECTS_CUT) == [], name
        assert sideways(page) <= 1, name
        ui.screenshot(f"cai-dat-{name}")
    page = ui.goto("/chuyen-muc")
    voices = page.get_by_test_id("new-voice").locator("option")
    expect(voices.first).to_be_attached()
    assert "fake" not in [value for value in voices.evaluate_all("(o) => o.map((x) => x.value)")]
    ui.assert_clean("settings")
