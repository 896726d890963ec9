"""The examples file shipped inside audio.text is the one the tests measure."""

from pathlib import Path

from audio.text import DEFAULT_NORMALIZER
from audio.text.examples import failures, load_examples

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "normalization-examples.tsv"


def test_packaged_examples_match_the_fixture_and_all_pass() -> None:
    rows = [line.split("\t") for line in FIXTURE.read_text("utf-8").splitlines()[1:]]
    packaged = [(e.id, e.input, e.expected) for e in load_examples()]
    assert packaged == [(cols[0], cols[2], cols[3]) for cols in rows]
    assert failures(DEFAULT_NORMALIZER) == []
