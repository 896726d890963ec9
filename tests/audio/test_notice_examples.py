"""The ward-notice examples set: well formed, sourced, and read by the conventions."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from audio.text import explain

NOTICES = Path(__file__).resolve().parents[1] / "fixtures" / "notice-examples.tsv"
COLUMNS = ["id", "category", "input", "expected", "note", "source"]
SPOKEN_RE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def rows() -> list[dict[str, str]]:
    """Rows of the notice examples file."""
    with NOTICES.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        assert reader.fieldnames == COLUMNS
        return list(reader)


def test_set_is_large_sourced_and_broad() -> None:
    examples = rows()
    assert len(examples) >= 300
    assert len({row["id"] for row in examples}) == len(examples)
    assert all(row["source"].startswith(("http://", "https://")) for row in examples)
    categories = {row["category"] for row in examples}
    wanted = {"date", "date_range", "time_range", "range", "phone", "lunar", "money", "unit"}
    assert wanted | {"abbreviation", "doc_code", "headline", "list", "address"} <= categories


@pytest.mark.parametrize("row", rows(), ids=lambda row: row["id"])
def test_expected_reading_is_lowercase_words(row: dict[str, str]) -> None:
    assert SPOKEN_RE.fullmatch(row["expected"]), row["expected"]
    assert row["expected"] == row["expected"].lower()


def test_rows_without_unknown_abbreviations_read_exactly() -> None:
    """Every row the normaliser can read without a new lexicon entry is read by the conventions
    (at least 98 %); rows with an unknown all-caps token wait for the abbreviation lexicon."""
    misses, readable = [], 0
    for row in rows():
        result = explain(row["input"])
        if result.unknown:
            continue
        readable += 1
        if result.spoken != row["expected"]:
            misses.append(f"{row['id']}: {row['input']!r} → {result.spoken!r}")
    assert readable >= 280
    assert len(misses) <= readable * 0.02, "\n".join(misses)


@pytest.mark.parametrize(
    "category", ["date", "date_range", "month_year", "lunar", "time", "weekday", "list", "number"]
)
def test_categories_in_the_dates_times_and_numbers_area_read_exactly(category: str) -> None:
    for row in rows():
        if row["category"] == category:
            assert explain(row["input"]).spoken == row["expected"], row["id"]
