"""As-run log: operators or players confirm what went out; a player log can be uploaded (CSV).

Nothing is assumed: a session without a confirmation stays "unconfirmed" and counts for
nothing in the airtime report.
"""

import csv
import io
from collections.abc import Sequence
from datetime import date, time

from pydantic import ValidationError
from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.errors import InvalidInput
from broadcast.models import BroadcastSession, SessionSlot, Station
from broadcast.models.asrun import AsRun, AsRunCreate, AsRunPublic, AsRunStatus
from broadcast.models.common import utcnow
from broadcast.programming import session_items

CSV_COLUMNS = ("date", "time", "status")
_STATUS_WORDS = {
    "aired": AsRunStatus.AIRED,
    "đã phát": AsRunStatus.AIRED,
    "partly": AsRunStatus.PARTLY,
    "phát một phần": AsRunStatus.PARTLY,
    "not_aired": AsRunStatus.NOT_AIRED,
    "không phát": AsRunStatus.NOT_AIRED,
}


def _slot_by_time(db: Session, station_id: int, value: str, field: str) -> SessionSlot:
    """The station's slot starting at HH:MM."""
    try:
        start = time.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidInput(field, f"giờ '{value}' không đúng dạng HH:MM") from exc
    query = select(SessionSlot).where(SessionSlot.station_id == station_id)
    for slot in db.exec(query):
        if slot.start.replace(second=0) == start.replace(second=0):
            return slot
    raise InvalidInput(field, f"đài không có buổi phát lúc {start.strftime('%H:%M')}")


def find_session(db: Session, data: AsRunCreate) -> BroadcastSession:
    """The confirmed session: by its id (``playlist_id``), or by day and slot id / start time."""
    if data.playlist_id is not None:
        session = db.get(BroadcastSession, data.playlist_id)
        if session is None or session.station_id != data.station_id:
            raise InvalidInput("playlist_id", f"đài không có danh sách phát {data.playlist_id}")
        return session
    if data.day is None:
        raise InvalidInput("playlist_id", "cần playlist_id, hoặc day với slot_id hoặc slot")
    if data.slot_id is not None:
        slot_id = data.slot_id
    elif data.slot is not None:
        slot_id = _slot_by_time(db, data.station_id, data.slot, "slot").id or 0
    else:
        raise InvalidInput("slot_id", "cần slot_id hoặc slot (HH:MM) cùng với day")
    query = select(BroadcastSession).where(
        BroadcastSession.station_id == data.station_id,
        BroadcastSession.day == data.day,
        BroadcastSession.slot_id == slot_id,
    )
    session = db.exec(query).first()
    if session is None:
        raise InvalidInput("day", f"chưa có danh sách phát ngày {data.day} ở buổi này")
    return session


def aired_seconds(
    db: Session, session: BroadcastSession, status: AsRunStatus, until: float | None
) -> float:
    """Programme seconds that went out: all, none, or items up to ``until`` (partly)."""
    if status is AsRunStatus.NOT_AIRED:
        return 0.0
    items = session_items(db, session)
    limit = float("inf") if status is AsRunStatus.AIRED or until is None else until
    if status is AsRunStatus.PARTLY and until is None:
        return 0.0  # "partly" without a time: nothing is assumed
    return round(
        sum(
            max(0.0, min(i.start_offset_s + i.duration_s, limit) - i.start_offset_s) for i in items
        ),
        3,
    )


def confirm(db: Session, data: AsRunCreate, source: str = "operator") -> AsRun:
    """Record (or replace) the as-run confirmation of one session."""
    crud.get_or_raise(db, Station, data.station_id)
    session = find_session(db, data)
    until = data.aired_until_s if data.status is AsRunStatus.PARTLY else None
    row = db.exec(select(AsRun).where(AsRun.playlist_id == session.id)).first() or AsRun(
        station_id=data.station_id,
        playlist_id=session.id or 0,
        day=session.day,
        slot_id=session.slot_id,
        status=data.status,
    )
    row.status, row.note, row.source, row.aired_until_s = data.status, data.note, source, until
    row.aired_s = aired_seconds(db, session, data.status, until)
    row.confirmed_at = utcnow()
    db.add(row)
    crud.flush(db)
    return row


def _row(station_id: int, number: int, record: dict[str, str]) -> AsRunCreate:
    """One CSV line as a confirmation, or InvalidInput naming the line."""
    where = f"dòng {number}"
    written = (record.get("date") or "").strip()
    try:
        day = date.fromisoformat(written)
    except ValueError as exc:
        raise InvalidInput("file", f"{where}: ngày '{written}' không đúng dạng YYYY-MM-DD") from exc
    word = (record.get("status") or "").strip()
    status = _STATUS_WORDS.get(word.lower())
    if status is None:
        raise InvalidInput("file", f"{where}: trạng thái '{word}' không hợp lệ")
    until = (record.get("aired_seconds") or "").strip()
    try:
        aired_until = float(until) if until else None
    except ValueError as exc:
        raise InvalidInput("file", f"{where}: aired_seconds '{until}' không phải số") from exc
    try:
        return AsRunCreate(
            station_id=station_id,
            day=day,
            slot=(record.get("time") or "").strip()[:5],
            status=status,
            note=(record.get("note") or "").strip(),
            aired_until_s=aired_until,
        )
    except ValidationError as exc:
        problem = exc.errors()[0]
        name = ".".join(str(part) for part in problem["loc"])
        raise InvalidInput("file", f"{where}: {name}: {problem['msg']}") from exc


def import_player_log(db: Session, station_id: int, content: bytes) -> list[AsRun]:
    """Confirm every session of a player log CSV (date,time,status[,aired_seconds,note]).

    The whole file is refused (nothing stored) if any line is wrong.
    """
    crud.get_or_raise(db, Station, station_id)
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
        rows = [_row(station_id, n + 2, rec) for n, rec in enumerate(reader)]
    except csv.Error as exc:
        raise InvalidInput("file", f"tệp CSV không đọc được: {exc}") from exc
    if not rows:
        raise InvalidInput("file", "tệp nhật ký không có dòng nào")
    for number, data in enumerate(rows, start=2):  # check every line before storing any
        try:
            find_session(db, data)
        except InvalidInput as exc:
            raise InvalidInput("file", f"dòng {number}: {exc.message}") from exc
    return [confirm(db, data, source="player_log") for data in rows]


def list_asrun(db: Session, station_id: int, start: date, end: date) -> Sequence[AsRun]:
    """Confirmations of a station in an inclusive date range."""
    query = select(AsRun).where(
        AsRun.station_id == station_id, col(AsRun.day) >= start, col(AsRun.day) <= end
    )
    return db.exec(query.order_by(col(AsRun.day), col(AsRun.slot_id))).all()


def asrun_public(row: AsRun) -> AsRunPublic:
    """The API view of a confirmation."""
    return AsRunPublic.model_validate(row)
