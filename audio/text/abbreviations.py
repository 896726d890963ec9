"""The built-in abbreviation lexicon: a packaged TSV file, checked row by row when loaded.

Columns: written, spoken, kind, before, after, source. `before` and `after` hold the context
phrases an entry needs (alternatives separated by ';', '#' for a number, '/' inside a document
code); a written form may have several rows, the context-bound ones first. `source` is the URL
of the public page the reading was checked against.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from audio.text.lexicon import Context, Entry
from audio.text.orthography import canonical_text, is_vietnamese_syllable

ABBREVIATIONS_RESOURCE = "data/abbreviations.tsv"
COLUMNS = ("written", "spoken", "kind", "before", "after", "source")
KINDS = frozenset(
    {
        "residential",  # tổ dân phố, khu dân cư, khu phố…
        "government",  # state bodies and their offices (UBND, HĐND, KBNN…)
        "ministry",  # ministries, mostly as issuers inside document codes
        "party",  # Party committees and posts
        "organisation",  # the Front and mass organisations
        "member",  # members and groups of people (ĐVTN, CCB, NCT…)
        "security",  # police, military, civil defence, public order
        "health",  # health, insurance, food safety, population
        "education",  # schools, levels and people of education
        "environment",  # environment, disasters, agriculture
        "campaign",  # movements and programmes (NTM, XĐGN…)
        "document",  # document types and marks of a document
        "general",  # everything else read in notices
    }
)
_SEPARATOR = ";"


class AbbreviationFileError(ValueError):
    """A row of the abbreviation file that cannot be used, with its line number."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"{ABBREVIATIONS_RESOURCE} line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class Abbreviation:
    """One row: how a written form is read (in a context, if given), its kind and its source."""

    entry: Entry
    kind: str
    source: str


def _phrases(cell: str) -> tuple[str, ...]:
    """The alternative context phrases of a cell."""
    return tuple(part.strip() for part in cell.split(_SEPARATOR) if part.strip())


def _context(before: str, after: str) -> Context | None:
    """The context of a row, None when both cells are empty."""
    if not before.strip() and not after.strip():
        return None
    return Context(before=_phrases(before), after=_phrases(after))


def _check_cells(line: int, row: dict[str, str]) -> None:
    """Refuse missing cells, text that is not NFC with canonical tone marks, unknown kinds and
    sources that are not web addresses."""
    for column in COLUMNS:
        cell = row.get(column)
        if cell is None:
            raise AbbreviationFileError(line, f"missing column {column!r}")
        if cell != unicodedata.normalize("NFC", cell) or cell != canonical_text(cell):
            raise AbbreviationFileError(line, f"{column} is not NFC with canonical tones")
    if not row["written"] or not row["spoken"]:
        raise AbbreviationFileError(line, "written and spoken forms are required")
    if row["kind"] not in KINDS:
        raise AbbreviationFileError(line, f"unknown kind {row['kind']!r}")
    if not row["source"].startswith(("https://", "http://")):
        raise AbbreviationFileError(line, "source must be the URL of the page checked")


def _check_not_a_word(line: int, written: str, context: Context | None) -> None:
    """A form that is also a Vietnamese syllable (DA, PA…) needs a context: in capitals it is
    as likely to be an ordinary word of a headline."""
    if context is None and written.isalpha() and is_vietnamese_syllable(written):
        raise AbbreviationFileError(line, f"{written!r} is also a syllable: give it a context")


def parse_abbreviations(text: str) -> tuple[Abbreviation, ...]:
    """The rows of an abbreviation file; AbbreviationFileError on the first unusable row."""
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise AbbreviationFileError(1, f"the header must be {' '.join(COLUMNS)}")
    rows: list[Abbreviation] = []
    seen: dict[tuple[str, Context | None], str] = {}
    unconditional: set[str] = set()
    for line, row in enumerate(reader, start=2):
        _check_cells(line, row)
        written, spoken = row["written"], row["spoken"]
        context = _context(row["before"], row["after"])
        _check_not_a_word(line, written, context)
        if written in unconditional:
            raise AbbreviationFileError(line, f"{written!r} already has a context-free reading")
        key = (written, context)
        if key in seen:
            what = "duplicate" if seen[key] == spoken else "conflicting reading"
            raise AbbreviationFileError(line, f"{what} for {written!r} in the same context")
        seen[key] = spoken
        if context is None:
            unconditional.add(written)
        try:
            entry = Entry(written, spoken, context)
        except ValueError as error:
            raise AbbreviationFileError(line, str(error)) from error
        rows.append(Abbreviation(entry, row["kind"], row["source"]))
    return tuple(rows)


@lru_cache(maxsize=1)
def load_abbreviations() -> tuple[Abbreviation, ...]:
    """The abbreviation file bundled with audio.text, in file order."""
    raw = resources.files("audio.text").joinpath(ABBREVIATIONS_RESOURCE).read_text("utf-8")
    return parse_abbreviations(raw)


def abbreviation_entries() -> list[Entry]:
    """The lexicon entries of the bundled abbreviation file, in file order."""
    return [row.entry for row in load_abbreviations()]
