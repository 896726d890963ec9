"""Benchmark: render a ~15 min session of 10 mixed items cold, then cached, against a baseline.

Baseline: ONE ffmpeg process that concatenates the same inputs with the concat filter and
encodes a 128 kbit/s MP3 (no loudness work, no gaps): the floor of any export.

Each phase runs in a fresh Python process so its figures are its own:
  wall      wall-clock seconds
  cpu       user + system seconds of the process and its ffmpeg children
  rss       peak RSS of the Python process (getrusage self)
  child     peak RSS of the largest ffmpeg child (getrusage children)
  total     peak of (Python + all live ffmpeg children) RSS, sampled every 20 ms from /proc

Usage: .venv/bin/python bench/export_session.py [--minutes 15] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from audio._ffmpeg import conform_filter, generate_noise, generate_tone, run_ffmpeg
from audio.loudness import measure_loudness
from audio.render import ProgrammeItem, render_session

TEXT = (
    "Ủy ban nhân dân phường thông báo lịch tiêm chủng mở rộng cho trẻ em dưới năm tuổi. "
    "Đề nghị các gia đình đưa trẻ đến trạm y tế phường vào sáng thứ bảy và chủ nhật tuần này, "
    "mang theo sổ tiêm chủng. Bà con lưu ý giữ gìn vệ sinh, phòng chống dịch bệnh mùa mưa. "
)
# (name, kind, sample rate, channels, level dB) — kind "speech" falls back to shaped noise
SOURCES = [
    ("01-speech.wav", "speech", 22050, 1, 0.0),
    ("02-speech.mp3", "speech", 44100, 2, 0.0),
    ("03-bed.wav", "noise", 48000, 2, -14.0),
    ("04-speech.wav", "speech", 16000, 1, -8.0),
    ("05-tone.flac", "tone", 44100, 1, -20.0),
    ("06-speech.flac", "speech", 48000, 1, 0.0),
    ("07-bed.mp3", "noise", 44100, 2, -6.0),
    ("08-speech.wav", "speech", 22050, 1, -12.0),
    ("09-speech.mp3", "speech", 24000, 1, 0.0),
    ("10-tone.wav", "tone", 32000, 2, -9.0),
]


def _speech_wav(path: Path, seconds: float) -> bool:
    """Vietnamese speech from espeak-ng (via audio.tts) trimmed to ``seconds``; False if absent."""
    try:
        from audio.tts import get_engine, get_voice

        speech = get_engine("espeak").synthesize(TEXT * 12, get_voice("vi"))
    except Exception:
        return False
    raw = path.with_suffix(".raw.wav")
    raw.write_bytes(speech.wav)
    loop = ["-stream_loop", "-1", "-i", str(raw), "-t", f"{seconds}", "-y", str(path)]
    run_ffmpeg(loop)
    raw.unlink()
    return True


def make_sources(folder: Path, seconds: float) -> list[ProgrammeItem]:
    """Write the benchmark inputs (not timed)."""
    speech = folder / "speech-master.wav"
    have_speech = _speech_wav(speech, seconds)
    if not have_speech:  # syllable-like bursts of pink noise
        generate_noise(speech, seconds=seconds, sample_rate=22050, color="pink", volume_db=-6.0)
    items = []
    for i, (name, kind, rate, channels, level) in enumerate(SOURCES):
        path = folder / name
        if kind == "speech":
            chain = f"{conform_filter(rate, channels)},volume={level}dB"
            run_ffmpeg(["-i", str(speech), "-af", chain, "-y", str(path)])
        elif kind == "noise":
            generate_noise(
                path,
                seconds=seconds,
                sample_rate=rate,
                channels=channels,
                volume_db=level,
                color="pink",
                seed=i,
            )
        else:
            generate_tone(
                path,
                seconds=seconds,
                sample_rate=rate,
                channels=channels,
                volume_db=level,
                freq=220.0 * (1 + i % 4),
            )
        items.append(ProgrammeItem(path, f"Mục {i + 1}: {kind}", f"item-{i + 1}"))
    print(f"sources: {len(items)} items x {seconds:.0f} s, speech from espeak-ng: {have_speech}")
    return items


def baseline(items: list[ProgrammeItem], out: Path) -> None:
    """Concat filter + MP3 128k in one ffmpeg process."""
    inputs = [arg for item in items for arg in ("-i", str(item.source))]
    conform = conform_filter(44100, 1)
    parts = [f"[{i}:a]{conform}[a{i}]" for i in range(len(items))]
    labels = "".join(f"[a{i}]" for i in range(len(items)))
    graph = ";".join([*parts, f"{labels}concat=n={len(items)}:v=0:a=1[out]"])
    run_ffmpeg([*inputs, "-filter_complex", graph, "-map", "[out]", "-b:a", "128k", "-y", str(out)])


class RssSampler(threading.Thread):
    """Samples the RSS of this process plus its live children every 20 ms."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.stop = threading.Event()

    @staticmethod
    def _rss_kb(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.02):
            children = Path(f"/proc/{me}/task/{me}/children").read_text().split()
            total = self._rss_kb(me) + sum(self._rss_kb(int(pid)) for pid in children)
            self.peak_kb = max(self.peak_kb, total)


