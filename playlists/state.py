"""Airing history carried from one session to the next while programming a range."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from playlists.types import SegmentCandidate, TopicShare


@dataclass
class TopicBook:
    """Airtime per phase and per topic, and each topic's share of its phase."""

    shares: dict[int, float] = field(default_factory=dict)
    phase_of: dict[int, int] = field(default_factory=dict)
    phase_airtime: dict[int, float] = field(default_factory=dict)
    topic_airtime: dict[int, float] = field(default_factory=dict)

    @classmethod
    def build(cls, topics: Iterable[TopicShare], segments: Sequence[SegmentCandidate]) -> TopicBook:
        """Shares normalised over the topics of each phase that some segment serves."""
        served = {tid for seg in segments for tid in seg.topic_ids}
        book = cls()
        totals: dict[int, float] = {}
        kept = [t for t in topics if t.id in served]
        for topic in kept:
            totals[topic.phase_id] = totals.get(topic.phase_id, 0.0) + topic.weight
        for topic in kept:
            book.shares[topic.id] = topic.weight / totals[topic.phase_id]
            book.phase_of[topic.id] = topic.phase_id
        return book

    def owed(self, topic_id: int) -> float:
        """Seconds the topic is behind (positive) or ahead of (negative) its share."""
        phase_id = self.phase_of[topic_id]
        expected = self.shares[topic_id] * self.phase_airtime.get(phase_id, 0.0)
        return expected - self.topic_airtime.get(topic_id, 0.0)

    def topics_in(self, seg: SegmentCandidate, phase_id: int) -> list[int]:
        """The segment's topics that belong to ``phase_id`` and have a share."""
        return [t for t in seg.topic_ids if self.phase_of.get(t) == phase_id]

    def credit(self, seg: SegmentCandidate, phase_id: int | None, seconds: float) -> None:
        """Add an airing to its phase and split it evenly among the segment's topics."""
        if phase_id is None:
            return
        self.phase_airtime[phase_id] = self.phase_airtime.get(phase_id, 0.0) + seconds
        mine = self.topics_in(seg, phase_id)
        for topic_id in mine:
            self.topic_airtime[topic_id] = self.topic_airtime.get(topic_id, 0.0) + seconds / len(
                mine
            )


@dataclass
class AirState:
    """Last airing day and per-day/per-week airing counts of every segment."""

    last_aired: dict[int, date] = field(default_factory=dict)
    day_counts: dict[int, int] = field(default_factory=dict)
    week_counts: dict[int, int] = field(default_factory=dict)
    day: date | None = None
    topics: TopicBook = field(default_factory=TopicBook)

    @classmethod
    def from_candidates(cls, segments: Sequence[SegmentCandidate], day: date) -> AirState:
        """History as carried by the candidates themselves (single-session planning)."""
        state = cls(day=day)
        for seg in segments:
            if seg.last_aired is not None:
                state.last_aired.setdefault(seg.id, seg.last_aired)
            state.day_counts.setdefault(seg.id, seg.aired_today)
            state.week_counts.setdefault(seg.id, seg.aired_this_week)
        return state

    def seed(self, last_aired: Mapping[int, date], week_counts: Mapping[int, int]) -> None:
        """Start from stored history (airings before the range)."""
        self.last_aired.update(last_aired)
        self.week_counts.update(week_counts)

    def roll_to(self, day: date) -> None:
        """Move to ``day``: reset the day counts, and the week counts on a new ISO week."""
        if self.day == day:
            return
        if self.day is not None and self.day.isocalendar()[:2] != day.isocalendar()[:2]:
            self.week_counts.clear()
        self.day_counts.clear()
        self.day = day

    def record(self, seg: SegmentCandidate, day: date, phase_id: int | None) -> None:
        """Count one airing of ``seg`` on ``day``."""
        self.last_aired[seg.id] = day
        self.day_counts[seg.id] = self.day_counts.get(seg.id, 0) + 1
        self.week_counts[seg.id] = self.week_counts.get(seg.id, 0) + 1
        self.topics.credit(seg, phase_id, seg.duration_s)
