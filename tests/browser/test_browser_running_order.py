"""The running order in a real browser: locked days and weeks are read-only with the reason
shown, the opening stays first and the closing last, new segments go before the closing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from playwright.sync_api import Page, expect

if TYPE_CHECKING:
    from browser_support import LiveServer, UIFactory

pytest_plugins = ["browser_support"]


def _programme(live_server: LiveServer, start: str, end: str) -> list[dict[str, Any]]:
    """Programme the demo station from start to end; the stored sessions."""
    station = live_server.api("GET", "/stations", status=200)[0]["id"]
    body = {"station_id": station, "from": start, "to": end}
    live_server.api("POST", "/playlists/generate", body, status=201)
    query = f"/playlists?station={station}&from={start}&to={end}"
    sessions: list[dict[str, Any]] = live_server.api("GET", query, status=200)
    return sessions


def _order(page: Page) -> list[int]:
    items = page.get_by_test_id("item")
    return [int(v or 0) for v in items.evaluate_all("els => els.map(e => e.dataset.segment)")]


def _assert_read_only(page: Page) -> None:
    """The session page of a locked session: every edit disabled, the reason in view."""
    reason = page.get_by_test_id("locked-reason")
    expect(reason).to_be_visible()
    expect(reason).to_contain_text("đã khoá")
    for testid in ("move-up", "move-down", "pin-button", "remove-button"):
        buttons = page.get_by_test_id(testid)
        assert buttons.count() > 0, testid
        for index in range(buttons.count()):
            expect(buttons.nth(index)).to_be_disabled()
            expect(buttons.nth(index)).to_have_attribute("aria-describedby", "locked-reason")
    expect(page.get_by_test_id("add-submit")).to_be_disabled()
    expect(page.locator("#add-locked")).to_be_visible()
    expect(page.get_by_test_id("regenerate-button")).to_be_disabled()
    expect(page.get_by_test_id("lock-button")).to_be_enabled()  # unlocking stays possible


def test_lock_a_day_from_the_schedule_and_its_sessions_refuse_edits(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    sessions = _programme(live_server, "2020-10-05", "2020-10-05")
    ui = ui_factory()
    page = ui.login("quantri", next_path="/lich-phat?from=2020-10-05")
    day = page.locator("#day-2020-10-05")
    with page.expect_navigation():
        day.get_by_test_id("day-lock").click()
    expect(day.locator(".badge-locked")).to_have_count(len(sessions))
    expect(day.get_by_test_id("day-unlock")).to_be_visible()
    ui.screenshot("lich-phat-khoa-ngay", element=day)

    page = ui.goto(f"/lich-phat/{sessions[0]['id']}")
    before = _order(page)
    _assert_read_only(page)
    items = page.get_by_test_id("item")
    assert items.nth(2).get_attribute("draggable") is None
    items.nth(2).drag_to(items.nth(1), target_position={"x": 20, "y": 3})  # nothing moves
    page.get_by_test_id("move-up").nth(2).click(force=True)  # a disabled button does nothing
    page.reload()
    assert _order(page) == before
    stored = live_server.api("GET", f"/playlists/{sessions[0]['id']}", status=200)
    assert [i["segment_id"] for i in stored["items"]] == before and stored["locked"] is True
    ui.screenshot("lich-phat-buoi-da-khoa")

    with page.expect_navigation():
        page.get_by_test_id("lock-button").click()  # Mở khoá
    expect(page.get_by_test_id("locked-reason")).to_have_count(0)
    expect(page.get_by_test_id("move-up").nth(2)).to_be_enabled()
    ui.assert_clean("a locked day, then unlocked")


def test_lock_a_week_from_the_schedule_then_unlock_it(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    sessions = _programme(live_server, "2020-10-12", "2020-10-18")
    assert len(sessions) == 10  # Monday to Friday, morning and evening
    ui = ui_factory()
    page = ui.login("quantri", next_path="/lich-phat?from=2020-10-12")
    week = page.get_by_test_id("week-row").first
    expect(week).to_contain_text("0/10 buổi đã khoá")
    with page.expect_navigation():
        week.get_by_test_id("week-lock").click()
    week = page.get_by_test_id("week-row").first
    expect(week).to_contain_text("10/10 buổi đã khoá")
    for session in sessions:
        row = page.locator(f"[data-testid=session-row][data-playlist='{session['id']}']")
        expect(row.locator(".badge-locked")).to_have_count(1)
    ui.screenshot("lich-phat-khoa-tuan")

    page = ui.goto(f"/lich-phat/{sessions[4]['id']}")  # Wednesday morning
    _assert_read_only(page)

    page = ui.goto("/lich-phat?from=2020-10-12")
    week = page.get_by_test_id("week-row").first
    with page.expect_navigation():
        week.get_by_test_id("week-unlock").click()
    expect(page.get_by_test_id("week-row").first).to_contain_text("0/10 buổi đã khoá")
    expect(page.locator("#calendar .badge-locked")).to_have_count(0)
    ui.assert_clean("a week locked, then unlocked")


def test_an_item_dragged_above_the_opening_stays_after_it(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    (session, *_rest) = _programme(live_server, "2020-10-19", "2020-10-19")
    ui = ui_factory()
    page = ui.login("quantri", next_path=f"/lich-phat/{session['id']}")
    items = page.get_by_test_id("item")
    before = _order(page)
    assert len(before) >= 4, before
    expect(items.first).to_have_attribute("data-frame", "opening")
    assert items.first.get_attribute("draggable") is None  # the opening is not draggable
    expect(page.get_by_test_id("move-up").nth(1)).to_be_disabled()  # first after the opening
    with page.expect_navigation():  # dropped on the top edge of the opening
        items.nth(2).drag_to(items.nth(0), target_position={"x": 20, "y": 2})
    assert _order(page) == [before[0], before[2], before[1], *before[3:]]
    expect(items.first).to_have_attribute("data-frame", "opening")
    expect(items.nth(1)).to_contain_text("Đã ghim")
    expect(items.last).to_have_attribute("data-frame", "closing")
    ui.screenshot("lich-phat-keo-len-tren-mo-dau")
    ui.assert_clean("a drag above the opening")


def test_a_new_segment_goes_before_the_closing_and_remove_is_a_separate_target(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    (session, *_rest) = _programme(live_server, "2020-10-20", "2020-10-20")
    ui = ui_factory()
    page = ui.login("quantri", next_path=f"/lich-phat/{session['id']}")
    before = _order(page)
    form = page.get_by_test_id("add-form")
    chosen = int(form.locator("#f-segment_id option").first.get_attribute("value") or 0)
    form.locator("#f-segment_id").select_option(str(chosen))
    expect(form.locator("#f-position option:checked")).to_contain_text("trước lời kết thúc")
    with page.expect_navigation():
        form.get_by_test_id("add-submit").click()
    after = _order(page)
    assert after == [*before[:-1], chosen, before[-1]]
    items = page.get_by_test_id("item")
    expect(items.last).to_have_attribute("data-frame", "closing")
    ui.screenshot("lich-phat-them-truoc-ket-thuc")

    added = items.nth(len(after) - 2)
    remove, pin = added.get_by_test_id("remove-button"), added.get_by_test_id("pin-button")
    box, pin_box = remove.bounding_box(), pin.bounding_box()
    assert box is not None and pin_box is not None
    assert box["height"] >= 44 and box["width"] >= 44, box
    gap = box["x"] - (pin_box["x"] + pin_box["width"])
    assert gap >= 16 or box["y"] >= pin_box["y"] + pin_box["height"], (box, pin_box)
    ui.screenshot("lich-phat-nut-bo", element=added)
    with page.expect_navigation():
        remove.click()  # a confirm() first: the UI accepts it and records its text
    assert ui.dialogs and "Bỏ «" in ui.dialogs[-1]
    assert _order(page) == before
    ui.assert_clean("an added then removed segment")


def test_on_a_phone_every_running_order_button_is_a_finger_sized_target(
    ui_factory: UIFactory, live_server: LiveServer
) -> None:
    (session, *_rest) = _programme(live_server, "2020-10-21", "2020-10-21")
    ui = ui_factory(phone=True)
    page = ui.login("quantri", next_path=f"/lich-phat/{session['id']}")
    item = page.get_by_test_id("item").nth(1)
    for testid in ("move-up", "move-down", "pin-button", "remove-button"):
        box = item.get_by_test_id(testid).bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44, (testid, box)
    remove = item.get_by_test_id("remove-button").bounding_box()
    pin = item.get_by_test_id("pin-button").bounding_box()
    assert remove is not None and pin is not None
    assert remove["x"] - (pin["x"] + pin["width"]) >= 16 or remove["y"] >= pin["y"] + pin["height"]
    ui.screenshot("lich-phat-buoi-dien-thoai", element=item)
    ui.assert_clean("the running order on a phone")
