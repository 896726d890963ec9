"""The segment list a page at a time through real HTTP: 25 rows a page, links that keep the
filters, a page out of range shows the last page, another station's segments never appear;
and a peak window refused on the campaign page names the peak field it is about."""

import html
import re
from pathlib import Path

from fastapi.testclient import TestClient
from web_helpers import browser_as, web_app

from broadcast.models.accounts import Role

from conftest import make_settings
from factories import post_json

ROW = re.compile(r'<tr data-segment="(\d+)">')
LINK = re.compile(r'<a href="([^"]+)"[^>]* data-page-link="(\w+)"')
DEMO_WRITTEN = 22  # the demo station's written segments


def _add(client: TestClient, count: int, title: str, station_id: int = 1) -> list[int]:
    body = {"station_id": station_id, "script": "Kính thưa bà con."}
    return [
        int(post_json(client, "/segments", body | {"title": f"{title} {n:02d}"})["id"])
        for n in range(count)
    ]


def _links(page: str) -> dict[str, str]:
    return {name: html.unescape(href) for href, name in LINK.findall(page)}


def test_the_list_pages_by_25_and_page_links_keep_the_filters(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        ids = _add(admin, 40, "Tin xóm")  # 62 written segments: three pages
        first = admin.get("/chuyen-muc")
        second = admin.get("/chuyen-muc?page=2")
        last = admin.get("/chuyen-muc?page=3")
        filtered = admin.get("/chuyen-muc?q=tin+x%C3%B3m&status=draft&page=1")
        filtered_two = admin.get(_links(filtered.text)["2"])
    assert first.status_code == second.status_code == last.status_code == 200
    newest = [str(i) for i in reversed(ids)]
    assert ROW.findall(first.text) == newest[:25]  # newest first
    assert ROW.findall(second.text)[:15] == newest[25:40]  # then the demo's own
    assert len(ROW.findall(second.text)) == 25 and len(ROW.findall(last.text)) == 12
    assert not set(ROW.findall(first.text)) & set(ROW.findall(second.text))
    total = DEMO_WRITTEN + 40
    assert f"({total} chuyên mục · trang 2/3)" in second.text
    assert "Trang 1/3" in first.text and "Trang 3/3" in last.text
    assert 'aria-current="page">2<' in second.text
    assert set(_links(second.text)) == {"prev", "1", "3", "next"}
    assert "next" not in _links(last.text) and "prev" not in _links(first.text)
    links = _links(filtered.text)
    assert links["2"] == "/chuyen-muc?station=1&q=tin+x%C3%B3m&status=draft&page=2"
    assert "Trang 1/2" in filtered.text and "(40 chuyên mục · trang 1/2)" in filtered.text
    assert len(ROW.findall(filtered_two.text)) == 15
    assert "Trang 2/2" in filtered_two.text


def test_a_page_out_of_range_shows_the_last_page_or_the_first(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        _add(admin, 10, "Tin thôn")  # 32 written segments: two pages
        beyond = admin.get("/chuyen-muc?page=99")
        zero = admin.get("/chuyen-muc?page=0")
        words = admin.get("/chuyen-muc?page=abc")
        huge = admin.get("/chuyen-muc?page=99999999999999999999")
        empty = admin.get("/chuyen-muc?q=kh%C3%B4ng+c%C3%B3&page=5")
    assert beyond.status_code == zero.status_code == words.status_code == 200
    assert "Trang 2/2" in beyond.text and len(ROW.findall(beyond.text)) == 7
    for first in (zero, words):
        assert "Trang 1/2" in first.text and len(ROW.findall(first.text)) == 25
    assert huge.status_code == 200 and "Trang 2/2" in huge.text
    assert empty.status_code == 200 and 'id="no-segments"' in empty.text
    assert 'id="segment-pager"' not in empty.text


def test_another_stations_segments_are_not_on_any_page(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        other = post_json(admin, "/stations", {"name": "Đài xã Khác"})
        theirs = set(map(str, _add(admin, 30, "Tin bên kia", station_id=other["id"])))
        local = browser_as(admin, settings, "bientap1", Role.EDITOR, station_id=1)
        pages = [local.get(f"/chuyen-muc?page={n}").text for n in (1, 2)]
        searched = local.get("/chuyen-muc?q=b%C3%AAn+kia").text
    shown = {row for page in pages for row in ROW.findall(page)}
    assert len(shown) == DEMO_WRITTEN and not shown & theirs
    assert 'id="segment-pager"' not in pages[0]  # 22 rows: one page
    assert ROW.findall(searched) == [] and "Tin bên kia" not in searched


def test_the_new_segment_form_opens_from_a_button_above_the_list(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        page = admin.get("/chuyen-muc").text
    button = page.index('data-testid="new-segment-open"')
    assert '<details class="new-segment" id="new-segment"' in page
    assert "+ Chuyên mục mới" in page
    assert button < page.index('id="new-segment-form"') < page.index('id="segment-filters"')
    assert page.index('id="segment-filters"') < page.index('id="segment-table"')
