"""Audio of segments: uploads converted once, speech synthesised once, the spoken-text preview.

assets.py   Audio assets of segments: uploads converted once, speech synthesised once
preview.py  Spoken-text preview: how a text will be read, with each span's source, and its audio
voices.py   Which engine speaks a voice (cloud keys, budget, fallback); the voices usable now
voice_budget.py  A station's monthly character budget of the cloud voices
"""

from broadcast.media.assets import (
    asset_audio_file,
    asset_file,
    current_asset,
    ensure_speech,
    import_upload,
    segment_audio,
    segment_audio_file,
    speak,
    speech_cache,
)
from broadcast.media.preview import preview_audio, preview_speech, run_preview_job
from broadcast.media.voices import cloud_config, engine_for, voice_list

__all__ = [
    "asset_audio_file",
    "cloud_config",
    "engine_for",
    "asset_file",
    "current_asset",
    "ensure_speech",
    "speak",
    "import_upload",
    "preview_audio",
    "preview_speech",
    "run_preview_job",
    "segment_audio",
    "segment_audio_file",
    "speech_cache",
    "voice_list",
]
