"""Parse the text of a plan ("Kế hoạch") into its structure; pure, no I/O."""

import re
from datetime import date

from broadcast.plans.dates import first_date
from broadcast.plans.events import date_events, events_from_title, events_in_text
from broadcast.plans.header import parse_header
from broadcast.plans.notes import block_notes, end_of_body, organisation_notes
from broadcast.plans.occasions import find_occasions
from broadcast.plans.outline import Node, build_outline
from broadcast.plans.phases import (
    NOT_PHASES,
    Context,
    build_phase,
    heading_text,
    phase_nodes,
    split_inline_topics,
)
from broadcast.plans.running import running_phases
from broadcast.plans.slots import find_slots
from broadcast.plans.text import Line, split_lines
from broadcast.plans.types import EventInfo, Note, PhaseInfo, PlanParse, Unresolved

ORGANISATION = re.compile(r"tổ chức thực hiện", re.I)
CONTENT = re.compile(r"nội dung", re.I)
BACKGROUND = re.compile(r"^(tình hình|kết quả|đánh giá|đối tượng)", re.I)  # not what to air


def _sections(root: Node) -> tuple[list[Node], list[Node], list[Node]]:
    """Content sections, organisation sections and the rest (top-level Roman headings)."""
    romans = [child for child in root.children if child.label and child.label.isupper()]
    organisation = [n for n in romans if ORGANISATION.search(n.title)]
    content = [n for n in romans if CONTENT.search(n.title) and n not in organisation]
    if not content:
        content = [
            n
            for n in root.children
            if n not in organisation and not (n in romans and BACKGROUND.match(n.title))
        ]
    other = [n for n in romans if n not in content and n not in organisation]
    return content, organisation, other


def _event_unresolved(events: list[EventInfo]) -> list[Unresolved]:
    return [
        Unresolved(event.name, event.line, "văn bản không nêu ngày diễn ra sự kiện")
        for event in events
        if event.date_start is None
    ]


def _phases(
    root: Node,
    content: list[Node],
    events: list[EventInfo],
    lines: list[Line],
    doc_date: date | None,
    orphan_lines: set[int],
) -> tuple[list[PhaseInfo], list[Note], list[Unresolved]]:
    ctx = Context(events, doc_date)
    phases: list[PhaseInfo] = []
    notes: list[Note] = []
    unresolved: list[Unresolved] = []
    split_inline_topics(content)
    chosen = phase_nodes(content)
    for node in chosen:
        phase, open_items = build_phase(node, ctx)
        phases.append(phase)
        unresolved.extend(open_items)
    if not chosen:  # no outline of phases: phases stated in sentences, if any
        phases, unresolved = running_phases(lines, ctx)
    lead = [p for p in root.paragraphs if root.items and p.number < root.items[0].line]
    title = lead[-1].text if lead else "Nội dung tuyên truyền"
    if not phases and root.items and not NOT_PHASES.search(title):
        # a topic list with no heading (its lead sentence as title) is one phase
        node = Node("", title, lead[-1].number if lead else root.items[0].line, 0, None)
        node.items = root.items
        phase, unresolved = build_phase(node, ctx)
        phases = [phase]
    stop = end_of_body(lines)
    topic_lines = {item.line for node in chosen for item in node.items}
    for section in content:
        for node in section.walk():
            own = block_notes(node, heading_text(node.title), orphan_lines, stop)
            # a phase's bullets are its topics; its other paragraphs are kept as notes
            notes.extend(n for n in own if node not in chosen or n.line not in topic_lines)
    return phases, notes, unresolved


def parse_plan(text: str) -> PlanParse:
    """The document, events, phases, topics, occasions, sessions, notes and open items."""
    lines = split_lines(text)
    document = parse_header(lines)
    root, orphans = build_outline(lines)
    events = events_from_title(document.title or "", document.lines.get("title", 0))
    if not events and document.title is None:
        events = events_in_text(lines)
    reference = document.date or first_date(text)[0]  # a news article's dateline
    events = date_events(events, lines, reference)
    content, organisation, other = _sections(root)
    orphan_lines = {o.line for o in orphans}
    phases, notes, unresolved = _phases(root, content, events, lines, document.date, orphan_lines)
    stop = end_of_body(lines)
    for section in other:
        for node in section.walk():
            notes.extend(block_notes(node, heading_text(node.title), set(), stop))
    for section in organisation:
        notes.extend(organisation_notes(section, orphans, stop))
    event_lines = {e.date_line for e in events if e.date_line is not None}
    missing = [
        Unresolved(label, 0, "không tìm thấy trong văn bản")
        for field, label in (
            ("number", "Số văn bản"),
            ("date", "Ngày ban hành"),
            ("title", "Tiêu đề"),
            ("issuer", "Cơ quan ban hành"),
        )
        if getattr(document, field) is None
    ]
    return PlanParse(
        document=document,
        events=tuple(events),
        phases=tuple(phases),
        occasions=tuple(find_occasions(lines, event_lines)),
        proposed_slots=tuple(find_slots(lines)),
        notes=tuple(sorted(notes, key=lambda note: note.line)),
        unresolved=tuple(
            sorted(
                [*missing, *_event_unresolved(events), *unresolved, *orphans],
                key=lambda item: item.line,
            )
        ),
    )
