"""The words around a token, as context for rules and lexicon entries."""

from __future__ import annotations

from audio.text.lexicon import NUMBER_CUE
from audio.text.tokens import NUMERIC_KINDS, PHONE_KINDS, Token

_BOUNDARY_KINDS = frozenset({"newline", "stop", "section"})
_WORD_KINDS = frozenset({"word", "lexicon"})


def _cue(token: Token) -> str | None:
    """The context word a token stands for: its lowercase text, '#' for numbers, else None."""
    if token.kind in _WORD_KINDS:
        return token.text.lower()
    if token.kind in NUMERIC_KINDS or token.kind in PHONE_KINDS:
        return NUMBER_CUE
    return None


class Window:
    """Tokens of one text with their context words; sentence ends and line breaks bound it."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self._cues = [_cue(token) for token in tokens]

    def _collect(self, start: int, step: int, count: int) -> list[str]:
        """Up to count context words from start going in direction step."""
        words: list[str] = []
        j = start
        while 0 <= j < len(self.tokens) and len(words) < count:
            if self.tokens[j].kind in _BOUNDARY_KINDS:
                break
            cue = self._cues[j]
            if cue is not None:
                words.append(cue)
            j += step
        return words

    def before(self, i: int, count: int = 3) -> list[str]:
        """Context words before token i, nearest last."""
        return self._collect(i - 1, -1, count)[::-1]

    def after(self, i: int, count: int = 3) -> list[str]:
        """Context words after token i, nearest first."""
        return self._collect(i + 1, 1, count)

    def neighbour(self, i: int, step: int) -> Token | None:
        """The token step places away from i, if any."""
        j = i + step
        return self.tokens[j] if 0 <= j < len(self.tokens) else None

    def stands_alone(self, i: int) -> bool:
        """True when no word touches token i on either side (II in a list, (IV), II-A)."""
        return not any(
            (token := self.neighbour(i, step)) is not None and token.kind in _WORD_KINDS
            for step in (-1, 1)
        )

    def is_quantity_end(self, j: int) -> bool:
        """True when token j is a number, or a unit or symbol written right after one."""
        if not 0 <= j < len(self.tokens):
            return False
        kind = self.tokens[j].kind
        if kind == "lexicon":
            return j > 0 and self.tokens[j - 1].kind in NUMERIC_KINDS
        return kind in NUMERIC_KINDS and kind != "code"
