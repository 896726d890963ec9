"""Báo cáo đơn vị and Báo cáo tháng pages through real HTTP: figures, chart, CSV, access."""

import html
import re
from pathlib import Path

from web_helpers import browser_as, web_app
from web_schedule_helpers import generate, one

from broadcast.models.accounts import Role

from conftest import make_settings
from factories import post_json


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_unit_report_and_monthly_report_pages(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        province = post_json(admin, "/units", {"name": "Tỉnh Hà Tĩnh", "kind": "province"})
        ward, other = (
            post_json(admin, "/units", {"name": n, "kind": "commune", "parent_id": province["id"]})
            for n in ("Phường Thành Sen", "Xã Thạch Hà")
        )
        assert admin.patch("/stations/1", json={"unit_id": ward["id"]}).status_code == 200
        made = generate(admin, "2020-10-05", "2020-10-09")
        first = made["sessions"][0]["playlist_id"]
        post_json(admin, "/asrun", {"station_id": 1, "playlist_id": first, "status": "aired"})
        tree = admin.get("/don-vi").text
        query = "from=2020-10-01&to=2020-10-31"
        page = admin.get(f"/don-vi/{province['id']}/bao-cao?{query}")
        monthly = admin.get(f"/don-vi/{province['id']}/bao-cao-thang?thang=2020-10")
        bad_month = admin.get(f"/don-vi/{province['id']}/bao-cao-thang?thang=2020-13")
        bad_day = admin.get(f"/don-vi/{province['id']}/bao-cao?from=31/02/2020&to=2020-10-31")
        chart = admin.get(
            html.unescape(one(page.text, **{"data-testid": "unit-report-chart"})["src"])
        )
        csv = admin.get(html.unescape(one(monthly.text, id="monthly-csv-link")["href"]))
        outsider = browser_as(admin, settings, "qt-thach-ha", Role.ADMIN, unit_id=other["id"])
        hidden = outsider.get(f"/don-vi/{ward['id']}/bao-cao?{query}")
        hidden_month = outsider.get(f"/don-vi/{ward['id']}/bao-cao-thang?thang=2020-10")
        own = outsider.get(f"/don-vi/{other['id']}/bao-cao?{query}")
    assert f'href="/don-vi/{province["id"]}/bao-cao"' in tree
    assert page.status_code == 200, page.text
    text = _text(page.text)
    assert "Báo cáo đơn vị: Tỉnh Hà Tĩnh" in text
    assert "1 đài · 10 buổi dự kiến · 0 đã xuất · 1 đã phát" in text
    assert chart.status_code == 200 and chart.headers["content-type"].startswith("image/svg")
    assert "Phường Thành Sen — Dự kiến: 10 buổi" in chart.text
    assert monthly.status_code == 200, monthly.text
    month_text = _text(monthly.text)
    assert "Báo cáo tháng" in month_text and "Đơn vị: Tỉnh Hà Tĩnh (Tỉnh/Thành phố)" in month_text
    assert "Tháng 10/2020 (từ 01/10/2020 đến 31/10/2020)" in month_text
    assert "Buổi phát dự kiến 10" in month_text and "Phường Thành Sen" in month_text
    assert (
        csv.content.startswith(b"\xef\xbb\xbf") and "2020-10" in csv.headers["content-disposition"]
    )
    assert bad_month.status_code == 422 and "không đúng dạng" in bad_month.text
    assert bad_day.status_code == 422 and "Ngày không hợp lệ" in bad_day.text
    assert hidden.status_code == 404 and hidden_month.status_code == 404
    assert own.status_code == 200 and "Báo cáo đơn vị: Xã Thạch Hà" in _text(own.text)
