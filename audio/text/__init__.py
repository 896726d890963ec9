"""Vietnamese text normalisation for speech (Northern reading conventions)."""

from audio.text.lexicon import CODE_CUE, NUMBER_CUE, Context, Entry, Lexicon
from audio.text.lexicon_data import BUILTIN_LEXICON
from audio.text.normalize import (
    DEFAULT_NORMALIZER,
    Normalizer,
    explain,
    normalize_for_speech,
    normalize_with_pauses,
)
from audio.text.numbers import read_cardinal, read_digits, read_ordinal
from audio.text.orthography import canonical_text
from audio.text.spans import Normalization, Span

__all__ = [
    "BUILTIN_LEXICON",
    "CODE_CUE",
    "DEFAULT_NORMALIZER",
    "NUMBER_CUE",
    "Context",
    "Entry",
    "Lexicon",
    "Normalization",
    "Normalizer",
    "Span",
    "canonical_text",
    "explain",
    "normalize_for_speech",
    "normalize_with_pauses",
    "read_cardinal",
    "read_digits",
    "read_ordinal",
]
