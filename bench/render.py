"""Benchmark: a 60-minute session of 120 mixed items — cold render and cached assembly vs the floor.

The script generates its inputs (120 unique items of 30 s: pink noise, tones and offline speech
from espeak-ng, at 16/22.05/24/44.1/48 kHz, mono and stereo, as WAV, FLAC and MP3), then runs,
each phase in a fresh process whose tree (Python + every ffmpeg child) is sampled from /proc
every 20 ms for peak RSS:

  baseline  ONE ffmpeg: decode all 120 inputs, concat filter, MP3 128 kbit/s mono (the floor)
  import    measure_item for every item on both cores, as an upload's import does: each
            source through the horn chain, measured and stored (loudness, true peak, trim)
  cold      render_session with the measurements stored and nothing else cached: one ffmpeg
            run per item on both cores (chain, gain, limiter when needed, encode; items near
            the ceiling also measured as encoded), the session joined from the encoded items
  cached    render_session again: every item cached, the session joined without re-encoding

baseline and cold run --repeat times, alternating (the items' cache is emptied before each
cold run, the stored measurements are kept); ratios use the medians. Wall times of
import/cold/cached are those of the work itself (measured in the child); "process s" adds the
child's start-up; "CPU s" is user + system time of the whole tree; "ffmpeg runs" counts the
work's ffmpeg processes. "import + cold" is what an item never measured before costs.
Ends with: cold_ratio=<x> cached_ratio=<y> peak_rss_mb=<z>   (median ratios against the baseline)

Every ffmpeg (the baseline's too) is started by audio._ffmpeg; this script only starts the
Python child of each phase itself.

Usage: .venv/bin/python bench/render.py [--items 120] [--seconds 30] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audio import _ffmpeg  # noqa: E402
from audio._ffmpeg_gen import generate_noise, generate_tone  # noqa: E402

RATES = (16000, 22050, 24000, 44100, 48000)
SUFFIXES = (".wav", ".flac", ".mp3")
TEXT = (
    "Ủy ban nhân dân phường thông báo lịch tiêm chủng mở rộng cho trẻ em dưới năm tuổi. "
    "Đề nghị các gia đình đưa trẻ đến trạm y tế phường vào sáng thứ bảy và chủ nhật. "
)


def _speech(folder: Path) -> Path | None:
    """One espeak-ng speech WAV to derive speech items from (None if the engine is missing)."""
    try:
        from audio.tts import get_engine, get_voice

        result = get_engine("espeak").synthesize(TEXT * 6, get_voice("vi"))
        path = folder / "speech-master.wav"
        path.write_bytes(result.wav)
        _ffmpeg.probe(path)
        return path
    except Exception as exc:  # the bench still runs with noise and tones only
        print(f"(no espeak speech: {exc})")
        return None


def generate(folder: Path, count: int, seconds: float) -> list[Path]:
    """Write ``count`` unique items of ``seconds`` each, mixed kinds, rates and formats."""
    folder.mkdir(parents=True, exist_ok=True)
    speech = _speech(folder)
    paths = []
    for i in range(count):
        rate, channels = RATES[i % len(RATES)], 1 + (i % 4 == 3)
        path = folder / f"item-{i:03d}{SUFFIXES[i % len(SUFFIXES)]}"
        kind = i % 3
        if kind == 0 and speech is not None:
            layout = "stereo" if channels == 2 else "mono"
            graph = (
                f"[0:a]aloop=loop=-1:size=2e9,atrim=0:{seconds},asetpts=N/SR/TB,"
                f"volume={-(i % 7) * 2}dB,aresample={rate},"
                f"aformat=channel_layouts={layout},adelay={i * 7}:all=1,atrim=0:{seconds}[out]"
            )
            args = ["-i", _ffmpeg.file_arg(speech), "-filter_complex", graph, "-map", "[out]"]
            _ffmpeg.run_ffmpeg([*args, "-y", _ffmpeg.file_arg(path)])
        elif kind == 1:
            level = -8.0 - (i % 5) * 4
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
                freq=200.0 + 13 * i,
                sample_rate=rate,
                channels=channels,
                volume_db=-6.0 - (i % 6) * 3,
            )
        paths.append(path)
    return paths


def _tree_rss_kb(pid: int) -> int:
    """RSS (kB) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def run_measured(
    start_process: Callable[[], subprocess.Popen[bytes]],
) -> tuple[float, float, str, float]:
    """Start a process (stdout and stderr piped) and wait for it.

    Returns (wall seconds, peak tree RSS in MB, stdout, CPU seconds of its tree).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = start_process()
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        head = cast(list[str], proc.args)[:3]  # every caller starts a list of str
        raise SystemExit(f"{head} failed:\n{err.decode(errors='replace')[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, peak / 1024, out.decode(), cpu


def baseline_args(paths: list[Path], out: Path) -> list[str]:
    """The floor: one ffmpeg decoding every input, concat filter, MP3 128 kbit/s mono."""
    args = ["-v", "error"]  # start_ffmpeg puts -hide_banner -nostdin before these
    conform = _ffmpeg.conform_filter(44100, 1)
    graph = [f"[{i}:a]{conform}[a{i}]" for i in range(len(paths))]
    joined = "".join(f"[a{i}]" for i in range(len(paths)))
    graph.append(f"{joined}concat=n={len(paths)}:v=0:a=1[out]")
    for path in paths:
        args += ["-i", _ffmpeg.file_arg(path)]
    args += ["-filter_complex", ";".join(graph), "-map", "[out]"]
    return [*args, "-c:a", "libmp3lame", "-b:a", "128k", "-ac", "1", "-y", str(out)]


def start_baseline(paths: list[Path], out: Path) -> Callable[[], subprocess.Popen[bytes]]:
    """What starts the baseline ffmpeg (stdin inherited, stdout and stderr piped)."""
    args = baseline_args(paths, out)
    return lambda: _ffmpeg.start_ffmpeg(args, stdin=None, stdout=_ffmpeg.PIPE, stderr=_ffmpeg.PIPE)


CHILD = """
import json, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
sys.path.insert(0, {root!r})
from audio import _ffmpeg
from audio.render import AudioItem, measure_item, render_session
runs = []
spawn = _ffmpeg._spawn
_ffmpeg._spawn = lambda args, *rest: runs.append(1) or spawn(args, *rest)  # count ffmpeg runs
paths = [Path(p) for p in {paths!r}]
items = [AudioItem(p, p.stem, p.stem) for p in paths]
work = Path({work!r})
start = time.perf_counter()
if {measure_only!r}:
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda item: measure_item(item, work), items))
    print(json.dumps({{"wall": time.perf_counter() - start, "runs": len(runs)}}))
    raise SystemExit
