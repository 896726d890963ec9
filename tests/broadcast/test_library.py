"""The media library: kinds, search, where a file is used, replacing its audio (users back to
review), deleting only unused files, and each station seeing only its own files."""

from pathlib import Path

import pytest
from sqlmodel import Session

from audio._ffmpeg_gen import generate_tone
from broadcast.access.owners import owners
from broadcast.config import Settings
from broadcast.errors import InUse, InvalidInput
from broadcast.library import (
    add_item,
    attach_item,
    delete_item,
    list_items,
    loudness_text,
    replace_item,
    where_used,
)
from broadcast.models import LibraryKind, SegmentKind, SegmentStatus
from broadcast.segments import approve_segment, is_cleared_to_air

from factories import create_segment_row, create_station


def _tone(tmp_path: Path, name: str, freq: float, seconds: float = 1.0) -> Path:
    path = tmp_path / name
    generate_tone(path, seconds=seconds, freq=freq)
    return path


def test_files_keep_their_kind_and_are_found_by_title_without_tone_marks(
    tmp_path: Path, db: Session, settings: Settings
) -> None:
    station = create_station(db)
    jingle = add_item(
        db, settings, station, _tone(tmp_path, "a.wav", 440), "a.wav", LibraryKind.JINGLE,
        "Nhạc hiệu buổi sáng",
    )  # fmt: skip
    bed = add_item(
        db, settings, station, _tone(tmp_path, "nen-em-diu.mp3", 330, 2.0), "nen-em-diu.mp3",
        LibraryKind.BED,
    )  # fmt: skip
    assert bed.title == "nen-em-diu"  # the file name when no title is given
    assert jingle.kind == LibraryKind.JINGLE
    mine = {station.id or 0}
    assert [i.id for i in list_items(db, mine, [LibraryKind.BED])] == [bed.id]
    assert [i.id for i in list_items(db, mine, q="nhac hieu")] == [jingle.id]
    assert [i.id for i in list_items(db, mine, q="EM DIU")] == [bed.id]
    assert list_items(db, mine, q="không có") == []


def test_a_file_the_library_holds_is_refused_naming_the_item(
    tmp_path: Path, db: Session, settings: Settings
) -> None:
    station = create_station(db)
    tone = _tone(tmp_path, "a.wav", 440)
    add_item(db, settings, station, tone, "a.wav", LibraryKind.JINGLE, "Nhạc hiệu")
    with pytest.raises(InvalidInput) as refused:
        add_item(db, settings, station, tone, "b.wav", LibraryKind.BED)
    assert refused.value.field == "file" and refused.value.code == "library.duplicate"
    assert "«Nhạc hiệu»" in refused.value.detail
    not_audio = tmp_path / "ghi-chu.wav"
    not_audio.write_text("đây không phải âm thanh")
    with pytest.raises(InvalidInput) as broken:
        add_item(db, settings, station, not_audio, "ghi-chu.wav", LibraryKind.JINGLE)
    assert broken.value.field == "file" and "không giải mã được" in broken.value.detail


def test_where_used_lists_segments_and_station_settings_and_blocks_delete(
    tmp_path: Path, db: Session, settings: Settings
) -> None:
    station = create_station(db)
    item = add_item(
        db, settings, station, _tone(tmp_path, "a.wav", 440), "a.wav", LibraryKind.THEME, "Mở đầu"
    )
    assert where_used(db, item) == []
    segment = create_segment_row(
        db, station, approved=False, kind=SegmentKind.OPENING, title="Mở đầu buổi phát"
    )
    attach_item(db, segment, item)
    station.jingle_asset_id = item.asset_id
    db.add(station)
    db.flush()
    uses = [(u.kind, u.id, u.title) for u in where_used(db, item)]
    assert uses == [
        ("segment", segment.id, "Mở đầu buổi phát"),
        ("station_jingle", station.id, "Nhạc hiệu của đài"),
    ]
    with pytest.raises(InUse) as refused:
        delete_item(db, item)
    assert refused.value.code == "library.in_use"
    assert [u["kind"] for u in refused.value.users] == ["segment", "station_jingle"]
    assert "Mở đầu buổi phát" in refused.value.message


def test_replacing_a_file_returns_its_segments_to_review(
    tmp_path: Path, db: Session, settings: Settings
) -> None:
    station = create_station(db)
    item = add_item(
        db, settings, station, _tone(tmp_path, "a.wav", 440), "a.wav", LibraryKind.BED, "Nền"
    )
    segment = create_segment_row(db, station, approved=False, kind=SegmentKind.MUSIC)
    attach_item(db, segment, item)
    approve_segment(db, segment)
    station.bed_asset_id = item.asset_id
    db.add(station)
    assert is_cleared_to_air(db, segment)
    old_asset = item.asset_id
    returned = replace_item(db, settings, item, _tone(tmp_path, "b.wav", 550, 1.5), "b.wav")
    assert [s.id for s in returned] == [segment.id]
    assert item.asset_id != old_asset and segment.audio_asset_id == item.asset_id
    assert segment.status == SegmentStatus.DRAFT and not is_cleared_to_air(db, segment)
    assert "đã được thay" in segment.review_note
    assert station.bed_asset_id == item.asset_id  # the station's bed follows the file
    assert [u.kind for u in where_used(db, item)] == ["segment", "station_bed"]


def test_an_unused_file_is_deleted_and_a_station_sees_only_its_own(
    tmp_path: Path, db: Session, settings: Settings
) -> None:
    here, there = create_station(db), create_station(db, name="Đài xã Bên Kia")
    tone = _tone(tmp_path, "a.wav", 440)
    mine = add_item(db, settings, here, tone, "a.wav", LibraryKind.JINGLE)
    theirs = add_item(db, settings, there, tone, "a.wav", LibraryKind.JINGLE)
    assert mine.asset_id == theirs.asset_id  # one stored file, two library items
    conn = db.connection()
    assert owners(conn, "library_item", {"station_id": here.id}) == frozenset({here.id})
    assert owners(conn, "audio_asset", {"id": mine.asset_id}) == frozenset({here.id, there.id})
    assert [i.id for i in list_items(db, {there.id or 0})] == [theirs.id]
    segment = create_segment_row(db, there, approved=False)
    with pytest.raises(InvalidInput) as foreign:
        attach_item(db, segment, mine)
    assert foreign.value.field == "item_id"
    delete_item(db, mine)
    assert list_items(db, {here.id or 0}) == []
    assert owners(conn, "audio_asset", {"id": theirs.asset_id}) == frozenset({there.id})


def test_loudness_reads_in_plain_words_against_the_station_target() -> None:
    assert loudness_text(None, -16.0) == "chưa đo được độ lớn"
    assert loudness_text(-17.0, -16.0) == "độ lớn vừa, gần mức chuẩn của đài"
    assert loudness_text(-26.0, -16.0).startswith("nhỏ hơn mức chuẩn của đài 10 dB")
    assert "sẽ được tự giảm" in loudness_text(-9.0, -16.0)
