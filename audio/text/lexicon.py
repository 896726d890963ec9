"""Lexicon of written forms (abbreviations, units, symbols) and their spoken forms, with context."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from audio.text.orthography import canonical_text
from audio.text.phrases import Phrase, ends_with_any, starts_with_any

NUMBER_CUE = "#"
"""Context word that stands for any number, date or code next to the entry."""

CODE_CUE = "/"
"""Context word seen before every part of a document code (the KH and UBND of 192/KH-UBND)."""

_SPOKEN_RE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def _words(phrase: str) -> tuple[str, ...]:
    """A context phrase as lowercase canonical words."""
    return tuple(canonical_text(phrase).lower().split())


@dataclass(frozen=True)
class Context:
    """Words that must come right before and/or right after an entry for it to apply.

    Each side is a tuple of alternative phrases ("đảng ủy", "hđnd"); an empty side always
    matches. Phrases are compared case-insensitively; NUMBER_CUE ('#') matches a number.
    """

    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    _before_words: tuple[Phrase, ...] = field(init=False, repr=False, compare=False)
    _after_words: tuple[Phrase, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_before_words", tuple(_words(p) for p in self.before))
        object.__setattr__(self, "_after_words", tuple(_words(p) for p in self.after))

    def matches(self, before: Sequence[str], after: Sequence[str]) -> bool:
        """True when the preceding words end with a 'before' phrase and the following start
        with an 'after' phrase."""
        if self._before_words and not ends_with_any(before, self._before_words):
            return False
        return not self._after_words or starts_with_any(after, self._after_words)


@dataclass(frozen=True)
class Entry:
    """One written form and how to say it, optionally only in a context; origin tells whether
    it is built in ('lexicon') or an operator's entry ('operator')."""

    written: str
    spoken: str
    context: Context | None = None
    origin: Literal["lexicon", "operator"] = "lexicon"

    def __post_init__(self) -> None:
        if not self.written.strip():
            raise ValueError("a lexicon entry needs a written form")
        if not _SPOKEN_RE.fullmatch(self.spoken) or self.spoken != self.spoken.lower():
            raise ValueError(f"spoken form must be lowercase syllables: {self.spoken!r}")


def _canonical_entry(entry: Entry) -> Entry:
    """The entry with NFC text and canonical tone marks."""
    return replace(
        entry,
        written=canonical_text(entry.written),
        spoken=canonical_text(entry.spoken),
    )


_END = ""  # trie key marking that a written form ends at this node


def _end_regex(key: str) -> str:
    """What may follow a whole written form: no letter after a letter, no digit after a digit."""
    if key[-1].isalpha():
        return r"(?![^\W\d_])"
    if key[-1].isdigit():
        return r"(?!\d)"
    return ""


def _trie(keys: Iterable[str]) -> dict[str, dict]:
    """Character trie of the keys; _END marks where a key ends."""
    root: dict[str, dict] = {}
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return root


def _trie_regex(node: dict[str, dict], prefix: str) -> str:
    """Regex for a trie node; longer continuations come first, so the longest form wins."""
    branches = [
        re.escape(ch) + _trie_regex(child, prefix + ch)
        for ch, child in sorted(node.items())
        if ch != _END
    ]
    if _END in node:
        branches.append(_end_regex(prefix))
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _pattern(keys: Iterable[str]) -> str:
    """Alternation of the keys; keys that start with a letter must not follow a letter."""
    root = _trie(keys)
    if not root:
        return ""
    branches = []
    for ch, child in sorted(root.items()):
        lead = r"(?<![^\W\d_])" if ch.isalpha() else r"(?<![\d.,])" if ch.isdigit() else ""
        branches.append(lead + re.escape(ch) + _trie_regex(child, ch))
    first = "".join(sorted(re.escape(ch) for ch in root))
    return f"(?=[{first}])(?:" + "|".join(branches) + ")"


class Lexicon:
    """Written → spoken entries; earlier entries win, the first whose context matches applies."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._entries: dict[str, list[Entry]] = {}
        for entry in map(_canonical_entry, entries):
            self._entries.setdefault(entry.written, []).append(entry)

    def entries(self) -> list[Entry]:
        """All entries in priority order."""
        return [entry for group in self._entries.values() for entry in group]

    def lookup(self, written: str, before: Sequence[str], after: Sequence[str]) -> Entry | None:
        """The first entry for written whose context fits the neighbouring words."""
        for entry in self._entries.get(written, ()):
            if entry.context is None or entry.context.matches(before, after):
                return entry
        return None

    def with_entries(self, entries: Iterable[Entry]) -> Lexicon:
        """A new lexicon where the given entries come before (and so beat) these ones."""
        return Lexicon([*entries, *self.entries()])

    def pattern(self) -> str:
        """Regex alternation of all written forms, longest first (longest match wins)."""
        return _pattern(self._entries)
