"""End to end: a real `loa serve` process, a device made through the API, an exported session,
and a real `loa player` process that fetches the schedule and the file, sends heartbeats and
plays the session at its start into a WAV file."""

from datetime import timedelta
from pathlib import Path

from player.clock import parse_utc

from player_real import call, move_session, real_server
from player_run import finish, played, start_player


def test_a_real_player_plays_a_session_of_a_real_server(tmp_path: Path) -> None:
    with real_server(tmp_path / "server") as (base, world):
        token = world["device"]["token"]
        session = move_session(base, world, 10)
        length = session["file"]["duration_s"]
        start_utc = parse_utc(session["start_utc"])
        out, cache = tmp_path / "out", tmp_path / "cache"
        player = start_player(base, token, cache, out, start_utc + timedelta(seconds=length + 4))
        assert finish(player, 180) == 0
        [(began, label, seconds)] = played(out)
        assert label == f"session-{world['session']}"
        assert abs(seconds - length) < 0.5
        assert start_utc - timedelta(seconds=0.2) <= began < start_utc + timedelta(seconds=3)
        assert f"session {world['session']}: completed" in (cache / "player.log").read_text()
        status, device = call(f"{base}/devices/{world['device']['id']}", world["admin"])
        assert status == 200 and device["agent_version"] == "loa-player 1.0"
        assert device["last_heartbeat_at"] is not None
