"""Soak: one `loa player` through a simulated week of sessions in accelerated time, with the
server stopped for a random 20 % of the run.

The server is the contract-faithful fake of tests/player/player_fake.py (stdlib, loopback): a
real `loa serve` computes its schedule from the real clock, so it cannot serve a week in two
minutes. The fake runs on the same simulated clock as the player (hidden options --time-scale
and --time-origin) and hands out the sessions of the station's local today and tomorrow, as the
real schedule route does; files are served with ETag and Range, reports checked against
contract A. Each session has its own small MP3 (a tone), so the cache fills and is pruned.

In accelerated time ffmpeg decodes each file at full speed into a WAV (file:DIR output) and the
player waits out the session's simulated length; a session played = its WAV written.

Prints the outages, the player's RSS over the run (by fifths), then
  sessions_planned=<n> sessions_played=<n> asrun_reported=<n> peak_rss_mb=<x>

Usage: .venv/bin/python bench/player_soak.py [--days 7] [--wall-s 150] [--per-day 4] [--seed 1]
"""

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "player")]

from player_fake import TOKEN, FakeServer, tone_mp3  # noqa: E402
from player_run import finish, played, start_player  # noqa: E402

LOCAL = timedelta(hours=7)  # the fake's station is in Asia/Ho_Chi_Minh


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process in kB (empty once it has exited)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {k: int(v.split()[0]) for k, _, v in (x.partition(":") for x in lines) if k in
            ("VmRSS", "VmHWM")}  # fmt: skip


def _outages(
    wall_s: float, share: float, count: int, rng: random.Random
) -> list[tuple[float, float]]:
    """`count` disjoint windows of the run, `share` of it in all, none in the last tenth."""
    length = wall_s * share / count
    while True:
        starts = sorted(rng.uniform(0.02 * wall_s, 0.9 * wall_s - length) for _ in range(count))
        if all(b - a > length + 1 for a, b in zip(starts, starts[1:], strict=False)):
            return [(s, s + length) for s in starts]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--days", type=int, default=7)
    options.add_argument("--wall-s", type=float, default=150.0)
    options.add_argument("--per-day", type=int, default=4)
    options.add_argument("--session-min", type=float, default=30.0)
    options.add_argument("--outage-share", type=float, default=0.2)
    options.add_argument("--seed", type=int, default=1)
    args = options.parse_args()
    rng = random.Random(args.seed)
    scale = args.days * 86400 / args.wall_s
    work = Path(tempfile.mkdtemp(prefix="loa-soak-"))
    origin = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) - LOCAL
    real0 = time.time()

    def sim_now() -> datetime:
        return origin + timedelta(seconds=(time.time() - real0) * scale)

    fake = FakeServer(ping_s=5.0, now=sim_now)
    times = [
        timedelta(hours=5.5 + h * 14.5 / max(args.per_day - 1, 1)) for h in range(args.per_day)
    ]
    half = args.session_min * 30
    planned = 0
    for day in range(args.days):
        for slot, at in enumerate(times):
            planned += 1
            audio = tone_mp3(work / f"s{planned}.mp3", 2.0, 300 + 10 * planned)
            items = [(f"Tin {day}-{slot}a", half), (f"Tin {day}-{slot}b", half)]
            fake.add_session(planned, origin + timedelta(days=day) + at, audio, items)
    windows = _outages(args.wall_s, args.outage_share, 4, rng)
    print(f"scale={scale:.0f}x wall_s={args.wall_s:.0f} outages_s=" +
          ",".join(f"{a:.0f}-{b:.0f}" for a, b in windows))  # fmt: skip
    real0 = time.time()
    fake.start()
    until = origin + timedelta(days=args.days, minutes=30)
    out, cache = work / "out", work / "cache"
    player = start_player(fake.url, TOKEN, cache, out, until, "--time-scale", str(scale),
                          "--time-origin", origin.isoformat(), "--log-level", "INFO")  # fmt: skip
    samples: list[tuple[float, int]] = []
    peak = 0
    up = True
    while player.poll() is None:
        elapsed = time.time() - real0
        down = any(a <= elapsed < b for a, b in windows)
        if down and up:
            fake.stop()
            up = False
        elif not down and not up:
            fake.start()
            up = True
        status = _status(player.pid)
        if status:
            samples.append((elapsed, status["VmRSS"]))
            peak = max(peak, status["VmHWM"])
        time.sleep(0.25)
    if not up:
        fake.start()
    code = finish(player)
    fake.stop()
    sessions = {label for _, label, _ in played(out) if label.startswith("session-")}
    reports = fake.reports("session")
    outcomes = sorted({r["outcome"] for r in reports})
    fifths = [
        max((kb for t, kb in samples if i * args.wall_s / 5 <= t < (i + 1) * args.wall_s / 5),
            default=0) / 1024
        for i in range(5)
    ]  # fmt: skip
    print(f"exit={code} wall_s={time.time() - real0:.0f} work={work}")
    print("rss_mb_by_fifth=" + ",".join(f"{x:.1f}" for x in fifths))
    print(f"item_reports={len(fake.reports('item'))} session_outcomes={outcomes} "
          f"heartbeats={len(fake.state.heartbeats)}")  # fmt: skip
    reported = len({r["session_id"] for r in reports})
    missed = sorted(r["session_id"] for r in reports if r["outcome"] != "completed")
    print(f"sessions_not_completed={missed}")
    print(f"sessions_planned={planned} sessions_played={len(sessions)} "
          f"asrun_reported={reported} peak_rss_mb={peak / 1024:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
