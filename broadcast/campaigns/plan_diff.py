"""What re-importing a plan would change in its campaign: fields, events, phases and topics.

Phases are matched by code (by title when either has none), events by name (then by level and
ordinal), topics of a kept phase by text (then, in order, by a close text: a "changed" topic).
A value the new plan leaves open (no date, no issuer) keeps the stored one: the plan not
saying a date is not a reason to erase the one somebody typed in.
"""

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from broadcast import crud
from broadcast.campaigns.matching import key_text, same_text
from broadcast.campaigns.plan_import import EventSpec, campaign_fields, event_of, event_specs
from broadcast.errors import InvalidInput
from broadcast.models import Campaign, Event, Phase, PhaseKind, Topic
from broadcast.plans import PhaseInfo, PlanParse

DATE_FIELDS = ("starts_on", "ends_on", "peak_starts_on", "peak_ends_on")
CLOSE_TOPIC = 0.6  # difflib ratio from which an edited topic text counts as the same topic


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any

    def as_json(self) -> dict[str, Any]:
        """The change with dates as ISO text."""

        def shown(value: Any) -> Any:
            return value.isoformat() if isinstance(value, date) else value

        return {"field": self.field, "before": shown(self.before), "after": shown(self.after)}


@dataclass
class PhaseUpdate:
    row: Phase
    info: PhaseInfo
    changes: list[FieldChange]
    event: Event | EventSpec | None  # the event the plan links it to (None: keep)


