"""Errors raised by the audio processing and export layer (``audio._ffmpeg`` … ``audio.bundle``).

Exception tree::

    AudioError            base class; ``.message`` is a short English reason, ``.ref`` names the
    │                     playlist item concerned (``None`` outside ``render_session``)
    ├── AudioRejected     the input is not acceptable; ``.reason_code`` is one of REASON_CODES:
    │                       "empty"      zero bytes, or no decoded samples
    │                       "too_large"  more bytes than allowed
    │                       "not_audio"  ffmpeg finds no audio stream, or cannot decode it
    │                       "too_long"   longer than allowed
    │                       "silent"     no measurable loudness (below the -70 LUFS gate)
    └── FFmpegFailed      ffmpeg itself failed (exit code, timeout, output not writable);
                          ``.returncode`` and ``.stderr_tail`` tell why

Callers map reason codes to user-facing text; nothing here knows about HTTP.
"""

from __future__ import annotations

from typing import Final, Literal

RejectReason = Literal["empty", "too_large", "not_audio", "too_long", "silent"]
REASON_CODES: Final[frozenset[str]] = frozenset(
    {"empty", "too_large", "not_audio", "too_long", "silent"}
)


class AudioError(Exception):
    """Base class of every error of the audio layer."""

    def __init__(self, message: str, *, ref: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.ref = ref

    def __str__(self) -> str:
        return f"{self.ref}: {self.message}" if self.ref else self.message


class AudioRejected(AudioError):
    """The input file is not acceptable audio; ``reason_code`` says why."""

    def __init__(self, reason_code: RejectReason, message: str, *, ref: str | None = None) -> None:
        if reason_code not in REASON_CODES:
            raise ValueError(f"unknown reason code {reason_code!r}")
        super().__init__(message, ref=ref)
        self.reason_code: RejectReason = reason_code


class FFmpegFailed(AudioError):
    """ffmpeg exited with an error or timed out; ``stderr_tail`` holds its last lines."""

    def __init__(
        self,
        message: str,
        *,
        returncode: int | None = None,
        stderr_tail: str = "",
        ref: str | None = None,
    ) -> None:
        super().__init__(message, ref=ref)
        self.returncode = returncode
        self.stderr_tail = stderr_tail
