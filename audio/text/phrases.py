"""Matching short word phrases against the words around a token."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Phrase = tuple[str, ...]


def phrases(*texts: str) -> tuple[Phrase, ...]:
    """Space-separated phrases as word tuples."""
    return tuple(tuple(text.split()) for text in texts)


def ends_with_any(words: Sequence[str], candidates: Iterable[Phrase]) -> bool:
    """True when words end with one of the candidate phrases."""
    return any(
        len(words) >= len(phrase) and tuple(words[len(words) - len(phrase) :]) == phrase
        for phrase in candidates
    )


def starts_with_any(words: Sequence[str], candidates: Iterable[Phrase]) -> bool:
    """True when words start with one of the candidate phrases."""
    return any(tuple(words[: len(phrase)]) == phrase for phrase in candidates)
