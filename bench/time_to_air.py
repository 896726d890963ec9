"""Time to air: two real `loa player` processes play a session of a real `loa serve`; an
emergency bulletin is approved; how long from the approval request to the first emergency audio
written by each player (its file:DIR output), over loopback.

The bulletin is written and synthesised beforehand (as an operator would), so the figure covers
the approval (which makes the bulletin's MP3 and the alert), the push to the players (server-sent
events), their download and sha256 check, and ffmpeg's first audio. Goal: <= 3 s.

Prints one line per player, then
  time_to_air_s=<max over players> players=<n>

Usage: .venv/bin/python bench/time_to_air.py [--players 2] [--runs 1]
"""

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "player")]

from player.clock import parse_utc  # noqa: E402

from player_real import add_device, call, move_session, real_server  # noqa: E402
from player_run import played, start_player  # noqa: E402

NOTICE = (
    "Kính thưa bà con nhân dân. Ủy ban nhân dân phường thông báo: sáng Thứ Bảy tuần này, toàn "
    "phường tổ chức tổng vệ sinh môi trường, khơi thông cống rãnh, thu gom rác thải tại các tổ "
    "dân phố. Đề nghị mỗi hộ gia đình cử ít nhất một người tham gia. Xin cảm ơn bà con."
)


def _first_audio(out: Path, prefix: str) -> float | None:
    """Wall time (epoch s) when a playback file named prefix… first held audio, if it does."""
    for path in sorted(out.glob(f"*-{prefix}*.wav")):
        if path.stat().st_size > 1024:  # past the WAV header: audio is being written
            return time.time()
    return None


def run_once(root: Path, count: int) -> list[float]:
    """One approval: each player's seconds from the request to its first emergency audio."""
    with real_server(root / "server", script=NOTICE, emergency=True) as (base, world):
        tokens = [world["device"]["token"]]
        tokens += [add_device(base, world, f"Cụm loa {i}")["token"] for i in range(1, count)]
        session = move_session(base, world, 6)
        until = parse_utc(session["start_utc"]) + timedelta(
            seconds=session["file"]["duration_s"] + 30
        )
        outs = [root / f"out-{i}" for i in range(count)]
        players = [
            start_player(base, token, root / f"cache-{i}", out, until)
            for i, (token, out) in enumerate(zip(tokens, outs, strict=True))
        ]
        try:
            deadline = time.monotonic() + 90
            label = f"session-{world['session']}"
            while not all(any(x == label for _a, x, _s in played(out)) for out in outs):
                assert time.monotonic() < deadline, "the players did not start the session"
                time.sleep(0.05)
            time.sleep(1.0)  # the session is on air on every player
            asked = time.time()
            status, body = call(
                f"{base}/segments/{world['emergency']}/approve", world["approver"], "POST", {}
            )
            assert status == 200, body
            heard: dict[int, float] = {}
            while len(heard) < count:
                assert time.monotonic() < deadline + 60, f"only {len(heard)} players aired it"
                for i, out in enumerate(outs):
                    if i not in heard and (at := _first_audio(out, "alert-")) is not None:
                        heard[i] = at - asked
                time.sleep(0.01)
            return [heard[i] for i in range(count)]
        finally:
            for player in players:
                player.terminate()
            for player in players:
                player.wait(timeout=30)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--players", type=int, default=2)
    options.add_argument("--runs", type=int, default=1)
    args = options.parse_args()
    worst: list[float] = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="loa-time-to-air-") as folder:
            delays = run_once(Path(folder), args.players)
        for i, delay in enumerate(delays):
            print(f"run {run + 1} player {i + 1}: emergency audio {delay:.3f} s after the request")
        worst.append(max(delays))
    print(f"time_to_air_s={max(worst):.3f} players={args.players}")


if __name__ == "__main__":
    main()
