"""Đơn vị in a real browser: an admin renames a commune, moves it to another province and deletes
an empty one from the tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import expect

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]


def test_an_admin_renames_moves_and_deletes_units(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    north = live_server.api("POST", "/units", {"name": "Tỉnh Thử Bắc", "kind": "province"}, 201)
    south = live_server.api("POST", "/units", {"name": "Tỉnh Thử Nam", "kind": "province"}, 201)
    ward = live_server.api(
        "POST", "/units", {"name": "Phường Thử", "kind": "commune", "parent_id": north["id"]}, 201
    )
    empty = live_server.api(
        "POST", "/units", {"name": "Xã Bỏ", "kind": "commune", "parent_id": south["id"]}, 201
    )
    ui = ui_factory()
    page = ui.login("quantri", next_path="/don-vi")
    edit = page.get_by_test_id(f"unit-edit-{ward['id']}")
    edit.locator("summary").click()
    edit.locator(f"#u{ward['id']}-name").fill("Phường Thử Mới")
    edit.locator(f"#u{ward['id']}-parent_id").select_option(str(south["id"]))
    edit.get_by_role("button", name="Lưu").click()
    moved = page.locator(f'li[data-unit-id="{south["id"]}"] li[data-unit-id="{ward["id"]}"]')
    expect(moved.locator("strong").first).to_have_text("Phường Thử Mới")
    page.get_by_test_id(f"unit-edit-{empty['id']}").locator("summary").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id(f"unit-delete-{empty['id']}").click()
    expect(page.locator(f'li[data-unit-id="{empty["id"]}"]')).to_have_count(0)
    ui.assert_clean("the units after editing")
    assert live_server.api("GET", f"/units/{ward['id']}", status=200)["parent_id"] == south["id"]
