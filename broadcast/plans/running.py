"""Phases stated in running text, as news articles and short plans write them.

"Giai đoạn đầu từ nay đến ngày 30/12/2015 …; giai đoạn 2 từ đầu năm 2016 đến hết nhiệm kỳ"
and "Thời gian tổ chức … từ ngày 1/11 đến hết ngày 18/11/2018" become general phases with
their windows (open ends listed as unresolved); used only when the outline has no phases.
"""

import re

from broadcast.plans.phases import Context, window_phase
from broadcast.plans.text import Kind, Line, classify, roman_to_int
from broadcast.plans.types import PhaseInfo, Unresolved

STAGE = re.compile(
    r"\b(?P<word>[Gg]iai đoạn|[Đđ]ợt)\s+(?P<rank>đầu|một|hai|ba|bốn|\d{1,2}|[IVX]+)\b"
    r"[^.;]*?\s(?P<window>[Tt]ừ\s.+)$"
)
PERIOD = re.compile(
    r"^(?P<title>Thời gian\s+(?:tổ chức|tuyên truyền|thực hiện|triển khai)[^.;]*?)\s+"
    r"(?:trong khoảng\s+|là\s+|:\s*)?(?P<window>[Tt]ừ\s.+)$"
)
RANKS = {"đầu": 1, "một": 1, "hai": 2, "ba": 3, "bốn": 4}


def _rank(text: str) -> int | None:
    low = text.lower()
    return RANKS.get(low) or (int(text) if text.isdigit() else roman_to_int(text))


def running_phases(lines: list[Line], ctx: Context) -> tuple[list[PhaseInfo], list[Unresolved]]:
    """Phases written in sentences, in document order, with what stays open."""
    phases: list[PhaseInfo] = []
    unresolved: list[Unresolved] = []
    for line in lines:
        if classify(line).kind not in (Kind.TEXT, Kind.STAGE):
            continue
        for sentence in re.split(r"(?<=[.;])\s+", line.text):
            sentence = sentence.rstrip(" .;")
            stage, period = STAGE.search(sentence), PERIOD.match(sentence)
            if stage and (rank := _rank(stage.group("rank"))) is not None:
                code = str(rank)
                title = f"{stage.group('word').capitalize()} {code}"
                window = stage.group("window")
            elif period:
                code, title = str(len(phases) + 1), period.group("title")
                window = period.group("window")
            else:
                continue
            phase, open_items = window_phase(code, title, window, line.number, ctx)
            if phase.start is not None or phase.end is not None:
                phases.append(phase)
                unresolved.extend(open_items)
    return phases, unresolved
