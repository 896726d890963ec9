"""As-run reports computed from what played, and the durable outbox: pure parts of the player."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from player.reports import Span, alert_report, session_reports
from player.store import Outbox, Store

T0 = datetime(2026, 12, 7, 23, 30, tzinfo=UTC)
SESSION = {
    "session_id": 12,
    "start_utc": "2026-12-07T23:30:00Z",
    "items": [
        {"position": 1, "title": "Tin 1", "start_offset_s": 0.0, "duration_s": 10.0},
        {"position": 2, "title": "Tin 2", "start_offset_s": 10.0, "duration_s": 20.0},
        {"position": 3, "title": "Tin 3", "start_offset_s": 30.0, "duration_s": 5.0},
    ],
}


def _outcomes(reports: list[dict]) -> list[tuple[str, str | None, float]]:
    return [(r["outcome"], r["reason"], r["played_s"]) for r in reports]


def test_a_session_played_to_its_end_is_completed_item_by_item() -> None:
    reports = session_reports(SESSION, [Span(0.0, 35.0, T0)], T0)
    assert [r["kind"] for r in reports] == ["item", "item", "item", "session"]
    assert _outcomes(reports) == [
        ("completed", None, 10.0),
        ("completed", None, 20.0),
        ("completed", None, 5.0),
        ("completed", None, 35.0),
    ]
    assert reports[1]["started_at"] == "2026-12-07T23:30:10.000000Z"
    assert [r["position"] for r in reports] == [1, 2, 3, None]
    assert len({r["id"] for r in reports}) == 4 and all(8 <= len(r["id"]) <= 64 for r in reports)


def test_a_late_join_skips_and_cuts_the_items_it_missed() -> None:
    reports = session_reports(SESSION, [Span(15.0, 35.0, T0 + timedelta(seconds=15))], T0)
    assert _outcomes(reports) == [
        ("skipped", "late", 0.0),
        ("interrupted", "late", 15.0),
        ("completed", None, 5.0),
        ("interrupted", "late", 20.0),
    ]


def test_an_emergency_cut_then_resume_reports_the_cut_item_only() -> None:
    spans = [
        Span(0.0, 12.0, T0, cut="emergency"),
        Span(12.0, 35.0, T0 + timedelta(seconds=40)),
    ]
    reports = session_reports(SESSION, spans, T0)
    assert _outcomes(reports) == [
        ("completed", None, 10.0),
        ("interrupted", "emergency", 20.0),  # cut, then resumed where it stopped
        ("completed", None, 5.0),
        ("interrupted", "emergency", 35.0),
    ]
    cut = session_reports(SESSION, [Span(0.0, 12.0, T0, cut="emergency")], T0)
    assert _outcomes(cut) == [
        ("completed", None, 10.0),
        ("interrupted", "emergency", 2.0),
        ("skipped", "emergency", 0.0),
        ("interrupted", "emergency", 12.0),
    ]


def test_a_session_that_could_not_play_is_skipped_with_the_reason() -> None:
    reports = session_reports(SESSION, [], T0, "checksum")
    assert {(r["outcome"], r["reason"], r["played_s"]) for r in reports} == {
        ("skipped", "checksum", 0.0)
    }


def test_alert_reports() -> None:
    done = alert_report(3, T0, T0 + timedelta(seconds=8), 8.0, 8.0)
    assert (done["kind"], done["alert_id"], done["outcome"], done["id"]) == (
        "alert", 3, "completed", "alert-0003"
    )  # fmt: skip
    assert alert_report(3, T0, T0, 0.0, 8.0, "checksum")["outcome"] == "skipped"
    assert alert_report(3, T0, T0, 4.0, 8.0, "ended")["outcome"] == "interrupted"


def _report(n: int) -> dict:
    return {"id": f"report-{n:04d}", "kind": "session", "session_id": n}


def test_the_outbox_survives_a_restart_and_a_torn_line(tmp_path: Path) -> None:
    path = tmp_path / "outbox.jsonl"
    box = Outbox(path)
    box.add([_report(1), _report(2), _report(3)])
    box.sent(["report-0002"])
    with open(path, "a", encoding="utf-8") as out:
        out.write('{"report": {"id": "torn')  # a power cut in the middle of a line
    again = Outbox(path)
    assert [r["id"] for r in again.pending()] == ["report-0001", "report-0003"]
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == 2  # compacted at load: pending reports only
    again.sent(["report-0001", "report-0003"])
    assert path.read_text("utf-8") == "" and len(Outbox(path)) == 0


def test_the_outbox_compacts_after_many_sends(tmp_path: Path) -> None:
    box = Outbox(tmp_path / "outbox.jsonl")
    box.add([_report(n) for n in range(400)])
    for n in range(250):
        box.sent([f"report-{n:04d}"])
    lines = (tmp_path / "outbox.jsonl").read_text("utf-8").splitlines()
    assert len(lines) < 400 and all("report" in json.loads(line) for line in lines[:150])
    assert len(Outbox(tmp_path / "outbox.jsonl")) == 150


def test_state_remembers_what_was_played_across_restarts(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache")
    store.mark_done("done", "12@2026-12-07T23:30:00Z", T0)
    store.mark_done("alerts", "3", T0)
    again = Store(tmp_path / "cache")
    assert again.is_done("done", "12@2026-12-07T23:30:00Z") and again.is_done("alerts", "3")
    again.mark_done("done", "13@x", T0 + timedelta(days=9))  # old entries expire
    assert not Store(tmp_path / "cache").is_done("done", "12@2026-12-07T23:30:00Z")
