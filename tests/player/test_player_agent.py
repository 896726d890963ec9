"""Real `loa player` processes against the fake server: sessions on time, late joins, playing
through a lost link and reporting after, checksum refusals, emergency pre-emption with resume,
polling when the event stream is down, restart safety, clean exits."""

import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from player_fake import TOKEN, FakeServer, tone_mp3
from player_run import ROOT, finish, played, start_player, wait_for


@pytest.fixture
def fake() -> Iterator[FakeServer]:
    server = FakeServer(ping_s=1.0).start()
    yield server
    server.stop()


def _now() -> datetime:
    """Now, to the second (the schedule gives start times to the second)."""
    return datetime.now(UTC).replace(microsecond=0)


def _outcomes(fake: FakeServer, kind: str) -> list[tuple[object, ...]]:
    found = sorted(fake.reports(kind), key=lambda r: (r["session_id"] or 0, r["position"] or 0))
    return [(r.get("position"), r["outcome"], r["reason"]) for r in found]


def test_a_session_plays_at_its_start_and_is_reported(fake: FakeServer, tmp_path: Path) -> None:
    start = _now() + timedelta(seconds=4)
    fake.add_session(1, start, tone_mp3(tmp_path / "s.mp3", 3.0), [("Tin 1", 1.5), ("Tin 2", 1.5)])
    out = tmp_path / "out"
    player = start_player(fake.url, TOKEN, tmp_path / "cache", out, start + timedelta(seconds=7))
    assert finish(player) == 0
    [(began, label, seconds)] = played(out)
    assert label == "session-1" and seconds == pytest.approx(3.0, abs=0.15)
    assert start - timedelta(seconds=0.2) <= began < start + timedelta(seconds=3)
    assert _outcomes(fake, "item") == [(1, "completed", None), (2, "completed", None)]
    assert _outcomes(fake, "session") == [(None, "completed", None)]
    assert fake.state.heartbeats and fake.state.heartbeats[0]["agent_version"] == "loa-player 1.0"
    assert (tmp_path / "cache" / "player.log").stat().st_size > 0


def test_a_late_start_joins_in_progress_and_a_restart_does_not_replay(
    fake: FakeServer, tmp_path: Path
) -> None:
    start = _now() - timedelta(seconds=2)
    fake.add_session(1, start, tone_mp3(tmp_path / "s.mp3", 11.0), [("Tin 1", 5.0), ("Tin 2", 6.0)])
    out, cache = tmp_path / "out", tmp_path / "cache"
    player = start_player(fake.url, TOKEN, cache, out, start + timedelta(seconds=13))
    assert finish(player) == 0
    [(_, label, seconds)] = played(out)
    assert label == "session-1" and 6.0 < seconds < 9.0
    first, second = _outcomes(fake, "item")
    assert first in ((1, "interrupted", "late"), (1, "skipped", "late"))
    assert second == (2, "completed", None)
    [session] = fake.reports("session")
    assert (session["outcome"], session["reason"]) == ("interrupted", "late")
    assert session["played_s"] == pytest.approx(seconds, abs=0.5)
    again = start_player(fake.url, TOKEN, cache, out, _now() + timedelta(seconds=3))
    assert finish(again) == 0
    assert len(played(out)) == 1  # already played: not again


def test_the_player_plays_without_the_server_and_reports_when_it_is_back(
    fake: FakeServer, tmp_path: Path
) -> None:
    start = _now() + timedelta(seconds=6)
    session = fake.add_session(1, start, tone_mp3(tmp_path / "s.mp3", 3.0), [("Tin 1", 3.0)])
    out, cache = tmp_path / "out", tmp_path / "cache"
    player = start_player(fake.url, TOKEN, cache, out, start + timedelta(seconds=16))
    wait_for((cache / "files" / f"{session['file']['sha256']}.mp3").exists)
    fake.stop()
    wait_for(lambda: _now() > start + timedelta(seconds=4.5))
    assert [label for _, label, _ in played(out)] == ["session-1"]
    assert fake.reports("session") == []
    fake.start()
    assert finish(player) == 0
    assert _outcomes(fake, "session") == [(None, "completed", None)]
    assert _outcomes(fake, "item") == [(1, "completed", None)]


def test_a_file_whose_checksum_fails_is_not_played_and_reported_skipped(
    fake: FakeServer, tmp_path: Path
) -> None:
    start = _now() + timedelta(seconds=3)
    session = fake.add_session(1, start, tone_mp3(tmp_path / "s.mp3", 2.0), [("Tin 1", 2.0)])
    fake.state.corrupt.add(session["file"]["export_id"])
    out = tmp_path / "out"
    player = start_player(fake.url, TOKEN, tmp_path / "cache", out, start + timedelta(seconds=5))
    assert finish(player) == 0
    assert played(out) == []
    assert _outcomes(fake, "session") == [(None, "skipped", "checksum")]
    assert _outcomes(fake, "item") == [(1, "skipped", "checksum")]


