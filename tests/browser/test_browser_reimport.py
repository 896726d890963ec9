"""Re-importing a plan in a real browser: the demo plan again is offered as an update with its
changes listed, updating keeps one campaign; a draft campaign is deleted from its page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]

ROOT = Path(__file__).resolve().parents[2]
DEMO_PLAN = ROOT / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"
COMMUNE = ROOT / "tests" / "fixtures" / "plans" / "ke-hoach-dai-hoi-xa-2020.txt"


def _serious(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    found = Axe().run(page).response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in found
            if v.get("impact") in {"serious", "critical"}]  # fmt: skip


def _numbered(live_server: LiveServer, number: str) -> list[dict]:
    return [
        c
        for c in live_server.api("GET", "/campaigns", status=200)
        if c["document_number"] == number
    ]


def test_the_demo_plan_again_updates_its_campaign(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    assert len(_numbered(live_server, "192/KH-UBND")) == 1
    ui = ui_factory()
    page = ui.login("quantri", next_path="/chien-dich")
    form = page.get_by_test_id("plan-import-form")
    form.locator("input[type=file]").set_input_files(str(DEMO_PLAN))
    form.locator("button[type=submit]").click()
    preview = page.get_by_test_id("reimport-preview")
    expect(preview).to_be_visible()
    expect(preview.locator("h2")).to_have_text("Đã có kế hoạch này")
    expect(page.locator("#reimport-campaign")).to_contain_text("192/KH-UBND")
    changes = page.get_by_test_id("reimport-changes")
    expect(changes.locator("h3").first).to_be_visible()
    expect(changes).to_contain_text("Sự kiện")
    expect(changes).to_contain_text("Kỷ niệm 90 năm ngày thành lập Đảng Cộng sản Việt Nam")
    expect(changes.locator("li[data-change=add]").first).to_be_visible()
    expect(page.locator("#reimport-blocking")).to_be_hidden()
    expect(page.get_by_test_id("reimport-as-new")).to_be_visible()
    ui.screenshot("chien-dich-nhap-lai-thay-doi", element=preview)
    assert _serious(page) == []
    ui.assert_clean("the re-import preview")
    with page.expect_navigation(url=re.compile(r"/chien-dich/1\b")):
        page.get_by_test_id("reimport-apply").click()
    expect(page.locator("#campaign-status")).to_have_attribute("data-status", "active")
    expect(page.locator("#import-filename")).to_have_text(DEMO_PLAN.name)
    assert len(_numbered(live_server, "192/KH-UBND")) == 1
    page = ui.goto("/chien-dich")
    expect(page.locator("#campaign-list tbody tr", has_text="192/KH-UBND")).to_have_count(1)
    page.get_by_test_id("plan-import-form").locator("input[type=file]").set_input_files(
        str(DEMO_PLAN)
    )
    page.get_by_test_id("plan-import-form").locator("button[type=submit]").click()
    expect(page.locator("#reimport-empty")).to_be_visible()  # nothing left to change
    expect(page.get_by_test_id("reimport-apply")).to_be_hidden()
    ui.assert_clean("the unchanged re-import")


def test_a_draft_is_updated_from_its_page_then_deleted(
    ui_factory: UIFactory, live_server: LiveServer, tmp_path: Path
) -> None:
    ui = ui_factory()
    page = ui.login("quantri", next_path="/chien-dich")
    form = page.get_by_test_id("plan-import-form")
    form.locator("input[type=file]").set_input_files(str(COMMUNE))
    with page.expect_navigation(url=re.compile(r"/chien-dich/\d+")):
        form.locator("button[type=submit]").click()
    expect(page.locator("#campaign-status")).to_have_attribute("data-status", "draft")
    assert len(_numbered(live_server, "45/KH-UBND")) == 1
    changed = tmp_path / COMMUNE.name
    changed.write_text(COMMUNE.read_text("utf-8").replace("hết tháng 7/2020", "hết tháng 8/2020"))
    page.locator("#plan-reimport > summary").click()
    page.get_by_test_id("plan-reimport-form").locator("input[type=file]").set_input_files(
        str(changed)
    )
    page.get_by_test_id("plan-reimport-form").locator("button[type=submit]").click()
    changes = page.get_by_test_id("reimport-changes")
    expect(changes.locator("li[data-change]")).to_have_count(1)
    expect(changes).to_contain_text("Đến ngày: 31/07/2020 → 31/08/2020")
    expect(page.get_by_test_id("reimport-as-new")).to_have_count(0)
    assert _serious(page) == []
    with page.expect_navigation():
        page.get_by_test_id("reimport-apply").click()
    expect(page.locator("section[data-code='3']")).to_contain_text("31/08/2020")
    drafts_before = len(live_server.api("GET", "/segments", status=200))
    with page.expect_navigation(url=re.compile(r"/chien-dich\?station=")):
        page.get_by_test_id("campaign-delete").click()
    assert any("Xoá bản nháp" in message for message in ui.dialogs)
    expect(page.locator("#campaign-list")).not_to_contain_text("45/KH-UBND")
    assert _numbered(live_server, "45/KH-UBND") == []
    assert len(live_server.api("GET", "/segments", status=200)) < drafts_before
    page = ui.goto("/chien-dich/1")
    expect(page.get_by_test_id("campaign-delete")).to_have_count(0)  # active: archive only
    ui.assert_clean("the campaign list after the delete")
