"""Operator lexicon service: precedence, context senses, validation, guard, history, CSV."""

from typing import Any

import pytest
from sqlmodel import Session

from audio.text.examples import load_examples
from broadcast.errors import Conflict, InvalidInput
from broadcast.lexicon import export_csv, import_csv, normalizer_for, service
from broadcast.models import Station
from broadcast.models.lexicon import (
    LexiconAction,
    LexiconEntryCreate,
    LexiconEntryUpdate,
    LexiconRestore,
)
from broadcast.segments import spoken_text

from factories import create_segment_row, create_station


def _add(db: Session, station: Station | None = None, **values: Any) -> Any:
    data = {"station_id": station.id if station else None} | values
    return service.create_entry(db, LexiconEntryCreate(**data))


def _speech(db: Session, text: str, station: Station | None = None) -> str:
    return normalizer_for(db, station.id if station else None).speech(text)


def test_operator_entry_beats_builtin_lexicon_and_rules(db: Session) -> None:
    assert _speech(db, "HTX Thành Công") == "hợp tác xã thành công"
    _add(db, written="HTX", spoken="hợp tác")
    _add(db, written="119", spoken="một một chín")
    explained = normalizer_for(db, None).explain("HTX gọi 119 ở UBND")
    assert explained.spoken == "hợp tác gọi một một chín ở ủy ban nhân dân"
    sources = {span.source: span.origin for span in explained.spans}
    assert sources == {
        "HTX": "operator",
        "gọi": "text",
        "119": "operator",
        "ở": "text",
        "UBND": "lexicon",
    }


def test_station_entry_beats_global_and_stays_at_its_station(db: Session) -> None:
    here, there = create_station(db), create_station(db, name="Đài xã Bên Cạnh")
    _add(db, written="Zalo", spoken="da lô")
    _add(db, here, written="Zalo", spoken="gia lô")
    assert _speech(db, "nhóm Zalo", here) == "nhóm gia lô"
    assert _speech(db, "nhóm Zalo", there) == "nhóm da lô"
    assert _speech(db, "nhóm Zalo") == "nhóm da lô"


def test_longest_written_form_wins_whatever_its_scope(db: Session) -> None:
    station = create_station(db)
    _add(db, written="CLB Thơ", spoken="câu lạc bộ thơ ca")
    _add(db, station, written="CLB", spoken="câu lạc bộ phường")
    assert _speech(db, "CLB Thơ họp", station) == "câu lạc bộ thơ ca họp"
    assert _speech(db, "CLB Bóng đá", station) == "câu lạc bộ phường bóng đá"


