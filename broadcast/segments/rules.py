"""Rules of a segment's content: a voice that exists, a script for every announcement."""

from audio.tts import UnknownVoice, get_voice
from broadcast.errors import InvalidInput
from broadcast.models import Segment, SegmentKind


def check_voice(name: str) -> None:
    """InvalidInput naming the voice field when no engine offers this voice."""
    try:
        get_voice(name)
    except UnknownVoice as exc:
        raise InvalidInput("voice", f"giọng đọc '{name}' không tồn tại") from exc


def check_script(segment: Segment) -> None:
    if segment.kind == SegmentKind.ANNOUNCEMENT and not segment.script.strip():
        raise InvalidInput("script", "kịch bản thông báo không được để trống")
