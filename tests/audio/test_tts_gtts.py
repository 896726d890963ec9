"""gTTS engine: offline failure behaviour, fallback, and MP3 -> WAV conversion."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import gtts
import imageio_ffmpeg
import pytest

from audio.tts import EngineUnavailable, EspeakEngine, FakeEngine, GTTSEngine, get_voice
from audio.tts.wav import rms, wav_info, wav_samples

TEXT = "ủy ban nhân dân phường quang trung thông báo"


@pytest.fixture
def refused_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """Route HTTPS through a local port where nothing listens: every connection is refused.

    This makes the no-network path independent of whether the machine can resolve Google.
    """
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    for var in ("https_proxy", "HTTPS_PROXY"):
        monkeypatch.setenv(var, f"http://127.0.0.1:{port}")
    for var in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(var, raising=False)
    yield port


@pytest.fixture
def blackhole_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A local proxy that accepts TCP connections and never answers (dropped packets)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    port = server.getsockname()[1]
    for var in ("https_proxy", "HTTPS_PROXY"):
        monkeypatch.setenv(var, f"http://127.0.0.1:{port}")
    for var in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(var, raising=False)
    yield port
    server.close()


def make_mp3(path: Path) -> None:
    """Encode one second of espeak speech as MP3 with the bundled ffmpeg."""
    wav = EspeakEngine().synthesize(TEXT, get_voice("vi")).wav
    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-y", "-f", "wav"]
    command += ["-i", "pipe:0", "-ar", "24000", "-c:a", "libmp3lame", str(path)]
    subprocess.run(command, input=wav, check=True)


def test_offline_fails_fast_and_cleans_up(tmp_path: Path, refused_proxy: int) -> None:
    engine = GTTSEngine(tmp_dir=tmp_path)
    started = time.monotonic()
    with pytest.raises(EngineUnavailable, match="gTTS"):
        engine.synthesize(TEXT, get_voice("gtts-vi"))
    assert time.monotonic() - started < 15
    assert list(tmp_path.iterdir()) == []


def test_silent_network_times_out(tmp_path: Path, blackhole_proxy: int) -> None:
    engine = GTTSEngine(timeout=1.0, tmp_dir=tmp_path)
    started = time.monotonic()
    with pytest.raises(EngineUnavailable):
        engine.synthesize(TEXT, get_voice("gtts-vi"))
    assert time.monotonic() - started < 5
    assert list(tmp_path.iterdir()) == []


def test_fallback_speaks_with_espeak(tmp_path: Path, refused_proxy: int) -> None:
    engine = GTTSEngine(fallback=EspeakEngine(), tmp_dir=tmp_path)
    speech = engine.synthesize(TEXT, get_voice("gtts-vi"))
    assert speech.engine == "espeak"
    assert speech.sample_rate == 22050
    assert rms(wav_samples(speech.wav)) > 300
    assert list(tmp_path.iterdir()) == []


# gTTS cannot reach Google here, so the tests below replace gTTS.save with local stand-ins.


def test_partial_file_removed_on_gtts_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[Path] = []

    def failing_save(self: gtts.gTTS, savefile: str) -> None:
        Path(savefile).write_bytes(b"")
        written.append(Path(savefile))
        raise gtts.tts.gTTSError("Failed to connect. Probable cause: Unknown")

    monkeypatch.setattr(gtts.gTTS, "save", failing_save)
    with pytest.raises(EngineUnavailable, match="Failed to connect"):
        GTTSEngine(tmp_dir=tmp_path).synthesize(TEXT, get_voice("gtts-vi"))
    assert written and written[0].parent == tmp_path
    assert not written[0].exists()
    assert list(tmp_path.iterdir()) == []


def test_fallback_after_error_reports_fallback_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_save(self: gtts.gTTS, savefile: str) -> None:
        raise OSError("network unreachable")

    monkeypatch.setattr(gtts.gTTS, "save", failing_save)
    fake = FakeEngine()
    speech = GTTSEngine(fallback=fake, tmp_dir=tmp_path).synthesize(TEXT, get_voice("gtts-vi"))
    assert speech.engine == "fake"
    assert fake.calls == [(TEXT, get_voice("fake"))]


def test_mp3_is_converted_to_wav(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "source.mp3"
    make_mp3(source)
    work = tmp_path / "work"
    work.mkdir()

    def local_save(self: gtts.gTTS, savefile: str) -> None:
        Path(savefile).write_bytes(source.read_bytes())

    monkeypatch.setattr(gtts.gTTS, "save", local_save)
    speech = GTTSEngine(tmp_dir=work).synthesize(TEXT, get_voice("gtts-vi"))
    info = wav_info(speech.wav)
    assert (info.sample_rate, info.channels, info.sample_width) == (24000, 1, 2)
    assert speech.engine == "gtts" and speech.engine_version == gtts.__version__
    assert 1.0 < info.duration < 10.0
    assert rms(wav_samples(speech.wav)) > 300
    assert list(work.iterdir()) == []


def test_timeout_is_bounded() -> None:
    with pytest.raises(ValueError):
        GTTSEngine(timeout=30)
    assert GTTSEngine().timeout <= 10
