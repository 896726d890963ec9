"""As-run reports (contract A) computed from what actually played: per item, session, alert."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from player.clock import iso

TOLERANCE_S = 0.5  # an item short of its end by less than this counts as completed


@dataclass
class Span:
    """A stretch of a session that played: session offsets, wall start, why it stopped early."""

    start_s: float
    end_s: float
    began: datetime
    cut: str | None = None  # None: it reached the end of the file

    @property
    def ended(self) -> datetime:
        """Wall time the stretch stopped."""
        return self.began + timedelta(seconds=self.end_s - self.start_s)


def _stamp(start_utc: str) -> str:
    return start_utc.replace("-", "").replace(":", "").split(".")[0].removesuffix("Z") + "Z"


def _report(
    rid: str, kind: str, started: datetime, ended: datetime, **fields: Any
) -> dict[str, Any]:
    return {
        "id": rid, "kind": kind, "session_id": None, "position": None, "alert_id": None,
        "started_at": iso(started), "ended_at": iso(max(started, ended)),
        "outcome": "completed", "reason": None, "played_s": 0.0,
    } | fields  # fmt: skip


def _reason(spans: list[Span], item_end: float) -> str:
    cuts = [s for s in spans if s.cut and s.end_s < item_end - TOLERANCE_S]
    return max(cuts, key=lambda s: s.end_s).cut or "stopped" if cuts else "stopped"


def session_reports(
    session: dict[str, Any], spans: list[Span], planned: datetime, skip_reason: str | None = None
) -> list[dict[str, Any]]:
    """Item reports then the session report for a session that played these spans (none:
    skipped for `skip_reason`)."""
    sid, stamp = session["session_id"], _stamp(session["start_utc"])
    first = spans[0].start_s if spans else 0.0
    reports, outcomes = [], []
    for item in session.get("items", []):
        begin = float(item["start_offset_s"])
        end = begin + float(item["duration_s"])
        played = sum(max(0.0, min(end, s.end_s) - max(begin, s.start_s)) for s in spans)
        covering = [s for s in spans if s.start_s < end and s.end_s > begin]
        started = (
            covering[0].began + timedelta(seconds=max(0.0, begin - covering[0].start_s))
            if covering
            else planned + timedelta(seconds=begin)
        )
        ended = started + timedelta(seconds=played)
        cuts = [s.cut for s in spans if s.cut and begin + 0.05 < s.end_s < end - TOLERANCE_S]
        if played >= end - begin - TOLERANCE_S and not cuts:
            outcome, reason = "completed", None
        elif cuts and played >= 0.05:  # cut inside the item, even when it resumed after
            outcome, reason = "interrupted", cuts[0]
        else:
            late = spans and begin < first - TOLERANCE_S
            reason = skip_reason or ("late" if late else _reason(spans, end))
            outcome = "skipped" if played < 0.05 else "interrupted"
        outcomes.append((outcome, reason))
        reports.append(
            _report(
                f"i-{sid}-{stamp}-{item['position']}",
                "item",
                started,
                ended,
                session_id=sid,
                position=item["position"],
                outcome=outcome,
                reason=reason,
                played_s=round(played, 3),
            )  # fmt: skip
        )
    total = sum(s.end_s - s.start_s for s in spans)
    if not spans:
        outcome, reason = "skipped", skip_reason or "stopped"
    elif all(o == "completed" for o, _ in outcomes) and spans[-1].cut is None:
        outcome, reason = "completed", None
    else:
        outcome = "interrupted"
        reason = next((r for o, r in outcomes if o != "completed"), None) or spans[-1].cut
    started = spans[0].began if spans else planned
    ended = spans[-1].ended if spans else planned
    reports.append(
        _report(
            f"s-{sid}-{stamp}",
            "session",
            started,
            ended,
            session_id=sid,
            outcome=outcome,
            reason=reason,
            played_s=round(total, 3),
        )  # fmt: skip
    )
    return reports


def alert_report(
    alert_id: int,
    started: datetime,
    ended: datetime,
    played_s: float,
    full_s: float | None,
    reason: str | None = None,
) -> dict[str, Any]:
    """The report of an alert that played `played_s` seconds (of `full_s` when known)."""
    if reason and played_s < 0.05:
        outcome = "skipped"
    elif reason or (full_s is not None and played_s < full_s - TOLERANCE_S):
        outcome = "interrupted"
    else:
        outcome = "completed"
    return _report(f"alert-{alert_id:04d}", "alert", started, ended, alert_id=alert_id,
                   outcome=outcome, reason=reason, played_s=round(played_s, 3))  # fmt: skip
