"""Báo cáo page: airtime table, chart and CSV for a range; field errors for bad input."""

import html
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from web_helpers import web_app
from web_schedule_helpers import elements, generate, one

from broadcast.config import Settings

from conftest import make_settings


def _confirm(client: TestClient, sessions: list[dict[str, object]]) -> None:
    """Confirm sessions in the as-run log: aired, partly (first 120 s), not aired, in turn."""
    statuses = ["aired", "partly", "not_aired"]
    for index, summary in enumerate(sessions):
        status = statuses[index % 3]
        body = {"station_id": 1, "playlist_id": summary["playlist_id"], "status": status}
        if status == "partly":
            body["aired_until_s"] = 120.0
        response = client.post("/asrun", json=body)
        assert response.status_code == 201, response.text


def test_report_shows_table_chart_and_csv_of_the_range(tmp_path: Path) -> None:
    with web_app(make_settings(tmp_path, load_demo=True)) as client:
        made = generate(client, "2020-10-05", "2020-10-09")
        _confirm(client, made["sessions"][:6])
        query = "station=1&from=2020-10-01&to=2020-10-31"
        page = client.get(f"/bao-cao?{query}&by=week")
        report = client.get(f"/reports/airtime?{query}&by=week").json()
        csv_link = html.unescape(one(page.text, id="csv-link")["href"])
        chart_src = html.unescape(one(page.text, id="chart")["src"])
        csv = client.get(csv_link)
        chart = client.get(chart_src)
    assert page.status_code == 200
    rows = elements(page.text, data_testid="report-row")
    assert [r["data-key"] for r in rows] == [g["key"] for g in report["groups"]] == ["2020-W41"]
    total = report["total"]["minutes"]
    assert total > 0 and f"{total:.2f}" in one_text(page.text, "total-minutes")
    assert "6 buổi đã xác nhận" in page.text
    assert "(2 buổi không phát)" in page.text
    assert "4 buổi chưa xác nhận" in page.text
    assert csv_link == f"/reports/airtime?{query}&by=week&format=csv"
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert (
        csv.content.decode("utf-8-sig").splitlines()[-1].startswith(f"tong,Tổng cộng,{total:.2f}")
    )
    assert chart_src == f"/reports/airtime/chart.svg?{query}"
    assert chart.status_code == 200 and chart.text.startswith("<svg")
    selected = [e for e in elements(page.text, tag="option") if "selected" in e]
    assert [e["value"] for e in selected] == ["week"]


def one_text(page: str, element_id: str) -> str:
    """The text right inside the element with this id (up to the next tag)."""
    return page.split(f' id="{element_id}"')[1].split(">", 1)[1].split("<")[0]


def test_report_defaults_to_the_previous_month(settings: Settings) -> None:
    with web_app(settings) as client:
        station = client.post("/stations", json={"name": "Đài xã Thử"}).json()
        page = client.get(f"/bao-cao?station={station['id']}")
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    last = today.replace(day=1) - timedelta(days=1)
    assert page.status_code == 200
    assert one(page.text, id="f-from")["value"] == last.replace(day=1).isoformat()
    assert one(page.text, id="f-to")["value"] == last.isoformat()
    assert "Chưa có buổi nào được xác nhận đã phát" in page.text
    src = html.unescape(one(page.text, id="chart")["src"])
    assert f"from={last.replace(day=1).isoformat()}&to={last.isoformat()}" in src


def test_bad_report_input_is_shown_next_to_the_field(settings: Settings) -> None:
    with web_app(settings) as client:
        station = client.post("/stations", json={"name": "Đài xã Thử"}).json()
        base = f"/bao-cao?station={station['id']}"
        inverted = client.get(f"{base}&from=2020-10-31&to=2020-10-01")
        garbage = client.get(f"{base}&from=hom-qua&to=2020-10-01&by=gio")
        huge = client.get(f"{base}&from=0001-01-01&to=9999-12-31")
    assert inverted.status_code == 422
    assert "không sớm hơn ngày bắt đầu" in _error_for(inverted.text, "to")
    assert not elements(inverted.text, id="report-table")
    assert garbage.status_code == 422
    assert "Ngày không hợp lệ" in _error_for(garbage.text, "from")
    assert "Cách nhóm không hợp lệ" in _error_for(garbage.text, "by")
    assert one(garbage.text, id="f-to")["value"] == "2020-10-01"  # typed value kept
    assert huge.status_code == 422 and "Ngày không hợp lệ" in huge.text


def _error_for(page: str, field: str) -> str:
    """The message in the error slot next to a field."""
    return page.split(f'data-error-for="{field}"')[1].split("</p>")[0]
