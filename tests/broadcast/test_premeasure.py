"""New audio is measured through its station's chain at once; a failure there is not fatal."""

from pathlib import Path

from audio._ffmpeg_gen import generate_tone
from broadcast.config import Settings
from broadcast.exports import premeasure_asset
from broadcast.models import AudioAsset, Station

from conftest import make_settings


def _asset(path: Path) -> AudioAsset:
    return AudioAsset(
        id=7, content_hash="x" * 64, path=str(path), duration_s=2.0, sample_rate=44100
    )


def _stored(settings: Settings) -> list[Path]:
    return list((settings.work_dir / "measure").glob("*.json"))


def test_each_station_chain_gets_its_own_measurement(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    clip = tmp_path / "tin.wav"
    generate_tone(clip, seconds=2.0, sample_rate=22050, volume_db=-18.0)
    horn = Station(name="Phường A", processing_preset="horn")
    assert premeasure_asset(settings, horn, _asset(clip))
    assert premeasure_asset(settings, horn, _asset(clip))  # read back, not measured again
    assert len(_stored(settings)) == 1
    indoor = Station(name="Phường B", processing_preset="indoor_fm")
    assert premeasure_asset(settings, indoor, _asset(clip))
    assert len(_stored(settings)) == 2


def test_missing_or_broken_audio_is_only_reported(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    station = Station(name="Phường A")
    assert not premeasure_asset(settings, station, _asset(tmp_path / "gone.flac"))
    broken = tmp_path / "broken.flac"
    broken.write_bytes(b"fLaC not really")
    assert not premeasure_asset(settings, station, _asset(broken))
    assert _stored(settings) == []
