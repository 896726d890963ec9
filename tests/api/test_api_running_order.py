"""The API keeps the opening first and the closing last: moves and inserts are clamped."""

from typing import Any

from fastapi.testclient import TestClient

from broadcast.campaigns import load_demo
from broadcast.db import transaction

DAY = "2020-10-05"


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _framed(client: TestClient) -> tuple[dict[str, Any], int]:
    """The demo's morning session (opening … closing) and a segment taken out of it."""
    with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
        station = load_demo(db).id or 0
    body = {"station_id": station, "from": DAY, "to": DAY}
    pid = _ok(client.post("/playlists/generate", json=body), 201)["sessions"][0]["playlist_id"]
    session = _ok(client.get(f"/playlists/{pid}"))
    spare = session["items"][2]["segment_id"]
    session = _ok(client.delete(f"/playlists/{pid}/items/2"))
    assert [session["items"][0]["kind"], session["items"][-1]["kind"]] == ["opening", "closing"]
    return session, spare


def _kinds(session: dict[str, Any]) -> tuple[str, str]:
    return session["items"][0]["kind"], session["items"][-1]["kind"]


def test_a_move_above_the_opening_lands_just_after_it(client: TestClient) -> None:
    session, _spare = _framed(client)
    pid, wanted = session["id"], session["items"][2]["segment_id"]
    moved = _ok(client.post(f"/playlists/{pid}/items/2/move", json={"to": 0}))
    assert _kinds(moved) == ("opening", "closing")
    assert moved["items"][1]["segment_id"] == wanted and moved["items"][1]["pinned"] is True
    assert moved["changes"] == {"moved_to": 1, "asked": 0, "clamped": True}


def test_a_move_below_the_closing_lands_just_before_it(client: TestClient) -> None:
    session, _spare = _framed(client)
    pid, last = session["id"], len(session["items"]) - 1
    wanted = session["items"][1]["segment_id"]
    moved = _ok(client.post(f"/playlists/{pid}/items/1/move", json={"to": last}))
    assert _kinds(moved) == ("opening", "closing")
    assert moved["items"][last - 1]["segment_id"] == wanted
    assert moved["changes"]["moved_to"] == last - 1 and moved["changes"]["clamped"] is True


def test_the_opening_and_the_closing_do_not_move(client: TestClient) -> None:
    session, _spare = _framed(client)
    pid, last = session["id"], len(session["items"]) - 1
    order = [i["segment_id"] for i in session["items"]]
    first = _ok(client.post(f"/playlists/{pid}/items/0/move", json={"to": 2}))
    closing = _ok(client.post(f"/playlists/{pid}/items/{last}/move", json={"to": 0}))
    assert [i["segment_id"] for i in closing["items"]] == order
    assert first["changes"]["moved_to"] == 0 and closing["changes"]["moved_to"] == last


def test_an_insert_goes_before_the_closing_by_default_and_never_outside_the_frames(
    client: TestClient,
) -> None:
    session, spare = _framed(client)
    pid, count = session["id"], len(session["items"])
    added = _ok(client.post(f"/playlists/{pid}/items", json={"segment_id": spare}), 201)
    assert _kinds(added) == ("opening", "closing") and added["items"][-2]["segment_id"] == spare
    assert added["changes"] == {"inserted_at": count - 1, "asked": None, "clamped": False}
    _ok(client.delete(f"/playlists/{pid}/items/{count - 1}"))
    for asked, placed in ((0, 1), (count, count - 1)):
        body = {"segment_id": spare, "position": asked}
        added = _ok(client.post(f"/playlists/{pid}/items", json=body), 201)
        assert _kinds(added) == ("opening", "closing")
        assert added["items"][placed]["segment_id"] == spare, (asked, added["items"])
        assert added["changes"]["inserted_at"] == placed and added["changes"]["clamped"] is True
        _ok(client.delete(f"/playlists/{pid}/items/{placed}"))
    beyond = client.post(f"/playlists/{pid}/items", json={"segment_id": spare, "position": 99})
    assert beyond.status_code == 422 and beyond.json()["field"] == "position"


def test_a_second_opening_is_refused_naming_the_segment(client: TestClient) -> None:
    session, _spare = _framed(client)
    opening = session["items"][0]["segment_id"]
    refused = client.post(f"/playlists/{session['id']}/items", json={"segment_id": opening})
    assert refused.status_code == 422 and refused.json()["field"] == "segment_id"
    assert "lời mở đầu" in refused.json()["detail"]


def test_replanning_keeps_the_frames_at_the_ends_after_edits(client: TestClient) -> None:
    session, spare = _framed(client)
    pid = session["id"]
    _ok(client.post(f"/playlists/{pid}/items", json={"segment_id": spare, "position": 0}), 201)
    _ok(client.post(f"/playlists/{pid}/items/3/move", json={"to": 0}))
    again = _ok(client.post(f"/playlists/{pid}/regenerate"))
    assert _kinds(again) == ("opening", "closing")
