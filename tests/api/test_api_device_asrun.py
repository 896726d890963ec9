"""Device as-run reports over HTTP: stored once per report id, checked naming the field, fed to
the as-run log (best outcome across devices, never over an operator's confirmation) and so to
the airtime report with no manual confirmation; only a device of the session's station posts."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import col, select

from broadcast import models as m
from broadcast.campaigns import load_demo
from broadcast.db import transaction
from broadcast.models.accounts import Role

from factories import add_user, bearer, post_json

STATION = 1
MONTH = "from=2020-10-01&to=2020-10-31"


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


@pytest.fixture
def sessions(client: TestClient) -> list[int]:
    """The demo station's sessions of two days (in the past: they have aired or not)."""
    with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
        load_demo(db)
    body = {"station_id": STATION, "from": "2020-10-05", "to": "2020-10-06"}
    made = _ok(client.post("/playlists/generate", json=body), 201)["sessions"]
    return [s["playlist_id"] for s in made]


def _device(client: TestClient, name: str, station_id: int = STATION) -> dict[str, str]:
    made = post_json(
        client, "/devices", {"station_id": station_id, "name": name, "kind": "fm_bridge"}
    )
    return bearer(made["token"])


def _report(uid: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": uid,
        "kind": "session",
        "session_id": None,
        "started_at": "2020-10-04T23:30:00Z",
        "ended_at": "2020-10-04T23:40:00Z",
        "outcome": "completed",
        "reason": None,
        "played_s": 600.0,
    }
    return body | changes


def _post(client: TestClient, headers: dict[str, str], *reports: dict[str, Any]) -> Any:
    return client.post("/player/v1/asrun", json={"reports": list(reports)}, headers=headers)


def _log(client: TestClient) -> dict[int, dict[str, Any]]:
    return {row["playlist_id"]: row for row in _ok(client.get(f"/asrun?station=1&{MONTH}"))}


def _airtime(client: TestClient) -> dict[str, Any]:
    return _ok(client.get(f"/reports/airtime?station=1&{MONTH}&by=event"))["total"]  # type: ignore[no-any-return]


def _stored(client: TestClient) -> list[m.DeviceAsRun]:
    with transaction(client.app.state.engine) as db:  # type: ignore[attr-defined]
        return list(db.exec(select(m.DeviceAsRun).order_by(col(m.DeviceAsRun.id))))


def test_a_session_report_fills_the_log_and_the_airtime_report(
    client: TestClient, sessions: list[int]
) -> None:
    before = _airtime(client)
    assert before["seconds"] == 0 and before["sessions_unconfirmed"] == len(sessions)
    player = _device(client, "Cụm loa chợ")
    first = sessions[0]
    items = [
        _report(f"item-{p}-aaaa", kind="item", session_id=first, position=p, played_s=30.0)
        for p in range(2)
    ]
    sent = _ok(_post(client, player, *items, _report("session-aaaa", session_id=first)))
    assert sent == {"accepted": 3, "duplicates": 0}
    row = _log(client)[first]
    assert row["status"] == "aired" and row["source"] == "device" and row["aired_s"] > 0
    total = _airtime(client)
    assert total["seconds"] == row["aired_s"]  # its minutes count, nobody confirmed by hand
    assert total["sessions_unconfirmed"] == len(sessions) - 1
    stored = _stored(client)
    assert [(r.kind, r.position) for r in stored] == [("item", 0), ("item", 1), ("session", None)]
    assert {r.station_id for r in stored} == {STATION}


def test_a_resent_batch_is_counted_as_duplicates(client: TestClient, sessions: list[int]) -> None:
    player = _device(client, "Cụm loa chợ")
    batch = [
        _report("resent-0001", session_id=sessions[0]),
        _report("resent-0002", kind="alert", alert_id=7),
    ]
    assert _ok(_post(client, player, *batch)) == {"accepted": 2, "duplicates": 0}
    again = [*batch, _report("resent-0003", session_id=sessions[1])]
    assert _ok(_post(client, player, *again)) == {"accepted": 1, "duplicates": 2}
    twice = _report("resent-0004", session_id=sessions[1])
    assert _ok(_post(client, player, twice, twice)) == {"accepted": 1, "duplicates": 1}
    other = _device(client, "Cụm loa đình")  # report ids are unique per device, not per station
    assert _ok(_post(client, other, batch[0])) == {"accepted": 1, "duplicates": 0}
    assert len(_stored(client)) == 5


