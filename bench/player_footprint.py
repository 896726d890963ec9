"""How light `loa player` is: start-up time and peak memory, against `loa --help` as baseline.

1. Start-up (median of --runs, wall time of a fresh Python process, and its peak RSS):
   `loa player --help`, `python -c 'import player.cli'`, `python -c 'import player.agent'`
   and, as the baseline, `loa --help` (the server's CLI). `loa` is run as `python -m
   player.launch`, which is what the console script calls.
2. A running player against a real `loa serve` (a station, an exported session, a device,
   built as in tests/player/test_player_serve.py): the session is moved to start 8 s ahead and
   the player (--output null) syncs, downloads, heartbeats and plays it; its peak RSS (VmHWM)
   and the peak RSS of its ffmpeg child are sampled every 0.1 s.

Usage: .venv/bin/python bench/player_footprint.py [--runs 5]
"""

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "player")]

from player_run import finish, start_player  # noqa: E402

COMMANDS = {
    "loa player --help": ["-m", "player.launch", "player", "--help"],
    "import player.cli": ["-c", "import player.cli"],
    "import player.agent": ["-c", "import player.agent"],
    "loa --help (baseline)": ["-m", "player.launch", "--help"],
}


def _run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh Python process."""
    began = time.perf_counter()
    child = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                             env=os.environ | {"PYTHONPATH": str(ROOT)})  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.returncode == 0, args
    return seconds, usage.ru_maxrss / 1024


def _kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found += [int(x) for x in task.read_text().split()]
    return found


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--runs", type=int, default=5)
    args = options.parse_args()
    for name, command in COMMANDS.items():
        runs = [_run(command) for _ in range(args.runs)]
        wall = statistics.median(r[0] for r in runs)
        rss = max(r[1] for r in runs)
        print(f"{name:<24} start_s={wall:.3f} peak_rss_mb={rss:.1f}")
    from player_real import move_session, real_server  # the server stack, after the timings

    work = Path(tempfile.mkdtemp(prefix="loa-footprint-"))
    with real_server(work / "server") as (base, world):
        session = move_session(base, world, 8)
        start = datetime.fromisoformat(session["start_utc"].replace("Z", "+00:00"))
        until = start.astimezone(UTC) + timedelta(seconds=session["file"]["duration_s"] + 5)
        player = start_player(base, world["device"]["token"], work / "cache", work / "out",
                              until, "--output", "null", "--log-level", "INFO")  # fmt: skip
        peak, ffmpeg_peak, samples = 0, 0, 0
        while player.poll() is None:
            peak = max(peak, _kb(player.pid, "VmHWM"))
            for child in _children(player.pid):
                ffmpeg_peak = max(ffmpeg_peak, _kb(child, "VmHWM"))
            samples += 1
            time.sleep(0.1)
        assert finish(player) == 0
    played = "session" in (work / "cache" / "player.log").read_text()
    print(f"running player against loa serve: samples={samples} played={played} "
          f"session_s={session['file']['duration_s']:.1f}")  # fmt: skip
    print(f"player_peak_rss_mb={peak / 1024:.1f} ffmpeg_peak_rss_mb={ffmpeg_peak / 1024:.1f}")


if __name__ == "__main__":
    main()
