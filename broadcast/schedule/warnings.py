"""Warnings on a programmed range: gaps in phases and topics, thin sessions, ending windows."""

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from broadcast.models import BroadcastSession, Campaign, Phase, PlaylistItem, SessionSlot, Topic
from broadcast.programming import active_phases, phase_live, segment_candidates
from playlists import SegmentCandidate, SegmentRole

#: A session filled below this share of its maximum length is "underfilled".
UNDERFILL_PCT = 60.0
#: An air window ending within this many days of the reference day "ends soon".
ENDS_SOON_DAYS = 7


def _vn(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _can_air(seg: SegmentCandidate, day: date) -> bool:
    """Approved, in its air window and on one of its weekdays."""
    return (
        seg.approved
        and (seg.air_start is None or seg.air_start <= day)
        and (seg.air_end is None or day <= seg.air_end)
        and (not seg.weekdays or day.weekday() in seg.weekdays)
    )


def _session_days(start: date, end: date, slots: Sequence[SessionSlot]) -> list[date]:
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return [d for d in days if any(d.weekday() in s.weekdays for s in slots)]


def _spans(days: Sequence[date], gap_days: set[date]) -> list[tuple[date, date]]:
    """Runs of consecutive session days that are all in ``gap_days``."""
    spans: list[tuple[date, date]] = []
    run: list[date] = []
    for day in [*days, None]:
        if day is not None and day in gap_days:
            run.append(day)
            continue
        if run:
            spans.append((run[0], run[-1]))
        run = []
    return spans


def phase_names(db: Session, phases: Sequence[Phase]) -> dict[int | None, str]:
    """Each phase's code, with its campaign when two live campaigns share the code."""
    shared = Counter(p.code for p in phases)
    names: dict[int | None, str] = {}
    for phase in phases:
        name = phase.code or _short(phase.title, 40)
        campaign = db.get(Campaign, phase.campaign_id) if shared[phase.code] > 1 else None
        if campaign is not None:
            label = campaign.document_number or _short(campaign.title, 40)
            name += f" của chiến dịch {label} #{campaign.id}"
        names[phase.id] = name
    return names


def _phase_gaps(
    phases: Sequence[Phase],
    segs: Sequence[SegmentCandidate],
    days: Sequence[date],
    names: Mapping[int | None, str],
) -> list[dict[str, Any]]:
    out = []
    for phase in phases:
        serving = [s for s in segs if phase.id in s.phase_ids and s.role is SegmentRole.BODY]
        gaps = {
            d for d in days if phase_live(phase, d) and not any(_can_air(s, d) for s in serving)
        }
        for first, last in _spans(days, gaps):
            out.append(
                {
                    "kind": "phase_without_segment",
                    "phase_id": phase.id,
                    "from": first,
                    "to": last,
                    "message": f"Giai đoạn {names[phase.id]} không có chuyên mục đã duyệt nào phát "
                    f"được từ {_vn(first)} đến {_vn(last)}",
                }
            )
    return out


def _thin_run(kind: str, run: list[tuple[date, SessionSlot, float]]) -> dict[str, Any]:
    """One warning for consecutive sessions that are missing or underfilled."""
    first, last = run[0], run[-1]
    where = (
        f"Buổi {first[1].start.strftime('%H:%M')} ngày {_vn(first[0])}"
        if len(run) == 1
        else f"{len(run)} buổi liên tiếp từ {_vn(first[0])} đến {_vn(last[0])}"
    )
    fills = [fill for _d, _s, fill in run]
    if kind == "missing":
        text = f"{where} chưa lập danh sách phát"
    elif min(fills) == max(fills):
        text = f"{where} chỉ lấp đầy {min(fills):g}% thời lượng"
    else:
        text = f"{where} chỉ lấp đầy {min(fills):g}–{max(fills):g}% thời lượng"
    return {
        "kind": kind,
        "from": first[0],
        "to": last[0],
        "sessions": len(run),
        "fill_pct_min": min(fills),
        "fill_pct_max": max(fills),
        "message": text,
    }


def _thin_sessions(
    days: Sequence[date],
    slots: Sequence[SessionSlot],
    stored: Mapping[tuple[date, int], BroadcastSession],
) -> list[dict[str, Any]]:
    """Missing or underfilled sessions, consecutive ones grouped into one warning."""
    out: list[dict[str, Any]] = []
    kind = ""
    run: list[tuple[date, SessionSlot, float]] = []
    for day in days:
        for slot in slots:
            if day.weekday() not in slot.weekdays:
                continue
            session = stored.get((day, slot.id or 0))
            fill = round(100.0 * session.total_s / slot.max_seconds, 1) if session else 0.0
            now = "missing" if session is None else ("underfilled" if fill < UNDERFILL_PCT else "")
            if now != kind and run:
                out.append(_thin_run(kind, run))
                run = []
            kind = now
            if now:
                run.append((day, slot, fill))
    if run:
        out.append(_thin_run(kind, run))
    return out


def _ending_windows(
    segs: Sequence[SegmentCandidate], start: date, end: date, today: date
) -> list[dict[str, Any]]:
    ref = min(max(today, start), end)
    out = []
    for seg in segs:
        if seg.approved and seg.air_end is not None and ref <= seg.air_end:
            left = (seg.air_end - ref).days
            if left <= ENDS_SOON_DAYS:
                out.append(
                    {
                        "kind": "air_window_ends_soon",
                        "segment_id": seg.id,
                        "day": seg.air_end,
                        "message": f"Chuyên mục «{_short(seg.title)}» hết thời gian phát ngày "
                        f"{_vn(seg.air_end)} (còn {left} ngày tính từ {_vn(ref)})",
                    }
                )
    return out


def _topic_gaps(
    db: Session,
    phases: Sequence[Phase],
    segs: Sequence[SegmentCandidate],
    days: Sequence[date],
    stored: Mapping[tuple[date, int], BroadcastSession],
    names: Mapping[int | None, str],
) -> list[dict[str, Any]]:
    ids = [p.id for p in stored.values()]
    aired: dict[date, set[int]] = {}
    query = select(BroadcastSession, PlaylistItem).join(
        PlaylistItem, col(BroadcastSession.id) == PlaylistItem.playlist_id
    )
    for session, item in db.exec(query.where(col(BroadcastSession.id).in_(ids))):
        monday = session.day - timedelta(days=session.day.weekday())
        aired.setdefault(monday, set()).add(item.segment_id)
    by_phase = {p.id: p for p in phases}
    topics = db.exec(select(Topic).where(col(Topic.phase_id).in_(list(by_phase)))).all()
    weeks = sorted({d - timedelta(days=d.weekday()) for d in days})
    out: list[dict[str, Any]] = []
    for topic in sorted(topics, key=lambda t: t.id or 0):
        phase = by_phase[topic.phase_id]
        serving = [s for s in segs if topic.id in s.topic_ids and s.approved]
        if not serving:
            if any(phase_live(phase, d) for d in days):
                out.append(
                    {
                        "kind": "topic_without_segment",
                        "topic_id": topic.id,
                        "phase_id": phase.id,
                        "message": f"Chủ đề «{_short(topic.text)}» (giai đoạn {names[phase.id]}) "
                        "chưa có chuyên mục nào đã duyệt",
                    }
                )
            continue
        for monday in weeks:
            week = [d for d in days if monday <= d <= monday + timedelta(days=6)]
            live = [d for d in week if phase_live(phase, d)]
            if not live or not any(_can_air(s, d) for s in serving for d in live):
                continue
            if not aired.get(monday, set()) & {s.id for s in serving}:
                out.append(
                    {
                        "kind": "topic_not_aired_in_week",
                        "topic_id": topic.id,
                        "phase_id": phase.id,
                        "from": monday,
                        "message": f"Chủ đề «{_short(topic.text)}» (giai đoạn {names[phase.id]}) "
                        f"không được phát trong tuần bắt đầu {_vn(monday)}",
                    }
                )
    return out


def _quiet_slots(
    slots: Sequence[SessionSlot], quiet: Mapping[int, str], days: Sequence[date]
) -> list[dict[str, Any]]:
    """One warning per slot in quiet hours that has sessions in the range."""
    return [
        {
            "kind": "quiet_hours",
            "slot_id": slot.id,
            "code": "slot.quiet_hours",
            "message": f"{quiet[slot.id or 0]}. Các buổi của khung giờ này không được lập lịch; "
            "sửa giờ bắt đầu hoặc giờ yên tĩnh ở trang Cài đặt",
        }
        for slot in slots
        if (slot.id or 0) in quiet and any(d.weekday() in slot.weekdays for d in days)
    ]


def warnings_for(
    db: Session,
    station_id: int,
    start: date,
    end: date,
    today: date,
    stored: Mapping[tuple[date, int], BroadcastSession],
    slots: Sequence[SessionSlot],
    quiet: Mapping[int, str] | None = None,
) -> list[dict[str, Any]]:
    """Every warning of the range, in a stable order (kind by kind, then by day).

    ``quiet`` maps the slots in quiet hours to the reason: warned about, never "missing".
    """
    quiet = quiet or {}
    phases = active_phases(db, station_id)
    segs = segment_candidates(db, station_id)
    days = _session_days(start, end, slots)
    names = phase_names(db, phases)
    audible = [s for s in slots if (s.id or 0) not in quiet]
    return [
        *_quiet_slots(slots, quiet, days),
        *_phase_gaps(phases, segs, days, names),
        *_topic_gaps(db, phases, segs, days, stored, names),
        *_thin_sessions(days, audible, stored),
        *_ending_windows(segs, start, end, today),
    ]
