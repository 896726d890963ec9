"""Prosody planning (pure): split a written script into paragraphs, lines, sentences and clauses.

The written script is split into sentences *before* normalisation, because only the written
form tells a full stop from the dot of ``1.005``, ``1.1.``, ``TM.`` or ``KT.``.  Each written
sentence is then normalised by the caller's function (spoken text keeps ``', '`` and ``'. '``
as clause and sentence boundaries) and the spoken result is cut at those marks into chunks.
Every chunk carries the kind of pause that follows it; the pause lengths come from the voice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum


class Boundary(IntEnum):
    """What follows a piece of speech, weakest first; a stronger boundary wins when two meet."""

    NONE = 0  # end of the script
    CLAUSE = 1  # comma, semicolon
    SENTENCE = 2  # full stop, or the end of a line inside a paragraph
    HEADING = 3  # after a heading line
    PARAGRAPH = 4  # blank line


@dataclass(frozen=True)
class Sentence:
    """One written sentence and the boundary after it."""

    text: str
    boundary: Boundary


@dataclass(frozen=True)
class Chunk:
    """One unit of synthesis: spoken text ending in ',' or '.', and the pause after it."""

    text: str
    boundary: Boundary


# Abbreviations whose dot never ends a sentence (compared lowercase, without the dot).
ABBREVIATIONS = frozenset(
    [
        "tm",
        "kt",
        "tl",
        "tuq",
        "q",
        "tp",
        "tx",
        "tt",
        "p",
        "h",
        "ths",
        "th.s",
        "ts",
        "pgs",
        "gs",
        "bs",
        "ks",
        "ls",
        "đ/c",
        "ô",
        "nxb",
        "tr",
        "vd",
        "v.v",
    ]
)
SECTION_WORDS = frozenset(["điều", "mục", "khoản", "chương", "phần", "điểm", "bước", "tiết"])
ROMAN = re.compile(r"^[IVXLC]+$")
DOTTED_NUMBER = re.compile(r"^\d+(\.\d+)+$")
LIST_MARKER = re.compile(r"^\s*(\d+(\.\d+)*|[IVXLC]+|[a-zđ])[.)]\s")
SENTENCE_END = re.compile(r"([.!?…]+)([\"'”’)\]»]*)(\s+)(?=[\"'“‘(\[«\-–—]?[\w])")
HEADING_MAX_WORDS = 12
FINAL_PUNCTUATION = ".!?…:;,"


def _is_abbreviation_dot(before: str) -> bool:
    """True when the word before a dot makes it a non-final dot (abbreviation, number marker)."""
    words = before.split()
    if not words:
        return True
    word = words[-1].lstrip("(\"'“")
    lower = word.lower()
    if lower in ABBREVIATIONS or DOTTED_NUMBER.match(word):
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "Nguyễn V. A"
    if word.isdigit() or ROMAN.match(word):
        # "1. " / "II. " as a list marker at the start, or "Điều 5. " after a section word
        return len(words) == 1 or words[-2].lower() in SECTION_WORDS
    return False


def split_sentences(line: str) -> list[str]:
    """Split one line of written text into sentences, keeping their final punctuation."""
    sentences: list[str] = []
    start = 0
    for match in SENTENCE_END.finditer(line):
        if match.group(1) == "." and _is_abbreviation_dot(line[start : match.start()]):
            continue
        end = match.end(2)
        piece = line[start:end].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    rest = line[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def is_heading(line: str) -> bool:
    """A heading: a short line without final punctuation, an all-caps line, or a numbered one."""
    stripped = line.strip()
    letters = _letters(stripped)
    if not letters:
        return False
    if len(letters) >= 2 and letters.isupper():
        return True
    if LIST_MARKER.match(stripped) and len(stripped.split()) <= HEADING_MAX_WORDS:
        return True
    return stripped[-1] not in FINAL_PUNCTUATION and len(stripped.split()) <= HEADING_MAX_WORDS


def split_script(script: str) -> list[Sentence]:
    """Written sentences of a script with the boundary after each (paragraphs, headings)."""
    text = unicodedata.normalize("NFC", script).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    result: list[Sentence] = []
    for paragraph in paragraphs:
        lines = [line for line in paragraph.split("\n") if line.strip()]
        for line in lines:
            sentences = split_sentences(line)
            last = Boundary.HEADING if is_heading(line) else Boundary.SENTENCE
            for i, sentence in enumerate(sentences):
                boundary = last if i == len(sentences) - 1 else Boundary.SENTENCE
                result.append(Sentence(sentence, boundary))
        if result:
            last_sentence = result[-1]
            boundary = max(last_sentence.boundary, Boundary.PARAGRAPH)
            result[-1] = Sentence(last_sentence.text, boundary)
    if result:
        result[-1] = Sentence(result[-1].text, Boundary.NONE)
    return result


def spoken_chunks(spoken: str, boundary: Boundary) -> list[Chunk]:
    """Cut normalised spoken text at its ', ' and '. ' marks; the last chunk gets ``boundary``."""
    chunks: list[Chunk] = []
    for match in re.finditer(r"([^,.]+)([,.]?)", spoken):
        words = " ".join(match.group(1).split())
        if not words:
            continue
        mark = match.group(2)
        kind = Boundary.CLAUSE if mark == "," else Boundary.SENTENCE
        chunks.append(Chunk(words, kind))
    if chunks:
        chunks[-1] = Chunk(chunks[-1].text, boundary)
    return chunks


def plan_chunks(script: str, normalize: Callable[[str], str]) -> list[Chunk]:
    """Split a written script into sentences, normalise each, and cut it into chunks."""
    chunks: list[Chunk] = []
    for sentence in split_script(script):
        chunks += spoken_chunks(normalize(sentence.text), sentence.boundary)
    return chunks


def limit_phrases(chunks: list[Chunk], max_words: int) -> list[Chunk]:
    """Cut chunks longer than ``max_words`` into near-equal phrases (0 = no limit)."""
    if max_words <= 0:
        return chunks
    result: list[Chunk] = []
    for chunk in chunks:
        words = chunk.text.split()
        count = -(-len(words) // max_words)  # ceil: number of phrases
        base, extra = divmod(len(words), count)
        pieces, start = [], 0
        for i in range(count):
            end = start + base + (1 if i < extra else 0)
            pieces.append(" ".join(words[start:end]))
            start = end
        result += [Chunk(piece, Boundary.CLAUSE) for piece in pieces[:-1]]
        result.append(Chunk(pieces[-1], chunk.boundary))
    return result


def engine_text(chunk: Chunk) -> str:
    """The text given to the engine: the chunk with ',' or '.' for a matching intonation."""
    return chunk.text + ("," if chunk.boundary == Boundary.CLAUSE else ".")
