"""Preview and apply a re-import: the station's campaign of a plan updated in place.

Kept phases and topics keep their ids, so the segments linked to them stay linked. Phases and
topics the new plan no longer has are deleted with their unused template segments; written
segments that would be left serving nothing block the update (removal.py says why).
"""

import hashlib
from typing import Any

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.audit import audit_as
from broadcast.campaigns.activation import add_proposed_slots
from broadcast.campaigns.matching import plan_matches, same_plan
from broadcast.campaigns.plan_diff import PlanDiff, plan_diff
from broadcast.campaigns.plan_import import (
    add_event,
    add_phase,
    add_topic,
    event_of,
    plan_import_record,
    read_plan,
)
from broadcast.campaigns.removal import SegmentFate, carry_out, refuse_blocking, segment_fate
from broadcast.errors import InvalidInput
from broadcast.models import Campaign, CampaignPublic, CampaignStatus, Event, Phase, Topic
from broadcast.models.campaign import PlanImport
from broadcast.models.common import utcnow
from broadcast.plans import PlanParse, to_json


def _removed_ids(db: Session, diff: PlanDiff) -> tuple[set[int], set[int]]:
    """The phases that go, and the topics that go (with those of the phases that go)."""
    phase_ids = {p.id or 0 for p in diff.phases_removed}
    topic_ids = {t.id or 0 for t in diff.topics_removed}
    for phase in diff.phases_removed:
        topic_ids |= {t.id or 0 for t in crud.list_rows(db, Topic, phase_id=phase.id)}
    return phase_ids, topic_ids


def _compare(
    db: Session, campaign: Campaign, plan: PlanParse, filename: str
) -> tuple[PlanDiff, SegmentFate, set[int], set[int]]:
    diff = plan_diff(db, campaign, plan, filename)
    phase_ids, topic_ids = _removed_ids(db, diff)
    return diff, segment_fate(db, phase_ids, topic_ids), phase_ids, topic_ids


def _public(campaign: Campaign) -> dict[str, Any]:
    return CampaignPublic.model_validate(campaign).model_dump(mode="json")


def _document(plan: PlanParse) -> dict[str, Any]:
    doc = plan.document
    return {"number": doc.full_number, "issuer": doc.issuer, "title": doc.title,
            "date": doc.date.isoformat() if doc.date else None}  # fmt: skip


def preview_import(
    db: Session, data: bytes, filename: str, station_id: int | None
) -> dict[str, Any]:
    """Whether the station already has this plan and, if so, what updating it would change."""
    plan = read_plan(data, filename)
    same = same_plan(db, station_id, plan) if station_id is not None else None
    answer: dict[str, Any] = {"document": _document(plan), "match": None, "changes": None}
    if same is not None:
        diff, fate, _phases, _topics = _compare(db, same, plan, filename)
        answer |= {"match": _public(same), "changes": changes_json(diff, fate)}
    return answer


def preview_reimport(db: Session, campaign: Campaign, data: bytes, filename: str) -> dict[str, Any]:
    """What updating this campaign from the plan would change; nothing is written."""
    plan = _plan_of(campaign, data, filename)
    diff, fate, _phases, _topics = _compare(db, campaign, plan, filename)
    return {"document": _document(plan), "match": _public(campaign),
            "changes": changes_json(diff, fate)}  # fmt: skip


def _plan_of(campaign: Campaign, data: bytes, filename: str) -> PlanParse:
    plan = read_plan(data, filename)
    if not plan_matches(campaign, plan):
        raise InvalidInput(
            "file",
            f"kế hoạch {plan.document.full_number or '(không số)'} không phải kế hoạch của "
            f"chiến dịch này ({campaign.document_number or campaign.title[:60]})",
            code="campaign.other_plan",
        )
    return plan


def _apply_events(db: Session, campaign: Campaign, diff: PlanDiff) -> dict[int, Event]:
    """Add and update events; the stored event of each plan event index."""
    created: dict[int, Event] = {}
    for spec in diff.events_added:
        created[id(spec)] = add_event(db, campaign.id or 0, spec)
    for row, _spec, changes in diff.events_changed:
        for change in changes:
            setattr(row, change.field, change.after)
        _store(db, row)
    return {
        index: target if isinstance(target, Event) else created[id(target)]
        for index, target in diff.event_rows.items()
    }


def _apply_phases(db: Session, diff: PlanDiff, events: dict[int, Event]) -> None:
    for update in diff.phases_kept:
        for change in update.changes:
            if change.field != "event":
                setattr(update.row, change.field, change.after)
        wanted = update.event
        if isinstance(wanted, Event):
            update.row.event_id = wanted.id
        elif wanted is not None and wanted.plan_index in events:  # an event added just now
            update.row.event_id = events[wanted.plan_index].id
        _store(db, update.row)
    for topic, text in diff.topics_changed:
        topic.text = text
        _store(db, topic)
    for topic, position in diff.topic_positions:
        topic.position = position
        _store(db, topic)


