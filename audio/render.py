"""Render a broadcast session: normalise every item to a loudness target, then one session MP3.

Per item (in a thread pool, one ffmpeg process at a time per worker), ``normalise_file`` of
``audio.loudness``: measure, gain, oversampled limiter, re-measure and correct, then the item
MP3 is encoded and measured (the values reported are those of the MP3 that ships). Items are
cached in ``work_dir/items/<key>.{wav,mp3,json}``; the key hashes the source bytes,
the target, the profile and PROCESSING_VERSION. ``RenderedItem.cached`` says what was re-used.

The session MP3 is encoded by ONE ffmpeg process fed raw s16le PCM on stdin, item by item as
each becomes ready (gaps are written as zeros), so memory stays flat; a second ffmpeg measures
the MP3 stream as it is produced. The file is written to a temp name beside ``out_mp3`` and
moved into place with os.replace once encoded and measured.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
import wave
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from audio import _ffmpeg
from audio.errors import AudioError, AudioRejected
from audio.importing import sha256_file
from audio.loudness import LoudnessTarget, normalise_file

PROCESSING_VERSION: Final = 3  # bump when processing changes: cached items are then redone
# LAME CBR at 128k measured here: tones -0.4 LU, espeak speech -0.5, pink noise -0.1 to -0.2
# (its quantiser rounds magnitudes down). A prior only: the first encoded pass is measured.
_MP3_LOUDNESS_OFFSET_LU: Final = -0.3
_CHUNK_SECONDS: Final = 10
_STALE_PART_S: Final = 6 * 3600
_ENCODE_SHARE: Final = 0.98  # fraction of progress given to items + encoding; the rest: finishing

ProgressFn = Callable[[float, str], None]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutputProfile:
    """Format of every MP3 produced: sample rate, channels and constant bitrate."""

    sample_rate: int = 44100
    channels: int = 1
    bitrate_kbps: int = 128

    def __post_init__(self) -> None:
        if self.sample_rate not in (16000, 22050, 24000, 32000, 44100, 48000):
            raise ValueError(f"unsupported MP3 sample rate {self.sample_rate}")
        if self.channels not in (1, 2):
            raise ValueError(f"channels must be 1 or 2, got {self.channels}")
        if not 32 <= self.bitrate_kbps <= 320:
            raise ValueError(f"bitrate must be 32..320 kbps, got {self.bitrate_kbps}")


@dataclass(frozen=True)
class ProgrammeItem:
    """One thing to play: any file ffmpeg decodes, its title, and the caller's id."""

    source: Path
    title: str
    ref: str


@dataclass(frozen=True)
class RenderedItem:
    """A processed item: its MP3 (in the cache) and the loudness measured on that MP3."""

    ref: str
    title: str
    path: Path
    duration_s: float
    integrated_lufs: float
    true_peak_dbtp: float
    cached: bool = False


@dataclass(frozen=True)
class RenderedSession:
    """The session MP3, its measurements, its items and each item's start time in it."""

    path: Path
    duration_s: float
    integrated_lufs: float
    true_peak_dbtp: float
    items: tuple[RenderedItem, ...]
    offsets_s: tuple[float, ...]


DEFAULT_TARGET: Final = LoudnessTarget()
DEFAULT_PROFILE: Final = OutputProfile()


@dataclass(frozen=True)
class _Processed:
    wav: Path
    mp3: Path
    frames: int
    integrated_lufs: float
    true_peak_dbtp: float
    cached: bool


class _Cancelled(Exception):
    """Raised inside workers once the render has been abandoned."""


def _mp3_codec_args(profile: OutputProfile) -> list[str]:
    return [
        *("-c:a", "libmp3lame", "-b:a", f"{profile.bitrate_kbps}k"),
        *("-ar", str(profile.sample_rate), "-ac", str(profile.channels)),
        *("-fflags", "+bitexact", "-map_metadata", "-1"),
    ]


def _mp3_args(profile: OutputProfile) -> list[str]:
    return [*_mp3_codec_args(profile), "-id3v2_version", "0", "-f", "mp3"]


def _temp_beside(final: Path, suffix: str = ".part") -> Path:
    fd, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=suffix)
    os.fchmod(fd, 0o644)  # mkstemp's 0600 would survive os.replace
    os.close(fd)
    return Path(name)


def _item_key(source_sha: str, target: LoudnessTarget, profile: OutputProfile) -> str:
    spec = (
        f"v{PROCESSING_VERSION}|{source_sha}|{target.integrated_lufs!r}|{target.true_peak_dbtp!r}"
        f"|{profile.sample_rate}|{profile.channels}|{profile.bitrate_kbps}"
    )
    return hashlib.sha256(spec.encode()).hexdigest()[:40]


