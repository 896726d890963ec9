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


def test_a_lexicon_change_is_checked_on_the_examples_holding_its_words_only() -> None:
    from audio.text import BUILTIN_LEXICON, Entry, Normalizer
    from audio.text.examples import new_failures

    for written, spoken in (("UBND", "ủy ban"), ("HĐND", "hội đồng"), ("Zalo", "da lô")):
        after = Normalizer(BUILTIN_LEXICON.with_entries([Entry(written, spoken)]))
        everything = new_failures(DEFAULT_NORMALIZER, after)
        filtered = new_failures(DEFAULT_NORMALIZER, after, {written})
        assert [f.example.id for f in filtered] == [f.example.id for f in everything]
        assert all(written in f.example.input for f in everything)
    broken = new_failures(
        DEFAULT_NORMALIZER, Normalizer(BUILTIN_LEXICON.with_entries([Entry("UBND", "ủy ban")]))
    )
    assert broken, "the reference examples read UBND in full: a shorter reading breaks them"
