"""bench/province.py at a tiny size (3 communes, the fake voice, 5 s of load): its two last
lines have the announced shape, the shared bulletin is rendered once (fewer renders than
sessions) and no API request failed."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DAY_LINE = re.compile(
    r"province_day_s=(\d+\.\d) stations=3 workers=2 renders=(\d+) cache_hits=(\d+)"
)
API_LINE = re.compile(r"api_p95_ms=(\d+) errors=(\d+)")


def test_a_tiny_province_ends_with_its_two_figure_lines() -> None:
    command = [sys.executable, "bench/province.py", "--stations", "3", "--voice", "fake"]
    command += ["--seconds", "5", "--users", "6"]
    done = subprocess.run(
        command, cwd=ROOT, env=os.environ, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    *_before, day_line, api_line = done.stdout.strip().splitlines()
    day, api = DAY_LINE.fullmatch(day_line), API_LINE.fullmatch(api_line)
    assert day is not None, day_line
    assert api is not None, api_line
    sessions = 3 * 2
    renders, hits = int(day[2]), int(day[3])
    assert 0 < renders < sessions  # the province's bulletin (and the fake tones) shared
    assert renders + hits == sessions * 4  # every item of every session, rendered or reused
    assert float(day[1]) > 0
    assert int(api[2]) == 0
