"""The reference examples (input → expected speech) shipped as package data, and a checker."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from audio.text.normalize import Normalizer

EXAMPLES_RESOURCE = "data/normalization-examples.tsv"


@dataclass(frozen=True)
class Example:
    """One line of the examples file: an id such as D01, the input and the expected speech."""

    id: str
    category: str
    input: str
    expected: str


@dataclass(frozen=True)
class Failure:
    """An example read differently from what the file expects."""

    example: Example
    got: str


@lru_cache(maxsize=1)
def load_examples() -> tuple[Example, ...]:
    """The examples file bundled with audio.text, in file order."""
    raw = resources.files("audio.text").joinpath(EXAMPLES_RESOURCE).read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(raw, newline=""), delimiter="\t")
    return tuple(Example(row["id"], row["category"], row["input"], row["expected"]) for row in rows)


def failures(normalizer: Normalizer, examples: Iterable[Example] | None = None) -> list[Failure]:
    """The examples (all, or these) this normaliser reads differently from the file."""
    return [
        Failure(example, got)
        for example in (load_examples() if examples is None else examples)
        if (got := normalizer.speech(example.input)) != example.expected
    ]


def new_failures(
    before: Normalizer, after: Normalizer, words: Iterable[str] | None = None
) -> list[Failure]:
    """Examples that `before` reads correctly and `after` does not (a change would break them).

    With `words` (the written forms a lexicon change adds, changes or removes), only the
    examples containing one of them are read: a lexicon entry reads nothing else differently.
    """
    wanted = None if words is None else [w for w in words if w]
    examples = [
        example
        for example in load_examples()
        if wanted is None or any(word in example.input for word in wanted)
    ]
    already = {failure.example.id for failure in failures(before, examples)}
    return [f for f in failures(after, examples) if f.example.id not in already]
