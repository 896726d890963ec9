"""Segments: create, edit, link to phases and topics, approve, attach audio."""

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, delete, select

from audio.text import Normalizer
from broadcast import crud
from broadcast.audit import current_actor
from broadcast.errors import InvalidInput
from broadcast.jobs import enqueue
from broadcast.lexicon import normalizer_for
from broadcast.models import (
    AudioAsset,
    Campaign,
    Job,
    JobKind,
    Phase,
    Segment,
    SegmentCreate,
    SegmentPhaseLink,
    SegmentPublic,
    SegmentTopicLink,
    SegmentUpdate,
    Topic,
)
from broadcast.models.common import utcnow
from broadcast.segments.approval import add_contributor, content_hash, reading, return_to_draft
from broadcast.segments.rules import check_script, check_voice

SPEECH_FIELDS = ("kind", "script", "voice")  # a change makes the synthesised speech stale
SYLLABLES_PER_SECOND = 2.6


def _set_links(
    db: Session, segment: Segment, phase_ids: Sequence[int], topic_ids: Sequence[int]
) -> None:
    """Replace the phases and topics a segment serves, checking they belong to its station."""
    phases = {p.id: p for p in db.exec(select(Phase).where(col(Phase.id).in_(phase_ids)))}
    for pid in phase_ids:
        phase = phases.get(pid)
        if phase is None:
            raise InvalidInput("phase_ids", f"giai đoạn {pid} không tồn tại")
        campaign = db.get(Campaign, phase.campaign_id)
        if campaign is None or campaign.station_id != segment.station_id:
            raise InvalidInput("phase_ids", f"giai đoạn {pid} thuộc đài khác")
    for tid in topic_ids:
        topic = db.get(Topic, tid)
        if topic is None:
            raise InvalidInput("topic_ids", f"chủ đề {tid} không tồn tại")
        if topic.phase_id not in phases:
            raise InvalidInput("topic_ids", f"chủ đề {tid} không thuộc các giai đoạn đã chọn")
    db.exec(delete(SegmentPhaseLink).where(col(SegmentPhaseLink.segment_id) == segment.id))
    db.exec(delete(SegmentTopicLink).where(col(SegmentTopicLink.segment_id) == segment.id))
    assert segment.id is not None
    for pid in sorted(set(phase_ids)):
        db.add(SegmentPhaseLink(segment_id=segment.id, phase_id=pid))
    for tid in sorted(set(topic_ids)):
        db.add(SegmentTopicLink(segment_id=segment.id, topic_id=tid))
    crud.flush(db)


def create_segment(
    db: Session, data: SegmentCreate, voice: str = "vi", template: bool = False
) -> Segment:
    """Insert a draft segment and link it to its phases and topics; voice is the default;
    `template`: a draft the plan importer wrote, kept apart until someone edits it."""
    values = data.model_dump(exclude={"phase_ids", "topic_ids"})
    values["voice"] = data.voice or voice
    check_voice(values["voice"])
    row = Segment.model_validate(values)
    row.plan_template = template
    row.author_id = current_actor(db).user_id
    row.contributor_ids = [row.author_id] if row.author_id is not None else []
    check_script(row)
    crud.validate_row(db, row)
    db.add(row)
    crud.flush(db)
    _set_links(db, row, data.phase_ids, data.topic_ids)
    db.refresh(row)
    return row


def _changes_something(
    db: Session,
    segment: Segment,
    changes: dict[str, Any],
    phase_ids: list[int] | None,
    topic_ids: list[int] | None,
) -> bool:
    """Whether an edit changes any field or link of the segment (saving as is changes none)."""
    if any(value != getattr(segment, name) for name, value in changes.items()):
        return True
    if phase_ids is not None and sorted(set(phase_ids)) != linked_phase_ids(db, segment):
        return True
    return topic_ids is not None and sorted(set(topic_ids)) != linked_topic_ids(db, segment)


def update_segment(db: Session, segment: Segment, patch: SegmentUpdate) -> Segment:
    """Apply an edit; a change of what airs or when sends an approved or submitted segment back
    to draft (a request for review is for the content it was made with)."""
    changes = patch.model_dump(exclude_unset=True)
    phase_ids = changes.pop("phase_ids", None)
    topic_ids = changes.pop("topic_ids", None)
    if changes.get("voice") is not None:
        check_voice(changes["voice"])
    speech_changed = any(
        name in changes and changes[name] != getattr(segment, name) for name in SPEECH_FIELDS
    )
    before = content_hash(db, segment)
    if _changes_something(db, segment, changes, phase_ids, topic_ids):
        segment.plan_template = False  # someone worked on the importer's draft: written work
    for name, value in changes.items():
        setattr(segment, name, value)
    check_script(segment)
    if speech_changed:
        segment.speech_asset_id = None
    if content_hash(db, segment) != before:
        add_contributor(db, segment)
        return_to_draft(segment)
    segment.updated_at = utcnow()
    crud.validate_row(db, segment)
    db.add(segment)
    crud.flush(db)
    if phase_ids is not None or topic_ids is not None:
        _set_links(
            db,
            segment,
            phase_ids if phase_ids is not None else linked_phase_ids(db, segment),
            topic_ids if topic_ids is not None else linked_topic_ids(db, segment),
        )
    db.refresh(segment)
    return segment


