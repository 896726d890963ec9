"""Normaliser throughput with ~200 operator lexicon entries against the built-in lexicon only.

Run from the repository root: `.venv/bin/python bench/normalize_operator.py [--entries 200]`.
Same corpus as bench/normalize.py; the operator normaliser is built from LexiconEntry rows by
the code that serves segments (broadcast.lexicon.build_normalizer).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1])]

from normalize import corpus, seconds  # noqa: E402  (bench/normalize.py)

from audio.text import DEFAULT_NORMALIZER  # noqa: E402
from broadcast.lexicon import build_normalizer  # noqa: E402
from broadcast.models.lexicon import LexiconEntry  # noqa: E402

MATCHING = (  # entries that occur in the corpus, so the operator path is exercised
    ("UBND phường", "ủy ban nhân dân phường", "", ""),
    ("vắc xin", "vắc xin", "", ""),
    ("ĐT", "điện thoại", "", "#"),
    ("Thứ", "thứ", "", "#"),
    ("hằng tuần", "hằng tuần", "", ""),
)


def operator_rows(count: int) -> list[LexiconEntry]:
    """count entries: a few that match the corpus, the rest local names and abbreviations."""
    rows = [
        LexiconEntry(id=i + 1, written=w, spoken=s, context_before=b, context_after=a)
        for i, (w, s, b, a) in enumerate(MATCHING)
    ]
    for n in range(len(rows), count):
        context = "tổ|khu" if n % 5 == 0 else ""
        written = f"TDP{n}" if n % 2 else f"Xóm Mới {n}"
        rows.append(
            LexiconEntry(
                id=n + 1,
                written=written,
                spoken="tổ dân phố" if n % 2 else "xóm mới",
                context_before=context,
                station_id=1 if n % 3 == 0 else None,
            )
        )
    return rows


def main() -> None:
    """Print lines/s with and without operator entries and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--entries", type=int, default=200)
    args = parser.parse_args()
    lines = corpus(args.lines)
    start = time.perf_counter()
    operator = build_normalizer(operator_rows(args.entries))
    build_ms = (time.perf_counter() - start) * 1000
    base, with_operator = float("inf"), float("inf")
    for _ in range(2):  # interleaved, so a busy moment of the machine hits both
        base = min(base, seconds(DEFAULT_NORMALIZER.speech, lines, args.rounds))
        with_operator = min(with_operator, seconds(operator.speech, lines, args.rounds))
    matched = sum(
        span.origin == "operator" for line in lines[:500] for span in operator.explain(line).spans
    )
    print(f"lines: {len(lines)}  operator entries: {args.entries}  build: {build_ms:.1f} ms")
    print(f"built-in lexicon only:      {len(lines) / base:,.0f} lines/s")
    print(f"with operator entries:      {len(lines) / with_operator:,.0f} lines/s")
    print(f"time ratio (with operator / built-in only): {with_operator / base:.2f}")
    print(f"operator spans in the first 500 lines: {matched}")
    print("target: >= 2,000 lines/s on one core")


if __name__ == "__main__":
    main()
