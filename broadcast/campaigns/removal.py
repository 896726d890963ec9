"""Delete a draft campaign; which template segments go with removed phases and topics.

A segment linked to phases or topics that go away is sorted into one of three groups:

- **deleted**: an importer template nothing else uses — untouched since the import (its
  `plan_template` mark), in no session, and linked only to the phases/topics that go;
- **unlinked**: written work that also serves another phase; only its links to what goes are
  removed, it keeps airing for the rest;
- **blocking**: written work (or anything in a session) that would be left serving nothing;
  the removal is refused and the list shown, so nobody's work is lost or starts airing
  without its campaign. The user unlinks or deletes those segments first.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.errors import Conflict
from broadcast.models import (
    Campaign,
    CampaignStatus,
    Event,
    Phase,
    PlaylistItem,
    Segment,
    SegmentPhaseLink,
    SegmentTopicLink,
    Topic,
)
from broadcast.models.campaign import PlanImport


@dataclass
class SegmentFate:
    """What happens to the segments linked to phases/topics that go away."""

    deleted: list[Segment] = field(default_factory=list)
    unlinked: list[Segment] = field(default_factory=list)
    blocking: list[tuple[Segment, str]] = field(default_factory=list)
    scheduled: list[Segment] = field(default_factory=list)  # in a session, whatever the group

    def as_json(self) -> dict[str, Any]:
        """The three lists with ids and titles."""

        def brief(row: Segment) -> dict[str, Any]:
            return {"id": row.id, "title": row.title}

        return {
            "deleted": [brief(row) for row in self.deleted],
            "unlinked": [brief(row) for row in self.unlinked],
            "blocking": [brief(row) | {"why": why} for row, why in self.blocking],
        }


def _links(
    db: Session, segment_ids: Iterable[int]
) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    ids = list(segment_ids)
    phases: dict[int, set[int]] = {sid: set() for sid in ids}
    topics: dict[int, set[int]] = {sid: set() for sid in ids}
    for p in db.exec(select(SegmentPhaseLink).where(col(SegmentPhaseLink.segment_id).in_(ids))):
        phases[p.segment_id].add(p.phase_id)
    for t in db.exec(select(SegmentTopicLink).where(col(SegmentTopicLink.segment_id).in_(ids))):
        topics[t.segment_id].add(t.topic_id)
    return phases, topics


def _scheduled(db: Session, segment_ids: Iterable[int]) -> set[int]:
    query = select(PlaylistItem.segment_id).where(col(PlaylistItem.segment_id).in_(segment_ids))
    return set(db.exec(query).all())


def segment_fate(db: Session, phase_ids: set[int], topic_ids: set[int]) -> SegmentFate:
    """Sort the segments linked to the phases/topics that go (see the module docstring)."""
    topic_phases = set(db.exec(select(Topic.phase_id).where(col(Topic.id).in_(topic_ids))).all())
    linked = set(
        db.exec(
            select(SegmentPhaseLink.segment_id).where(col(SegmentPhaseLink.phase_id).in_(phase_ids))
        ).all()
    ) | set(
        db.exec(
            select(SegmentTopicLink.segment_id).where(col(SegmentTopicLink.topic_id).in_(topic_ids))
        ).all()
    )
    phases, topics = _links(db, linked)
    in_sessions = _scheduled(db, linked)
    fate = SegmentFate()
    query = select(Segment).where(col(Segment.id).in_(linked)).order_by(col(Segment.id))
    for row in db.exec(query).all():
        sid = row.id or 0
        if sid in in_sessions:
            fate.scheduled.append(row)
        template = (
            row.plan_template  # the importer's draft, untouched: an edit makes it written work
            and sid not in in_sessions
            and topics[sid] <= topic_ids
            and phases[sid] <= phase_ids | topic_phases
        )
        if template:
            fate.deleted.append(row)
        elif phases[sid] - phase_ids:
            fate.unlinked.append(row)
        elif sid in in_sessions:
            fate.blocking.append((row, "đã được xếp vào buổi phát"))
        else:
            fate.blocking.append((row, "là bài đã viết, sẽ không còn gắn với giai đoạn nào"))
    return fate


def carry_out(db: Session, fate: SegmentFate, phase_ids: set[int], topic_ids: set[int]) -> None:
    """Delete the templates and remove the unlinked segments' links to what goes."""
    _drop_links(db, [row.id or 0 for row in fate.deleted], None, None)
    _drop_links(db, [row.id or 0 for row in fate.unlinked], phase_ids, topic_ids)
    crud.flush(db)  # links first: the unit of work does not order these deletes by itself
    for row in fate.deleted:
        db.delete(row)
    crud.flush(db)


