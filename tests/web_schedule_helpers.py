"""Reading the Lịch phát / Xuất file / Báo cáo pages in tests: elements by attribute, and
pressing a data-action button the way loa.js does (same URL, method and JSON body)."""

import json
from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient

DEMO_STATION = 1
MORNING, EVENING = 1, 2  # the demo's slots: 06:30 and 17:00, Monday to Friday


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append({"tag": tag, **{k: v if v is not None else "" for k, v in attrs}})


def elements(html: str, **wanted: str) -> list[dict[str, str]]:
    """Start tags whose attributes match (underscores in names stand for dashes)."""
    parser = _Collector()
    parser.feed(html)
    match = {k.replace("_", "-"): v for k, v in wanted.items()}
    return [e for e in parser.found if all(e.get(k) == v for k, v in match.items())]


def one(html: str, **wanted: str) -> dict[str, str]:
    """The single element matching; fails the test when there is not exactly one."""
    found = elements(html, **wanted)
    assert len(found) == 1, (wanted, found)
    return found[0]


def press(client: TestClient, button: dict[str, str]) -> Any:
    """Send the request a data-action button sends; returns the response."""
    method = button.get("data-method", "POST")
    body = json.loads(button["data-body"]) if button.get("data-body") else None
    return client.request(method, button["data-action"], json=body)


def generate(client: TestClient, start: str, end: str) -> dict[str, Any]:
    """Programme the demo station from start to end through the API."""
    response = client.post(
        "/playlists/generate", json={"station_id": DEMO_STATION, "from": start, "to": end}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())