def attach_asset(db: Session, segment: Segment, asset: AudioAsset) -> Segment:
    """Make an uploaded asset the segment's audio; approval must be given again."""
    segment.audio_asset_id = asset.id
    segment.plan_template = False
    add_contributor(db, segment)
    return_to_draft(segment)
    segment.updated_at = utcnow()
    db.add(segment)
    crud.flush(db)
    return segment


def linked_phase_ids(db: Session, segment: Segment) -> list[int]:
    """Ids of the phases a segment serves."""
    query = select(SegmentPhaseLink.phase_id).where(SegmentPhaseLink.segment_id == segment.id)
    return sorted(db.exec(query).all())


def linked_topic_ids(db: Session, segment: Segment) -> list[int]:
    """Ids of the topics a segment serves."""
    query = select(SegmentTopicLink.topic_id).where(SegmentTopicLink.segment_id == segment.id)
    return sorted(db.exec(query).all())


def spoken_text(db: Session, segment: Segment, normalizer: Normalizer | None = None) -> str | None:
    """The text the speech engine reads, derived from the script with the station's lexicon."""
    if segment.audio_asset_id is not None or not segment.script.strip():
        return None
    return reading(db, segment, normalizer)


def estimate_duration(spoken: str) -> float:
    """Rough speaking time of a spoken text, used until the speech is synthesised."""
    syllables = len(spoken.replace(",", " ").replace(".", " ").split())
    pauses = spoken.count(",") * 0.3 + spoken.count(".") * 0.6
    return round(syllables / SYLLABLES_PER_SECOND + pauses, 2)


def segment_duration(
    db: Session, segment: Segment, normalizer: Normalizer | None = None
) -> float | None:
    """Length in seconds of what airs: the uploaded or synthesised audio, else an estimate."""
    asset_id = segment.audio_asset_id or segment.speech_asset_id
    if asset_id is not None:
        asset = db.get(AudioAsset, asset_id)
        if asset is not None:
            return asset.duration_s
    spoken = spoken_text(db, segment, normalizer)
    return estimate_duration(spoken) if spoken else None


def segment_public(db: Session, segment: Segment) -> SegmentPublic:
    """The API view of a segment with its links and derived fields."""
    return segments_public(db, [segment])[0]


def segments_public(db: Session, segments: Sequence[Segment]) -> list[SegmentPublic]:
    """API views of segments, their links, audio and lexicon read once for all (a list costs
    a few queries, not a few per segment)."""
    ids = [segment.id for segment in segments]
    phases = _linked(db, select(SegmentPhaseLink.segment_id, SegmentPhaseLink.phase_id), ids)
    topics = _linked(db, select(SegmentTopicLink.segment_id, SegmentTopicLink.topic_id), ids)
    assets = {a for s in segments for a in (s.audio_asset_id, s.speech_asset_id) if a is not None}
    if assets:  # into the session's identity map: db.get() below reads them from there
        db.exec(select(AudioAsset).where(col(AudioAsset.id).in_(assets))).all()
    with db.no_autoflush:
        stations = {segment.station_id for segment in segments}
        normalizers = {station: normalizer_for(db, station) for station in stations}
    views = []
    for segment in segments:
        normalizer = normalizers[segment.station_id]
        update = {
            "phase_ids": sorted(phases.get(segment.id or 0, [])),
            "topic_ids": sorted(topics.get(segment.id or 0, [])),
            "duration_s": segment_duration(db, segment, normalizer),
            "spoken_text": spoken_text(db, segment, normalizer),
            "content_hash": content_hash(db, segment, normalizer),
        }
        views.append(SegmentPublic.model_validate(segment, update=update))
    return views


def _linked(db: Session, pairs: Any, segment_ids: Sequence[int | None]) -> dict[int, list[int]]:
    """(segment id, linked id) pairs of a link table for these segments, by segment."""
    linked: dict[int, list[int]] = {}
    column = pairs.selected_columns[0]
    for segment_id, other in db.exec(pairs.where(col(column).in_(segment_ids))).all():
        linked.setdefault(segment_id, []).append(other)
    return linked


def queue_speech_render(db: Session, segment: Segment) -> Job | None:
    """Queue the synthesis of a segment's script; None when it has nothing to read."""
    if spoken_text(db, segment) is None:
        return None
    return enqueue(db, JobKind.RENDER_SEGMENT, {"segment_id": segment.id})
