"""Validation of a station's audio-engine settings (preset, output profiles, jingle mode)."""

from typing import Any

from pydantic import ValidationInfo

from audio.presets import PRESETS
from audio.profiles import OutputProfile
from audio.programme import JINGLE_MODES


def check_audio_settings(value: Any, info: ValidationInfo) -> Any:
    """Check a preset name, a list of profile names, or a jingle mode; None passes."""
    if value is None:
        return None
    if info.field_name == "output_profiles":
        if not value or len(value) > 6:
            raise ValueError("cần từ 1 đến 6 định dạng xuất")
        try:
            names = [OutputProfile.parse(str(name)).name for name in value]
        except ValueError as exc:
            raise ValueError(f"định dạng xuất không hợp lệ ({exc})") from exc
        return list(dict.fromkeys(names))
    known = PRESETS if info.field_name == "processing_preset" else JINGLE_MODES
    if value not in known:
        raise ValueError(f"giá trị {value!r} không có; chọn một trong: {', '.join(known)}")
    return value
