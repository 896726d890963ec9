"""Bulletins down the tree through real HTTP: a province issues, approves with four eyes, and
every commune's station receives one read-only copy sharing one audio; each priority placed as
its meaning says; states from received to aired; what a commune may and may not do."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from broadcast import models as m
from broadcast.bulletins.placing import next_station_session
from broadcast.config import Settings
from broadcast.db import get_engine, transaction
from broadcast.jobs.runner import run_pending
from broadcast.models.accounts import Role

from conftest import make_settings, open_client
from factories import add_user, bearer, post_json

TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday() + 21)  # a past week: its as-run can be logged
WEEK = [MONDAY + timedelta(days=n) for n in range(5)]  # Monday … Friday
SOON = {"air_start": str(TODAY), "air_end": str(TODAY + timedelta(days=20))}


@dataclass
class Tree:
    """A province with communes A (station 1) and B (station 2), and users on the units."""

    client: TestClient
    settings: Settings
    ids: dict[str, int] = field(default_factory=dict)
    users: dict[str, dict[str, str]] = field(default_factory=dict)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tree]:
    settings = make_settings(tmp_path_factory.mktemp("bulletins"), load_demo=True)
    with open_client(settings) as client:
        engine = get_engine(settings.db_url)
        province = post_json(client, "/units", {"name": "Tỉnh Thử", "kind": "province"})
        a, b = (
            post_json(client, "/units", {"name": n, "kind": "commune", "parent_id": province["id"]})
            for n in ("Phường A", "Xã B")
        )
        client.patch("/stations/1", json={"unit_id": a["id"]})
        other = post_json(client, "/stations", {"name": "Đài xã B", "unit_id": b["id"]})
        post_json(client, "/slots", {"station_id": other["id"], "name": "Sáng", "start": "06:30"})
        found = Tree(client, settings, {"province": province["id"], "a": a["id"], "b": b["id"]})
        found.ids["station_b"] = other["id"]
        for name, role, unit in (
            ("tinh-bien-tap", Role.EDITOR, province["id"]),
            ("tinh-quan-tri", Role.ADMIN, province["id"]),
            ("tinh-duyet", Role.APPROVER, province["id"]),
            ("xa-a-bien-tap", Role.EDITOR, a["id"]),
            ("xa-a-duyet", Role.APPROVER, a["id"]),
            ("xa-a-phat-thanh", Role.OPERATOR, a["id"]),
        ):
            found.users[name] = bearer(add_user(engine, name, role, unit_id=unit)[1])
        yield found


def _issue(tree: Tree, title: str, author: str = "tinh-bien-tap", **extra: Any) -> dict[str, Any]:
    """A province bulletin written by the province editor (or another author)."""
    body = {
        "unit_id": tree.ids["province"],
        "title": title,
        "script": f"Kính thưa bà con, {title.lower()}.",
        "air_start": str(WEEK[0]),
        "air_end": str(WEEK[-1]),
    } | extra
    response = tree.client.post("/bulletins", json=body, headers=tree.users[author])
    assert response.status_code == 201, response.text
    return dict(response.json())


def _approved(tree: Tree, title: str, **extra: Any) -> dict[int, dict[str, Any]]:
    """Issue and approve a province bulletin; its deliveries by station."""
    bulletin = _issue(tree, title, **extra)
    answer = tree.client.post(
        f"/bulletins/{bulletin['id']}/approve", headers=tree.users["tinh-duyet"]
    )
    assert answer.status_code == 200, answer.text
    return {d["station_id"]: d for d in answer.json()}


def _delivery(tree: Tree, delivery: dict[str, Any]) -> dict[str, Any]:
    rows = tree.client.get(f"/bulletins/{delivery['bulletin_id']}/deliveries").json()
    return dict(next(row for row in rows if row["id"] == delivery["id"]))


def _items(tree: Tree, playlist_id: int) -> list[int]:
    session = tree.client.get(f"/playlists/{playlist_id}").json()
    return [item["segment_id"] for item in session["items"]]


def test_four_eyes_at_the_issuing_unit(tree: Tree) -> None:
    client, users = tree.client, tree.users
    bulletin = _issue(tree, "Lịch tiêm chủng", author="tinh-quan-tri")
    own = client.post(f"/bulletins/{bulletin['id']}/approve", headers=users["tinh-quan-tri"])
    editor = client.post(f"/bulletins/{bulletin['id']}/approve", headers=users["tinh-bien-tap"])
    below = client.post(f"/bulletins/{bulletin['id']}/approve", headers=users["xa-a-duyet"])
    edited = client.patch(
        f"/bulletins/{bulletin['id']}", json={"title": "Lịch tiêm"}, headers=users["tinh-duyet"]
    )
    approver_edited = client.post(
        f"/bulletins/{bulletin['id']}/approve", headers=users["tinh-duyet"]
    )
    assert own.status_code == 403 and own.json()["code"] == "bulletin.own_approval", own.text
    assert editor.status_code == 403, editor.text  # an editor does not approve
    assert below.status_code == 404, below.text  # a commune does not see the province's bulletin
    assert edited.status_code == 403, edited.text  # an approver does not write bulletins
    assert approver_edited.status_code == 200, approver_edited.text
    assert {d["station_id"] for d in approver_edited.json()} == {1, tree.ids["station_b"]}
    again = client.patch(f"/bulletins/{bulletin['id']}", json={"title": "Đổi"})
    assert again.status_code == 409 and again.json()["code"] == "bulletin.approved", again.text


def test_every_station_airs_the_one_audio_rendered_once(tree: Tree) -> None:
    deliveries = _approved(tree, "Phòng chống dịch")
    engine = get_engine(tree.settings.db_url)
    with Session(engine) as db:
        copies = [db.get(m.Segment, d["segment_id"]) for d in deliveries.values()]
        assets = {c.audio_asset_id for c in copies if c is not None}
        stations = {c.station_id for c in copies if c is not None}
        cleared = all(c is not None and c.status == m.SegmentStatus.APPROVED for c in copies)
    assert len(copies) == 2 and stations == {1, tree.ids["station_b"]}
    assert len(assets) == 1 and None not in assets  # one asset for both, never re-synthesised
    assert cleared


def test_a_commune_cannot_change_what_it_received(tree: Tree) -> None:
    client, users = tree.client, tree.users
    copy = _approved(tree, "Thu gom rác")[1]["segment_id"]
    edit = client.patch(f"/segments/{copy}", json={"title": "Sửa"}, headers=users["xa-a-bien-tap"])
    removed = client.delete(f"/segments/{copy}", headers=users["xa-a-bien-tap"])
    returned = client.post(
        f"/segments/{copy}/return", json={"note": "Sửa lại"}, headers=users["xa-a-duyet"]
    )
    for refused in (edit, removed, returned):
        assert refused.status_code == 403, refused.text
        assert refused.json()["code"] == "bulletin.read_only", refused.text
    shown = client.get(f"/segments/{copy}", headers=users["xa-a-bien-tap"])
    assert shown.status_code == 200 and shown.json()["title"] == "Thu gom rác", shown.text


def test_a_commune_editor_sees_only_its_own_inbox(tree: Tree) -> None:
    client, editor = tree.client, tree.users["xa-a-bien-tap"]
    deliveries = _approved(tree, "Họp dân thôn")
    bulletin_id = deliveries[1]["bulletin_id"]
    inbox = client.get("/stations/1/bulletins", headers=editor)
    assert inbox.status_code == 200, inbox.text
    assert deliveries[1]["id"] in {d["id"] for d in inbox.json()}
    assert {d["station_id"] for d in inbox.json()} == {1}
    assert (
        client.get(f"/stations/{tree.ids['station_b']}/bulletins", headers=editor).status_code
        == 404
    )
    assert client.get(f"/bulletins/{bulletin_id}/deliveries", headers=editor).status_code == 404
    assert bulletin_id not in {b["id"] for b in client.get("/bulletins", headers=editor).json()}
    other = deliveries[tree.ids["station_b"]]["id"]
    refused = client.post(f"/deliveries/{other}/refuse", json={"reason": "x"}, headers=editor)
    assert refused.status_code == 404, refused.text
    issued = client.get("/bulletins", headers=tree.users["tinh-bien-tap"]).json()
    assert bulletin_id in {b["id"] for b in issued}  # the province editor lists what it issued


def test_a_normal_bulletin_placed_by_the_commune_goes_to_aired(tree: Tree) -> None:
    client, operator = tree.client, tree.users["xa-a-phat-thanh"]
    delivery = _approved(tree, "Đăng ký nghĩa vụ quân sự", place_by=str(WEEK[3]))[1]
    assert delivery["state"] == "received"
    session = post_json(
        client, "/playlists/generate", {"station_id": 1, "day": str(WEEK[1]), "slot_id": 1}
    )
    assert delivery["segment_id"] not in _items(tree, session["id"])  # before its deadline
    outside = post_json(
        client,
        "/playlists/generate",
        {"station_id": 1, "day": str(WEEK[0] + timedelta(days=7)), "slot_id": 1},
    )
    late = client.post(
        f"/deliveries/{delivery['id']}/place", json={"playlist_id": outside["id"]}, headers=operator
    )
    assert late.status_code == 422 and late.json()["field"] == "playlist_id", late.text
    placed = client.post(
        f"/deliveries/{delivery['id']}/place", json={"playlist_id": session["id"]}, headers=operator
    )
    assert placed.status_code == 200, placed.text
    assert placed.json()["state"] == "placed" and placed.json()["playlist_ids"] == [session["id"]]
    assert delivery["segment_id"] in _items(tree, session["id"])
    assert client.post(f"/playlists/{session['id']}/export").status_code == 202
    assert run_pending(get_engine(tree.settings.db_url), tree.settings) >= 1
    assert _delivery(tree, delivery)["state"] == "exported"
    aired = {"station_id": 1, "status": "aired", "playlist_id": session["id"]}
    post_json(client, "/asrun", aired)
    assert _delivery(tree, delivery)["state"] == "aired"


def test_a_normal_bulletin_left_alone_is_placed_by_the_sequencer_from_its_deadline(
    tree: Tree,
) -> None:
    client = tree.client
    delivery = _approved(tree, "Nộp thuế đất", place_by=str(WEEK[2]))[tree.ids["station_b"]]
    station = tree.ids["station_b"]
    with Session(get_engine(tree.settings.db_url)) as db:
        slot = db.exec(select(m.SessionSlot).where(m.SessionSlot.station_id == station)).one()
    days = {}
    for day in WEEK[1:4]:
        body = {"station_id": station, "day": str(day), "slot_id": slot.id}
        days[day] = delivery["segment_id"] in _items(
            tree, post_json(client, "/playlists/generate", body)["id"]
        )
    assert days == {WEEK[1]: False, WEEK[2]: True, WEEK[3]: False}  # from the deadline, once
    assert _delivery(tree, delivery)["state"] == "placed"


def test_a_commune_refuses_a_normal_bulletin_only(tree: Tree) -> None:
    client, operator = tree.client, tree.users["xa-a-phat-thanh"]
    normal = _approved(tree, "Ngày hội đọc sách")[1]
    blank = client.post(
        f"/deliveries/{normal['id']}/refuse", json={"reason": " "}, headers=operator
    )
    refused = client.post(
        f"/deliveries/{normal['id']}/refuse",
        json={"reason": "Xã đã phát tin này tuần trước"},
        headers=operator,
    )
    assert blank.status_code == 422 and blank.json()["field"] == "reason", blank.text
    assert refused.status_code == 200, refused.text
    shown = _delivery(tree, normal)
    assert shown["state"] == "refused" and shown["refuse_reason"] == "Xã đã phát tin này tuần trước"
    session = post_json(
        client, "/playlists/generate", {"station_id": 1, "day": str(WEEK[4]), "slot_id": 1}
    )
    assert normal["segment_id"] not in _items(tree, session["id"])  # never planned once refused
    urgent = _approved(tree, "Bão số 3", bulletin_class="priority", **SOON)[1]
    no = client.post(
        f"/deliveries/{urgent['id']}/refuse", json={"reason": "Không"}, headers=operator
    )
    assert no.status_code == 409 and no.json()["code"] == "bulletin.refuse_not_allowed", no.text


def test_a_priority_bulletin_goes_into_the_next_session_before_the_communes_own(
    tree: Tree,
) -> None:
    client, operator = tree.client, tree.users["xa-a-phat-thanh"]
    own = post_json(
        client,
        "/segments",
        {
            "station_id": 1,
            "title": "Xã: cắt điện",
            "script": "Mai cắt điện.",
            "bulletin_class": "priority",
        }
        | SOON,
    )
    approved = client.post(f"/segments/{own['id']}/approve", headers=client.approver_headers)  # type: ignore[attr-defined]
    assert approved.status_code == 200, approved.text
    engine = get_engine(tree.settings.db_url)
    with transaction(engine) as db:
        station = db.get(m.Station, 1)
        assert station is not None
        session = next_station_session(db, station, tree.settings.gap_seconds)
        assert session is not None
        session_id = session.id
    assert client.post(f"/playlists/{session_id}/regenerate").status_code == 200
    assert own["id"] in _items(tree, session_id)
    delivery = _approved(tree, "Lũ trên sông", bulletin_class="priority", **SOON)[1]
    assert session_id in _delivery(tree, delivery)["playlist_ids"]
    order = _items(tree, session_id)
    assert order.index(delivery["segment_id"]) < order.index(own["id"])  # the default
    changed = client.post(
        f"/deliveries/{delivery['id']}/order", json={"bulletin_first": False}, headers=operator
    )
    assert changed.status_code == 200 and changed.json()["bulletin_first"] is False, changed.text
    order = _items(tree, session_id)
    assert order.index(delivery["segment_id"]) > order.index(own["id"])
    back = client.post(
        f"/deliveries/{delivery['id']}/order", json={"bulletin_first": True}, headers=operator
    )
    assert back.status_code == 200, back.text
    order = _items(tree, session_id)
    assert order.index(delivery["segment_id"]) < order.index(own["id"])
    later_days = [d for d in (TODAY + timedelta(days=n) for n in range(3, 12)) if d.weekday() < 5]
    for day, first in zip(later_days[:2], (True, False), strict=True):  # planned later
        client.post(
            f"/deliveries/{delivery['id']}/order", json={"bulletin_first": first}, headers=operator
        )
        later = post_json(
            client, "/playlists/generate", {"station_id": 1, "day": str(day), "slot_id": 1}
        )
        order = _items(tree, later["id"])
        assert (order.index(delivery["segment_id"]) < order.index(own["id"])) is first, order
    with Session(engine) as db:
        other = db.exec(
            select(m.PlaylistItem.playlist_id).where(
                m.PlaylistItem.segment_id == _approved_copy(db, delivery["bulletin_id"], tree)
            )
        ).all()
    assert other  # station B's next session holds it too


def _approved_copy(db: Session, bulletin_id: int, tree: Tree) -> int:
    """Station B's copy of a bulletin."""
    query = select(m.BulletinDelivery).where(
        m.BulletinDelivery.bulletin_id == bulletin_id,
        m.BulletinDelivery.station_id == tree.ids["station_b"],
    )
    return db.exec(query).one().segment_id