def _remove(db: Session, campaign: Campaign, diff: PlanDiff, removed: tuple[set[int], set[int]],
            fate: SegmentFate) -> None:  # fmt: skip
    phase_ids, topic_ids = removed
    carry_out(db, fate, phase_ids, topic_ids)
    for topic in db.exec(select(Topic).where(col(Topic.id).in_(topic_ids))).all():
        db.delete(topic)
    crud.flush(db)
    for phase in diff.phases_removed:
        db.delete(phase)
    crud.flush(db)
    gone = {e.id for e in diff.events_removed}
    for phase in crud.list_rows(db, Phase, campaign_id=campaign.id):
        if phase.event_id in gone:
            phase.event_id = None
            _store(db, phase)
    for event in diff.events_removed:
        db.delete(event)
    crud.flush(db)


def _record(db: Session, campaign: Campaign, plan: PlanParse, data: bytes, filename: str) -> None:
    record = plan_import_record(db, campaign.id or 0) or PlanImport(
        campaign_id=campaign.id or 0, sha256=""
    )
    record.filename = filename[:300]
    record.sha256 = hashlib.sha256(data).hexdigest()
    record.parse = to_json(plan)
    record.created_at = utcnow()
    _store(db, record)


def _store(db: Session, row: Any) -> None:
    crud.validate_row(db, row)
    db.add(row)
    crud.flush(db)


def apply_reimport(
    db: Session, campaign: Campaign, data: bytes, filename: str, voice: str
) -> dict[str, Any]:
    """Update the campaign from the plan in place (one audited action); the changes made.

    Refuses with ``campaign.segments_in_use`` (nothing written) when written segments would be
    left serving nothing, and with ``campaign.other_plan`` when the file is another plan.
    """
    plan = _plan_of(campaign, data, filename)
    diff, fate, phase_ids, topic_ids = _compare(db, campaign, plan, filename)
    refuse_blocking(fate, "cập nhật chiến dịch")
    changes = changes_json(diff, fate)
    with audit_as(db, "reimport", filename[:200]):
        for change in diff.campaign:
            setattr(campaign, change.field, change.after)
        _store(db, campaign)
        events = _apply_events(db, campaign, diff)
        _apply_phases(db, diff, events)
        _remove(db, campaign, diff, (phase_ids, topic_ids), fate)
        for info in diff.phases_added:
            index = event_of(plan, info)
            event = events.get(index) if index is not None else None
            add_phase(db, campaign, plan, info, event.id if event else None, voice)
        for phase, info, position in diff.topics_added:
            add_topic(db, plan, info, phase, position, voice)
        _record(db, campaign, plan, data, filename)
        slots = add_proposed_slots(db, campaign) if campaign.status == CampaignStatus.ACTIVE else []
    return {"campaign": _public(campaign), "changes": changes, "slots_created": len(slots)}


def changes_json(diff: PlanDiff, fate: SegmentFate) -> dict[str, Any]:
    """The preview: every change by kind, what the segments undergo, what was kept as is."""
    phases = [u.row for u in diff.phases_kept] + diff.phases_removed
    codes = {p.id: p.code or p.title[:40] for p in phases}
    return {
        "count": diff.count,
        "empty": diff.count == 0,
        "campaign": [c.as_json() for c in diff.campaign],
        "events": {
            "added": [{"name": e.name, "starts_on": e.starts_on} for e in diff.events_added],
            "changed": [
                {"id": row.id, "name": row.name, "fields": [c.as_json() for c in changes]}
                for row, _spec, changes in diff.events_changed
            ],
            "removed": [{"id": row.id, "name": row.name} for row in diff.events_removed],
        },
        "phases": {
            "added": [
                {
                    "code": p.code,
                    "title": p.title,
                    "starts_on": p.start,
                    "ends_on": p.end,
                    "peak_starts_on": p.peak_start,
                    "peak_ends_on": p.peak_end,
                    "topics": len(p.topics),
                }
                for p in diff.phases_added
            ],  # fmt: skip
            "changed": [
                {
                    "id": u.row.id,
                    "code": u.row.code,
                    "title": u.row.title,
                    "fields": [c.as_json() for c in u.changes],
                }
                for u in diff.phases_changed
            ],  # fmt: skip
            "removed": [
                {"id": p.id, "code": p.code, "title": p.title} for p in diff.phases_removed
            ],
        },
        "topics": {
            "added": [
                {"phase": phase.code or phase.title[:40], "text": info.topics[position].text}
                for phase, info, position in diff.topics_added
            ],
            "changed": [
                {"id": t.id, "phase": codes.get(t.phase_id), "before": t.text, "after": text}
                for t, text in diff.topics_changed
            ],
            "removed": [
                {"id": t.id, "phase": codes.get(t.phase_id), "text": t.text}
                for t in diff.topics_removed
            ],
        },
        "segments": fate.as_json(),
        "skipped": diff.skipped,
    }
