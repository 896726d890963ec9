"""Thiết bị in a real browser: a device is created (a bad latitude refused next to its field
first), its token shown once and working; the device renamed and tuned, disabled (its token
stops), re-issued (a new token shown once) and enabled again with the new token working; never
connected until its first heartbeat, then online with what it plays."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import httpx2 as httpx
from playwright.sync_api import expect

from factories import bearer

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]


def _me(live_server: LiveServer, token: str) -> int:
    """The status the player route answers to this device token."""
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        return client.get("/player/v1/me", headers=bearer(token)).status_code


def _heartbeat(live_server: LiveServer, token: str, title: str) -> None:
    """Send one heartbeat as the device."""
    body = {
        "playing": {"title": title},
        "volume": 4,
        "free_disk_mb": 800,
        "agent_version": "loa-player 1.0",
        "clock": datetime.now(UTC).isoformat(),
    }
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        sent = client.post("/player/v1/heartbeat", json=body, headers=bearer(token))
    assert sent.status_code == 200, sent.text


def test_create_see_the_token_once_disable_and_reissue(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    ui = ui_factory()
    ui.allow_errors(r"status of 422")  # the refused latitude
    page = ui.login("quantri", next_path="/thiet-bi")
    expect(page.get_by_role("heading", name="Thiết bị", exact=True)).to_be_visible()
    form = page.get_by_test_id("device-create-form")
    form.get_by_label("Tên thiết bị").fill("Cụm loa chợ")
    form.get_by_label("Loại thiết bị").select_option("fm_bridge")
    form.get_by_label("Khu vực").fill("Tổ dân phố 3")
    form.get_by_label("Âm lượng").fill("6")
    form.get_by_label("Vĩ độ").fill("91")
    form.get_by_role("button", name="Thêm thiết bị").click()
    expect(form.locator('[data-error-for="latitude"]')).not_to_be_empty()
    form.get_by_label("Vĩ độ").fill("21,03")
    form.get_by_role("button", name="Thêm thiết bị").click()

    shown = page.get_by_test_id("device-token-once")
    expect(shown).to_be_visible()
    expect(page.get_by_test_id("device-token-value")).to_have_text(re.compile("^loa_dev_"))
    token = page.get_by_test_id("device-token-value").inner_text()
    assert token.startswith("loa_dev_") and _me(live_server, token) == 200
    page.get_by_test_id("device-token-copy").click()
    expect(page.locator("#device-token-copied")).not_to_be_empty()
    ui.assert_clean("token shown")

    page.reload()
    expect(page.get_by_test_id("device-token-once")).to_be_hidden()  # shown once only
    assert token not in page.content()
    row = page.get_by_test_id("device-row").filter(has_text="Cụm loa chợ")
    expect(row).to_contain_text("Cầu nối phát FM")
    expect(row).to_contain_text("6/10")
    row.get_by_role("link", name="Cụm loa chợ").click()
    edit = page.get_by_test_id("device-edit-form")
    edit.get_by_label("Tên thiết bị").fill("Cụm loa chợ Đình")
    edit.get_by_label("Âm lượng").fill("4")
    with page.expect_navigation():
        edit.get_by_role("button", name="Lưu").click()
    row = page.get_by_test_id("device-row").filter(has_text="Cụm loa chợ Đình")
    expect(row).to_contain_text("4/10")
    row.get_by_test_id("device-disable").click()
    row = page.get_by_test_id("device-row").filter(has_text="Cụm loa chợ")
    expect(row.locator('[data-state="disabled"]')).to_be_visible()
    assert any("Tắt thiết bị Cụm loa chợ Đình" in message for message in ui.dialogs)
    assert _me(live_server, token) == 401

    row.get_by_test_id("device-reissue").click()
    expect(page.get_by_test_id("device-token-value")).not_to_have_text(token)
    expect(page.get_by_test_id("device-token-value")).to_have_text(re.compile("^loa_dev_"))
    renewed = page.get_by_test_id("device-token-value").inner_text()
    assert renewed.startswith("loa_dev_")
    expect(page.locator("#device-token-name")).to_have_text("Cụm loa chợ Đình")
    ui.screenshot("thiet-bi")
    row.get_by_test_id("device-enable").click()
    row = page.get_by_test_id("device-row").filter(has_text="Cụm loa chợ")
    expect(row.locator('[data-state="enabled"]')).to_be_visible()
    assert _me(live_server, renewed) == 200 and _me(live_server, token) == 401
    expect(row.get_by_test_id("device-link")).to_have_text("Chưa kết nối")
    _heartbeat(live_server, renewed, "Bản tin sáng")
    page.reload()
    row = page.get_by_test_id("device-row").filter(has_text="Cụm loa chợ")
    expect(row.get_by_test_id("device-link")).to_contain_text("Trực tuyến")
    expect(row.get_by_test_id("device-playing")).to_have_text("Bản tin sáng")
    ui.screenshot("thiet-bi-truc-tuyen", element=page.locator("#device-list"))
    ui.assert_clean("devices")