def test_an_emergency_bulletin_goes_on_air_and_into_the_next_session(tree: Tree) -> None:
    deliveries = _approved(tree, "Sạt lở đất", bulletin_class="emergency", **SOON)
    engine = get_engine(tree.settings.db_url)
    with Session(engine) as db:
        for station_id, delivery in deliveries.items():
            alert = db.exec(
                select(m.Alert).where(m.Alert.segment_id == delivery["segment_id"])
            ).one()
            assert alert.station_id == station_id and alert.audio_sha256
            jobs = db.exec(select(m.Job).order_by(col(m.Job.id).desc())).all()
            assert any(job.params.get("urgent") for job in jobs)
    for delivery in deliveries.values():
        shown = _delivery(tree, delivery)
        assert shown["state"] == "placed", shown
        assert delivery["segment_id"] in _items(tree, shown["playlist_ids"][0])


def test_a_bulletin_goes_only_to_the_stations_chosen_below_the_unit(tree: Tree) -> None:
    chosen = _approved(tree, "Chỉ xã B", target_station_ids=[tree.ids["station_b"]])
    by_unit = _approved(tree, "Chỉ phường A", target_unit_ids=[tree.ids["a"]])
    assert set(chosen) == {tree.ids["station_b"]} and set(by_unit) == {1}
    body = {"unit_id": tree.ids["a"], "title": "Sai", "air_start": str(WEEK[0])}
    wrong = tree.client.post(
        "/bulletins", json=body | {"air_end": str(WEEK[1]), "target_unit_ids": [tree.ids["b"]]}
    )
    backwards = tree.client.post("/bulletins", json=body | {"air_end": str(WEEK[0] - timedelta(1))})
    assert wrong.status_code == 422 and wrong.json()["field"] == "target_unit_ids", wrong.text
    assert backwards.status_code == 422 and backwards.json()["field"] == "air_end", backwards.text


def test_the_provinces_report_counts_each_stations_deliveries_as_their_states_say(
    tree: Tree,
) -> None:
    _approved(tree, "Phòng chống sốt xuất huyết")  # at least one, whatever ran before
    client, start, end = tree.client, WEEK[0], WEEK[-1]
    reached = {
        "placed": {"placed", "exported", "aired"},
        "exported": {"exported", "aired"},
        "aired": {"aired"},
        "refused": {"refused"},
    }
    expected: dict[int, dict[str, int]] = {}
    for bulletin in client.get("/bulletins").json():
        if bulletin["air_start"] > str(end) or bulletin["air_end"] < str(start):
            continue
        for row in client.get(f"/bulletins/{bulletin['id']}/deliveries").json():
            line = expected.setdefault(row["station_id"], dict.fromkeys(["received", *reached], 0))
            line["received"] += 1
            for name, states in reached.items():
                line[name] += row["state"] in states
    period = {"from": str(start), "to": str(end)}
    report = client.get(f"/units/{tree.ids['province']}/report", params=period).json()
    found = {line.pop("station_id"): line for line in report["bulletins"]}
    assert found == expected and sum(line["received"] for line in found.values()) >= 2
