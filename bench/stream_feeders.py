"""Liquidsoap or ffmpeg to feed Icecast: CPU, gaps between items and switch latency, measured.

Both feeders run against a throw-away Debian icecast2 on a loopback port and play the same
programme: four 2 s tones back to back (440, 660, 880, 1100 Hz), then a 20 s bed (300 Hz)
interrupted three times by a 1 s alert (1500 Hz). A listener (ffmpeg reading the mount) decodes
the stream to PCM; 20 ms blocks are classified by their dominant frequency.
- gap_ms: silence between consecutive tones as received (max over the 3 joins);
- switch_ms: request of the alert -> its first audio arriving at the listener (median, max);
- cpu_s_per_min: CPU seconds of the feeder processes per minute of audio.
ffmpeg side = broadcast.stream's StationFeeder (Python pacing thread + encoder/decoder ffmpegs),
in a child process. Run: .venv/bin/python bench/stream_feeders.py
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audio._ffmpeg import DEVNULL, PIPE, start_ffmpeg  # noqa: E402
from audio._ffmpeg_gen import generate_tone  # noqa: E402
from broadcast.stream import LocalIcecast, free_port  # noqa: E402

ITEMS = (440, 660, 880, 1100)
BED, ALERT = 300, 1500
ITEM_S, BED_S, ALERT_S = 2.0, 20.0, 1.0
PREEMPTS_AT = (3.0, 8.0, 13.0)  # seconds into the bed
RATE, BLOCK = 24000, 480  # 20 ms blocks
LIQ = """settings.init.allow_root.set(true)
settings.log.stdout.set(false)
settings.server.telnet.set(true)
settings.server.telnet.port.set({telnet})
settings.frame.audio.samplerate.set(24000)
main = request.queue(id="main")
alert = request.queue(id="alert")
radio = fallback(track_sensitive=false, [alert, main, blank()])
output.icecast(%mp3(bitrate=48, samplerate=24000, stereo=false), host="127.0.0.1",
  port={port}, password="{password}", mount="/ls.mp3", radio)