def _load_cached(base: Path) -> _Processed | None:
    """The cached processed item at ``base`` (.wav/.mp3/.json), or None if incomplete."""
    wav, mp3 = base.with_suffix(".wav"), base.with_suffix(".mp3")
    try:
        meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        if not (wav.is_file() and mp3.is_file()):
            return None
        return _Processed(wav, mp3, int(meta["frames"]), meta["lufs"], meta["tp"], cached=True)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _process_item(
    item: ProgrammeItem,
    items_dir: Path,
    target: LoudnessTarget,
    profile: OutputProfile,
    cancel: threading.Event,
) -> _Processed:
    """Normalise one item into the cache (or find it there)."""
    base = items_dir / _item_key(sha256_file(item.source), target, profile)
    cached = _load_cached(base)
    if cached is not None:
        return cached

    def encode(wav: Path, mp3: Path) -> None:
        args = ["-i", _ffmpeg.file_arg(wav), *_mp3_args(profile)]
        _ffmpeg.run_ffmpeg([*args, "-y", _ffmpeg.file_arg(mp3)])

    def checkpoint() -> None:
        if cancel.is_set():
            raise _Cancelled

    wav, mp3 = base.with_suffix(".wav"), base.with_suffix(".mp3")
    wav_tmp, mp3_tmp = _temp_beside(wav), _temp_beside(mp3)
    try:
        done = normalise_file(
            item.source,
            wav_tmp,
            mp3_tmp,
            target=target,
            sample_rate=profile.sample_rate,
            channels=profile.channels,
            encode=encode,
            encoder_offset_lu=_MP3_LOUDNESS_OFFSET_LU if profile.bitrate_kbps <= 192 else 0.0,
            checkpoint=checkpoint,
        )
        with wave.open(str(wav_tmp), "rb") as reader:
            frames = reader.getnframes()
        os.replace(wav_tmp, wav)
        os.replace(mp3_tmp, mp3)
    finally:
        wav_tmp.unlink(missing_ok=True)
        mp3_tmp.unlink(missing_ok=True)
    loud = done.loudness
    log.debug("%s: %s", item.ref, done)
    meta = {"frames": frames, "lufs": loud.integrated_lufs, "tp": loud.true_peak_dbtp}
    meta |= {"gain_db": round(done.gain_db, 2), "limit_db": round(done.limit_db, 2)}
    json_tmp = _temp_beside(base.with_suffix(".json"))
    json_tmp.write_text(json.dumps({**meta, "source": item.source.name}), encoding="utf-8")
    os.replace(json_tmp, base.with_suffix(".json"))
    return _Processed(wav, mp3, frames, loud.integrated_lufs, loud.true_peak_dbtp, cached=False)


def _sweep_stale_parts(folder: Path) -> None:
    """Delete temp files left by renders killed long ago (never those of a running render)."""
    limit = time.time() - _STALE_PART_S
    for part in folder.glob(".*.part"):
        try:
            if part.stat().st_mtime < limit:
                part.unlink()
        except OSError:
            pass


def _pipe_wav(
    wav: Path,
    encoder: _ffmpeg.FFmpegPipe,
    profile: OutputProfile,
    on_chunk: Callable[[float], None],
) -> int:
    """Stream a processed WAV's samples into the encoder, calling ``on_chunk(fraction)``."""
    with wave.open(str(wav), "rb") as reader:
        found = (reader.getframerate(), reader.getnchannels(), reader.getsampwidth())
        if found != (profile.sample_rate, profile.channels, 2):
            raise AudioError(f"processed item {wav.name} has format {found}, not the profile's")
        total = reader.getnframes()
        step = reader.getframerate() * _CHUNK_SECONDS
        sent = 0
        while sent < total:
            data = reader.readframes(step)
            if not data:
                break
            encoder.write(data)
            sent += len(data) // (reader.getsampwidth() * reader.getnchannels())
            on_chunk(sent / total)
    return sent


def _result(item: ProgrammeItem, future: Future[_Processed]) -> _Processed:
    """The processed item; its AudioError, if any, is tagged with the item's ref."""
    try:
        return future.result()
    except AudioError as exc:
        exc.ref = exc.ref or item.ref
        raise


def _raise_first_failure(
    items: Sequence[ProgrammeItem], futures: Sequence[Future[_Processed]]
) -> None:
    """Fail fast: re-raise the error of the first item already known to have failed."""
    for item, future in zip(items, futures, strict=True):
        if future.done() and not future.cancelled() and future.exception() is not None:
            _result(item, future)