def _drop_links(
    db: Session, segment_ids: list[int], phase_ids: set[int] | None, topic_ids: set[int] | None
) -> None:
    """Delete the links of these segments (only to the given phases/topics when given)."""
    for link in db.exec(
        select(SegmentPhaseLink).where(col(SegmentPhaseLink.segment_id).in_(segment_ids))
    ).all():
        if phase_ids is None or link.phase_id in phase_ids:
            db.delete(link)
    for tlink in db.exec(
        select(SegmentTopicLink).where(col(SegmentTopicLink.segment_id).in_(segment_ids))
    ).all():
        if topic_ids is None or tlink.topic_id in topic_ids:
            db.delete(tlink)


def refuse_blocking(fate: SegmentFate, what: str) -> None:
    """Conflict ``campaign.segments_in_use`` listing the segments that stop ``what``."""
    if fate.blocking:
        names = "; ".join(f"#{row.id} «{row.title[:80]}» ({why})" for row, why in fate.blocking)
        raise Conflict(
            f"không thể {what} vì các chuyên mục sau vẫn dùng giai đoạn/chủ đề sẽ bị bỏ: {names}. "
            "Hãy bỏ liên kết hoặc xoá các chuyên mục đó trước",
            code="campaign.segments_in_use",
        )


def delete_draft_campaign(db: Session, campaign: Campaign) -> dict[str, Any]:
    """Delete a draft campaign, its events, phases, topics, import record and templates.

    Refuses an active or archived campaign (``campaign.not_draft``: archive it instead), one
    whose segments are already in a session (``campaign.scheduled``: it aired or is about to),
    and one whose written segments would be left serving nothing (``campaign.segments_in_use``).
    """
    if campaign.status != CampaignStatus.DRAFT:
        raise Conflict(
            "chỉ xoá được chiến dịch bản nháp; chiến dịch đã kích hoạt thì hãy lưu trữ",
            code="campaign.not_draft",
        )
    phases = crud.list_rows(db, Phase, campaign_id=campaign.id)
    phase_ids = {p.id or 0 for p in phases}
    topics = list(db.exec(select(Topic).where(col(Topic.phase_id).in_(phase_ids))).all())
    topic_ids = {t.id or 0 for t in topics}
    fate = segment_fate(db, phase_ids, topic_ids)
    if fate.scheduled:
        names = ", ".join(f"#{row.id} «{row.title[:60]}»" for row in fate.scheduled)
        raise Conflict(
            f"không thể xoá: chuyên mục của chiến dịch đã được xếp vào buổi phát ({names})",
            code="campaign.scheduled",
        )
    refuse_blocking(fate, "xoá chiến dịch")
    carry_out(db, fate, phase_ids, topic_ids)
    for topic in topics:
        db.delete(topic)
    crud.flush(db)
    for phase in phases:
        db.delete(phase)
    crud.flush(db)
    for row in [*crud.list_rows(db, Event, campaign_id=campaign.id),
                *crud.list_rows(db, PlanImport, campaign_id=campaign.id)]:  # fmt: skip
        db.delete(row)
    crud.flush(db)
    db.delete(campaign)
    crud.flush(db)
    return {"deleted_segments": len(fate.deleted), "unlinked_segments": len(fate.unlinked)}
