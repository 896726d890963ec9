"""Import an uploaded sound file once into a content-addressed store of FLAC files.

Internal format: FLAC, 44.1 kHz, mono, 16-bit. A file lives at ``<store>/<sha[:2]>/<sha>.flac``
with a sidecar ``<sha>.json`` holding its measurements. ``sha`` is the SHA-256 of the *source*
bytes: cheap (no conversion needed to find a duplicate) and stable for a given upload; the
conversion is deterministic, so the same source always maps to the same stored audio.

One ffmpeg run per import decodes the source (at most ``max_seconds`` + 1 s of it), converts it
and measures the converted samples with ebur128 (the samples measured are bit-identical to the
ones stored). A clip shorter than one 400 ms gating block is measured padded with silence to
400 ms, so every accepted file has a finite loudness. Refusals raise AudioRejected and leave
nothing behind in the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

from audio import _ffmpeg
from audio.errors import AudioRejected, FFmpegFailed
from audio.loudness import GATING_BLOCK_S, is_silent

STORE_RATE: Final = 44100
STORE_CHANNELS: Final = 1
MAX_INPUT_RATE: Final = 768_000  # the highest PCM rate of real recorders and interfaces
MIN_GATED_SECONDS: Final = GATING_BLOCK_S  # shorter clips are measured padded to 400 ms
_CHUNK: Final = 1 << 20


@dataclass(frozen=True)
class StoredAudio:
    """An imported file in the store; rate, channels and loudness describe the stored FLAC."""

    sha256: str
    path: Path
    duration_s: float
    sample_rate: int
    channels: int
    integrated_lufs: float
    true_peak_dbtp: float
    loudness_range_lu: float = 0.0


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def stored_path(store_dir: Path, sha: str) -> Path:
    """Where the FLAC for source digest ``sha`` lives in ``store_dir``."""
    return store_dir / sha[:2] / f"{sha}.flac"


def import_audio(
    src: Path,
    store_dir: Path,
    *,
    max_bytes: int = 200 * 1024 * 1024,
    max_seconds: float = 3600.0,
) -> StoredAudio:
    """Check, convert (once) and measure ``src``; the same source returns the same StoredAudio."""
    size = src.stat().st_size
    if size == 0:
        raise AudioRejected("empty", f"{src.name} is empty")
    if size > max_bytes:
        raise AudioRejected("too_large", f"{src.name} has {size} bytes, more than {max_bytes}")
    sha = sha256_file(src)
    final = stored_path(store_dir, sha)
    if final.exists():
        stored = _load_stored(final, sha)
        if stored.duration_s > max_seconds + 1e-3:  # imported earlier under a looser limit
            raise AudioRejected("too_long", f"{src.name} lasts more than {max_seconds:g} s")
        return stored
    folder = final.parent
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{sha}.", suffix=".part")
    os.fchmod(fd, 0o644)  # mkstemp's 0600 would survive os.replace
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        stored = _check_input_on_failure(src, lambda: _convert(src, tmp, final, sha, max_seconds))
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    _write_sidecar(stored)
    return stored


def _check_input_on_failure(src: Path, convert: Callable[[], StoredAudio]) -> StoredAudio:
    """Run ``convert``; when ffmpeg fails, decode ``src`` alone: AudioRejected if it is at fault."""
    try:
        return convert()
    except FFmpegFailed:
        info = _ffmpeg.decode(src, max_seconds=1.0).info  # AudioRejected for an unusable input
        if not 0 < info.sample_rate <= MAX_INPUT_RATE:  # decodable, but no resampler takes it
            raise AudioRejected("not_audio", f"{src.name} declares {info.sample_rate} Hz") from None
        raise


def _convert(src: Path, tmp: Path, final: Path, sha: str, max_seconds: float) -> StoredAudio:
    """Convert ``src`` into ``tmp`` and validate duration and loudness."""
    output = ["-c:a", "flac", "-sample_fmt", "s16", "-f", "flac", "-y", _ffmpeg.file_arg(tmp)]
    report = _ffmpeg.decode(
        src,
        filters=[_ffmpeg.conform_filter(STORE_RATE, STORE_CHANNELS, "s16")],
        measure=True,
        output=["-fflags", "+bitexact", "-map_metadata", "-1", *output],
        max_seconds=max_seconds + 1.0,
    )
    assert report.loudness is not None
    duration = report.info.duration_s
    if duration > max_seconds + 1e-3:
        raise AudioRejected("too_long", f"{src.name} lasts more than {max_seconds:g} s")
    loud = report.loudness if duration >= MIN_GATED_SECONDS else _short_clip_loudness(tmp)
    if is_silent(loud.integrated_lufs):
        raise AudioRejected("silent", f"{src.name} is silent (below -70 LUFS)")
    return StoredAudio(
        sha256=sha,
        path=final,
        duration_s=duration,
        sample_rate=STORE_RATE,
        channels=STORE_CHANNELS,
        integrated_lufs=loud.integrated_lufs,
        true_peak_dbtp=loud.true_peak_dbtp,
        loudness_range_lu=loud.loudness_range_lu,
    )


def _short_clip_loudness(path: Path) -> _ffmpeg.LoudnessSummary:
    """Loudness of a clip shorter than one gating block, padded with silence to 400 ms."""
    report = _ffmpeg.decode(path, filters=[f"apad=whole_dur={MIN_GATED_SECONDS}"], measure=True)
    assert report.loudness is not None
    return report.loudness


def _sidecar(flac: Path) -> Path:
    return flac.with_suffix(".json")


def _write_sidecar(stored: StoredAudio) -> None:
    """Write the measurements next to the FLAC (temp name + os.replace)."""
    data = asdict(stored)
    data.pop("path")
    target = _sidecar(stored.path)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".part")
    os.fchmod(fd, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.replace(tmp_name, target)


def _load_stored(final: Path, sha: str) -> StoredAudio:
    """StoredAudio of an existing FLAC: from its sidecar, or re-measured if that is unusable."""
    try:
        data = json.loads(_sidecar(final).read_text(encoding="utf-8"))
        return StoredAudio(path=final, **data)
    except (OSError, ValueError, TypeError):
        pass
    report = _ffmpeg.decode(final, measure=True)
    loud = report.loudness
    if report.info.duration_s < MIN_GATED_SECONDS:
        loud = _short_clip_loudness(final)
    assert loud is not None
    stored = StoredAudio(
        sha256=sha,
        path=final,
        duration_s=report.info.duration_s,
        sample_rate=report.info.sample_rate,
        channels=report.info.channels,
        integrated_lufs=loud.integrated_lufs,
        true_peak_dbtp=loud.true_peak_dbtp,
    )
    _write_sidecar(stored)
    return stored
