"""A stream listener for tests: ffmpeg decodes a mount to PCM, each read stamped with its arrival
time, each 20 ms block named by its tone (zero crossings) or silence; Icecast's mounts."""

import bisect
import math
import os
import subprocess
import threading
import time
import urllib.request
from array import array
from collections.abc import Sequence

from audio._ffmpeg import ffmpeg_exe
from broadcast.stream import LocalIcecast

RATE, BLOCK = 24000, 480  # 20 ms blocks of the 24 kHz mono PCM


def mounts(server: LocalIcecast) -> list[str]:
    """The mounts that have a source now (from Icecast's status page)."""
    with urllib.request.urlopen(f"{server.url}/status-json.xsl", timeout=2) as answer:
        text = answer.read().decode(errors="replace")
    return [part.split('"', 1)[0] for part in text.split(f'"listenurl":"{server.url}')[1:]]


def wait_for(check: object, timeout: float, step: float = 0.1) -> bool:
    """Poll `check()` until it is truthy or the timeout passes; its last value."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():  # type: ignore[operator]
                return True
        except OSError:
            pass
        if time.monotonic() > deadline:
            return False
        time.sleep(step)


class Listener:
    """ffmpeg reading a stream URL to PCM; each read is stamped with its arrival time."""

    def __init__(self, url: str) -> None:
        args = [ffmpeg_exe(), "-loglevel", "quiet", "-fflags", "nobuffer", "-i", url]
        args += ["-f", "s16le", "-ac", "1", "-ar", str(RATE), "-flush_packets", "1", "pipe:1"]
        self.proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.data = bytearray()
        self.stamps: list[tuple[int, float]] = []
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while chunk := os.read(self.proc.stdout.fileno(), 960):
            self.data += chunk
            self.stamps.append((len(self.data), time.time()))

    def stop(self) -> None:
        """Stop the decoder."""
        self.proc.kill()
        self.proc.wait()
        self.thread.join(timeout=2)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def blocks(self, tones: Sequence[int]) -> list[tuple[float, int]]:
        """(arrival time, the nearest of `tones` or 0 for silence) of each 20 ms block."""
        pcm = array("h")
        pcm.frombytes(bytes(self.data[: len(self.data) // 2 * 2]))
        ends = [end // 2 for end, _ in self.stamps]
        out = []
        for start in range(0, len(pcm) - BLOCK + 1, BLOCK):
            block = pcm[start : start + BLOCK]
            arrived = self.stamps[bisect.bisect_left(ends, start + BLOCK)][1]
            if math.sqrt(sum(x * x for x in block) / BLOCK) / 32768 < 0.003:
                out.append((arrived, 0))
                continue
            crossings = sum((a < 0) != (b < 0) for a, b in zip(block, block[1:], strict=False))
            freq = crossings / 2 / (BLOCK / RATE)  # zero crossings of a sine: two per period
            out.append((arrived, min(tones, key=lambda f: abs(f - freq))))
        return out


def runs(blocks: list[tuple[float, int]], least: int = 5) -> list[int]:
    """The tones heard in order: runs of at least `least` blocks (100 ms), silence left out.

    A block where one tone gives way to another can read as a third tone: short runs are noise.
    """
    heard: list[int] = []
    run_tone, run_length = 0, 0
    for _at, tone in [*blocks, (0.0, -1)]:
        if tone == run_tone:
            run_length += 1
            continue
        if run_tone > 0 and run_length >= least and (not heard or heard[-1] != run_tone):
            heard.append(run_tone)
        run_tone, run_length = tone, 1
    return heard
