"""Nhật ký page through real HTTP: entries with before/after values, filters, paging, read-only."""

import re
from datetime import date, timedelta
from pathlib import Path

from web_helpers import browser_as, web_app

from broadcast.models.accounts import Role

from conftest import make_settings

ENTRY = re.compile(
    r'<tr id="audit-(\d+)" data-entry-id="\d+" data-entity="([a-z_]+)" '
    r'data-audit-action="([a-z_]+)">'
)


def _entry_html(page: str, entry_id: str) -> str:
    match = re.search(rf'<tr id="audit-{entry_id}".*?</tr>', page, re.S)
    assert match is not None
    return match.group(0)


def test_a_write_shows_who_and_the_changed_fields_before_and_after(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN, "quantri") as admin:
        old = admin.get("/slots/1").json()
        changed = admin.patch("/slots/1", json={"name": "Buổi sớm", "max_seconds": 1200})
        viewer = browser_as(admin, settings, "xem", Role.VIEWER)
        page = viewer.get("/nhat-ky?entity=session_slot&action=update")
    assert changed.status_code == 200, changed.text
    assert page.status_code == 200
    entries = ENTRY.findall(page.text)
    assert [(entity, action) for _id, entity, action in entries] == [("session_slot", "update")]
    html = _entry_html(page.text, entries[0][0])
    assert 'class="audit-actor" title="quantri">quantri<' in html and "Khung giờ phát" in html
    assert re.search(
        r'data-field="name">.*?class="old"\s*>Buổi sáng<.*?class="new"\s*>Buổi sớm<', html, re.S
    )
    assert re.search(r'data-field="max_seconds">.*?>15 phút<.*?>20 phút<', html, re.S)
    assert 'data-field="start"' not in html  # unchanged fields are left out
    assert old["name"] == "Buổi sáng"
    assert "data-api=" not in page.text  # nothing on the page writes


def test_filters_by_user_action_and_days(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN, "quantri") as admin:
        admin.patch("/phases/1", json={"weight": 3})
        me = admin.get("/auth/me").json()["user"]["id"]
        mine = admin.get(f"/nhat-ky?user_id={me}").text
        logins = admin.get("/nhat-ky?action=login").text
        today = date.today()
        yesterday = (today - timedelta(days=2)).isoformat()
        old_days = admin.get(f"/nhat-ky?since=2000-01-01&until={yesterday}").text
        recent = admin.get(f"/nhat-ky?since={yesterday}").text
    mine_entries = ENTRY.findall(mine)
    assert mine_entries and all(
        _entry_html(mine, i).count('title="quantri">quantri<') == 1 for i, _e, _a in mine_entries
    )
    assert ("phase", "update") in {(e, a) for _i, e, a in mine_entries}
    assert {a for _i, _e, a in ENTRY.findall(logins)} == {"login"}
    assert ENTRY.findall(old_days) == [] and 'id="audit-empty"' in old_days
    assert len(ENTRY.findall(recent)) > 10


def test_bad_filters_are_named_next_to_the_field(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.VIEWER, "xem") as client:
        page = client.get("/nhat-ky?since=31-12-2020&user_id=abc")
        backwards = client.get("/nhat-ky?since=2021-01-02&until=2021-01-01")
    assert page.status_code == 422
    assert re.search(r'data-error-for="since" role="alert">ngày không hợp lệ', page.text)
    assert re.search(
        r'data-error-for="user_id" role="alert">phải là một số nguyên dương', page.text
    )
    assert 'value="31-12-2020"' in page.text  # the typed value is kept
    assert ENTRY.findall(page.text)  # the rest of the log still shows
    assert re.search(r'data-error-for="until" role="alert">ngày kết thúc', backwards.text)


def test_older_pages_follow_before_id(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.VIEWER, "xem") as client:
        first = client.get("/nhat-ky")
        older_link = re.search(r'href="(/nhat-ky\?before_id=(\d+))" id="audit-older"', first.text)
        assert older_link is not None
        second = client.get(older_link.group(1))
    first_ids = [int(i) for i, _e, _a in ENTRY.findall(first.text)]
    second_ids = [int(i) for i, _e, _a in ENTRY.findall(second.text)]
    assert len(first_ids) == 50 and first_ids == sorted(first_ids, reverse=True)
    assert second_ids and max(second_ids) == min(first_ids) - 1
    assert 'id="audit-newest"' in second.text
