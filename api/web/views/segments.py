"""Read-side helpers of the segment pages: filtered lists, form options, names, spoken spans."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from audio.text import Span
from broadcast.lexicon import normalizer_for
from broadcast.models import (
    Campaign,
    Job,
    JobKind,
    JobStatus,
    Phase,
    Segment,
    SegmentKind,
    SegmentPhaseLink,
    SegmentStatus,
    SegmentTopicLink,
    Topic,
)
from broadcast.models.accounts import User
from broadcast.models.common import BulletinClass
from broadcast.segments import contributors, reading

RECORDABLE = (
    SegmentKind.ANNOUNCEMENT,
    SegmentKind.RECORDING,
    SegmentKind.OPENING,
    SegmentKind.CLOSING,
)


@dataclass(frozen=True)
class SegmentFilter:
    """What the segment list is narrowed to; None / empty means no narrowing."""

    station_id: int
    phase_id: int | None = None
    topic_id: int | None = None
    status: SegmentStatus | None = None
    bulletin_class: BulletinClass | None = None
    text: str = ""
    template: bool | None = False  # False: written work, True: the importer's drafts, None: all


def find_segments(db: Session, wanted: SegmentFilter, limit: int = 500) -> list[Segment]:
    """A station's segments matching the filter, newest first."""
    query = select(Segment).where(Segment.station_id == wanted.station_id)
    if wanted.phase_id is not None:
        linked = select(SegmentPhaseLink.segment_id).where(
            SegmentPhaseLink.phase_id == wanted.phase_id
        )
        query = query.where(col(Segment.id).in_(linked))
    if wanted.topic_id is not None:
        linked = select(SegmentTopicLink.segment_id).where(
            SegmentTopicLink.topic_id == wanted.topic_id
        )
        query = query.where(col(Segment.id).in_(linked))
    if wanted.status is not None:
        query = query.where(Segment.status == wanted.status)
    if wanted.bulletin_class is not None:
        query = query.where(Segment.bulletin_class == wanted.bulletin_class)
    if wanted.template is not None:
        query = query.where(Segment.plan_template == wanted.template)
    rows = db.exec(query.order_by(col(Segment.id).desc()).limit(limit * 4)).all()
    needle = wanted.text.strip().casefold()
    if needle:  # in Python: SQLite's LIKE folds ASCII only, not Vietnamese letters
        rows = [row for row in rows if needle in row.title.casefold()]
    return list(rows[:limit])


def template_count(db: Session, station_id: int) -> int:
    """How many of the plan importer's untouched drafts a station has (kept off the list)."""
    query = select(func.count()).where(
        Segment.station_id == station_id, col(Segment.plan_template).is_(True)
    )
    return int(db.exec(query).one())


@dataclass(frozen=True)
class Relisten:
    """A segment a lexicon change returned to review: its new spoken text, who may approve it."""

    segment: Segment
    spoken: str
    mine: bool  # the viewer changed its reading or its content: someone else approves it


def _returned_query(station_id: int) -> SelectOfScalar[Segment]:
    return select(Segment).where(
        Segment.station_id == station_id,
        col(Segment.lexicon_returned).is_(True),
        Segment.status == SegmentStatus.DRAFT,
    )


def relisten_count(db: Session, station_id: int) -> int:
    """How many drafts a lexicon change sent back wait on the re-approval list."""
    query = select(func.count()).select_from(_returned_query(station_id).subquery())
    return int(db.exec(query).one())


def lexicon_returned(db: Session, station_id: int, user_id: int | None) -> list[Relisten]:
    """The re-approval list: drafts a lexicon change sent back, with their new reading."""
    rows = db.exec(_returned_query(station_id).order_by(col(Segment.id))).all()
    return [
        Relisten(row, reading(db, row), user_id is not None and user_id in contributors(row))
        for row in rows
    ]


def station_phases(db: Session, station_id: int) -> list[Phase]:
    """Phases of the station's campaigns, by start date."""
    query = (
        select(Phase)
        .join(Campaign, col(Campaign.id) == col(Phase.campaign_id))
        .where(Campaign.station_id == station_id)
        .order_by(col(Phase.starts_on), col(Phase.id))
    )
    return list(db.exec(query).all())


def phase_topics(db: Session, phase_ids: Iterable[int]) -> dict[int, list[Topic]]:
    """Topics of each phase, in their order."""
    ids = list(phase_ids)
    found: dict[int, list[Topic]] = {pid: [] for pid in ids}
    query = select(Topic).where(col(Topic.phase_id).in_(ids))
    for topic in db.exec(query.order_by(col(Topic.position), col(Topic.id))).all():
        found[topic.phase_id].append(topic)
    return found


def user_names(db: Session, user_ids: Iterable[int | None]) -> dict[int, str]:
    """Display names (full name, else username) of the given users."""
    ids = {uid for uid in user_ids if uid is not None}
    if not ids:
        return {}
    rows = db.exec(select(User).where(col(User.id).in_(ids))).all()
    return {row.id: row.full_name or row.username for row in rows if row.id is not None}


def spoken_spans(db: Session, segment: Segment) -> Sequence[Span]:
    """How the segment's script is read, span by span, with the station's lexicon."""
    if not segment.script.strip():
        return ()
    return normalizer_for(db, segment.station_id).explain(segment.script).spans


def segments_to_record(db: Session, station_id: int, limit: int = 300) -> list[Segment]:
    """Segments an announcer may read: spoken kinds with a script, not retired, newest first."""
    query = (
        select(Segment)
        .where(
            Segment.station_id == station_id,
            col(Segment.kind).in_(RECORDABLE),
            Segment.status != SegmentStatus.RETIRED,
        )
        .order_by(col(Segment.id).desc())
    )
    rows = db.exec(query.limit(limit)).all()
    return [row for row in rows if row.script.strip()]


def pending_render(db: Session, segment_id: int) -> Job | None:
    """The newest queued or running speech synthesis of a segment, if any."""
    query = (
        select(Job)
        .where(
            Job.kind == JobKind.RENDER_SEGMENT,
            col(Job.status).in_((JobStatus.QUEUED, JobStatus.RUNNING)),
        )
        .order_by(col(Job.id).desc())
    )
    for job in db.exec(query.limit(50)).all():
        if job.params.get("segment_id") == segment_id:
            return job
    return None
