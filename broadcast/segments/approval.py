"""Four eyes: an approval is bound to everything that decides what airs and when, and is given
by nobody who wrote any of it since the last approval.

The approved content is: kind, script, voice, the uploaded audio, priority (bulletin class),
air window, weekdays, caps and fixed position, and the spoken text the station's lexicon makes
of the script. Changing any of it (a lexicon edit included) leaves the segment uncleared.
"""

import hashlib
import json
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

from sqlmodel import Session, col, select

from audio.text import Normalizer
from broadcast import crud
from broadcast.audit import audit_as, current_actor
from broadcast.config import Settings
from broadcast.errors import Conflict, Forbidden, InvalidInput, LoaError
from broadcast.lexicon import normalizer_for
from broadcast.models import AudioAsset, Segment, SegmentStatus
from broadcast.models.common import BulletinClass, utcnow
from broadcast.segments.rules import check_voice

HASH_VERSION = 2  # bump when the approved content gains a field
SCHEDULE_FIELDS = (
    "bulletin_class",
    "air_start",
    "air_end",
    "weekdays",
    "min_days_between",
    "max_per_day",
    "max_per_week",
    "fixed_position",
    "allow_repeat",
    "with_bed",
)
LEXICON_NOTE = "Cách đọc đã đổi theo từ điển phát âm: nghe lại và duyệt lại."


@lru_cache(maxsize=4096)
def _reading(normalizer: Normalizer, script: str) -> str:
    """The spoken text of a script (normalisers are per station and lexicon version)."""
    return normalizer.with_pauses(script)


def reading(db: Session, segment: Segment, normalizer: Normalizer | None = None) -> str:
    """The spoken text of a segment's script with its station's lexicon (remembered); a list
    passes its station's `normalizer`, read once."""
    with db.no_autoflush:
        normalizer = normalizer or normalizer_for(db, segment.station_id)
        return _reading(normalizer, segment.script)


def content_hash(db: Session, segment: Segment, normalizer: Normalizer | None = None) -> str:
    """SHA-256 of what airs and when, the spoken text after the station's lexicon included."""
    audio = spoken = None
    with db.no_autoflush:  # reading must not write half of an edit in progress
        if segment.audio_asset_id is not None:
            asset = db.get(AudioAsset, segment.audio_asset_id)
            missing = f"missing-{segment.audio_asset_id}"
            audio = asset.content_hash if asset is not None else missing
        if audio is None and segment.script.strip():
            spoken = reading(db, segment, normalizer)
    content = {
        "version": HASH_VERSION,
        "kind": segment.kind.value,
        "script": segment.script,
        "voice": segment.voice,
        "audio": audio,
        "spoken": spoken,
        **{name: getattr(segment, name) for name in SCHEDULE_FIELDS},
    }
    text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def is_cleared_to_air(db: Session, segment: Segment) -> bool:
    """Approved, and the approval was given to exactly the content it has now."""
    if segment.status != SegmentStatus.APPROVED or segment.approved_hash is None:
        return False
    return segment.approved_hash == content_hash(db, segment)


def contributors(segment: Segment) -> set[int]:
    """Who wrote part of the content since the last approval (the author until the first)."""
    if segment.contributor_ids is None:  # rows from before contributors were kept
        return {segment.author_id} if segment.author_id is not None else set()
    return set(segment.contributor_ids)


def add_contributor(db: Session, segment: Segment) -> None:
    """Record the acting user as having written part of the content."""
    user_id = current_actor(db).user_id
    if user_id is not None and user_id not in contributors(segment):
        segment.contributor_ids = sorted(contributors(segment) | {user_id})


def leave_review(segment: Segment) -> None:
    """Take a segment out of the review queue (sent back, approved, or its content changed)."""
    if segment.status == SegmentStatus.SUBMITTED:
        segment.status = SegmentStatus.DRAFT
    segment.submitted_at = None
    segment.submit_note = ""


def return_to_draft(segment: Segment) -> None:
    """Withdraw the approval or the request for it: approved again before it airs."""
    leave_review(segment)
    if segment.status == SegmentStatus.APPROVED:
        segment.status = SegmentStatus.DRAFT
    segment.approved_at = None
    segment.approved_by_id = None
    segment.approved_hash = None
    segment.fast_track_reason = None
    segment.lexicon_returned = False


def check_approvable(segment: Segment) -> None:
    """Refuse a retired segment, one with nothing to air, or one with an unknown voice."""
    if segment.status == SegmentStatus.RETIRED:
        raise Conflict("chuyên mục đã ngừng sử dụng, không thể duyệt", code="segment.retired")
    if segment.audio_asset_id is None and not segment.script.strip():
        raise Conflict(
            "chuyên mục chưa có kịch bản hoặc tệp âm thanh để phát", code="segment.no_content"
        )
    check_voice(segment.voice)


def _on_air(
    db: Session, settings: Settings | None, segment: Segment, pronunciation_only: bool
) -> None:
    """An approved emergency bulletin goes on air at once: an alert to every device (not again
    when the approval only confirms a pronunciation change of a bulletin already sent)."""
    if settings is None or segment.bulletin_class != BulletinClass.EMERGENCY:
        return
    from broadcast.alerts import emergency_approved  # alerts build on segments

    emergency_approved(db, settings, segment, again=not pronunciation_only)