def run_phase(phase: str, src: Path, work: Path) -> dict[str, float]:
    """One measured phase, in this (fresh) process."""
    items = [ProgrammeItem(src / name, name, name) for name, *_ in SOURCES]
    sampler = RssSampler()
    sampler.start()
    start = time.perf_counter()
    out = work / f"{phase}.mp3"
    if phase == "cold":
        shutil.rmtree(work / "cache", ignore_errors=True)
    if phase == "baseline":
        baseline(items, out)
    else:
        render_session(items, out, work_dir=work / "cache")
    wall = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    loud = measure_loudness(out)
    return {
        "wall": wall,
        "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "rss": me.ru_maxrss / 1024,
        "child": kids.ru_maxrss / 1024,
        "total": sampler.peak_kb / 1024,
        "lufs": loud.integrated_lufs,
        "tp": loud.true_peak_dbtp,
    }


def _spawn_phase(phase: str, src: Path, work: Path) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--phase", phase, "--src", str(src), "--work", str(work)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> None:
    """Set up sources, run baseline / cold / cached in child processes, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--minutes", type=float, default=15.0)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--src", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.src, args.work)))
        return
    root = args.keep or Path(tempfile.mkdtemp(prefix="loa-bench-"))
    cleanup: Callable[[], None] = (lambda: None) if args.keep else (lambda: shutil.rmtree(root))
    try:
        (root / "src").mkdir(parents=True, exist_ok=True)
        make_sources(root / "src", args.minutes * 60 / len(SOURCES))
        print(f"cpus: {os.cpu_count()}, ffmpeg from imageio-ffmpeg")
        results = {phase: _spawn_phase(phase, root / "src", root) for phase in PHASES}
        _print_table(results)
    finally:
        cleanup()


PHASES = ("baseline", "cold", "cached")


def _print_table(results: dict[str, dict[str, float]]) -> None:
    base = results["baseline"]["wall"]
    print(
        f"{'phase':<9}{'wall s':>8}{'ratio':>7}{'cpu s':>8}{'rss MB':>8}"
        f"{'child MB':>10}{'total MB':>10}{'LUFS':>7}{'dBTP':>7}"
    )
    for phase, r in results.items():
        print(
            f"{phase:<9}{r['wall']:>8.2f}{r['wall'] / base:>7.2f}{r['cpu']:>8.2f}{r['rss']:>8.0f}"
            f"{r['child']:>10.0f}{r['total']:>10.0f}{r['lufs']:>7.1f}{r['tp']:>7.1f}"
        )


if __name__ == "__main__":
    main()
