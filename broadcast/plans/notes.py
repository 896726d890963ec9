"""Notes: 'Tổ chức thực hiện' (units and their tasks) and other non-phase sections."""

import re

from broadcast.plans.outline import Node
from broadcast.plans.phases import heading_text, topic_text
from broadcast.plans.text import Line, strip_item
from broadcast.plans.types import Note, Unresolved

END_MARKERS = re.compile(r"^(Nơi nhận|TM\.|KT\.|T/M)", re.I)
CLOSING = re.compile(r"^Đề nghị các\b|\./\.$")
UNIT_PREFIX = re.compile(r"^(Đề nghị|Giao)\s+", re.I)


def _unit(node: Node) -> str:
    return UNIT_PREFIX.sub("", heading_text(node.title)) or node.label


def block_notes(node: Node, section: str, orphans: set[int], stop: int) -> list[Note]:
    """The items and paragraphs a block owns, as notes of the given section."""
    notes: list[Note] = []
    for item in node.items:
        if item.line < stop:
            notes.append(Note(section, topic_text(item), item.line, 1.0))
    for para in node.paragraphs:
        if para.number >= stop:
            continue
        if CLOSING.search(para.text):
            notes.append(Note("", strip_item(para.text), para.number, 1.0))
        else:
            confidence = 0.3 if para.number in orphans else 1.0
            notes.append(Note(section, strip_item(para.text), para.number, confidence))
    return notes


def organisation_notes(section: Node, orphans: list[Unresolved], stop: int) -> list[Note]:
    """Responsible units (the numbered headings) and their tasks."""
    orphan_lines = {o.line for o in orphans}
    notes = block_notes(section, "", orphan_lines, stop)
    for node in section.walk()[1:]:
        notes.extend(block_notes(node, _unit(node), orphan_lines, stop))
    return sorted(notes, key=lambda note: note.line)


def end_of_body(lines: list[Line]) -> int:
    """The line where the addressees and signature start (notes stop there)."""
    for line in lines:
        if END_MARKERS.match(line.text):
            return line.number
    return len(lines) + 1