def test_the_best_outcome_across_devices_stands(client: TestClient, sessions: list[int]) -> None:
    first = sessions[0]
    steps = [
        ("skipped", 0.0, "not_aired", None),
        ("interrupted", 95.5, "partly", 95.5),
        ("interrupted", 40.0, "partly", 95.5),  # a shorter interruption changes nothing
        ("skipped", 0.0, "partly", 95.5),
        ("completed", 600.0, "aired", None),
        ("interrupted", 10.0, "aired", None),
    ]
    seen = []
    for number, (outcome, played, status, until) in enumerate(steps):
        player = _device(client, f"Cụm loa {number}")
        report = _report(f"best-{number:04d}", session_id=first, outcome=outcome, played_s=played)
        _ok(_post(client, player, report))
        row = _log(client)[first]
        assert (row["status"], row["aired_until_s"], row["source"]) == (status, until, "device")
        seen.append(row["aired_s"])
    assert seen[0] == 0 < seen[1] < seen[4]
    assert _log(client)[first]["note"] == "Thiết bị báo cáo: 4/6 thiết bị đã phát"


def test_an_operator_confirmation_is_never_overwritten(
    client: TestClient, sessions: list[int]
) -> None:
    first, second = sessions[:2]
    manual = {
        "station_id": STATION,
        "playlist_id": first,
        "status": "not_aired",
        "note": "Mất điện",
    }
    _ok(client.post("/asrun", json=manual), 201)
    player = _device(client, "Cụm loa chợ")
    _ok(_post(client, player, _report("manual-0001", session_id=first)))
    assert (_log(client)[first]["status"], _log(client)[first]["source"]) == (
        "not_aired",
        "operator",
    )
    _ok(_post(client, player, _report("manual-0002", session_id=second)))
    assert _log(client)[second]["source"] == "device"
    fix = {"station_id": STATION, "playlist_id": second, "status": "partly", "aired_until_s": 60}
    _ok(client.post("/asrun", json=fix), 201)  # a later operator confirmation still overrides
    _ok(_post(client, _device(client, "Cụm loa đình"), _report("manual-0003", session_id=second)))
    row = _log(client)[second]
    assert (row["status"], row["source"], row["aired_until_s"]) == ("partly", "operator", 60.0)


def _future(minutes: float) -> str:
    return (datetime.now(UTC) + timedelta(minutes=minutes)).isoformat()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"session_id": None}, "reports.1.session_id"),
        ({"kind": "item", "position": None}, "reports.1.position"),
        ({"kind": "alert", "session_id": None}, "reports.1.alert_id"),
        ({"started_at": "2020-10-04T23:50:00Z"}, "reports.1.started_at"),
        (
            {"started_at": _future(24 * 60), "ended_at": _future(24 * 60 + 1)},
            "reports.1.started_at",
        ),
        ({"outcome": "played"}, "reports.1.outcome"),
        ({"kind": "jingle"}, "reports.1.kind"),
        ({"id": "short"}, "reports.1.id"),
        ({"reason": "x" * 201}, "reports.1.reason"),
        ({"played_s": -1}, "reports.1.played_s"),
        ({"ended_at": "hôm qua"}, "reports.1.ended_at"),
    ],
)
def test_bad_reports_are_refused_naming_the_field(
    client: TestClient, sessions: list[int], change: dict[str, Any], field: str
) -> None:
    player = _device(client, "Cụm loa chợ")
    good = _report("good-0001", session_id=sessions[0])
    bad = _report("bad-00001", session_id=sessions[1]) | change
    sent = _post(client, player, good, bad)
    assert sent.status_code == 422, sent.text
    assert sent.json()["field"] == field
    assert _stored(client) == [] and _log(client) == {}  # nothing of the batch is kept


def test_a_device_clock_slightly_ahead_is_accepted(client: TestClient, sessions: list[int]) -> None:
    player = _device(client, "Cụm loa chợ")
    ahead = _report(
        "ahead-001", kind="alert", alert_id=3, started_at=_future(3), ended_at=_future(4)
    )
    assert _ok(_post(client, player, ahead)) == {"accepted": 1, "duplicates": 0}


@pytest.mark.parametrize(
    "reports", [[], [_report(f"many-{n:05d}", kind="alert", alert_id=1) for n in range(501)]]
)
def test_a_batch_holds_1_to_500_reports(
    client: TestClient, sessions: list[int], reports: list[dict[str, Any]]
) -> None:
    sent = _post(client, _device(client, "Cụm loa chợ"), *reports)
    assert sent.status_code == 422 and sent.json()["field"] == "reports"


def test_only_a_device_of_the_sessions_station_reports_it(
    client: TestClient, sessions: list[int]
) -> None:
    other = _ok(client.post("/stations", json={"name": "Đài xã Bên Kia"}), 201)["id"]
    theirs = _device(client, "Cụm loa bên kia", other)
    report = _report("foreign-01", session_id=sessions[0])
    assert _post(client, theirs, report).status_code == 404
    assert _post(client, theirs, _report("foreign-02", session_id=999_999)).status_code == 404
    _, token = add_user(client.app.state.engine, "vanhanh", Role.OPERATOR, STATION)  # type: ignore[attr-defined]
    assert _post(client, bearer(token), report).status_code == 403
    assert _post(client, {}, report).status_code == 403  # the admin's web cookie
    assert _stored(client) == [] and _log(client) == {}
    assert _ok(_post(client, _device(client, "Cụm loa chợ"), report))["accepted"] == 1
