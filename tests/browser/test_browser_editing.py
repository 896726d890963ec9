"""Editing in a real browser: refused input keeps its text, drag to reorder, four eyes, accounts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import httpx2 as httpx  # the declared test dependency
from playwright.sync_api import expect

from broadcast.db import get_engine
from broadcast.models.accounts import Role

from factories import add_user, bearer

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]

# A plan the demo station does not have yet (the demo plan itself is offered as an update).
PLAN = (
    Path(__file__).resolve().parents[2]
    / "tests"
    / "fixtures"
    / "plans"
    / "ke-hoach-thoi-diem-2020.txt"
)


def test_a_refused_form_keeps_the_typed_text(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    ui = ui_factory()
    ui.allow_errors(r"status of 422")  # the refused POST /segments, which the test provokes
    page = ui.login("quantri", next_path="/chuyen-muc")
    page.get_by_test_id("new-segment-open").click()  # the form opens from the top
    form = page.locator("#new-segment-form")
    form.get_by_test_id("new-title").fill("Lịch tiêm phòng dại")
    form.get_by_test_id("new-script").fill("Kính thưa bà con, lịch tiêm phòng dại cho chó mèo.")
    form.get_by_test_id("new-air-start").fill("2026-12-10")
    form.get_by_test_id("new-air-end").fill("2026-12-01")
    form.get_by_test_id("new-segment-save").click()
    error = form.locator("[data-error-for=air_end]")
    expect(error).not_to_be_empty()
    expect(error).to_be_visible()
    ui.screenshot("chuyen-muc-loi-nhap", element=form)
    assert page.url.endswith("/chuyen-muc"), page.url
    expect(form.get_by_test_id("new-title")).to_have_value("Lịch tiêm phòng dại")
    expect(form.get_by_test_id("new-script")).to_have_value(
        "Kính thưa bà con, lịch tiêm phòng dại cho chó mèo."
    )
    expect(error).to_contain_text("ngày")
    ui.assert_clean("the refused form")


def test_drag_an_item_to_reorder_a_session(ui_factory: UIFactory, live_server: LiveServer) -> None:
    station = live_server.api("GET", "/stations", status=200)[0]
    body = {"station_id": station["id"], "day": "2020-10-05", "slot_id": 1}  # a demo day
    session = live_server.api("POST", "/playlists/generate", body, status=201)
    before = [item["segment_id"] for item in session["items"]]
    assert len(before) >= 4, before  # opening, at least two bulletins, closing
    ui = ui_factory()
    page = ui.login("quantri", next_path=f"/lich-phat/{session['id']}")
    items = page.get_by_test_id("item")
    expect(items).to_have_count(len(before))
    with page.expect_navigation():  # dropped on the top edge of the item above
        items.nth(2).drag_to(items.nth(1), target_position={"x": 20, "y": 3})
    wanted = [before[0], before[2], before[1], *before[3:]]
    expect(items).to_have_count(len(before))
    assert [int(v or 0) for v in items.evaluate_all("els => els.map(e => e.dataset.segment)")] == (
        wanted
    )
    expect(items.nth(1)).to_contain_text("Đã ghim")  # a moved item keeps its place
    stored = live_server.api("GET", f"/playlists/{session['id']}", status=200)["items"]
    assert [(i["segment_id"], i["pinned"]) for i in stored[:3]] == [
        (before[0], False),
        (before[2], True),
        (before[1], False),
    ]
    ui.screenshot("lich-phat-keo-tha")
    ui.assert_clean("the reordered session")


def test_an_author_cannot_approve_their_own_segment(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    station = live_server.api("GET", "/stations", status=200)[0]
    body = {"station_id": station["id"], "title": "Bản tin của quản trị", "script": "Kính thưa."}
    segment = live_server.api("POST", "/segments", body, status=201)  # written by quantri
    ui = ui_factory()
    page = ui.login("quantri", next_path=f"/chuyen-muc/{segment['id']}")
    expect(page.get_by_test_id("approve-button")).to_be_disabled()
    expect(page.locator("#approve-why")).to_contain_text("nguyên tắc bốn mắt")
    ui.screenshot("chuyen-muc-tu-duyet")
    ui.assert_clean("the author's own segment")


def test_an_admin_creates_an_account_that_can_log_in(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    admin = ui_factory()
    page = admin.login("quantri", next_path="/nguoi-dung")
    if page.locator("#user-new").get_attribute("open") is None:  # a closed <details>
        page.locator("#user-new > summary").click()
    form = page.get_by_test_id("user-create-form")
    form.locator("#nu-username").fill("phatthanhvien")
    form.locator("#nu-full_name").fill("Nguyễn Thị Lan")
    form.locator("#nu-password").fill("loa-phat-thanh-2026")
    form.locator("#nu-operator-1").check()
    with page.expect_navigation(url=re.compile(r"/nguoi-dung/\d+")):
        form.locator("#user-create-submit").click()
    expect(page.locator("h1#account-title")).to_contain_text("Nguyễn Thị Lan")
    admin.screenshot("nguoi-dung-moi")
    admin.assert_clean("the new account")

    newcomer = ui_factory()
    page = newcomer.login("phatthanhvien", password="loa-phat-thanh-2026")
    expect(page.locator("h1")).to_have_text("Tổng quan")
    expect(page.locator("header .who")).to_contain_text("Phát thanh viên")
    expect(page.locator("nav.mainnav")).to_contain_text("Thu âm")
    expect(page.locator("nav.mainnav")).not_to_contain_text("Người dùng")
    newcomer.assert_clean("the newcomer's first page")


def test_import_a_plan_file_and_review_the_draft(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    ui = ui_factory()
    page = ui.login("quantri", next_path="/chien-dich")
    form = page.get_by_test_id("plan-import-form")
    form.locator("input[type=file]").set_input_files(str(PLAN))
    with page.expect_navigation(url=re.compile(r"/chien-dich/\d+")):
        form.locator("button[type=submit]").click()
    review = page.get_by_test_id("import-review")
    expect(review).to_be_visible()
    expect(page.locator("#import-filename")).to_have_text(PLAN.name)
    phases = int(page.locator("#import-counts li").nth(1).locator("strong").inner_text())
    assert phases >= 4, phases  # the plan has a phase for each of its four moments
    timeline = page.get_by_test_id("campaign-timeline").locator("svg").first
    expect(timeline).to_be_visible()
    box = timeline.bounding_box()
    assert box is not None and box["width"] > 300, box  # the picture of events and phases
    ui.screenshot("chien-dich-nhap-ke-hoach")
    ui.assert_clean("the imported plan")


def test_announcements_a_lexicon_change_returned_are_reapproved_from_one_list(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    station = live_server.api("GET", "/stations", status=200)[0]["id"]
    _user, token = add_user(
        get_engine(live_server.settings.db_url), "duyetlai", Role.APPROVER, station
    )
    titles = ("Họp HTXĐL thôn Đông", "Vốn vay HTXĐL")  # a cooperative no lexicon knows
    ids = []
    with httpx.Client(base_url=live_server.url, headers=bearer(token), timeout=60) as approver:
        for title in titles:
            body = {"station_id": station, "title": title, "script": f"Mời xã viên {title}."}
            segment = live_server.api("POST", "/segments", body, status=201)
            assert approver.post(f"/segments/{segment['id']}/approve").status_code == 200
            ids.append(segment["id"])
    entry = {"written": "HTXĐL", "spoken": "hợp tác xã đồng lợi", "station_id": station}
    changed = live_server.api("POST", "/lexicon", entry, status=201)
    assert sorted(s["id"] for s in changed["returned_to_review"]) == ids
    admin = ui_factory()
    page = admin.login("quantri", next_path="/tu-dien")
    expect(page.get_by_test_id("relisten-notice")).to_contain_text("2 thông báo")
    page.get_by_test_id("relisten-notice").get_by_role("link").click()
    boxes = page.locator("#relisten-form input[name=ids]")
    expect(boxes).to_have_count(2)
    for number in range(2):  # the admin changed the reading: someone else re-approves
        expect(boxes.nth(number)).to_be_disabled()
    expect(page.get_by_test_id("relisten-approve")).to_have_count(0)
    admin.assert_clean("the lexicon editor's relisten list")
    ui = ui_factory()
    page = ui.login("duyetlai", next_path=f"/chuyen-muc?station={station}")
    rows = page.locator("[data-relisten]")
    expect(rows).to_have_count(2)
    rows.first.locator("summary").click()
    expect(rows.first.locator(".spoken")).to_contain_text("hợp tác xã đồng lợi")
    ui.screenshot("chuyen-muc-duyet-lai", element=page.get_by_test_id("relisten"))
    page.get_by_test_id("relisten-approve").click()
    expect(page.get_by_test_id("relisten-result")).to_have_text("Đã duyệt lại 2 thông báo.")
    expect(rows).to_have_count(0)
    statuses = {s["id"]: s["status"] for s in live_server.api("GET", "/segments", status=200)}
    assert [statuses[i] for i in ids] == ["approved", "approved"]
    page.reload()
    expect(page.get_by_test_id("relisten")).to_have_count(0)
    ui.assert_clean("the approver's relisten list")
