"""Throughput of the Vietnamese normaliser on realistic notice lines (prints lines/s), and its
exact-match rate on the two examples sets.

Run from the repository root: `.venv/bin/python bench/normalize.py [--lines N]`, or
`.venv/bin/python bench/normalize.py --exact [--misses]` for exact match by category on the shared
examples (tests/fixtures/normalization-examples.tsv) and on the ward notices
(tests/fixtures/notice-examples.tsv, each line with its source URL).
The lines come from the demo plan (broadcast/demo/ke-hoach-192-KH-UBND-2019.txt) when it is
there, plus the inputs of tests/fixtures/normalization-examples.tsv and a few generated
notices, repeated until N lines.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from audio.text import explain, normalize_for_speech, normalize_with_pauses

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"
EXAMPLES = ROOT / "tests" / "fixtures" / "normalization-examples.tsv"
NOTICES = ROOT / "tests" / "fixtures" / "notice-examples.tsv"

GENERATED = (
    "Thông báo số {n}/TB-UBND ngày {d:02d}/{m:02d}/2024 của UBND phường về lịch tiêm "
    "vắc xin COVID-19 từ {h}h30 đến {h2}h00, Thứ {w} hằng tuần.",
    "Mức thu {n}.000 đồng/hộ/tháng; đạt {p},5% kế hoạch quý IV/2023; liên hệ "
    "ĐT: 0912.345.{n:03d} hoặc gọi 113.",
    "Kỷ niệm {n} năm Ngày thành lập (03/02/1930-03/02/2020), Đại hội lần thứ XIII, khóa XV, "
    "nhiệm kỳ 2021-2026, diện tích {n} m2, dài {p} km.",
)


def plan_lines() -> list[str]:
    """Non-empty lines of the demo plan, or nothing when the file is absent."""
    if not PLAN.exists():
        return []
    return [line for line in PLAN.read_text(encoding="utf-8").splitlines() if line.strip()]


def example_lines() -> list[str]:
    """Inputs of the worked examples."""
    with EXAMPLES.open(encoding="utf-8", newline="") as handle:
        return [row["input"] for row in csv.DictReader(handle, delimiter="\t")]


def generated_lines(count: int) -> list[str]:
    """Notice lines with varying numbers, dates and times."""
    lines = []
    for k in range(count):
        template = GENERATED[k % len(GENERATED)]
        values = {"n": k % 997 + 1, "d": k % 28 + 1, "m": k % 12 + 1, "h": k % 12 + 6}
        values |= {"h2": values["h"] + 2, "w": k % 6 + 2, "p": k % 90 + 5}
        lines.append(template.format(**values))
    return lines


def corpus(total: int) -> list[str]:
    """total lines cycling through the plan, the examples and generated notices."""
    base = plan_lines() + example_lines() + generated_lines(300)
    return list(itertools.islice(itertools.cycle(base), total))


def seconds(function: Callable[[str], str], lines: list[str], rounds: int) -> float:
    """Best time over rounds for running function on every line (after one warm-up line)."""
    function(lines[0])
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for line in lines:
            function(line)
        best = min(best, time.perf_counter() - start)
    return best


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of an examples TSV (id, category, input, expected, …)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def exact_match(path: Path, show_misses: bool) -> None:
    """Print exact-match counts by category for one examples file, and optionally the misses."""
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    misses: list[tuple[dict[str, str], str, tuple[str, ...]]] = []
    for row in read_rows(path):
        result = explain(row["input"])
        total[row["category"]] += 1
        if result.spoken == row["expected"]:
            right[row["category"]] += 1
        else:
            misses.append((row, result.spoken, result.unknown))
    print(f"\n{path.relative_to(ROOT)}")
    for category in sorted(total):
        print(f"  {category:<20} {right[category]:>4}/{total[category]:<4}")
    done, count = sum(right.values()), sum(total.values())
    flagged = sum(1 for _, _, unknown in misses if unknown)
    print(f"  {'all':<20} {done:>4}/{count:<4} {100 * done / count:.1f} % exact")
    other = len(misses) - flagged
    print(f"  misses with an unknown all-caps token (lexicon): {flagged}, other: {other}")
    for row, got, unknown in misses if show_misses else []:
        cause = f"unknown {', '.join(unknown)}" if unknown else "rule"
        print(f"  {row['id']} [{cause}] {row['input']}")
        print(f"    expected: {row['expected']}\n    got:      {got}")


def main() -> None:
    """Print throughput figures, or exact-match figures with --exact."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--exact", action="store_true", help="exact match on the examples sets")
    parser.add_argument("--misses", action="store_true", help="with --exact: list the misses")
    args = parser.parse_args()
    if args.exact:
        for path in (EXAMPLES, NOTICES):
            exact_match(path, args.misses)
        return
    lines = corpus(args.lines)
    chars = sum(map(len, lines))
    speech = seconds(normalize_for_speech, lines, args.rounds)
    pauses = seconds(normalize_with_pauses, lines, args.rounds)
    print(f"lines: {len(lines)}  characters: {chars}  (plan lines: {len(plan_lines())})")
    print(f"best of {args.rounds} rounds, one process, one core")
    print(
        f"normalize_for_speech:  {len(lines) / speech:,.0f} lines/s  {chars / speech:,.0f} chars/s"
    )
    print(f"normalize_with_pauses: {len(lines) / pauses:,.0f} lines/s")
    print("target: >= 2,000 lines/s on one core")


if __name__ == "__main__":
    main()
