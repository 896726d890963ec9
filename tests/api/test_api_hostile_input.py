"""Hostile or out-of-range input gets a 4xx naming the field; nothing answers 500."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from broadcast.config import Settings

from conftest import open_client

HUGE = 99_999_999_999_999_999_999


@pytest.fixture
def tolerant_client(settings: Settings) -> Any:
    """A client that returns 500 responses instead of raising, so they can be asserted on."""
    with open_client(settings, raise_server_exceptions=False) as client:
        client.post("/stations", json={"name": "Đài thử"})
        yield client


CASES: list[tuple[str, str, Any, str | None]] = [
    ("get", f"/stations/{HUGE}", None, "row_id"),
    ("get", "/stations/0", None, "row_id"),
    ("post", "/campaigns", {"station_id": HUGE, "title": "x"}, "station_id"),
    ("get", f"/playlists?station={HUGE}", None, "station"),
    ("get", f"/phases?campaign_id={HUGE}", None, "campaign_id"),
    ("post", "/playlists/generate", {"station_id": 1, "day": "2020-10-05", "slot_id": HUGE}, None),
    ("post", "/segments", {"station_id": 1, "title": "x", "script": "a", "phase_ids": [HUGE]}, ""),
    ("post", "/segments", {"station_id": 1, "title": "x", "script": "a\x00b"}, "script"),
    ("post", "/stations", {"name": "x", "target_lufs": 5.0}, "target_lufs"),
    ("post", "/playlists/generate", {"station_id": 1, "day": "2020-13-45", "slot_id": 1}, "day"),
    ("get", "/playlists?from=not-a-date", None, "from"),
    ("post", "/slots", {"station_id": 1, "name": "x", "start": "06:30", "max_seconds": 1}, None),
]


@pytest.mark.parametrize(("method", "url", "body", "field"), CASES)
def test_hostile_input_is_a_clear_4xx(
    tolerant_client: TestClient, method: str, url: str, body: Any, field: str | None
) -> None:
    call = getattr(tolerant_client, method)
    response = call(url, json=body) if body is not None else call(url)
    assert 400 <= response.status_code < 500, response.text
    payload = response.json()
    assert payload["error"] and payload["detail"]
    if field:
        assert payload.get("field") == field, payload


def test_text_is_stored_in_nfc(tolerant_client: TestClient) -> None:
    decomposed = "Thông báo hoa\u0300 bình"
    response = tolerant_client.post("/stations", json={"name": decomposed})
    assert response.status_code == 201
    assert response.json()["name"] == "Thông báo hoà bình"
