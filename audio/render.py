"""Render a broadcast session: process every item (in parallel, cached), then one session file.

Items are processed by ``audio._items`` in a thread pool (one ffmpeg at a time per worker,
one worker pinned to each usable core): the chain measurement (stored, see
``measure_item``), then one run per item encoding the output profile, cached by content
hash. The session is then, by preference, *joined* from the cached MP3 items without
re-encoding (``audio.mp3join``; checked at every seam and by duration); when that is not
possible (crossfades, Opus/WAV profiles, a gap shorter than the encoder delay, an item that
cannot be joined) it is *streamed* through one encoder (``audio._stream``). Either way
memory stays flat and the file is written to a temp name, then os.replace'd.

Loudness of a joined session is combined from its items' values (energy-weighted by
duration; silence is gated out in BS.1770, so gaps do not count; within ~0.3 LU of a meter
run on the file, rounded to 0.1 like ebur128). An item's values are measured on what it
encoded or, far from the ceiling, are its PCM's exact ones (see ``audio.chain``). A streamed
session is measured on the encoded stream. Item start times of a joined session are exact to
half an MP3 frame (13 ms at 44.1 kHz).
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from audio._items import (
    Processed,
    measure_for_render,
    process_item,
    sweep_stale_parts,
    temp_beside,
)
from audio._measure import ChainMeasurement
from audio._stream import ENCODE_SHARE, raise_first_failure, result, stream_session
from audio.errors import AudioRejected
from audio.loudness import LoudnessTarget
from audio.mp3frames import NotJoinable
from audio.mp3join import JoinPart, join_mp3, silence_frame, verify_joined
from audio.playlist import AudioItem
from audio.presets import HORN, ProcessingPreset
from audio.profiles import DEFAULT_PROFILE, OutputProfile

__all__ = [
    "ChainMeasurement",
    "DEFAULT_PROFILE",
    "DEFAULT_TARGET",
    "OutputProfile",
    "AudioItem",
    "RenderedItem",
    "RenderedSession",
    "measure_item",
    "render_session",
]

ProgressFn = Callable[[float, str], None]
DEFAULT_TARGET: Final = LoudnessTarget()


@dataclass(frozen=True)
class RenderedItem:
    """A processed item: its encoded file (in the cache) and the loudness measured on it."""

    ref: str
    title: str
    path: Path
    duration_s: float
    integrated_lufs: float
    true_peak_dbtp: float
    cached: bool = False
    loudness_range_lu: float = 0.0


@dataclass(frozen=True)
class RenderedSession:
    """The session file, its measurements, its items and each item's start time in it."""

    path: Path
    duration_s: float
    integrated_lufs: float
    true_peak_dbtp: float
    items: tuple[RenderedItem, ...]
    offsets_s: tuple[float, ...]
    profile: OutputProfile = DEFAULT_PROFILE
    joined: bool = False


def _combined_loudness(done: Sequence[Processed], rate: int) -> tuple[float, float]:
    """Integrated loudness and true peak of the items played one after another."""
    energy = seconds = 0.0
    for item in done:
        if math.isfinite(item.loudness.integrated_lufs):
            duration = item.frames / rate
            energy += duration * 10 ** (item.loudness.integrated_lufs / 10)
            seconds += duration
    lufs = round(10 * math.log10(energy / seconds), 1) if seconds and energy else -math.inf
    return lufs, max(item.loudness.true_peak_dbtp for item in done)


def _try_join(
    items: Sequence[AudioItem],
    done: Sequence[Processed],
    tmp: Path,
    profile: OutputProfile,
    gap_s: float,
    work_dir: Path,
) -> tuple[float, tuple[float, ...]] | None:
    """Join the cached MP3s into ``tmp``; None when the session needs a full render."""
    if not profile.joinable or any(item.crossfade_s for item in items):
        return None
    if any(p.scan is None for p in done):
        return None
    parts = [
        JoinPart(p.encoded, p.scan, item.gap(gap_s) if i else 0.0)
        for i, (item, p) in enumerate(zip(items, done, strict=True))
        if p.scan is not None
    ]
    expected = sum(p.frames for p in done) / profile.sample_rate
    expected += sum(item.gap(gap_s) for item in items[1:])
    try:
        joined = join_mp3(parts, tmp, silence_frame(profile, work_dir / "silence"))
        verify_joined(joined, expected)
    except NotJoinable:
        return None
    return joined.duration_s, joined.offsets_s


def _rendered_items(
    items: Sequence[AudioItem], done: Sequence[Processed], rate: int
) -> tuple[RenderedItem, ...]:
    return tuple(
        RenderedItem(
            ref=item.ref,
            title=item.title,
            path=p.encoded,
            duration_s=p.frames / rate,
            integrated_lufs=p.loudness.integrated_lufs,
            true_peak_dbtp=p.loudness.true_peak_dbtp,
            cached=p.cached,
            loudness_range_lu=p.loudness.loudness_range_lu,
        )
        for item, p in zip(items, done, strict=True)
    )


