"""The outline of a plan: headings, the bullets each heading owns, and its paragraphs."""

from dataclasses import dataclass, field

from broadcast.plans.text import Classified, Kind, Line, classify, ends_sentence, starts_lowercase
from broadcast.plans.types import Unresolved

HEADINGS = (Kind.ROMAN, Kind.NUMBER, Kind.LETTER, Kind.STAGE)


@dataclass
class Item:
    """A top-level bullet (its first line) with its '+' sub-items."""

    text: str
    line: int
    subs: list[str] = field(default_factory=list)

    def add_continuation(self, text: str) -> None:
        """Append a wrapped line to the item or to its last sub-item."""
        if self.subs:
            self.subs[-1] = f"{self.subs[-1]} {text}"
        else:
            self.text = f"{self.text} {text}"


@dataclass
class Node:
    """A heading and what it directly owns."""

    label: str
    title: str
    line: int
    depth: int
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    paragraphs: list[Line] = field(default_factory=list)

    def ancestors(self) -> list["Node"]:
        """Parents from the nearest upwards (the root excluded)."""
        out: list[Node] = []
        node = self.parent
        while node is not None and node.parent is not None:
            out.append(node)
            node = node.parent
        return out

    def walk(self) -> list["Node"]:
        """This node and every node below it, in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


def _last_text(node: Node) -> str:
    if node.items:
        item = node.items[-1]
        return item.subs[-1] if item.subs else item.text
    return ""


def _add_text(node: Node, entry: Classified, orphans: list[Unresolved]) -> None:
    """A plain line: a wrapped continuation of the last item, or a paragraph of its own."""
    text = entry.body
    if node.items and starts_lowercase(text):
        if not ends_sentence(_last_text(node)):
            node.items[-1].add_continuation(text)
            return
        orphans.append(
            Unresolved(text[:200], entry.line.number, "đoạn văn rời, thiếu phần đầu câu")
        )
    node.paragraphs.append(entry.line)


def build_outline(lines: list[Line]) -> tuple[Node, list[Unresolved]]:
    """The heading tree of the lines, with bullets attached to their nearest heading."""
    root = Node("", "", 0, -1)
    stack = [root]
    orphans: list[Unresolved] = []
    for entry in map(classify, lines):
        top = stack[-1]
        if entry.kind in HEADINGS:
            while len(stack) > 1 and stack[-1].depth >= entry.depth:
                stack.pop()
            node = Node(entry.label, entry.body, entry.line.number, entry.depth, stack[-1])
            stack[-1].children.append(node)
            stack.append(node)
        elif entry.kind is Kind.BULLET:
            top.items.append(Item(entry.body, entry.line.number))
        elif entry.kind is Kind.SUBBULLET:
            if top.items:
                top.items[-1].subs.append(entry.body)
            else:
                top.items.append(Item(entry.body, entry.line.number))
        elif entry.kind is Kind.TEXT:
            _add_text(top, entry, orphans)
    return root, orphans
