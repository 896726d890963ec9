"""Long pages kept short in a real browser: the segment list pages by 25 with its create form
behind a button at the top; a draft campaign shows one line per phase, the banner's phase
links open the phase's editor, and a peak-window error shows under the peak field it names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import httpx2 as httpx  # the declared test dependency
from playwright.sync_api import Page, expect

from factories import bearer

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]

ROOT = Path(__file__).resolve().parents[2]
DEMO_PLAN = ROOT / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"
LAPTOP = {"width": 1366, "height": 768}
MAX_HEIGHT = 2500  # px at 1366×768 before anything is opened


def _height(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollHeight"))


def _focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def _draft(live_server: LiveServer) -> int:
    """The demo plan imported again as a new draft campaign (every phase misses a date)."""
    files = {"file": (DEMO_PLAN.name, DEMO_PLAN.read_bytes(), "text/plain")}
    form = {"station_id": "1", "as_new": "true"}
    with httpx.Client(base_url=live_server.url, headers=bearer(live_server.admin_token)) as c:
        response = c.post("/campaigns/import", files=files, data=form, timeout=60)
    assert response.status_code == 201, response.text
    return int(response.json()["campaign"]["id"])


def _phase_id(page: Page, code: str) -> str:
    found = page.locator(f"section[data-code='{code}']").get_attribute("data-phase-id")
    assert found is not None, code
    return found


def test_the_draft_campaign_page_is_short_and_its_banner_links_open_the_phase_editor(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    campaign_id = _draft(live_server)
    ui = ui_factory()
    ui.page.set_viewport_size(LAPTOP)
    page = ui.login("quantri", next_path=f"/chien-dich/{campaign_id}")
    expect(page.get_by_test_id("campaign-summary")).to_contain_text("6 giai đoạn thiếu ngày")
    expect(page.locator("details.phase-fold")).to_have_count(6)
    expect(page.locator("details.phase-fold[open]")).to_have_count(1)  # the first undated one
    expect(page.locator("section[data-code='1.1a'] details.phase-fold")).to_have_attribute(
        "open", ""
    )
    expect(page.locator("section[data-code='1.2b'] .phase-line")).to_contain_text("3 chủ đề")
    expect(page.locator("section[data-code='1.2a'] .phase-line")).to_contain_text("Cao điểm")
    height = _height(page)
    assert height <= MAX_HEIGHT, height
    ui.screenshot("chien-dich-nhap-gon")

    late = _phase_id(page, "1.2b")  # "chưa rõ – 31/10/2020": its start date is missing
    editor = page.locator(f"#phase-edit-{late}")
    expect(editor).not_to_have_attribute("open", "")
    page.locator("#undated-phases").get_by_role("link", name="1.2b").click()
    expect(page.locator(f"#phase-fold-{late}")).to_have_attribute("open", "")
    expect(editor).to_have_attribute("open", "")
    expect(page.locator(f"#p{late}-starts_on")).to_be_focused()
    expect(page.locator(f"#phase-{late}")).to_be_in_viewport()
    assert page.url.endswith(f"#phase-{late}"), page.url

    early = _phase_id(page, "1.2a")  # "01/08/2020 – chưa rõ": the end date is missing
    page.evaluate(f"window.location.hash = '#phase-{early}'")
    expect(page.locator(f"#phase-edit-{early}")).to_have_attribute("open", "")
    expect(page.locator(f"#p{early}-ends_on")).to_be_focused()

    none_yet = _phase_id(page, "1.3b")  # arriving from another page with the fragment
    page = ui.goto("/chien-dich")
    page = ui.goto(f"/chien-dich/{campaign_id}#phase-{none_yet}")
    expect(page.locator(f"#phase-edit-{none_yet}")).to_have_attribute("open", "")
    expect(page.locator(f"#p{none_yet}-starts_on")).to_be_focused()
    assert _focused(page) == f"p{none_yet}-starts_on"
    ui.assert_clean("the compact draft campaign")


def test_a_peak_error_shows_under_the_peak_field_it_names(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    campaign_id = _draft(live_server)
    ui = ui_factory()
    ui.allow_errors(r"status of 422")  # the refused PATCH the test provokes
    page = ui.login("quantri", next_path=f"/chien-dich/{campaign_id}")
    phase = _phase_id(page, "1.2a")  # 01/08/2020 – ?, peak 01/10/2020 – 31/10/2020
    page.locator("section[data-code='1.2a'] .phase-line").click()
    page.locator(f"#phase-edit-{phase} > summary").click()
    form = page.locator(f"#phase-edit-form-{phase}")
    form.locator("[name=ends_on]").fill("2020-10-15")  # the peak now ends after the phase
    form.locator("button[type=submit]").click()
    error = form.locator("[data-error-for=peak_ends_on]")
    expect(error).to_contain_text("cao điểm phải nằm trong thời gian của giai đoạn")
    expect(error).to_be_visible()
    expect(form.locator("[data-error-for=peak_starts_on]")).to_be_empty()
    expect(form.locator("[name=peak_ends_on]")).to_be_focused()
    form.locator("[name=ends_on]").fill("2020-11-30")
    form.locator("[name=peak_starts_on]").fill("2020-07-20")  # now the peak starts too early
    form.locator("button[type=submit]").click()
    expect(form.locator("[data-error-for=peak_starts_on]")).to_contain_text("cao điểm")
    expect(form.locator("[data-error-for=peak_ends_on]")).to_be_empty()
    ui.assert_clean("the refused peak window")


def test_the_segment_list_pages_by_25_with_the_create_form_on_top(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    for number in range(30):
        body = {"station_id": 1, "title": f"Tin phân trang {number:02d}", "script": "Kính thưa."}
        live_server.api("POST", "/segments", body, status=201)
    ui = ui_factory()
    ui.page.set_viewport_size(LAPTOP)
    page = ui.login("quantri", next_path="/chuyen-muc")
    rows = page.locator("#segment-table tbody tr")
    expect(rows).to_have_count(25)
    expect(page.get_by_test_id("segment-pager")).to_contain_text("Trang 1/")
    height = _height(page)
    assert height <= MAX_HEIGHT, height
    form = page.get_by_test_id("new-segment-form")
    expect(form).to_be_hidden()
    button = page.get_by_test_id("new-segment-open")
    box = button.bounding_box()
    assert box is not None and box["y"] + box["height"] <= LAPTOP["height"], box  # no scrolling
    button.click()
    expect(form).to_be_visible()
    expect(page.get_by_test_id("new-title")).to_be_in_viewport()

    page = ui.goto("/chuyen-muc?q=ph%C3%A2n+trang")
    expect(page.locator("#segment-count")).to_contain_text("30 chuyên mục")
    pager = page.get_by_test_id("segment-pager")
    expect(pager).to_contain_text("Trang 1/2")
    ui.screenshot("chuyen-muc-phan-trang")
    with page.expect_navigation(url=re.compile(r"page=2")):
        pager.locator("[data-page-link=next]").click()
    assert "q=ph%C3%A2n+trang" in page.url, page.url  # the filter is kept
    expect(rows).to_have_count(5)
    expect(page.get_by_test_id("segment-pager")).to_contain_text("Trang 2/2")
    expect(page.get_by_test_id("filter-q")).to_have_value("phân trang")
    for title in rows.locator("td a").all_inner_texts():
        assert title.startswith("Tin phân trang"), title
    ui.assert_clean("the second page of segments")