"""


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) of a live process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Listener:
    """ffmpeg decoding the mount to PCM; each read is stamped with its arrival time."""

    def __init__(self, url: str) -> None:
        args = ["-loglevel", "error", "-fflags", "nobuffer", "-i", url]
        args += ["-f", "s16le", "-ac", "1", "-ar", str(RATE), "-flush_packets", "1", "pipe:1"]
        self.proc = start_ffmpeg(args, stdout=PIPE, stdin=DEVNULL, stderr=DEVNULL)
        self.data = bytearray()
        self.stamps: list[tuple[int, float]] = []  # (bytes received so far, arrival time)
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        while chunk := os.read(self.proc.stdout.fileno(), 960):
            self.data += chunk
            self.stamps.append((len(self.data), time.time()))

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()
        self.thread.join(timeout=2)

    def blocks(self) -> list[tuple[float, int]]:
        """(arrival time, dominant frequency or 0 for silence) per 20 ms block."""
        pcm = np.frombuffer(bytes(self.data[: len(self.data) // 2 * 2]), dtype="<i2") / 32768.0
        ends = np.array([s[0] // 2 for s in self.stamps])
        times = [s[1] for s in self.stamps]
        out = []
        for start in range(0, len(pcm) - BLOCK + 1, BLOCK):
            block = pcm[start : start + BLOCK]
            arrived = times[int(np.searchsorted(ends, start + BLOCK))]
            if np.sqrt(np.mean(block**2)) < 0.003:
                out.append((arrived, 0))
                continue
            spectrum = np.abs(np.fft.rfft(block * np.hanning(BLOCK)))
            freq = int(np.argmax(spectrum)) * RATE / BLOCK
            out.append((arrived, min((*ITEMS, BED, ALERT), key=lambda f: abs(f - freq))))
        return out


def analyse(
    blocks: list[tuple[float, int]], requests: list[float]
) -> tuple[list[float], list[float]]:
    """Gaps (ms) between consecutive item tones and switch latencies (ms) of the alerts."""
    gaps = []
    for a, b in zip(ITEMS, (*ITEMS[1:], BED), strict=True):
        last_a = max(i for i, (_, f) in enumerate(blocks) if f == a)
        first_b = min(i for i, (_, f) in enumerate(blocks) if f == b and i > last_a)
        gaps.append((first_b - last_a - 1) * BLOCK / RATE * 1000)
    switches = []
    for asked in requests:
        first = next(t for t, f in blocks if f == ALERT and t >= asked)
        switches.append((first - asked) * 1000)
    return gaps, switches


def make_items(folder: Path) -> dict[int, Path]:
    """The test tones as 24 kHz mono WAV files of exact length."""
    files = {}
    for freq, seconds in [*((f, ITEM_S) for f in ITEMS), (BED, BED_S), (ALERT, ALERT_S)]:
        files[freq] = folder / f"tone-{freq}.wav"
        generate_tone(files[freq], seconds=seconds, freq=freq, sample_rate=24000, volume_db=-12)
    return files


def child_ffmpeg(url: str, start: float, folder: Path) -> None:
    """The ffmpeg feeder process: play the programme from `start`, take preempts from stdin."""
    from audio.pcm_stream import Encoder, icecast_args
    from broadcast.stream import Airing, StationFeeder

    files = {int(p.stem.split("-")[1]): p for p in folder.glob("tone-*.wav")}
    at = datetime.fromtimestamp(start, UTC)
    airings = []
    for n, freq in enumerate((*ITEMS, BED)):
        seconds = BED_S if freq == BED else ITEM_S
        airings.append(Airing(f"t{n}", at, files[freq], seconds, str(freq)))
        at += timedelta(seconds=seconds)
    before = os.times()
    feeder = StationFeeder(1, [Encoder("icecast", icecast_args(url))])
    feeder.set_airings(airings)
    feeder.start()
    print("ready", flush=True)
    for line in sys.stdin:
        if line.startswith("preempt"):
            feeder.preempt(files[ALERT], resume=True)
        elif line.startswith("stop"):
            break
    feeder.stop()
    after = os.times()
    cpu = sum(after[:4]) - sum(before[:4])  # self + reaped children (encoder, decoders)
    print(json.dumps({"cpu_s": cpu}), flush=True)


def run_ffmpeg(ice: LocalIcecast, files: dict[int, Path], folder: Path) -> dict[str, float]:
    """The ffmpeg feeder against the server."""
    url = f"http://source:{ice.password}@127.0.0.1:{ice.port}/ff.mp3"
    start = time.time() + 3.0
    args = [sys.executable, __file__, "--child", url, str(start), str(folder)]
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdout.readline()
    time.sleep(1.0)
    listener = Listener(f"{ice.url}/ff.mp3")

    def preempt() -> None:
        proc.stdin.write("preempt\n")  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]

    requests = play(start, preempt)
    proc.stdin.write("stop\n")
    proc.stdin.flush()
    cpu = json.loads(proc.stdout.readline())["cpu_s"]
    proc.wait()
    listener.stop()
    return figures(listener, requests, cpu, time.time() - start + 3.0)


def play(start: float, preempt: object) -> list[float]:
    """Wait through the programme, asking for the alerts at their times; the request times."""
    requests = []
    for offset in PREEMPTS_AT:
        at = start + len(ITEMS) * ITEM_S + offset
        time.sleep(max(0.0, at - time.time()))
        requests.append(time.time())
        preempt()  # type: ignore[operator]
    time.sleep(max(0.0, start + len(ITEMS) * ITEM_S + BED_S + 3 * ALERT_S + 1 - time.time()))
    return requests


def figures(listener: Listener, requests: list[float], cpu: float, wall: float) -> dict[str, float]:
    """The figures of one feeder."""
    gaps, switches = analyse(listener.blocks(), requests)
    return {
        "cpu_s_per_min": cpu / wall * 60,
        "gap_ms_max": max(gaps),
        "switch_ms_median": statistics.median(switches),
        "switch_ms_max": max(switches),
    }


def run_liquidsoap(ice: LocalIcecast, files: dict[int, Path], folder: Path) -> dict[str, float]:
    """Liquidsoap (request queues + fallback) against the server."""
    telnet = free_port()
    script = folder / "feed.liq"
    script.write_text(LIQ.format(telnet=telnet, port=ice.port, password=ice.password))
    proc = subprocess.Popen(["/usr/bin/liquidsoap", str(script)], stdout=subprocess.DEVNULL)
    deadline = time.time() + 20
    while True:
        try:
            conn = socket.create_connection(("127.0.0.1", telnet), timeout=5)
            break
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.1)
    time.sleep(1.0)
    listener = Listener(f"{ice.url}/ls.mp3")
    start = time.time() + 2.0
    time.sleep(start - time.time())
    cpu0 = cpu_of(proc.pid)

    def command(text: str) -> None:
        conn.sendall(text.encode() + b"\n")
        conn.recv(4096)

    for freq in (*ITEMS, BED):
        command(f"main.push {files[freq]}")
    requests = play(start, lambda: command(f"alert.push {files[ALERT]}"))
    cpu = cpu_of(proc.pid) - cpu0
    wall = time.time() - start
    conn.close()
    proc.terminate()
    proc.wait(timeout=10)
    listener.stop()
    return figures(listener, requests, cpu, wall)


def main() -> None:
    """Run both feeders and print the table and the figures line."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = make_items(folder)
        with LocalIcecast(folder / "ice", password="bench-source") as ice:
            results = {
                "ffmpeg": run_ffmpeg(ice, files, folder),
                "liquidsoap": run_liquidsoap(ice, files, folder),
            }
    print(f"{'feeder':<11} {'cpu s/min':>9} {'gap ms max':>10} {'switch ms med':>13} {'max':>6}")
    for name, r in results.items():
        print(
            f"{name:<11} {r['cpu_s_per_min']:>9.2f} {r['gap_ms_max']:>10.0f} "
            f"{r['switch_ms_median']:>13.0f} {r['switch_ms_max']:>6.0f}"
        )
    print(
        " ".join(
            f"{name}_{key}={value:.2f}" for name, r in results.items() for key, value in r.items()
        )
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_ffmpeg(sys.argv[2], float(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
