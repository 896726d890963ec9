"""The reference examples (input → expected speech) shipped as package data, and a checker."""

from __future__ import annotations

import csv
import io
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


def failures(normalizer: Normalizer) -> list[Failure]:
    """The examples this normaliser reads differently from the file."""
    return [
        Failure(example, got)
        for example in load_examples()
        if (got := normalizer.speech(example.input)) != example.expected
    ]


def new_failures(before: Normalizer, after: Normalizer) -> list[Failure]:
    """Examples that `before` reads correctly and `after` does not (a change would break them)."""
    already = {failure.example.id for failure in failures(before)}
    return [failure for failure in failures(after) if failure.example.id not in already]
