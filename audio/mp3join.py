"""Join cached CBR MP3 items into one session MP3 without re-encoding.

Each item's Info frame is dropped; its audio frames are copied as they are (every LAME stream
starts with a frame whose bit-reservoir pointer is 0, so it needs nothing from the frame
before it). Gaps are whole pre-encoded digital-silence frames (encoded with the reservoir off,
so each stands alone). Each item's encoder delay and padding play as silence inside the
joined stream, so the number of silence frames before an item is chosen to put the item's
first sample where the playlist wants it (to within half a frame, never accumulating). One
Info frame with a LAME tag (frame count, bytes, the first item's delay, the last item's
padding) heads the result, so players show and decode the right duration.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from audio import _ffmpeg
from audio.errors import AudioError
from audio.mp3frames import (
    Mp3Scan,
    NotJoinable,
    build_info_frame,
    frame_offsets,
    main_data_begin,
    parse_header,
    scan_mp3,
)
from audio.profiles import OutputProfile

_COPY: Final = 1 << 20
_SEAM_FRAMES: Final = 6


@dataclass(frozen=True)
class JoinPart:
    """One cached item to copy, with the silence wanted before it (ignored for the first)."""

    path: Path
    scan: Mp3Scan
    gap_before_s: float = 0.0


@dataclass(frozen=True)
class Joined:
    """The joined file: its duration, each part's start time, and where each part's frames are."""

    path: Path
    duration_s: float
    offsets_s: tuple[float, ...]
    seams: tuple[tuple[int, int], ...]  # (byte offset of first copied frame, silence frames)
    silence_bytes: int  # length of one silence frame


def silence_frame(profile: OutputProfile, cache_dir: Path) -> bytes:
    """One self-contained frame of encoded digital silence for ``profile`` (cached on disk)."""
    path = cache_dir / f"silence-{profile.name}.mp3"
    if not path.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".silence.", suffix=".part")
        os.close(fd)
        layout = "mono" if profile.channels == 1 else "stereo"
        source = f"anullsrc=r={profile.sample_rate}:cl={layout}"
        args = ["-f", "lavfi", "-i", source, "-t", "3", *profile.codec_args(), "-reservoir", "0"]
        try:
            _ffmpeg.run_ffmpeg([*args, "-y", _ffmpeg.file_arg(Path(tmp))])
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    scan = scan_mp3(path)
    data = path.read_bytes()
    offsets = frame_offsets(data, scan.audio_start, scan.audio_end)
    pos = offsets[len(offsets) // 2]
    header = parse_header(data, pos)
    assert header is not None
    frame = data[pos : pos + header.length]
    if main_data_begin(frame, header) != 0:
        raise NotJoinable(f"silence frame of {profile.name} uses the bit reservoir")
    return frame


def _copy_range(src: Path, start: int, end: int, dst: object) -> None:
    with src.open("rb") as handle:
        handle.seek(start)
        left = end - start
        while left > 0:
            chunk = handle.read(min(_COPY, left))
            if not chunk:
                raise NotJoinable(f"{src.name} is shorter than its scan")
            dst.write(chunk)  # type: ignore[attr-defined]
            left -= len(chunk)


def _check_parts(parts: Sequence[JoinPart], silence: bytes) -> None:
    first = parts[0].scan
    if first.info_frame is None:
        raise NotJoinable(f"{parts[0].path.name} has no LAME Info frame")
    silence_header = parse_header(silence)
    if silence_header is None or not silence_header.compatible(first.header):
        raise NotJoinable("the silence frame does not match the items' format")
    for part in parts:
        if not part.scan.header.compatible(first.header):
            raise NotJoinable(f"{part.path.name} has another format than the first item")


def _plan_silence(parts: Sequence[JoinPart], rate: int, spf: int) -> list[int]:
    """Silence frames before each part so that every part starts where the playlist says."""
    d0 = parts[0].scan.delay
    ideal = raw = 0  # ideal: output sample where the part should start; raw: frames written
    counts = []
    for i, part in enumerate(parts):
        if i:
            ideal += round(part.gap_before_s * rate)
            wanted = (ideal + d0 - part.scan.delay - raw) / spf
            count = round(wanted)
            if count < 0:
                raise NotJoinable(f"gap before {part.path.name} is shorter than encoder delay")
            counts.append(count)
            raw += count * spf
        else:
            counts.append(0)
        ideal += part.scan.samples
        raw += part.scan.frames * spf
    return counts


def join_mp3(parts: Sequence[JoinPart], out: Path, silence: bytes) -> Joined:
    """Write the joined MP3 to ``out`` (temp name + os.replace); NotJoinable if it cannot."""
    if not parts:
        raise AudioError("nothing to join")
    _check_parts(parts, silence)
    first = parts[0].scan
    header, rate = first.header, first.header.sample_rate
    spf = header.samples
    counts = _plan_silence(parts, rate, spf)
    assert first.info_frame is not None
    fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    os.fchmod(fd, 0o644)
    tmp = Path(tmp_name)
    offsets, seams, frames, raw = [], [], 0, 0
    try:
        with os.fdopen(fd, "wb") as dst:
            dst.write(bytes(len(first.info_frame)))  # placeholder, rewritten at the end
            for part, count in zip(parts, counts, strict=True):
                dst.write(silence * count)
                seams.append((dst.tell(), count))
                raw += count * spf
                offsets.append((raw + part.scan.delay - first.delay) / rate)
                _copy_range(part.path, part.scan.audio_start, part.scan.audio_end, dst)
                frames += count + part.scan.frames
                raw += part.scan.frames * spf
            audio_bytes = dst.tell() - len(first.info_frame)
            last = parts[-1].scan
            info = build_info_frame(
                first.info_frame, header, frames, audio_bytes, first.delay, last.padding
            )
            dst.seek(0)
            dst.write(info)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    duration = (raw - first.delay - parts[-1].scan.padding) / rate
    return Joined(out, duration, tuple(offsets), tuple(seams), len(silence))


def verify_joined(joined: Joined, expected_s: float, *, full: bool = False) -> None:
    """Check the joined file: seams (or the whole file) decode cleanly, duration = expected.

    Seam check: each part's first frame and the silence before it are decoded by ffmpeg with
    errors reported (one short run); ``full`` decodes the whole file instead. The duration is
    that of the frames written; it must match ``expected_s`` within 50 ms.
    """
    if abs(joined.duration_s - expected_s) > 0.05:
        raise AudioError(f"joined MP3 lasts {joined.duration_s:.3f} s, expected {expected_s:.3f}")
    if full:
        _decode_clean(joined.path, expected_s)
        return
    window = bytearray()
    with joined.path.open("rb") as handle:
        header = parse_header(handle.read(4))
        assert header is not None
        for offset, count in joined.seams:
            start = offset - min(count, 2) * joined.silence_bytes
            handle.seek(start)
            chunk = handle.read(offset - start + (_SEAM_FRAMES + 1) * (header.length + 1))
            lead = offset - start
            first = parse_header(chunk, lead)
            if first is None or main_data_begin(chunk[lead:], first) != 0:
                raise AudioError(f"joined MP3 has a broken seam at byte {offset}")
            frames = frame_offsets(chunk, 0, len(chunk))
            if len(frames) < 2:
                raise AudioError(f"joined MP3 has no frames after byte {offset}")
            window += chunk[: frames[-1]]  # whole frames only
    seam_file = joined.path.with_name(f".{joined.path.name}.seams")
    try:
        seam_file.write_bytes(bytes(window))
        _decode_clean(seam_file, None)
    finally:
        seam_file.unlink(missing_ok=True)


def _decode_clean(path: Path, expected_s: float | None) -> None:
    """Decode an MP3 with ffmpeg; AudioError on any decoding error or a wrong duration."""
    args = ["-v", "error", "-f", "mp3", "-i", _ffmpeg.file_arg(path), "-progress", "pipe:1"]
    proc = _ffmpeg.run_ffmpeg([*args, "-nostats", "-f", "null", "-"])
    errors = proc.stderr.decode("utf-8", "replace").strip()
    if errors:
        raise AudioError(f"joined MP3 does not decode cleanly: {errors.splitlines()[0]}")
    if expected_s is not None:
        values = proc.stdout.decode("ascii", "replace").split("out_time_us=")
        decoded = int(values[-1].split()[0]) / 1e6 if len(values) > 1 else 0.0
        if abs(decoded - expected_s) > 0.05:
            raise AudioError(f"joined MP3 decodes to {decoded:.3f} s, expected {expected_s:.3f}")
