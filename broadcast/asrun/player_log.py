"""Player log (CSV: date,time,status[,aired_seconds,note]): confirm the sessions it names.

Lines that name a started session of the station are confirmed; every other line is refused
with its reason and stores nothing. A file that cannot be read, or where no line matches, is
refused whole.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import ValidationError
from sqlmodel import Session

from broadcast import crud
from broadcast.asrun.service import check_started, confirm, find_session, station_now
from broadcast.errors import InvalidInput
from broadcast.models import BroadcastSession, Station
from broadcast.models.asrun import AsRun, AsRunCreate, AsRunStatus

CSV_COLUMNS = ("date", "time", "status")
MAX_NOTE = 2000
MAX_AIRED_S = 24 * 3600
SHOWN_REASONS = 10  # refused lines named in the error of a file where none matched
STATUS_WORDS = {
    "aired": AsRunStatus.AIRED,
    "đã phát": AsRunStatus.AIRED,
    "partly": AsRunStatus.PARTLY,
    "phát một phần": AsRunStatus.PARTLY,
    "not_aired": AsRunStatus.NOT_AIRED,
    "không phát": AsRunStatus.NOT_AIRED,
}


@dataclass
class PlayerLogResult:
    """What a player log did: the confirmations stored and the refused lines with reasons."""

    confirmed: list[AsRun] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)


def _aired_until(written: str) -> float | None:
    if not written:
        return None
    try:
        value = float(written)
    except ValueError as exc:
        raise InvalidInput("file", f"aired_seconds '{written}' không phải số") from exc
    if not 0 <= value <= MAX_AIRED_S:
        raise InvalidInput("file", f"aired_seconds phải từ 0 đến {MAX_AIRED_S}")
    return value


def parse_line(station_id: int, record: dict[str, str | None]) -> AsRunCreate:
    """One CSV line as a confirmation, or InvalidInput with the reason."""
    written = (record.get("date") or "").strip()
    try:
        day = date.fromisoformat(written)
    except ValueError as exc:
        raise InvalidInput("file", f"ngày '{written}' không đúng dạng YYYY-MM-DD") from exc
    word = (record.get("status") or "").strip()
    status = STATUS_WORDS.get(word.lower())
    if status is None:
        raise InvalidInput("file", f"trạng thái '{word}' không hợp lệ")
    note = (record.get("note") or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput("file", f"ghi chú dài quá {MAX_NOTE} ký tự")
    aired_until = _aired_until((record.get("aired_seconds") or "").strip())
    try:
        return AsRunCreate(
            station_id=station_id,
            day=day,
            slot=(record.get("time") or "").strip()[:5],
            status=status,
            note=note,
            aired_until_s=aired_until,
        )
    except ValidationError as exc:
        problem = exc.errors()[0]
        name = ".".join(str(part) for part in problem["loc"])
        raise InvalidInput("file", f"{name}: {problem['msg']}") from exc


def _records(content: bytes) -> list[dict[str, str | None]]:
    """The CSV lines as dicts; InvalidInput for a file that is not a readable player log."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput("file", "tệp nhật ký phải là CSV mã hóa UTF-8") from exc
    if "\x00" in text:
        raise InvalidInput("file", "tệp nhật ký chứa ký tự NUL, không phải CSV văn bản")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InvalidInput("file", f"thiếu cột: {', '.join(missing)} (cần date,time,status)")
    try:
        records: list[dict[str, str | None]] = list(reader)
    except csv.Error as exc:
        raise InvalidInput("file", f"tệp CSV không đọc được: {exc}") from exc
    if not records:
        raise InvalidInput("file", "tệp nhật ký không có dòng nào")
    return records


def _match(
    db: Session, station_id: int, record: dict[str, str | None], now: datetime
) -> tuple[AsRunCreate, BroadcastSession]:
    """The confirmation a line asks for and its started session, or InvalidInput."""
    data = parse_line(station_id, record)
    session = find_session(db, data)
    check_started(db, session, now, "file")
    return data, session


def import_player_log(
    db: Session, station_id: int, content: bytes, now: datetime | None = None
) -> PlayerLogResult:
    """Confirm the sessions a player log names; refused lines are listed with their reason."""
    crud.get_or_raise(db, Station, station_id)
    now = now or station_now(db, station_id)
    result = PlayerLogResult()
    matched: list[AsRunCreate] = []
    for number, record in enumerate(_records(content), start=2):  # line 1 is the header
        try:
            data, session = _match(db, station_id, record, now)
        except InvalidInput as exc:
            result.refused.append((number, exc.detail))
            continue
        matched.append(data.model_copy(update={"playlist_id": session.id}))
    if not matched:
        shown = result.refused[:SHOWN_REASONS]
        reasons = "; ".join(f"dòng {line}: {reason}" for line, reason in shown)
        if len(result.refused) > SHOWN_REASONS:
            reasons += f"; và {len(result.refused) - SHOWN_REASONS} dòng khác"
        raise InvalidInput("file", f"không dòng nào khớp với một buổi phát — {reasons}")
    result.confirmed = [confirm(db, data, source="player_log", now=now) for data in matched]
    return result
