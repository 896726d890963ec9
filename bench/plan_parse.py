"""Plan parsing speed: the seed plan parsed N times, against splitting its lines (baseline)."""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from broadcast.plans import (
    extract_text,  # noqa: E402
    parse_plan,  # noqa: E402
)
from broadcast.plans.text import split_lines  # noqa: E402

SEED = Path(__file__).parents[1] / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"
RUNS = 50


def _per_run(func: object, text: str) -> float:
    start = time.perf_counter()
    for _ in range(RUNS):
        func(text)  # type: ignore[operator]
    return (time.perf_counter() - start) / RUNS


def main() -> None:
    """Print the time per parse of the seed plan and its ratio to the baseline."""
    text = extract_text(SEED.read_bytes(), SEED.name)
    baseline = _per_run(split_lines, text)
    parse = _per_run(parse_plan, text)
    print(f"seed plan: {len(text.splitlines())} lines, {len(text)} characters, {RUNS} runs")
    print(f"baseline split_lines: {baseline * 1000:.2f} ms per run")
    print(f"parse_plan:           {parse * 1000:.2f} ms per run ({parse / baseline:.1f}× baseline)")


if __name__ == "__main__":
    main()
