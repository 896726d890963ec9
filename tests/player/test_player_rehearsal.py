"""A rehearsal: `loa player --rehearse ISO` plays as if its clock read that time, asking the real
server for the schedule of those days (its `from` parameter), and reports what it played."""

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from player.clock import Clock

from player_real import ZONE, call, real_server
from player_run import finish, played, start_player


def test_a_rehearsal_clock_starts_at_its_origin_and_runs_in_real_time() -> None:
    origin = datetime(2020, 10, 5, 23, 29, 55, tzinfo=UTC)
    clock = Clock(origin=origin)
    first = clock.now()
    assert clock.simulated and not clock.accelerated
    assert origin <= first < origin + timedelta(seconds=1)
    assert clock.real_s(5.0) == 5.0  # waits are real waits
    assert not Clock().simulated and abs(Clock().now() - datetime.now(UTC)) < timedelta(seconds=1)


def test_a_rehearsed_player_plays_the_session_at_its_time_and_the_device_reports_it(
    tmp_path: Path,
) -> None:
    # Yesterday's session: its noon is past at any hour this test runs, so the as-run the
    # rehearsing player reports is never in the server's future (which the server refuses).
    yesterday = datetime.now(ZONE).date() - timedelta(days=1)
    with real_server(tmp_path / "server", day=yesterday) as (base, world):
        token = world["device"]["token"]
        noon = datetime.combine(yesterday, datetime.min.time().replace(hour=12), tzinfo=ZONE)
        rehearse = (noon - timedelta(seconds=3)).astimezone(UTC)  # the world's slot is at noon
        out, cache = tmp_path / "out", tmp_path / "cache"
        player = start_player(
            base, token, cache, out, None, "--rehearse", rehearse.isoformat(), "--days", "1"
        )
        try:
            deadline = datetime.now(UTC) + timedelta(seconds=90)
            while "device:" not in _sent(base, world):
                assert datetime.now(UTC) < deadline, (cache / "player.log").read_text()
                time.sleep(0.5)
        finally:
            player.terminate()
            finish(player, 60)
        [(_began, label, seconds)] = played(out)
        assert label == f"session-{world['session']}" and seconds > 1


def _sent(base: str, world: dict[str, object]) -> str:
    """The as-run source of the world's session on the server ('' while none)."""
    station = world["station"]
    status, rows = call(f"{base}/asrun?station={station}&from=2000-01-01&to=2100-01-01",
                        str(world["admin"]))  # fmt: skip
    assert status == 200, rows
    return " ".join(f"{row['source']}:{row['status']}" for row in rows)
