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
            raise ValueError("output_profiles needs 1 to 6 profile names")
        names = [OutputProfile.parse(str(name)).name for name in value]  # ValueError names it
        return list(dict.fromkeys(names))
    known = PRESETS if info.field_name == "processing_preset" else JINGLE_MODES
    if value not in known:
        raise ValueError(f"unknown value {value!r}; one of: {', '.join(known)}")
    return value