def _wait_all(
    items: Sequence[AudioItem], futures: Sequence[Future[Processed]], report: ProgressFn
) -> list[Processed]:
    done: list[Processed] = []
    for i, (item, future) in enumerate(zip(items, futures, strict=True)):
        report(ENCODE_SHARE * i / len(items), f"Đang chuẩn hoá mục {i + 1}/{len(items)}")
        raise_first_failure(items[i:], futures[i:])
        done.append(result(item, future))
    return done


def render_session(
    items: Sequence[AudioItem],
    out_path: Path,
    *,
    work_dir: Path,
    target: LoudnessTarget | None = None,
    preset: ProcessingPreset = HORN,
    profile: OutputProfile = DEFAULT_PROFILE,
    gap_s: float = 1.0,
    progress: ProgressFn | None = None,
    max_workers: int | None = None,
) -> RenderedSession:
    """Process ``items`` (cached in work_dir) and join or encode them into one session file.

    ``max_workers``: items processed at once; None: one per usable core, each thread (and the
    ffmpeg it runs) held to its core; a number: that many, left to the system's scheduler.
    """
    if not items:
        raise AudioRejected("empty", "the session has no items")
    if gap_s < 0:
        raise ValueError(f"gap_s must be >= 0, got {gap_s}")
    if target is not None:
        preset = preset.with_target(target)
    report = progress or (lambda fraction, message: None)
    (work_dir / "items").mkdir(parents=True, exist_ok=True)
    sweep_stale_parts(work_dir / "items")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    cpus = sorted(os.sched_getaffinity(0))
    workers = max_workers or min(len(items), len(cpus))
    pinner = _pinner(cpus) if max_workers is None else None  # a given size shares the machine
    cancel = threading.Event()
    tmp = temp_beside(out_path)
    pool = ThreadPoolExecutor(
        max_workers=workers, thread_name_prefix="render-item", initializer=pinner
    )
    try:
        joinable = profile.joinable and not any(item.crossfade_s for item in items)
        submit = functools.partial(_submit, pool, items, work_dir, preset, profile, cancel)
        futures = submit(not joinable)
        rate = profile.sample_rate
        joined = None
        if joinable:
            done = _wait_all(items, futures, report)
            report(ENCODE_SHARE, "Đang ghép các mục đã mã hoá")
            joined = _try_join(items, done, tmp, profile, gap_s, work_dir)
            if joined is None:  # streamed after all: the items' PCM is needed
                futures = submit(True)
        if joined is not None:
            duration, offsets = joined
            lufs, peak = _combined_loudness(done, rate)
        else:
            streamed = stream_session(items, futures, tmp, profile, gap_s, report)
            done, offsets = streamed.processed, tuple(streamed.offsets_s)
            duration = streamed.frames / rate
            lufs, peak = streamed.loudness.integrated_lufs, streamed.loudness.true_peak_dbtp
        os.replace(tmp, out_path)
    finally:
        cancel.set()
        pool.shutdown(wait=True, cancel_futures=True)
        tmp.unlink(missing_ok=True)
    report(1.0, "Hoàn tất")
    return RenderedSession(
        path=out_path,
        duration_s=duration,
        integrated_lufs=lufs,
        true_peak_dbtp=peak,
        items=_rendered_items(items, done, rate),
        offsets_s=offsets,
        profile=profile,
        joined=joined is not None,
    )


def _pinner(cpus: Sequence[int]) -> Callable[[], None]:
    """Pool initializer pinning each worker thread, and the ffmpeg runs it starts, to one CPU.

    An ffmpeg run hands every frame between its threads (demuxer, decoder, filters, encoder,
    muxer); on one core that is a plain switch, across cores a wake-up interrupt each time.
    Measured here (bench/render.py items, 2 cores): 10 % less wall time, a third less system
    time, than the same runs free to move.
    """
    turn = itertools.count()
    lock = threading.Lock()

    def pin() -> None:
        with lock:
            cpu = cpus[next(turn) % len(cpus)]
        os.sched_setaffinity(0, {cpu})  # this thread only; children inherit it

    return pin


def measure_item(
    item: AudioItem,
    work_dir: Path,
    preset: ProcessingPreset = HORN,
    profile: OutputProfile = DEFAULT_PROFILE,
) -> ChainMeasurement:
    """Measure an item through the preset's chain now (e.g. at import) and store the result.

    A later render of the same audio, preset and output rate reads it instead of measuring:
    each item's cold render is then one ffmpeg run.
    """
    return measure_for_render(item, work_dir, preset, profile)


def _submit(
    pool: ThreadPoolExecutor,
    items: Sequence[AudioItem],
    work_dir: Path,
    preset: ProcessingPreset,
    profile: OutputProfile,
    cancel: threading.Event,
    need_wav: bool,
) -> list[Future[Processed]]:
    """One processing job per distinct item; the futures in playlist order."""
    unique: dict[AudioItem, Future[Processed]] = {}
    for item in items:
        spec = _spec(item)
        if spec not in unique:
            args = (item, work_dir, preset, profile, cancel, need_wav)
            unique[spec] = pool.submit(process_item, *args)
    return [unique[_spec(item)] for item in items]


def _spec(item: AudioItem) -> AudioItem:
    """Items that process identically (same source and processing) share one job."""
    return replace(item, title="", ref="", gap_before_s=None, crossfade_s=0.0, topic=None)
