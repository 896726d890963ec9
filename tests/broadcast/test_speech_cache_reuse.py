"""Segment speech is synthesised sentence by sentence: an edit re-synthesises only what changed."""

from __future__ import annotations

from sqlmodel import Session

from audio.tts import FakeEngine, get_engine
from audio.tts.wav import wav_info
from broadcast.config import Settings
from broadcast.media import asset_file, ensure_speech
from broadcast.models import SegmentUpdate
from broadcast.segments import update_segment

from factories import create_segment_row, create_station

SENTENCES = [
    "Kính thưa bà con nhân dân.",
    "UBND phường tổ chức tiêm chủng ngày 15/03/2024.",
    "Thời gian từ 7h30 đến 11h00.",
    "Đề nghị bà con đưa trẻ đến đúng giờ.",
]


def _fake_calls() -> int:
    engine = get_engine("fake")
    assert isinstance(engine, FakeEngine)
    return len(engine.calls)


def test_second_export_synthesises_nothing_and_edit_synthesises_one_sentence(
    db: Session, settings: Settings
) -> None:
    station = create_station(db)
    segment = create_segment_row(db, station, voice="fake", script=" ".join(SENTENCES))
    start = _fake_calls()
    asset, synthesized = ensure_speech(db, settings, segment)
    assert synthesized and _fake_calls() - start == 4
    assert (asset.source, asset.engine, asset.engine_version) == ("tts", "fake", "fake-1")
    assert asset.duration_s == round(wav_info(asset_file(settings, asset).read_bytes()).duration, 3)

    again, synthesized_again = ensure_speech(db, settings, segment)
    assert (again.id, synthesized_again) == (asset.id, False)
    assert _fake_calls() - start == 4

    edited = [*SENTENCES[:3], "Đề nghị bà con đưa trẻ đến trước 8h00."]
    update_segment(db, segment, SegmentUpdate(script=" ".join(edited)))
    new_asset, synthesized_edit = ensure_speech(db, settings, segment)
    assert synthesized_edit and new_asset.id != asset.id
    assert _fake_calls() - start == 5
    engine = get_engine("fake")
    assert isinstance(engine, FakeEngine)
    assert engine.calls[-1][0] == "đề nghị bà con đưa trẻ đến trước tám giờ."
    assert segment.speech_asset_id == new_asset.id and segment.engine_used == "fake"


def test_espeak_asset_records_engine_and_version(db: Session, settings: Settings) -> None:
    station = create_station(db)
    segment = create_segment_row(db, station, voice="vi", script="Xin chào bà con.")
    asset, synthesized = ensure_speech(db, settings, segment)
    assert synthesized and asset.engine == "espeak"
    assert asset.engine_version and asset.engine_version[0].isdigit()
