"""One file in an output profile, written temp-then-rename, with sha256: a bulletin (loudness-
normalised speech) or a session's copy for devices that take another profile."""

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from audio._ffmpeg import SAFE_INPUT_ARGS, conform_filter, file_arg, probe, run_ffmpeg
from audio.profiles import OutputProfile

# Speech for loudspeakers: the broadcast target of the exports, one pass (dynamic loudnorm).
LOUDNORM: Final = "loudnorm=I=-16:TP=-1.5:LRA=11"
TIMEOUT_S: Final = 300.0


@dataclass(frozen=True)
class EncodedFile:
    """An encoded file and what a player checks: size, sha256, decoded duration."""

    path: Path
    size: int
    sha256: str
    duration_s: float


def encode_bulletin(src: Path, dst: Path, profile: OutputProfile) -> EncodedFile:
    """Encode a bulletin to ``dst`` in ``profile``, normalised; never leaves half a file."""
    return encode_copy(src, dst, profile, LOUDNORM)


def encode_copy(
    src: Path, dst: Path, profile: OutputProfile, filters: str | None = None
) -> EncodedFile:
    """Encode ``src`` to ``dst`` in ``profile`` (after ``filters``); never leaves half a file."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".part", dir=dst.parent)
    os.close(handle)
    temp = Path(name)
    try:
        chain = conform_filter(profile.sample_rate, profile.channels)
        chain = f"{chain},{filters}" if filters else chain
        args = [*SAFE_INPUT_ARGS, "-i", file_arg(src), "-map", "0:a:0", "-vn", "-af", chain]
        args += [*profile.codec_args(), "-y", file_arg(temp)]
        run_ffmpeg(args, timeout=TIMEOUT_S)
        duration = probe(temp).duration_s
        with temp.open("rb") as stream:
            digest = hashlib.file_digest(stream, "sha256").hexdigest()
        size = temp.stat().st_size
        os.replace(temp, dst)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return EncodedFile(dst, size, digest, round(duration, 3))
