"""Where the player's audio goes: the sound card (PulseAudio, then ALSA, then OSS), a null
sink, or one WAV per playback named by its start time."""

from datetime import UTC, datetime
from pathlib import Path

import imageio_ffmpeg
import pytest

from player.playout import Output, sound_sinks

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
AT = datetime(2026, 12, 7, 23, 30, 0, 123456, tzinfo=UTC)


def test_file_and_null_outputs(tmp_path: Path) -> None:
    wav = Output(f"file:{tmp_path / 'out'}", FFMPEG).args("session-12", AT)
    assert wav == [
        "-flush_packets",
        "1",
        "-f",
        "wav",
        "-y",
        str(tmp_path / "out" / "20261207T233000.123456-session-12.wav"),
    ]
    assert (tmp_path / "out").is_dir()
    assert Output("null", FFMPEG).args("alert-3", AT) == ["-f", "null", "-"]
    with pytest.raises(ValueError):
        Output("speaker", FFMPEG)


def test_the_sound_card_prefers_a_running_pulseaudio_and_falls_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    assert sound_sinks(FFMPEG) == ["oss"]  # this ffmpeg has pulse and oss; no pulse running
    monkeypatch.setenv("PULSE_SERVER", "unix:/nowhere")
    sound = Output("sound", FFMPEG)
    assert sound.sinks == ["pulse", "oss"] and sound.args("x", AT)[:2] == ["-f", "pulse"]
    sound.failed()
    assert sound.args("x", AT) == ["-f", "oss", "/dev/dsp"]
