"""GET /units/{id}/report (JSON, CSV, chart) and /report/monthly through the access path."""

from collections.abc import Iterator
from typing import Any

import pytest

from broadcast.db import get_engine
from broadcast.models.accounts import Role

from conftest import make_settings, open_client
from factories import add_user, bearer, post_json

PERIOD = {"from": "2020-10-01", "to": "2020-10-31"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Province → communes A (the demo station, programmed and partly confirmed) and B (a
    station with nothing); a province viewer and the admins of A and B."""
    settings = make_settings(tmp_path_factory.mktemp("unit-reports"), load_demo=True)
    with open_client(settings) as client:
        engine = get_engine(settings.db_url)
        province = post_json(client, "/units", {"name": "Tỉnh Thử", "kind": "province"})
        a, b = (
            post_json(client, "/units", {"name": n, "kind": "commune", "parent_id": province["id"]})
            for n in ("Phường A", "Xã B")
        )
        assert client.patch("/stations/1", json={"unit_id": a["id"]}).status_code == 200
        other = post_json(client, "/stations", {"name": "Đài xã B", "unit_id": b["id"]})
        generated = client.post(
            "/playlists/generate", json={"station_id": 1, "from": "2020-10-05", "to": "2020-10-09"}
        )
        assert generated.status_code in (200, 201), generated.text
        for day, status in (("2020-10-05", "aired"), ("2020-10-06", "not_aired")):
            body = {"station_id": 1, "status": status, "day": day, "slot": "06:30"}
            post_json(client, "/asrun", body)
        yield {
            "client": client,
            "ids": {"province": province["id"], "a": a["id"], "b": b["id"], "other": other["id"]},
            "province": bearer(
                add_user(engine, "tinh-xem", Role.VIEWER, unit_id=province["id"])[1]
            ),
            "a": bearer(add_user(engine, "qt-a", Role.ADMIN, unit_id=a["id"])[1]),
            "b": bearer(add_user(engine, "qt-b", Role.ADMIN, unit_id=b["id"])[1]),
        }


def _get(world: dict[str, Any], who: str, path: str, **params: str) -> Any:
    return world["client"].get(path, headers=world[who], params=params)


def test_the_province_sees_every_commune_and_totals_add_up(world: dict[str, Any]) -> None:
    ids = world["ids"]
    answer = _get(world, "province", f"/units/{ids['province']}/report", **PERIOD)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert (report["from"], report["to"]) == (PERIOD["from"], PERIOD["to"])
    assert [s["station_id"] for s in report["stations"]] == [1, ids["other"]]
    demo, idle = report["stations"]
    assert demo["sessions"]["planned"] == 10 and demo["sessions"]["aired"] == 1
    assert demo["sessions"]["not_aired"] == 1 and demo["sessions"]["unconfirmed"] == 8
    assert idle["sessions"]["planned"] == 0 and idle["by_topic"] == []
    for name in ("planned", "aired", "not_aired", "unconfirmed"):
        total = report["total"]["sessions"][name]
        assert total == demo["sessions"][name] + idle["sessions"][name]
    assert demo["seconds"] > 0
    assert report["total"]["seconds"] == pytest.approx(demo["seconds"], abs=0.01)
    assert {u["unit_id"] for u in report["units"]} == {ids["province"], ids["a"], ids["b"]}
    assert report["bulletins"] == []


def test_a_commune_sees_only_its_own_and_another_gets_404(world: dict[str, Any]) -> None:
    ids = world["ids"]
    own = _get(world, "a", f"/units/{ids['a']}/report", **PERIOD)
    assert own.status_code == 200, own.text
    assert [s["station_id"] for s in own.json()["stations"]] == [1]
    for who, unit in (("a", "province"), ("a", "b"), ("b", "a"), ("b", "province")):
        for path in ("/report", "/report/chart.svg", "/report/monthly"):
            params = {"month": "2020-10"} if path.endswith("monthly") else PERIOD
            refused = _get(world, who, f"/units/{ids[unit]}{path}", **params)
            assert refused.status_code == 404, (who, unit, path, refused.text)
    b_own = _get(world, "b", f"/units/{ids['b']}/report", **PERIOD).json()
    assert [s["station_id"] for s in b_own["stations"]] == [ids["other"]]
    assert b_own["total"]["sessions"]["planned"] == 0


def test_csv_is_utf8_with_bom_and_vietnamese_headers(world: dict[str, Any]) -> None:
    ids = world["ids"]
    answer = _get(world, "province", f"/units/{ids['province']}/report", **PERIOD, format="csv")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    assert answer.content.startswith(b"\xef\xbb\xbf")
    lines = answer.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:5] == ["Phần", "Mã", "Tên", "Thuộc đơn vị", "Buổi dự kiến"]
    station_names = [line.split(",")[2] for line in lines if line.startswith("Đài,")]
    demo = world["client"].get("/stations/1").json()["name"]
    assert station_names == [demo, "Đài xã B"]
    total = next(line for line in lines if line.startswith("Tổng cộng,"))
    assert total.split(",")[4] == "10"


def test_chart_is_svg_per_commune(world: dict[str, Any]) -> None:
    ids = world["ids"]
    answer = _get(world, "province", f"/units/{ids['province']}/report/chart.svg", **PERIOD)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("image/svg+xml")
    svg = answer.text
    assert svg.startswith("<svg") and "Phường A" in svg and "Xã B" in svg and "Dự kiến" in svg
    assert "Phường A — Dự kiến: 10 buổi" in svg


def test_monthly_report_is_the_month_roll_up(world: dict[str, Any]) -> None:
    ids = world["ids"]
    path = f"/units/{ids['a']}/report"
    monthly = _get(world, "a", path + "/monthly", month="2020-10")
    assert monthly.status_code == 200, monthly.text
    ranged = _get(world, "a", path, **PERIOD).json()
    assert monthly.json() == ranged
    as_csv = _get(world, "a", path + "/monthly", month="2020-10", format="csv")
    assert (
        as_csv.content.startswith(b"\xef\xbb\xbf")
        and "2020-10" in as_csv.headers["content-disposition"]
    )
    bad = _get(world, "a", path + "/monthly", month="2020-13")
    assert bad.status_code == 422 and bad.json()["field"] == "month", bad.text
    inverted = _get(world, "a", path, **{"from": "2020-10-31", "to": "2020-10-01"})
    assert inverted.status_code == 422 and inverted.json()["field"] == "to", inverted.text