def test_an_emergency_interrupts_plays_and_the_session_resumes(
    fake: FakeServer, tmp_path: Path
) -> None:
    start = _now() + timedelta(seconds=4)
    items = [("Tin 1", 5.0), ("Tin 2", 5.0)]
    fake.add_session(1, start, tone_mp3(tmp_path / "s.mp3", 10.0), items)
    out = tmp_path / "out"
    player = start_player(fake.url, TOKEN, tmp_path / "cache", out, start + timedelta(seconds=20))
    wait_for(lambda: _now() > start + timedelta(seconds=2.5))
    alert_at = _now()
    fake.add_alert(7, tone_mp3(tmp_path / "a.mp3", 2.0, 880), 2.0, resume=True)
    assert finish(player) == 0
    labels = [label for _, label, _ in played(out)]
    assert labels == ["session-1", "alert-7", "session-1"]
    (_, _, first), (alert_began, _, alert_s), (_, _, rest) = played(out)
    assert alert_s == pytest.approx(2.0, abs=0.15) and alert_began >= alert_at
    assert first + rest == pytest.approx(10.0, abs=1.0)  # resumed where it stopped
    assert _outcomes(fake, "item") == [(1, "interrupted", "emergency"), (2, "completed", None)]
    assert _outcomes(fake, "session") == [(None, "interrupted", "emergency")]
    [alert] = fake.reports("alert")
    assert (alert["alert_id"], alert["outcome"]) == (7, "completed")


def test_without_the_event_stream_alerts_arrive_by_polling_and_play_once(
    fake: FakeServer, tmp_path: Path
) -> None:
    fake.state.events_enabled = False
    out, cache = tmp_path / "out", tmp_path / "cache"
    player = start_player(fake.url, TOKEN, cache, out, _now() + timedelta(seconds=12))
    wait_for(lambda: fake.state.heartbeats)
    fake.add_alert(3, tone_mp3(tmp_path / "a.mp3", 1.5, 880), 1.5)
    assert finish(player) == 0
    assert [label for _, label, _ in played(out)] == ["alert-3"]
    assert [r["outcome"] for r in fake.reports("alert")] == ["completed"]
    polls = [r for r in fake.state.requests if r[1] == "/player/v1/alerts"]
    assert len(polls) >= 2
    again = start_player(fake.url, TOKEN, cache, out, _now() + timedelta(seconds=7))
    assert finish(again) == 0
    assert len(played(out)) == 1  # the alert is still active but was played already


def test_sigterm_stops_the_player_cleanly(fake: FakeServer, tmp_path: Path) -> None:
    player = start_player(fake.url, TOKEN, tmp_path / "cache", tmp_path / "out", None)
    wait_for(lambda: fake.state.heartbeats)
    player.send_signal(signal.SIGTERM)
    assert finish(player, 20) == 0
    assert "player stopped" in (tmp_path / "cache" / "player.log").read_text("utf-8")


def test_loa_player_imports_nothing_of_the_server() -> None:
    code = (
        "import sys\nfrom player.launch import main\n"
        "try:\n    main(['player', '--help'])\nexcept SystemExit:\n    pass\n"
        "import player.agent\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'broadcast', 'api', 'audio', 'playlists', 'fastapi', 'pydantic', 'sqlmodel', 'typer'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert "--server" in done.stdout


def test_a_session_that_passed_while_the_player_was_off_is_reported_missed(
    fake: FakeServer, tmp_path: Path
) -> None:
    start = _now() + timedelta(seconds=5)
    fake.add_session(1, start, tone_mp3(tmp_path / "s.mp3", 2.0), [("Tin 1", 2.0)])
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = start_player(fake.url, TOKEN, cache, out, _now() + timedelta(seconds=2))
    assert finish(first) == 0
    wait_for(lambda: _now() > start + timedelta(seconds=3))
    again = start_player(fake.url, TOKEN, cache, out, _now() + timedelta(seconds=3))
    assert finish(again) == 0
    assert played(out) == []
    assert _outcomes(fake, "session") == [(None, "skipped", "missed")]


def test_a_live_alert_streams_until_it_ends(fake: FakeServer, tmp_path: Path) -> None:
    out = tmp_path / "out"
    player = start_player(fake.url, TOKEN, tmp_path / "cache", out, _now() + timedelta(seconds=14))
    wait_for(lambda: fake.state.heartbeats)
    fake.add_live(5, tone_mp3(tmp_path / "live.mp3", 1.0, 550))
    wait_for(lambda: [label for _, label, _ in played(out)] == ["alert-5"])
    [wav] = out.glob("*-alert-5.wav")
    wait_for(lambda: wav.stat().st_size > 100_000)  # more than 2 s of audio: the stream goes on
    fake.end_alert(5)
    assert finish(player) == 0
    [(_, _, seconds)] = played(out)
    [report] = fake.reports("alert")
    assert (report["alert_id"], report["outcome"], report["reason"]) == (5, "completed", None)
    assert report["played_s"] == pytest.approx(seconds, abs=1.5)
    live = [r for r in fake.state.requests if r[1] == "/player/v1/alerts/5/live"]
    assert live and live[0][2]["Authorization"] == f"Bearer {TOKEN}"


def test_a_player_restarted_without_the_server_plays_from_its_cache(
    fake: FakeServer, tmp_path: Path
) -> None:
    start = _now() + timedelta(seconds=7)
    fake.add_session(1, start, tone_mp3(tmp_path / "s.mp3", 2.0), [("Tin 1", 2.0)])
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = start_player(fake.url, TOKEN, cache, out, _now() + timedelta(seconds=3))
    assert finish(first) == 0
    fake.stop()
    offline = start_player(fake.url, TOKEN, cache, out, start + timedelta(seconds=4))
    assert finish(offline) == 0
    assert [label for _, label, _ in played(out)] == ["session-1"]
    assert fake.reports("session") == []
    fake.start()
    back = start_player(fake.url, TOKEN, cache, out, _now() + timedelta(seconds=3))
    assert finish(back) == 0
    assert _outcomes(fake, "session") == [(None, "completed", None)]
    assert len(played(out)) == 1