@dataclass
class PlanDiff:
    """Everything a re-import changes; empty when the plan says what the campaign holds."""

    campaign: list[FieldChange] = field(default_factory=list)
    events_added: list[EventSpec] = field(default_factory=list)
    events_changed: list[tuple[Event, EventSpec, list[FieldChange]]] = field(default_factory=list)
    events_removed: list[Event] = field(default_factory=list)
    event_rows: dict[int, Event | EventSpec] = field(default_factory=dict)  # plan index → row
    phases_added: list[PhaseInfo] = field(default_factory=list)
    phases_kept: list[PhaseUpdate] = field(default_factory=list)
    phases_removed: list[Phase] = field(default_factory=list)
    topics_added: list[tuple[Phase, PhaseInfo, int]] = field(default_factory=list)
    topics_changed: list[tuple[Topic, str]] = field(default_factory=list)
    topics_removed: list[Topic] = field(default_factory=list)
    topic_positions: list[tuple[Topic, int]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def phases_changed(self) -> list[PhaseUpdate]:
        """Kept phases with at least one changed field."""
        return [p for p in self.phases_kept if p.changes]

    @property
    def count(self) -> int:
        """How many changes the preview lists."""
        return sum(
            len(part)
            for part in (
                self.campaign, self.events_added, self.events_changed, self.events_removed,
                self.phases_added, self.phases_changed, self.phases_removed,
                self.topics_added, self.topics_changed, self.topics_removed,
            )
        )  # fmt: skip


def _changes(row: Any, wanted: dict[str, Any]) -> list[FieldChange]:
    """Fields whose wanted value is given (not None, not empty) and differs from the row's."""
    return [
        FieldChange(name, getattr(row, name), value)
        for name, value in wanted.items()
        if value not in (None, "") and value != getattr(row, name)
    ]


def _match_events(diff: PlanDiff, rows: list[Event], specs: list[EventSpec]) -> None:
    left = list(rows)
    pairs: list[tuple[EventSpec, Event | None]] = []
    for spec in specs:
        found = next((r for r in left if same_text(r.name, spec.name)), None)
        if found is None and spec.ordinal is not None:
            found = next(
                (r for r in left if r.level == spec.level and r.ordinal == spec.ordinal), None
            )
        if found is not None:
            left.remove(found)
        pairs.append((spec, found))
    for spec, found in pairs:
        target: Event | EventSpec = found if found is not None else spec
        if spec.plan_index is not None:
            diff.event_rows[spec.plan_index] = target
        if found is None:
            diff.events_added.append(spec)
            continue
        wanted = {"name": spec.name, "level": spec.level, "ordinal": spec.ordinal,
                  "starts_on": spec.starts_on, "ends_on": spec.ends_on}  # fmt: skip
        if changes := _changes(found, wanted):
            diff.events_changed.append((found, spec, changes))
    diff.events_removed = left


def _dates_ok(row: Phase, changes: list[FieldChange], db: Session) -> str | None:
    """Why the merged dates of a phase would be refused (None: they are fine)."""
    merged = {name: getattr(row, name) for name in DATE_FIELDS}
    merged |= {c.field: c.after for c in changes if c.field in DATE_FIELDS}
    probe = Phase(campaign_id=row.campaign_id, title=row.title, **merged)
    try:
        crud.validate_row(db, probe)
    except InvalidInput as exc:
        return exc.detail
    return None


def _phase_update(
    db: Session, diff: PlanDiff, plan: PlanParse, row: Phase, info: PhaseInfo
) -> None:
    wanted = {"title": info.title[:500], "kind": PhaseKind(info.kind), "starts_on": info.start,
              "ends_on": info.end, "peak_starts_on": info.peak_start,
              "peak_ends_on": info.peak_end}  # fmt: skip
    changes = _changes(row, wanted)
    if any(c.field in DATE_FIELDS for c in changes) and (why := _dates_ok(row, changes, db)):
        changes = [c for c in changes if c.field not in DATE_FIELDS]
        diff.skipped.append(f"Giai đoạn {row.code or row.title[:40]}: giữ ngày cũ vì {why}")
    index = event_of(plan, info)
    target = diff.event_rows.get(index) if index is not None else None
    if isinstance(target, Event) and target.id == row.event_id:
        target = None
    if target is not None:
        before = db.get(Event, row.event_id) if row.event_id else None
        changes.append(FieldChange("event", before.name if before else None, target.name))
    diff.phases_kept.append(PhaseUpdate(row, info, changes, target))
    _match_topics(db, diff, row, info)


def _match_topics(db: Session, diff: PlanDiff, phase: Phase, info: PhaseInfo) -> None:
    rows = list(
        db.exec(select(Topic).where(Topic.phase_id == phase.id).order_by(col(Topic.position))).all()
    )
    texts = [t.text[:5000] for t in (info.topics)]
    unmatched: list[int] = []
    for position, text in enumerate(texts):
        found = next((r for r in rows if key_text(r.text) == key_text(text)), None)
        if found is None:
            unmatched.append(position)
            continue
        rows.remove(found)
        if found.position != position:
            diff.topic_positions.append((found, position))
    for position in unmatched:
        text = texts[position]
        close = next(
            (r for r in rows if difflib.SequenceMatcher(None, r.text, text).ratio() >= CLOSE_TOPIC),
            None,
        )
        if close is None:
            diff.topics_added.append((phase, info, position))
            continue
        rows.remove(close)
        diff.topics_changed.append((close, text))
        if close.position != position:
            diff.topic_positions.append((close, position))
    diff.topics_removed.extend(rows)


def plan_diff(db: Session, campaign: Campaign, plan: PlanParse, filename: str) -> PlanDiff:
    """Compare the campaign with the plan; nothing is written."""
    diff = PlanDiff()
    fields = campaign_fields(plan, filename)
    if not plan.document.title:
        fields.pop("title")  # a file name is no reason to rename the campaign
    diff.campaign = _changes(campaign, fields)
    events = crud.list_rows(db, Event, campaign_id=campaign.id)
    _match_events(diff, sorted(events, key=lambda e: e.id or 0), event_specs(plan))
    rows = sorted(crud.list_rows(db, Phase, campaign_id=campaign.id), key=lambda p: p.id or 0)
    for info in plan.phases:
        found = next((r for r in rows if r.code and info.code and r.code == info.code), None)
        if found is None:
            found = next(
                (
                    r
                    for r in rows
                    if (not r.code or not info.code) and same_text(r.title, info.title)
                ),
                None,
            )
        if found is None:
            diff.phases_added.append(info)
            continue
        rows.remove(found)
        _phase_update(db, diff, plan, found, info)
    diff.phases_removed = rows
    return diff