def _approve(
    db: Session, segment: Segment, action: str, note: str, settings: Settings | None
) -> Segment:
    actor = current_actor(db)
    pronunciation_only = segment.lexicon_returned
    with audit_as(db, action, note):
        leave_review(segment)
        segment.returned_at = None
        segment.status = SegmentStatus.APPROVED
        segment.plan_template = False  # approved to air: written work now
        segment.approved_at = utcnow()
        segment.approved_by_id = actor.user_id
        segment.approved_hash = content_hash(db, segment)
        segment.review_note = note
        segment.contributor_ids = []  # the next edits start a new round of four eyes
        segment.lexicon_returned = False
        db.add(segment)
        crud.flush(db)
    _on_air(db, settings, segment, pronunciation_only)
    return segment


def approve_segment(
    db: Session,
    segment: Segment,
    note: str = "",
    reviewed_hash: str | None = None,
    settings: Settings | None = None,
) -> Segment:
    """Approve a segment: never by someone who wrote part of it since the last approval;
    with `reviewed_hash`, only if its content is still the one the approver reviewed. With
    `settings`, an emergency bulletin goes on air at once (an alert to its station's devices)."""
    check_approvable(segment)
    if reviewed_hash is not None and reviewed_hash != content_hash(db, segment):
        raise Conflict(
            "nội dung vừa được sửa sau khi bạn nghe và đọc: tải lại để duyệt bản mới",
            code="segment.changed",
        )
    actor = current_actor(db)
    if actor.user_id is not None and actor.user_id in contributors(segment):
        raise Forbidden(
            "người đã soạn hoặc sửa nội dung này không được tự duyệt (nguyên tắc bốn mắt)",
            code="segment.own_approval",
        )
    segment.fast_track_reason = None
    return _approve(db, segment, "approve", note, settings)


def approve_segments(
    db: Session, segments: Sequence[Segment], note: str = "", settings: Settings | None = None
) -> list[tuple[Segment, LoaError | None]]:
    """Approve each segment that may be approved; the others with the reason they may not."""
    outcome: list[tuple[Segment, LoaError | None]] = []
    for segment in segments:
        try:
            approve_segment(db, segment, note, settings=settings)
        except (Conflict, Forbidden, InvalidInput) as refused:
            outcome.append((segment, refused))
        else:
            outcome.append((segment, None))
    return outcome


def fast_track_segment(
    db: Session, segment: Segment, reason: str, settings: Settings | None = None
) -> Segment:
    """An admin approves an emergency bulletin alone; the written reason is kept and audited.
    With `settings` it goes on air at once (an alert to its station's devices)."""
    if segment.bulletin_class != BulletinClass.EMERGENCY:
        raise InvalidInput("bulletin_class", "chỉ bản tin khẩn cấp mới được duyệt nhanh")
    if len(reason.strip()) < 10:
        raise InvalidInput("note", "ghi rõ lý do duyệt nhanh (ít nhất 10 ký tự)")
    check_approvable(segment)
    segment.fast_track_reason = reason.strip()
    return _approve(db, segment, "fast_track", reason.strip(), settings)


def return_segment(db: Session, segment: Segment, note: str) -> Segment:
    """An approver sends a segment back to its author with a note on what to change."""
    if not note.strip():
        raise InvalidInput("note", "ghi rõ cần sửa gì trước khi trả lại")
    if segment.status == SegmentStatus.RETIRED:
        raise Conflict("chuyên mục đã ngừng sử dụng", code="segment.retired")
    with audit_as(db, "return", note.strip()):
        return_to_draft(segment)
        segment.review_note = note.strip()
        segment.returned_at = utcnow()
        db.add(segment)
        crud.flush(db)
    return segment


@contextmanager
def lexicon_review(
    db: Session, station_id: int | None, words: Collection[str] | None = None
) -> Iterator[list[Segment]]:
    """Around a lexicon change of one station (None: of every station): the approved
    announcements whose spoken text the change alters go back to review, listed.

    `words`: the written forms the change touches, when known; a script holding none of them
    reads the same, so only the others are read again.
    """
    query = select(Segment).where(
        Segment.status == SegmentStatus.APPROVED, col(Segment.audio_asset_id).is_(None)
    )
    if station_id is not None:
        query = query.where(Segment.station_id == station_id)
    wanted = None if words is None else [w for w in words if w]
    candidates = [
        s
        for s in db.exec(query.order_by(col(Segment.id)))
        if s.script and (wanted is None or any(word in s.script for word in wanted))
    ]
    before = [(s, reading(db, s)) for s in candidates]
    returned: list[Segment] = []
    yield returned
    with audit_as(db, "return", LEXICON_NOTE):
        for segment, spoken in before:
            if reading(db, segment) != spoken:
                return_to_draft(segment)
                segment.review_note = LEXICON_NOTE
                segment.lexicon_returned = True
                add_contributor(db, segment)  # who changed the reading does not re-approve it
                db.add(segment)
                returned.append(segment)
        crud.flush(db)
