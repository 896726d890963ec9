"""Value types of a parsed plan: every value keeps its source line and a confidence."""

from dataclasses import dataclass, field
from datetime import date, time


@dataclass(frozen=True)
class Unresolved:
    """Something the text mentions but does not determine; the reader must decide."""

    text: str
    line: int
    why: str


@dataclass(frozen=True)
class DocumentInfo:
    number: str | None
    code: str | None
    date: date | None
    place: str | None
    issuer: str | None
    title: str | None
    implements: str | None
    level: str | None = None  # the issuer's: commune / district / province / national
    lines: dict[str, int] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)

    @property
    def full_number(self) -> str:
        """The number and code as written on plans, e.g. 192/KH-UBND."""
        return "/".join(part for part in (self.number, self.code) if part)


@dataclass(frozen=True)
class EventInfo:
    name: str
    level: str
    ordinal: int | None
    term: str | None
    date_start: date | None
    date_end: date | None
    line: int
    date_line: int | None
    confidence: float


@dataclass(frozen=True)
class TopicInfo:
    text: str
    line: int


@dataclass(frozen=True)
class PhaseInfo:
    code: str
    title: str
    event_ordinal: int | None
    kind: str
    start: date | None
    end: date | None
    peak_start: date | None
    peak_end: date | None
    topics: tuple[TopicInfo, ...]
    line: int
    confidence: float


@dataclass(frozen=True)
class Occasion:
    name: str
    date: date
    line: int


@dataclass(frozen=True)
class ProposedSlot:
    start: time
    end: time | None
    weekdays: tuple[int, ...]
    line: int


@dataclass(frozen=True)
class Note:
    section: str
    text: str
    line: int
    confidence: float


@dataclass(frozen=True)
class PlanParse:
    document: DocumentInfo
    events: tuple[EventInfo, ...]
    phases: tuple[PhaseInfo, ...]
    occasions: tuple[Occasion, ...]
    proposed_slots: tuple[ProposedSlot, ...]
    notes: tuple[Note, ...]
    unresolved: tuple[Unresolved, ...]
