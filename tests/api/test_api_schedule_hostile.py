"""Hostile input on the programming, schedule, as-run and report routes: 4xx, never 500."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from broadcast.campaigns import load_demo
from broadcast.config import Settings
from broadcast.db import transaction

from conftest import open_client

HUGE = 99_999_999_999_999_999_999


@pytest.fixture
def demo_client(settings: Settings) -> Iterator[TestClient]:
    """A client on the demo campaign that returns 500s instead of raising."""
    with open_client(settings, raise_server_exceptions=False) as client:
        with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
            load_demo(db)
        body = {"station_id": 1, "from": "2020-10-05", "to": "2020-10-06"}
        assert client.post("/playlists/generate", json=body).status_code == 201
        yield client


CASES: list[tuple[str, str, Any, str | None]] = [
    (
        "post",
        "/playlists/generate",
        {"station_id": 1, "from": "2020-01-01", "to": "2023-01-01"},
        "to",
    ),
    (
        "post",
        "/playlists/generate",
        {"station_id": HUGE, "from": "2020-10-05", "to": "2020-10-06"},
        None,
    ),
    ("post", "/playlists/1/items", {"segment_id": 99999, "position": 0}, "segment_id"),
    ("post", "/playlists/1/items", {"segment_id": 3, "position": -1}, "position"),
    ("post", "/playlists/1/items/50/move", {"to": 0}, "position"),
    ("post", "/playlists/1/items/0/move", {"to": 50}, "to"),
    ("delete", "/playlists/1/items/5000", None, "position"),
    ("post", "/schedule/lock-day", {"station_id": 1, "day": "2021-06-01"}, "day"),
    ("get", "/schedule?station=1&from=2020-10-05&to=2020-10-01", None, "to"),
    ("get", "/schedule?station=1&from=nope&to=2020-10-01", None, "from"),
    ("get", f"/schedule?station={HUGE}&from=2020-10-01&to=2020-10-02", None, "station"),
    ("post", "/asrun", {"station_id": 1, "playlist_id": 1, "status": "maybe"}, "status"),
    (
        "post",
        "/asrun",
        {"station_id": 1, "day": "2020-10-05", "slot": "25:99", "status": "aired"},
        "slot",
    ),
    (
        "post",
        "/asrun",
        {"station_id": 1, "playlist_id": 1, "status": "partly", "aired_until_s": -5},
        "aired_until_s",
    ),
    ("get", "/reports/airtime?station=1&from=2020-10-01&to=2020-10-31&by=day", None, "by"),
    ("get", "/reports/airtime?station=1&from=2020-10-01&to=2020-10-31&format=xls", None, "format"),
    ("get", "/reports/airtime/chart.svg?station=1&from=2020-10-31&to=2020-10-01", None, "to"),
    ("post", "/schedule/urgent", {"station_id": 1, "segment_id": 3}, "segment_id"),
]


@pytest.mark.parametrize(("method", "url", "body", "field"), CASES)
def test_schedule_routes_refuse_bad_input_clearly(
    demo_client: TestClient, method: str, url: str, body: Any, field: str | None
) -> None:
    call = getattr(demo_client, method)
    response = call(url, json=body) if body is not None else call(url)
    assert 400 <= response.status_code < 500, response.text
    if field is not None:
        assert response.json().get("field") == field, response.json()


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00garbage",
        b"date,time,status\n2020-10-05\n",
        b"date,time,status,aired_seconds\n2020-10-05,06:30,partly,1e309\n",
        b"date,time,status,note\n2020-10-05,06:30,aired," + b"x" * 3000 + b"\n",
        b"date,time,status\n2020-10-05,06:30,aired\x00\n",
        b"",
    ],
)
def test_player_log_upload_refuses_broken_files(demo_client: TestClient, content: bytes) -> None:
    response = demo_client.post(
        "/asrun/upload", data={"station_id": "1"}, files={"file": ("log.csv", content, "text/csv")}
    )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "file"
    assert demo_client.get("/asrun?station=1&from=2020-10-01&to=2020-10-31").json() == []
