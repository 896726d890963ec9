"""Value types of the normaliser's output."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Origin = Literal["rule", "lexicon", "operator", "text", "unknown"]
"""rule: a reading rule; lexicon: the built-in lexicon; operator: an operator's lexicon entry;
text: the word as written; unknown: an all-caps token nobody could read."""


@dataclass(frozen=True)
class Span:
    """A piece of the source text and how it is said; origin tells which mechanism read it."""

    source: str
    spoken: str
    origin: Origin


@dataclass(frozen=True)
class Pause:
    """A boundary in the source: 1 = clause (', '), 2 = sentence or line ('. ')."""

    strength: int


CLAUSE = Pause(1)
SENTENCE = Pause(2)

Item = Span | Pause


@dataclass(frozen=True)
class Normalization:
    """The spoken text, the spans that make it up and the all-caps tokens nobody could read."""

    spoken: str
    spans: tuple[Span, ...]
    unknown: tuple[str, ...]