@dataclass(frozen=True)
class _Streamed:
    """What encoding the session produced, besides the MP3 itself."""

    processed: list[_Processed]
    offsets_s: list[float]
    frames: int
    loudness: _ffmpeg.LoudnessSummary


def _stream_session(
    items: Sequence[ProgrammeItem],
    futures: Sequence[Future[_Processed]],
    tmp_mp3: Path,
    profile: OutputProfile,
    gap_s: float,
    progress: ProgressFn,
) -> _Streamed:
    """Encode the processed items in order, with gaps of digital silence, into ``tmp_mp3``.

    The encoder tees its MP3 stream to a second ffmpeg that measures it meanwhile, so the
    loudness reported is that of the bytes shipped, at no extra wall time.
    """
    rate, n = profile.sample_rate, len(items)
    gap = bytes(round(gap_s * rate) * 2 * profile.channels)
    pcm_in = ["-f", "s16le", "-ar", str(rate), "-ac", str(profile.channels), "-i", "pipe:0"]
    tee = _ffmpeg.tee_output("mp3", tmp_mp3, options="id3v2_version=0", pipe_options="write_xing=0")
    args = [*pcm_in, *_mp3_codec_args(profile), "-map", "0:a", *tee]
    done: list[_Processed] = []
    offsets: list[float] = []
    position = 0
    with _ffmpeg.FFmpegPipe(args, measure_stdout="mp3") as encoder:
        for i, (item, future) in enumerate(zip(items, futures, strict=True)):
            progress(_ENCODE_SHARE * i / n, f"Đang chuẩn hoá mục {i + 1}/{n}: {item.title}")
            _raise_first_failure(items[i:], futures[i:])
            processed = _result(item, future)
            if i and gap:
                encoder.write(gap)
                position += len(gap) // (2 * profile.channels)
            offsets.append(position / rate)
            message = f"Đang ghép mục {i + 1}/{n}: {item.title}"

            def on_chunk(fraction: float, i: int = i, message: str = message) -> None:
                progress(_ENCODE_SHARE * (i + fraction) / n, message)

            position += _pipe_wav(processed.wav, encoder, profile, on_chunk)
            done.append(processed)
        progress(_ENCODE_SHARE, "Đang hoàn tất tệp MP3")
        loudness = encoder.finish()
    assert loudness is not None
    return _Streamed(done, offsets, position, loudness)


def render_session(
    items: Sequence[ProgrammeItem],
    out_mp3: Path,
    *,
    work_dir: Path,
    target: LoudnessTarget = DEFAULT_TARGET,
    profile: OutputProfile = DEFAULT_PROFILE,
    gap_s: float = 1.0,
    progress: ProgressFn | None = None,
    max_workers: int | None = None,
) -> RenderedSession:
    """Normalise ``items`` (cached in work_dir/items) and encode them into one session MP3."""
    if not items:
        raise AudioRejected("empty", "the session has no items")
    if gap_s < 0:
        raise ValueError(f"gap_s must be >= 0, got {gap_s}")
    report = progress or (lambda fraction, message: None)
    items_dir = work_dir / "items"
    items_dir.mkdir(parents=True, exist_ok=True)
    _sweep_stale_parts(items_dir)
    out_mp3.parent.mkdir(parents=True, exist_ok=True)
    workers = max_workers or min(len(items), os.cpu_count() or 1)
    cancel = threading.Event()
    tmp = _temp_beside(out_mp3)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="render-item")
    try:
        unique: dict[Path, Future[_Processed]] = {}
        for item in items:
            if item.source not in unique:
                args = (item, items_dir, target, profile, cancel)
                unique[item.source] = pool.submit(_process_item, *args)
        futures = [unique[item.source] for item in items]
        streamed = _stream_session(items, futures, tmp, profile, gap_s, report)
        os.replace(tmp, out_mp3)
    finally:
        cancel.set()
        pool.shutdown(wait=True, cancel_futures=True)
        tmp.unlink(missing_ok=True)
    rendered = tuple(
        RenderedItem(
            ref=item.ref,
            title=item.title,
            path=done.mp3,
            duration_s=done.frames / profile.sample_rate,
            integrated_lufs=done.integrated_lufs,
            true_peak_dbtp=done.true_peak_dbtp,
            cached=done.cached,
        )
        for item, done in zip(items, streamed.processed, strict=True)
    )
    report(1.0, "Hoàn tất")
    return RenderedSession(
        path=out_mp3,
        duration_s=streamed.frames / profile.sample_rate,
        integrated_lufs=streamed.loudness.integrated_lufs,
        true_peak_dbtp=streamed.loudness.true_peak_dbtp,
        items=rendered,
        offsets_s=tuple(streamed.offsets_s),
    )