def test_context_senses_apply_only_next_to_their_words(db: Session) -> None:
    _add(db, written="TT", spoken="truyền thanh", context_before="Đài|loa")
    assert _speech(db, "Đài TT phường") == "đài truyền thanh phường"
    assert _speech(db, "hệ thống loa TT") == "hệ thống loa truyền thanh"
    assert _speech(db, "TT Đảng ủy") == "thường trực đảng ủy"  # built-in sense kept
    unread = normalizer_for(db, None).explain("TT huyện")
    assert unread.unknown == ("TT",)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"written": "Zalo", "spoken": "Da lô"}, "spoken"),
        ({"written": "Zalo", "spoken": "zalo app"}, "spoken"),
        ({"written": "Zalo", "spoken": "da lô 2"}, "spoken"),
        ({"written": "   ", "spoken": "da lô"}, "written"),
        (
            {"written": "TT", "spoken": "truyền thanh", "context_before": "đài||loa"},
            "context_before",
        ),
        ({"written": "Zalo", "spoken": "da lô", "station_id": 999}, "station_id"),
    ],
)
def test_invalid_entries_name_the_field(db: Session, values: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        _add(db, **values)
    assert caught.value.field == field


def test_keys_and_values_are_stored_nfc_and_tone_canonical(db: Session) -> None:
    decomposed = "Hoa\u0300 Bi\u0300nh"  # 'Hoà Bình' typed with combining marks, old style
    row = _add(db, written=decomposed, spoken="hoà bình", context_after="Thuỷ")
    assert (row.written, row.spoken, row.context_after) == ("Hòa Bình", "hòa bình", "thủy")


def test_same_written_context_and_scope_is_a_conflict_naming_the_entry(db: Session) -> None:
    first = _add(db, written="Zalo", spoken="da lô")
    with pytest.raises(Conflict) as caught:
        _add(db, written="Zalo", spoken="gia lô")
    assert f"số {first.id}" in caught.value.message
    other = _add(db, written="Zalo", spoken="gia lô", context_before="nhóm")
    assert other.id != first.id


def test_change_breaking_an_example_is_refused_naming_the_case(db: Session) -> None:
    with pytest.raises(InvalidInput) as caught:
        _add(db, written="KH", spoken="khách hàng")
    assert caught.value.field == "spoken"
    case = next(e for e in load_examples() if e.input == "Số: 192 /KH-UBND")
    assert case.id in caught.value.message
    assert "khách hàng" in caught.value.message
    entry = _add(db, written="KH", spoken="kế hoạch")  # the same reading is accepted
    with pytest.raises(InvalidInput, match=case.id):
        service.update_entry(db, entry, LexiconEntryUpdate(spoken="khách hàng"))


def test_every_change_is_kept_and_any_version_restored(db: Session) -> None:
    entry = _add(db, written="Zalo", spoken="da lô", author="An")
    service.update_entry(db, entry, LexiconEntryUpdate(spoken="gia lô", author="Bình"))
    service.delete_entry(db, entry, author="Chi")
    assert _speech(db, "Zalo") == "zalo"
    changes = service.history(db, entry)
    assert [(c.action, c.author) for c in changes] == [
        (LexiconAction.CREATE, "An"),
        (LexiconAction.UPDATE, "Bình"),
        (LexiconAction.DELETE, "Chi"),
    ]
    assert changes[1].before is not None and changes[1].before["spoken"] == "da lô"
    assert changes[1].after is not None and changes[1].after["spoken"] == "gia lô"
    service.restore_entry(db, entry, LexiconRestore(change_id=changes[0].id, author="An"))
    assert entry.active and entry.spoken == "da lô"
    assert _speech(db, "Zalo") == "da lô"
    assert service.history(db, entry)[-1].action == LexiconAction.RESTORE


def test_segment_spoken_text_follows_its_station_lexicon(db: Session) -> None:
    station, other = create_station(db), create_station(db, name="Đài khác")
    segment = create_segment_row(db, station, script="Tham gia nhóm Zalo của phường.")
    elsewhere = create_segment_row(db, other, script="Tham gia nhóm Zalo của phường.")
    assert spoken_text(db, segment) == "tham gia nhóm zalo của phường"
    _add(db, station, written="Zalo", spoken="da lô")
    assert spoken_text(db, segment) == "tham gia nhóm da lô của phường"
    assert spoken_text(db, elsewhere) == "tham gia nhóm zalo của phường"


def test_csv_round_trip_keeps_every_entry(db: Session) -> None:
    station = create_station(db)
    _add(db, written="Zalo", spoken="da lô", note="ứng dụng, nhắn tin")
    _add(db, station, written="TT", spoken="truyền thanh", context_before="đài|loa")
    exported = export_csv(db)
    assert exported.startswith("\ufeff".encode())
    for row in service.list_entries(db):
        service.delete_entry(db, row)
    result = import_csv(db, exported, author="Dũng")
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert export_csv(db) == exported
    again = import_csv(db, exported)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_bad_csv_row_names_row_and_field_and_imports_nothing(db: Session) -> None:
    data = (
        "written,spoken,context_before,context_after,kind,scope,note\n"
        "Zalo,da lô,,,name,global,\n"
        "Viber,Vai Bơ,,,name,global,\n"
    ).encode()
    with pytest.raises(InvalidInput) as caught:
        import_csv(db, data)
    assert caught.value.field == "row[3].spoken"
    assert "dòng 3" in caught.value.message
    assert service.list_entries(db, include_deleted=True) == []
    with pytest.raises(InvalidInput) as scope:
        import_csv(db, b"written,spoken,scope\nZalo,da l\xc3\xb4,station:x\n")
    assert scope.value.field == "row[2].scope"
