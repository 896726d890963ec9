"""Segments: create, edit, link to phases and topics, approve, attach audio."""

import hashlib
import json
from collections.abc import Sequence

from sqlmodel import Session, col, delete, select

from audio.tts import UnknownVoice, get_voice
from broadcast import crud
from broadcast.audit import audit_as, current_actor
from broadcast.errors import Conflict, Forbidden, InvalidInput
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
    SegmentKind,
    SegmentPhaseLink,
    SegmentPublic,
    SegmentStatus,
    SegmentTopicLink,
    SegmentUpdate,
    Topic,
)
from broadcast.models.common import BulletinClass, utcnow

CONTENT_FIELDS = ("kind", "script", "voice")
SYLLABLES_PER_SECOND = 2.6


def check_voice(name: str) -> None:
    """InvalidInput naming the voice field when no engine offers this voice."""
    try:
        get_voice(name)
    except UnknownVoice as exc:
        raise InvalidInput("voice", f"giọng đọc '{name}' không tồn tại") from exc


def _check_script(segment: Segment) -> None:
    if segment.kind == SegmentKind.ANNOUNCEMENT and not segment.script.strip():
        raise InvalidInput("script", "kịch bản thông báo không được để trống")


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


def create_segment(db: Session, data: SegmentCreate, voice: str = "vi") -> Segment:
    """Insert a draft segment and link it to its phases and topics; voice is the default."""
    values = data.model_dump(exclude={"phase_ids", "topic_ids"})
    values["voice"] = data.voice or voice
    check_voice(values["voice"])
    row = Segment.model_validate(values)
    row.author_id = current_actor(db).user_id
    _check_script(row)
    crud.validate_row(db, row)
    db.add(row)
    crud.flush(db)
    _set_links(db, row, data.phase_ids, data.topic_ids)
    db.refresh(row)
    return row


def update_segment(db: Session, segment: Segment, patch: SegmentUpdate) -> Segment:
    """Apply an edit; a change of content sends an approved segment back to draft."""
    changes = patch.model_dump(exclude_unset=True)
    phase_ids = changes.pop("phase_ids", None)
    topic_ids = changes.pop("topic_ids", None)
    if changes.get("voice") is not None:
        check_voice(changes["voice"])
    content_changed = any(
        name in changes and changes[name] != getattr(segment, name) for name in CONTENT_FIELDS
    )
    for name, value in changes.items():
        setattr(segment, name, value)
    _check_script(segment)
    if content_changed:
        segment.speech_asset_id = None
        _return_to_draft(segment)
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


def _return_to_draft(segment: Segment) -> None:
    if segment.status == SegmentStatus.APPROVED:
        segment.status = SegmentStatus.DRAFT
    segment.approved_at = None
    segment.approved_by_id = None
    segment.approved_hash = None
    segment.fast_track_reason = None


def attach_asset(db: Session, segment: Segment, asset: AudioAsset) -> Segment:
    """Make an uploaded asset the segment's audio; approval must be given again."""
    segment.audio_asset_id = asset.id
    _return_to_draft(segment)
    segment.updated_at = utcnow()
    db.add(segment)
    crud.flush(db)
    return segment


