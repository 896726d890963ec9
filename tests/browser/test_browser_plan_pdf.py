"""A plan PDF made by an office suite, imported in the browser, gives the draft of its text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from plan_documents import PLANS, draft, office_pdfs, official_docx_bytes, stored_draft
from playwright.sync_api import expect

from broadcast.plans import parse_plan

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]


def test_an_office_pdf_plan_imports_as_its_text(
    ui_factory: UIFactory, live_server: LiveServer, tmp_path: Path
) -> None:
    source = next(plan for plan in PLANS if plan.stem == "ke-hoach-bau-cu-2016")
    text = source.read_text(encoding="utf-8")
    docx = tmp_path / f"{source.stem}.docx"
    docx.write_bytes(official_docx_bytes(text))
    pdf = office_pdfs([docx], tmp_path)[docx]
    ui = ui_factory()
    page = ui.login("quantri", next_path="/chien-dich")
    form = page.get_by_test_id("plan-import-form")
    form.locator("input[type=file]").set_input_files(str(pdf))
    with page.expect_navigation(url=re.compile(r"/chien-dich/\d+")):
        form.locator("button[type=submit]").click()
    expect(page.locator("#import-filename")).to_have_text(pdf.name)
    campaign_id = int(page.url.rsplit("/", 1)[-1].split("?")[0])
    record = live_server.api("GET", f"/campaigns/{campaign_id}/import", status=200)
    expected = draft(parse_plan(text))
    assert expected["document"]["number"] and expected["phases"]
    assert stored_draft(record["parse"]) == expected
    expect(page.locator("h1")).to_contain_text(expected["document"]["title"][:40])
    ui.screenshot("chien-dich-nhap-pdf")
    ui.assert_clean("the imported PDF plan")
