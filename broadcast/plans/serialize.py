"""The parse as plain JSON: ISO dates, HH:MM times, null where the text is silent."""

from datetime import date, time
from typing import Any

from broadcast.plans.types import PlanParse


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _clock(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _document(plan: PlanParse) -> dict[str, Any]:
    doc = plan.document
    return {
        "number": doc.number,
        "code": doc.code,
        "date": _day(doc.date),
        "place": doc.place,
        "issuer": doc.issuer,
        "title": doc.title,
        "implements": doc.implements,
        "level": doc.level,
        "lines": doc.lines,
        "confidence": doc.confidence,
    }


def _events(plan: PlanParse) -> list[dict[str, Any]]:
    return [
        {
            "name": e.name,
            "level": e.level,
            "ordinal": e.ordinal,
            "term": e.term,
            "date_start": _day(e.date_start),
            "date_end": _day(e.date_end),
            "line": e.line,
            "date_line": e.date_line,
            "confidence": e.confidence,
        }
        for e in plan.events
    ]


def _phases(plan: PlanParse) -> list[dict[str, Any]]:
    return [
        {
            "code": p.code,
            "title": p.title,
            "event_ordinal": p.event_ordinal,
            "kind": p.kind,
            "start": _day(p.start),
            "end": _day(p.end),
            "peak_start": _day(p.peak_start),
            "peak_end": _day(p.peak_end),
            "topics": [{"text": t.text, "line": t.line} for t in p.topics],
            "line": p.line,
            "confidence": p.confidence,
        }
        for p in plan.phases
    ]


def to_json(plan: PlanParse) -> dict[str, Any]:
    """The parse in the shape of issue 6, plus line numbers, confidences and notes."""
    return {
        "document": _document(plan),
        "events": _events(plan),
        "phases": _phases(plan),
        "occasions": [
            {"name": o.name, "date": _day(o.date), "line": o.line} for o in plan.occasions
        ],
        "broadcast_sessions": [
            {
                "start": _clock(s.start),
                "end": _clock(s.end),
                "weekdays": list(s.weekdays),
                "line": s.line,
            }
            for s in plan.proposed_slots
        ],
        "notes": [
            {"section": n.section, "text": n.text, "line": n.line, "confidence": n.confidence}
            for n in plan.notes
        ],
        "unresolved": [{"text": u.text, "line": u.line, "why": u.why} for u in plan.unresolved],
    }
