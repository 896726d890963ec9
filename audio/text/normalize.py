"""The normaliser: tokenise, read each token in context, and join the spoken words."""

from __future__ import annotations

from audio.text.context import Window
from audio.text.lexicon import Lexicon
from audio.text.lexicon_data import BUILTIN_LEXICON
from audio.text.orthography import canonical_text
from audio.text.rules import RULES
from audio.text.spans import Item, Normalization, Pause, Span
from audio.text.tokens import Tokenizer


def _spans(items: list[Item]) -> list[Span]:
    """The spans that say something."""
    return [item for item in items if isinstance(item, Span) and item.spoken]


def _join_with_pauses(items: list[Item]) -> str:
    """Spoken words with ', ' and '. ' at the strongest boundary between two words."""
    words: list[str] = []
    pending = 0
    for item in items:
        if isinstance(item, Pause):
            pending = max(pending, item.strength)
        elif item.spoken:
            if words and pending:
                words[-1] += "," if pending == 1 else "."
            words.append(item.spoken)
            pending = 0
    return " ".join(words)


class Normalizer:
    """Reads text aloud with one lexicon; operator lexicons extend the built-in one."""

    def __init__(self, lexicon: Lexicon = BUILTIN_LEXICON) -> None:
        self.lexicon = lexicon
        self._tokenizer = Tokenizer(lexicon.pattern())

    def items(self, text: str) -> list[Item]:
        """Spans and pauses of text, in order."""
        window = Window(self._tokenizer.tokenize(canonical_text(text)))
        items: list[Item] = []
        for i, token in enumerate(window.tokens):
            items += RULES[token.kind](token, i, window, self.lexicon)
        return items

    def speech(self, text: str) -> str:
        """Lowercase syllables separated by single spaces, no digits or punctuation."""
        return " ".join(span.spoken for span in _spans(self.items(text)))

    def with_pauses(self, text: str) -> str:
        """The same words, with clause and sentence boundaries kept as ', ' and '. '."""
        return _join_with_pauses(self.items(text))

    def explain(self, text: str) -> Normalization:
        """The spoken text, each span's origin and the unknown all-caps tokens."""
        spans = _spans(self.items(text))
        unknown = dict.fromkeys(span.source for span in spans if span.origin == "unknown")
        spoken = " ".join(span.spoken for span in spans)
        return Normalization(spoken, tuple(spans), tuple(unknown))


DEFAULT_NORMALIZER = Normalizer()


def normalize_for_speech(text: str) -> str:
    """Spoken form of text: lowercase Vietnamese syllables separated by single spaces, no digits
    or punctuation."""
    return DEFAULT_NORMALIZER.speech(text)


def normalize_with_pauses(text: str) -> str:
    """Spoken form for a TTS engine: same words, but keeps sentence and clause boundaries as ', '
    and '. ' (and a paragraph/line break as '. ') so the engine pauses there."""
    return DEFAULT_NORMALIZER.with_pauses(text)


def explain(text: str) -> Normalization:
    """Normalise text and report each span's origin and the unknown all-caps tokens."""
    return DEFAULT_NORMALIZER.explain(text)
