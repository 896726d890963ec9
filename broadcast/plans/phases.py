"""Phases: the smallest outline blocks with their own topic bullets, and their windows."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from broadcast.plans.dates import Bound, Window, parse_range, split_peak
from broadcast.plans.events import mentions
from broadcast.plans.outline import Item, Node
from broadcast.plans.text import strip_item
from broadcast.plans.types import EventInfo, PhaseInfo, TopicInfo, Unresolved

NOT_PHASES = re.compile(
    r"hình thức|biện pháp|phương thức|kinh phí|khẩu hiệu|tổ chức thực hiện|mục đích|yêu cầu|"
    r"lịch phát|thời gian phát|thời lượng",
    re.I,
)
TAIL = re.compile(
    r",\s*(công tác tuyên truyền|tập trung|tuyên truyền các|tuyên truyền tập trung|"
    r"với các nội dung|gồm các nội dung|nội dung tuyên truyền).*$",
    re.I,
)


# 'trước/sau' about the event ('Sau Đại hội', 'trước ngày bầu cử', 'sau khi kết thúc'), or a
# heading's last word ('Giai đoạn sau'); not 'các phần sau' ('the following parts') in a sentence
TIED = r"(?=\s*$|\s*[:(,]|(?:\s+\S+){0,3}?\s+(?:đại hội|tết|bầu cử|ngày|khi|kết thúc|sự kiện))"
INLINE_TOPIC = re.compile(r"^(?P<head>.*?\d[^-–]*?)\s[-–]\s+(?P<topic>\S.*)$")


@dataclass(frozen=True)
class Context:
    """What phase building needs from the rest of the parse."""

    events: list[EventInfo]
    plan_date: date | None


def heading_text(title: str) -> str:
    """A heading without its parenthesised dates, trailing phrases and punctuation."""
    text = re.sub(r"[:,]?\s*\b[Tt]ừ\s+(?=[^:]*\d).*$", "", _bare(title))
    return strip_item(text).strip(" :,-")


def _bare(title: str) -> str:
    """A heading without parentheses and the trailing 'công tác tuyên truyền …' phrase."""
    return re.sub(r"\s+", " ", TAIL.sub("", re.sub(r"\([^)]*\)", "", title))).strip()


def kind_of(title: str) -> str:
    """before / during / after / general from a heading such as 'Thời điểm sau Đại hội'."""
    low = _bare(title).lower()
    if re.search(rf"\btrước\b{TIED}", low):
        return "before"
    if re.search(rf"\bsau\b{TIED}", low):
        return "after"
    if re.search(r"\btrong\b.*(đại hội|tết|bầu cử|diễn ra)|\b(diễn ra|dịp)\b", low):
        return "during"
    return "general"


def topic_text(item: Item) -> str:
    """A topic kept whole: the bullet, then its '+' sub-items."""
    main = strip_item(item.text)
    if not item.subs:
        return main
    return f"{main}: " + "; ".join(strip_item(sub) for sub in item.subs)


def _window(node: Node, plan_date: date | None) -> tuple[Window, Window]:
    main, peak = split_peak(node.title)
    return parse_range(main, plan_date), parse_range(peak or "", plan_date)


def _inherited(node: Node, plan_date: date | None) -> tuple[Window, Window]:
    """The nearest ancestor window and peak (each looked up separately)."""
    main, peak = Window(), Window()
    for parent in node.ancestors():
        own, own_peak = _window(parent, plan_date)
        if main.start is None and main.end is None:
            main = own
        if peak.start is None and peak.end is None:
            peak = own_peak
    return main, peak


def _event_for(node: Node, events: list[EventInfo]) -> EventInfo | None:
    for candidate in [node, *node.ancestors()]:
        best = max(
            ((mentions(candidate.title, e, False), e) for e in events),
            key=lambda pair: pair[0],
            default=(-1, None),
        )
        if best[0] >= 0:
            return best[1]
    return events[0] if len(events) == 1 else None


class _Resolver:
    """Turns bounds into dates, recording why a bound stays open."""

    def __init__(self, code: str, line: int, event: EventInfo | None) -> None:
        self.code, self.line, self.event = code, line, event
        self.unresolved: list[Unresolved] = []

    def _open(self, what: str, why: str) -> None:
        self.unresolved.append(Unresolved(f"Giai đoạn {self.code}: {what}", self.line, why))

    def _dated(self, which: str) -> date | None:
        """The event's day for a relative bound, when the event is known and dated."""
        event = self.event
        if event is None:
            return None
        return {
            "event_start": event.date_start,
            "event_end": event.date_end,
            "event_before": event.date_start - timedelta(days=1) if event.date_start else None,
            "event_after": event.date_end + timedelta(days=1) if event.date_end else None,
        }[which]

    def event_day(self, which: str, what: str) -> date | None:
        """A day taken from the phase's event, or None (listed) when the event has no date."""
        event = self.event
        if event is None:
            self._open(what, "không xác định được sự kiện mà giai đoạn gắn với")
            return None
        day = self._dated(which)
        if day is None:
            self._open(what, f"văn bản không nêu ngày diễn ra {event.name}")
        return day

    def bound(self, bound: Bound | None, what: str, fallback: str | None) -> date | None:
        """The date of one side of the window: written, tied to the event, or open (listed)."""
        if bound is not None and bound.relative is not None and bound.day is not None:
            return self._dated(bound.relative) or bound.day  # 'Tết Nguyên đán': event, or 1/1
        if bound is not None and bound.day is not None:
            return bound.day
        if bound is not None and bound.relative is not None:
            return self.event_day(bound.relative, what)
        if bound is not None and bound.open_reason is not None:
            self._open(what, bound.open_reason)
            return None
        if fallback is not None:
            return self.event_day(fallback, what)
        self._open(what, "văn bản không nêu thời gian")
        return None

    def check_order(
        self, start: date | None, end: date | None, what: str
    ) -> tuple[date | None, date | None]:
        """Both bounds, or neither when the window ends before it starts."""
        if start is not None and end is not None and end < start:
            self._open(what, f"kết thúc ({end:%d/%m/%Y}) trước khi bắt đầu ({start:%d/%m/%Y})")
            return None, None
        return start, end

    def check_peak(
        self, peak_start: date | None, peak_end: date | None, start: date | None, end: date | None
    ) -> tuple[date | None, date | None]:
        """The peak window when whole, ordered and inside the phase; otherwise listed."""
        if peak_start is None and peak_end is None:
            return None, None
        if peak_start is None or peak_end is None:
            self._open("cao điểm", "chỉ có một đầu của thời gian cao điểm")
            return None, None
        peak_start, peak_end = self.check_order(peak_start, peak_end, "cao điểm")
        if peak_start is None or peak_end is None:
            return None, None
        if (start is not None and peak_start < start) or (end is not None and peak_end > end):
            self._open("cao điểm", "thời gian cao điểm nằm ngoài thời gian của giai đoạn")
            return None, None
        return peak_start, peak_end