s = render_session(items, Path({out!r}), work_dir=work, gap_s=1.0)
wall = time.perf_counter() - start
print(json.dumps({{"wall": wall, "duration": s.duration_s, "joined": s.joined,
                  "lufs": s.integrated_lufs, "cached": sum(i.cached for i in s.items),
                  "runs": len(runs)}}))
"""


def run_child(
    paths: list[Path], out: Path, work: Path, measure_only: bool = False
) -> tuple[dict[str, float], float, float, float]:
    """A phase in a child; returns (its report, process wall s, peak RSS MB, CPU s)."""
    code = CHILD.format(
        root=str(ROOT),
        paths=[str(p) for p in paths],
        out=str(out),
        work=str(work),
        measure_only=measure_only,
    )
    cmd = [sys.executable, "-c", code]
    wall, rss, stdout, cpu = run_measured(
        lambda: subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    )
    return json.loads(stdout.strip().splitlines()[-1]), wall, rss, cpu


def _row(name: str, wall: float, proc_s: float, cpu: float, rss: float, notes: str) -> None:
    print(f"{name:<14}{wall:>9.2f}{proc_s:>11.2f}{cpu:>8.1f}{rss:>13.0f}  {notes}")


def main() -> None:
    """Generate, run the phases, print the table and the final ratio line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=120)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--repeat", type=int, default=3, help="baseline/cold pairs")
    parser.add_argument("--keep", type=Path, default=None, help="work folder to keep")
    opts = parser.parse_args()
    root = opts.keep or Path(tempfile.mkdtemp(prefix="loa-bench-render-"))
    try:
        t0 = time.perf_counter()
        paths = generate(root / "src", opts.items, opts.seconds)
        print(
            f"generated {len(paths)} items ({opts.items * opts.seconds / 60:.0f} min) "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        work = root / "work"
        shutil.rmtree(work, ignore_errors=True)
        imp, imp_proc, imp_rss, imp_cpu = run_child(paths, root / "x.mp3", work, True)
        bases, colds = [], []
        for _ in range(opts.repeat):
            bases.append(run_measured(start_baseline(paths, root / "baseline.mp3")))
            shutil.rmtree(work / "items", ignore_errors=True)
            colds.append(run_child(paths, root / "cold.mp3", work))
        cached, cached_proc, cached_rss, cached_cpu = run_child(paths, root / "cached.mp3", work)
        base_dur = _ffmpeg.probe(root / "baseline.mp3").duration_s
        print(f"load average at the end: {os.getloadavg()[0]:.1f} (2 cores)")
        print(f"{'phase':<14}{'wall s':>9}{'process s':>11}{'CPU s':>8}{'peak RSS MB':>13}  notes")
        for i, ((b_wall, b_rss, _, b_cpu), (cold, c_proc, c_rss, c_cpu)) in enumerate(
            zip(bases, colds, strict=True), 1
        ):
            note = f"{base_dur / 60:.1f} min, no gaps, no processing"
            _row(f"baseline #{i}", b_wall, b_wall, b_cpu, b_rss, note)
            note = (
                f"{cold['duration'] / 60:.1f} min, joined={cold['joined']}, {cold['lufs']} LUFS, "
                f"{cold['runs']} ffmpeg runs, ratio {cold['wall'] / b_wall:.3f}"
            )
            _row(f"cold #{i}", cold["wall"], c_proc, c_cpu, c_rss, note)
        _row("import", imp["wall"], imp_proc, imp_cpu, imp_rss, f"{imp['runs']} ffmpeg runs")
        note = f"{cached['cached']} items cached, {cached['runs']} ffmpeg runs"
        _row("cached", cached["wall"], cached_proc, cached_cpu, cached_rss, note)
        base_wall = statistics.median(b[0] for b in bases)
        cold_wall = statistics.median(c[0]["wall"] for c in colds)
        print(
            f"medians: baseline {base_wall:.2f} s, cold {cold_wall:.2f} s; "
            f"import + cold {(imp['wall'] + cold_wall) / base_wall:.3f} x baseline"
        )
        peak = max([imp_rss, cached_rss, *(c[2] for c in colds)])
        print(
            f"cold_ratio={cold_wall / base_wall:.3f} "
            f"cached_ratio={cached['wall'] / base_wall:.4f} peak_rss_mb={peak:.0f}"
        )
    finally:
        if opts.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
