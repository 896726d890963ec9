"""Run `loa player` as a real process (through the `loa` launcher) and read what it played."""

import os
import subprocess
import sys
import time
import wave
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import imageio_ffmpeg

ROOT = Path(__file__).resolve().parents[2]


def start_player(
    server: str, token: str, cache: Path, out: Path, until: datetime | None, *extra: str
) -> subprocess.Popen[bytes]:
    """`loa player --output file:OUT` as a subprocess; its stderr goes to cache/../stderr.txt."""
    command = [
        sys.executable, "-m", "player.launch", "player", "--server", server, "--token", token,
        "--cache", str(cache), "--output", f"file:{out}", "--log-level", "DEBUG",
        "--ffmpeg", imageio_ffmpeg.get_ffmpeg_exe(), *extra,
    ]  # fmt: skip
    if until is not None:
        command += ["--until", until.isoformat()]
    cache.mkdir(parents=True, exist_ok=True)
    log = open(cache.parent / f"{cache.name}-stderr.txt", "ab")  # noqa: SIM115
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log, env=env)


def finish(process: subprocess.Popen[bytes], timeout_s: float = 120) -> int:
    """Wait for the player to exit by itself (it was given --until); its exit code."""
    try:
        return process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise


def wait_for(check: Callable[[], object], timeout_s: float = 60.0) -> None:
    """Poll until `check()` is truthy (AssertionError after the timeout)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def played(out: Path) -> list[tuple[datetime, str, float]]:
    """Playbacks written to a file:DIR output: (start UTC, label, seconds of audio), in order."""
    found = []
    for path in sorted(out.glob("*.wav")):
        stamp, label = path.stem.split("-", 1)
        try:
            with wave.open(str(path)) as audio:
                seconds = audio.getnframes() / audio.getframerate()
        except (EOFError, wave.Error):
            seconds = 0.0  # ffmpeg is still writing it (its header is completed at the end)
        started = datetime.strptime(stamp, "%Y%m%dT%H%M%S.%f").replace(tzinfo=UTC)
        found.append((started, label, seconds))
    return found