def _code(node: Node, parent: Node | None) -> str:
    """1.1a for a lettered block, the stage's own label, else the parent's label and a rank."""
    if parent is not None and node.label.isalpha():
        return f"{parent.label}{node.label}"
    if node.label:
        return node.label
    siblings = node.parent.children if node.parent is not None else [node]
    rank = siblings.index(node) + 1
    return f"{parent.label}.{rank}" if parent is not None and parent.label else str(rank)


def build_phase(node: Node, ctx: Context) -> tuple[PhaseInfo, list[Unresolved]]:
    """One phase from an outline block that owns topic bullets."""
    parent = node.parent if node.parent and node.parent.depth > 0 else None
    code = _code(node, parent)
    kind = kind_of(node.title)
    own, own_peak = _window(node, ctx.plan_date)
    inherited, inherited_peak = _inherited(node, ctx.plan_date)
    event = _event_for(node, ctx.events) if ctx.events else None
    resolver = _Resolver(code, node.line, event)
    both = "trước và trong" in node.title.lower()
    start_fallback = {"during": "event_start", "after": "event_after"}.get(kind)
    end_fallback = {
        "before": "event_end" if both else "event_before",
        "during": "event_end",
    }.get(kind)
    start_bound = own.start or (None if start_fallback else inherited.start)
    end_bound = own.end or (None if end_fallback else inherited.end)
    start = resolver.bound(start_bound, "ngày bắt đầu", start_fallback)
    end = resolver.bound(end_bound, "ngày kết thúc", end_fallback)
    peak = own_peak if own_peak.start or own_peak.end else inherited_peak
    start, end = resolver.check_order(start, end, "thời gian")
    peak_start, peak_end = resolver.check_peak(
        peak.start.day if peak.start else None, peak.end.day if peak.end else None, start, end
    )
    own_title = heading_text(node.title)
    title = (
        f"{heading_text(parent.title)} — {own_title}" if parent and kind != "general" else own_title
    )
    phase = PhaseInfo(
        code=code[:20],
        title=title[:500] or code,
        event_ordinal=event.ordinal if event else None,
        kind=kind,
        start=start,
        end=end,
        peak_start=peak_start,
        peak_end=peak_end,
        topics=tuple(TopicInfo(topic_text(item), item.line) for item in node.items),
        line=node.line,
        confidence=1.0 if not resolver.unresolved else 0.7,
    )
    return phase, resolver.unresolved


def split_inline_topics(sections: list[Node]) -> None:
    """'Đợt 1: Từ tháng 10 đến tháng 12/2025 - Tuyên truyền …': the text after the window's
    dash is the stage's first topic, and the heading keeps only its label and window."""
    for node in (n for section in sections for n in section.walk()):
        if not re.match(r"(Đợt|Giai đoạn)\b", node.label):
            continue
        dash = INLINE_TOPIC.search(node.title)
        if dash and dash.group("topic")[:1].isupper():
            node.items.insert(0, Item(dash.group("topic"), node.line))
            node.title = dash.group("head")


def window_phase(
    code: str, title: str, window: str, line: int, ctx: Context
) -> tuple[PhaseInfo, list[Unresolved]]:
    """A general phase stated in a sentence ('giai đoạn 2 từ … đến …'), without topics."""
    main, peak = split_peak(window)
    own, own_peak = parse_range(main, ctx.plan_date), parse_range(peak or "", ctx.plan_date)
    event = ctx.events[0] if len(ctx.events) == 1 else None
    resolver = _Resolver(code, line, event)
    start = resolver.bound(own.start, "ngày bắt đầu", None)
    end = resolver.bound(own.end, "ngày kết thúc", None)
    start, end = resolver.check_order(start, end, "thời gian")
    peak_start, peak_end = resolver.check_peak(
        own_peak.start.day if own_peak.start else None,
        own_peak.end.day if own_peak.end else None,
        start,
        end,
    )
    phase = PhaseInfo(
        code=code[:20], title=title[:500] or code, event_ordinal=event.ordinal if event else None,
        kind="general", start=start, end=end, peak_start=peak_start, peak_end=peak_end,
        topics=(), line=line, confidence=0.8 if not resolver.unresolved else 0.6,
    )  # fmt: skip
    return phase, resolver.unresolved


def phase_nodes(sections: list[Node]) -> list[Node]:
    """Blocks that own bullets inside the content sections, except methods and the like."""
    return [
        node
        for section in sections
        for node in section.walk()
        if node.items and node.parent is not None and not NOT_PHASES.search(node.title)
    ]
