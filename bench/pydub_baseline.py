"""Benchmark: why Loa drives ffmpeg itself instead of pydub — one session, both ways.

The script generates N items (default 30 × 60 s, 44.1 kHz stereo WAV: tones and pink noise),
then builds one MP3 session (128 kbit/s mono, 1 s between items) in two fresh processes:

  pydub  AudioSegment.from_file for every item, items and gaps joined with ``+``, export to
         MP3 (what the original specification's pydub would do; no loudness processing, since
         pydub only has peak normalisation)
  loa    audio.render.render_session, cold cache: every item through the horn chain to the
         loudness target with its true-peak ceiling, encoded once, joined without re-encoding

Each process reports its wall time and its peak RSS (Python + its ffmpeg children).
Ends with: time_ratio=<loa/pydub> rss_ratio=<loa/pydub>

pydub is not a dependency of Loa: install it into the venv to run this bench
(``.venv/bin/pip install pydub``; on Python 3.13 also ``audioop-lts``, since pydub needs the
``audioop`` module that 3.13 removed).

Usage: .venv/bin/python bench/pydub_baseline.py [--items 30] [--seconds 60]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audio._ffmpeg_gen import generate_noise, generate_tone  # noqa: E402


def _peak_rss_mb() -> float:
    """Peak RSS of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + child) / 1024


def _pydub(items: list[Path], out: Path, answer: mp.Queue) -> None:
    from pydub import AudioSegment  # type: ignore[import-not-found]

    from audio._ffmpeg import file_arg, run_ffmpeg

    start = time.perf_counter()
    gap = AudioSegment.silent(duration=1000, frame_rate=44100)
    session = AudioSegment.empty()
    for number, path in enumerate(items):
        if number:
            session += gap
        session += AudioSegment.from_file(path)
    # pydub's MP3 export writes a WAV and runs an ``ffmpeg`` it finds on PATH; there is none
    # here (Loa ships its own), so the same two steps run with Loa's ffmpeg.
    wav = out.with_suffix(".wav")
    session.set_channels(1).export(wav, format="wav")
    run_ffmpeg(["-y", "-i", file_arg(wav), "-c:a", "libmp3lame", "-b:a", "128k", file_arg(out)])
    answer.put((time.perf_counter() - start, _peak_rss_mb()))


def _loa(items: list[Path], out: Path, work: Path, answer: mp.Queue) -> None:
    from audio.playlist import AudioItem
    from audio.profiles import OutputProfile
    from audio.render import render_session

    start = time.perf_counter()
    playlist = [AudioItem(path, path.stem, path.stem) for path in items]
    profile = OutputProfile.parse("mp3-128k-mono-44100")
    render_session(playlist, out, work_dir=work, profile=profile, gap_s=1.0)
    answer.put((time.perf_counter() - start, _peak_rss_mb()))


def _run(target: object, *args: object) -> tuple[float, float]:
    """Run target(*args, queue) in a fresh interpreter; its (seconds, peak RSS MB)."""
    context = mp.get_context("spawn")
    answer: mp.Queue = context.Queue()
    process = context.Process(target=target, args=(*args, answer))
    process.start()
    result = answer.get(timeout=3600)
    process.join()
    return result


def _inputs(folder: Path, count: int, seconds: float) -> list[Path]:
    items = []
    for n in range(count):
        path = folder / f"item-{n:03d}.wav"
        if n % 2:
            generate_noise(path, seconds=seconds, sample_rate=44100, channels=2)
        else:
            generate_tone(path, seconds=seconds, freq=220.0 + 20 * n, channels=2)
        items.append(path)
    return items


def main() -> None:
    """Generate the items, build the session both ways, print the figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    try:
        import pydub  # type: ignore[import-not-found]  # noqa: F401
    except ImportError as exc:
        raise SystemExit(f"pydub is needed for this bench ({exc}): see the docstring") from exc
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        items = _inputs(folder, args.items, args.seconds)
        minutes = args.items * args.seconds / 60
        print(f"{args.items} items, {minutes:.0f} min of 44.1 kHz stereo WAV → one MP3 session")
        pydub_s, pydub_mb = _run(_pydub, items, folder / "pydub.mp3")
        loa_s, loa_mb = _run(_loa, items, folder / "loa.mp3", folder / "work")
    print(f"pydub  {pydub_s:7.1f} s  peak RSS {pydub_mb:7.0f} MB  (no loudness processing)")
    print(f"loa    {loa_s:7.1f} s  peak RSS {loa_mb:7.0f} MB  (chain, LUFS target, true peak)")
    print(f"time_ratio={loa_s / pydub_s:.2f} rss_ratio={loa_mb / pydub_mb:.2f}")


if __name__ == "__main__":
    main()