def content_hash(db: Session, segment: Segment) -> str:
    """SHA-256 of what airs: kind, script, voice and the attached audio's own hash."""
    audio = None
    if segment.audio_asset_id is not None:
        asset = db.get(AudioAsset, segment.audio_asset_id)
        audio = asset.content_hash if asset is not None else f"missing-{segment.audio_asset_id}"
    content = {
        "kind": segment.kind.value,
        "script": segment.script,
        "voice": segment.voice,
        "audio": audio,
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def is_cleared_to_air(db: Session, segment: Segment) -> bool:
    """Approved, and the approval was given to exactly the content it has now."""
    if segment.status != SegmentStatus.APPROVED or segment.approved_hash is None:
        return False
    return segment.approved_hash == content_hash(db, segment)


def _check_approvable(segment: Segment) -> None:
    if segment.status == SegmentStatus.RETIRED:
        raise Conflict("chuyên mục đã ngừng sử dụng, không thể duyệt", code="segment.retired")
    if segment.audio_asset_id is None and not segment.script.strip():
        raise Conflict(
            "chuyên mục chưa có kịch bản hoặc tệp âm thanh để phát", code="segment.no_content"
        )
    check_voice(segment.voice)


def _approve(db: Session, segment: Segment, action: str, note: str) -> Segment:
    actor = current_actor(db)
    with audit_as(db, action, note):
        segment.status = SegmentStatus.APPROVED
        segment.approved_at = utcnow()
        segment.approved_by_id = actor.user_id
        segment.approved_hash = content_hash(db, segment)
        segment.review_note = note
        db.add(segment)
        crud.flush(db)
    return segment


def approve_segment(db: Session, segment: Segment, note: str = "") -> Segment:
    """Approve a segment for broadcast: four eyes, so never by its own author."""
    _check_approvable(segment)
    actor = current_actor(db)
    if actor.user_id is not None and segment.author_id == actor.user_id:
        raise Forbidden(
            "người soạn chuyên mục không được tự duyệt (nguyên tắc bốn mắt)",
            code="segment.own_approval",
        )
    segment.fast_track_reason = None
    return _approve(db, segment, "approve", note)


def fast_track_segment(db: Session, segment: Segment, reason: str) -> Segment:
    """An admin approves an emergency bulletin alone; the written reason is kept and audited."""
    if segment.bulletin_class != BulletinClass.EMERGENCY:
        raise InvalidInput("bulletin_class", "chỉ bản tin khẩn cấp mới được duyệt nhanh")
    if len(reason.strip()) < 10:
        raise InvalidInput("note", "ghi rõ lý do duyệt nhanh (ít nhất 10 ký tự)")
    _check_approvable(segment)
    segment.fast_track_reason = reason.strip()
    return _approve(db, segment, "fast_track", reason.strip())


def return_segment(db: Session, segment: Segment, note: str) -> Segment:
    """An approver sends a segment back to its author with a note on what to change."""
    if not note.strip():
        raise InvalidInput("note", "ghi rõ cần sửa gì trước khi trả lại")
    if segment.status == SegmentStatus.RETIRED:
        raise Conflict("chuyên mục đã ngừng sử dụng", code="segment.retired")
    with audit_as(db, "return", note.strip()):
        _return_to_draft(segment)
        segment.review_note = note.strip()
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


def spoken_text(db: Session, segment: Segment) -> str | None:
    """The text the speech engine reads, derived from the script with the station's lexicon."""
    if segment.audio_asset_id is not None or not segment.script.strip():
        return None
    return normalizer_for(db, segment.station_id).with_pauses(segment.script)


def estimate_duration(spoken: str) -> float:
    """Rough speaking time of a spoken text, used until the speech is synthesised."""
    syllables = len(spoken.replace(",", " ").replace(".", " ").split())
    pauses = spoken.count(",") * 0.3 + spoken.count(".") * 0.6
    return round(syllables / SYLLABLES_PER_SECOND + pauses, 2)


def segment_duration(db: Session, segment: Segment) -> float | None:
    """Length in seconds of what airs: the uploaded or synthesised audio, else an estimate."""
    asset_id = segment.audio_asset_id or segment.speech_asset_id
    if asset_id is not None:
        asset = db.get(AudioAsset, asset_id)
        if asset is not None:
            return asset.duration_s
    spoken = spoken_text(db, segment)
    return estimate_duration(spoken) if spoken else None


def segment_public(db: Session, segment: Segment) -> SegmentPublic:
    """The API view of a segment with its links and derived fields."""
    return SegmentPublic.model_validate(
        segment,
        update={
            "phase_ids": linked_phase_ids(db, segment),
            "topic_ids": linked_topic_ids(db, segment),
            "duration_s": segment_duration(db, segment),
            "spoken_text": spoken_text(db, segment),
        },
    )


def queue_speech_render(db: Session, segment: Segment) -> Job | None:
    """Queue the synthesis of a segment's script; None when it has nothing to read."""
    if spoken_text(db, segment) is None:
        return None
    return enqueue(db, JobKind.RENDER_SEGMENT, {"segment_id": segment.id})
