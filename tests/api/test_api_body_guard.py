"""Bodies are capped per route before and while they stream, and nobody without credentials
gets a body read at all."""

from collections.abc import Iterator
from pathlib import Path

from fastapi.testclient import TestClient

from api.body_guard import JSON_CAP, MB, cap_for
from broadcast.config import Settings

from conftest import make_settings, open_client

BOUNDARY = "loa-test-boundary"


class Counted:
    """A streamed body (no Content-Length) that counts how much of it the server pulled."""

    def __init__(self, chunks: int, size: int = 64 * 1024) -> None:
        self.chunks, self.size, self.pulled = chunks, size, 0

    def __iter__(self) -> Iterator[bytes]:
        head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
            'filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n'
        ).encode()
        yield head
        for _ in range(self.chunks):
            self.pulled += 1
            yield b"\0" * self.size
        yield f"\r\n--{BOUNDARY}--\r\n".encode()


def _upload(client: TestClient, body: Counted, headers: dict[str, str] | None = None) -> object:
    kind = {"content-type": f"multipart/form-data; boundary={BOUNDARY}"}
    return client.post("/segments/1/audio", content=body, headers=kind | (headers or {}))


def test_caps_follow_the_route(settings: Settings) -> None:
    assert cap_for("/segments", settings) == JSON_CAP
    assert cap_for("/segments/12/audio", settings) > settings.max_upload_mb * MB
    assert (
        JSON_CAP < cap_for("/campaigns/import", settings) < cap_for("/segments/1/audio", settings)
    )


def test_an_anonymous_upload_is_refused_before_it_is_read(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        anonymous = TestClient(client.app)
        body = Counted(chunks=400)  # 25 MB offered
        answer = _upload(anonymous, body)
        assert answer.status_code == 401  # type: ignore[attr-defined]
        assert body.pulled <= 1  # the server read (almost) nothing of it
        forged = _upload(anonymous, Counted(chunks=4), {"Authorization": "Bearer loa_not-a-token"})
        assert forged.status_code == 401  # type: ignore[attr-defined]
    assert not settings.uploads_dir.exists() or list(settings.uploads_dir.iterdir()) == []


def test_a_body_over_its_cap_is_refused_from_its_length_or_as_it_streams(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True, max_upload_mb=1)
    with open_client(settings) as client:
        declared = client.post(
            "/segments",
            content=b"{" + b" " * JSON_CAP + b"}",
            headers={"content-type": "application/json"},
        )
        assert declared.status_code == 413
        assert (declared.json()["field"], declared.json()["code"]) == ("body", "body.too_large")
        streamed = Counted(chunks=200)  # 12.5 MB, no Content-Length, cap 1 MB
        answer = _upload(client, streamed)
        assert answer.status_code == 413, answer.text  # type: ignore[attr-defined]
        small = client.post("/segments", json={"station_id": 1, "title": "Nhỏ", "script": "A."})
        assert small.status_code == 201
    assert not settings.uploads_dir.exists() or list(settings.uploads_dir.iterdir()) == []
