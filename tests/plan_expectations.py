"""Public plan fixtures and their hand-checked expectations: which fields a parse gets right.

tests/fixtures/plans/public/*.txt are plans, programmes and news articles quoting plans, as
published (source URL per fixture in expected.json, with the fields checked by hand);
tests/fixtures/plans/heldout/ holds more of them, collected and checked by hand after the
parser's rules were written, so that its figure says how the rules do on unseen text. A field
is one expected value: a header field, an event's level/ordinal/dates, a phase's
code/kind/window/peak/number of topics, a broadcast session's start/end, and the length of each
list. A fixture the importer refuses gets none of its fields right.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from broadcast.campaigns.plan_import import read_plan
from broadcast.errors import InvalidInput
from broadcast.plans import to_json

FIXTURES = Path(__file__).parent / "fixtures" / "plans"
SETS = {"public": FIXTURES / "public", "heldout": FIXTURES / "heldout"}


def expectations(folder: Path) -> dict[str, dict[str, Any]]:
    """A fixture set's hand-checked expectations, by fixture name."""
    result: dict[str, dict[str, Any]] = json.loads((folder / "expected.json").read_text("utf-8"))
    return result


EXPECTED = {name: e for folder in SETS.values() for name, e in expectations(folder).items()}
PUBLIC_PLANS = [SETS["public"] / f"{name}.txt" for name in expectations(SETS["public"])]
HELDOUT_PLANS = [SETS["heldout"] / f"{name}.txt" for name in expectations(SETS["heldout"])]
DOCUMENT_KEYS = ("number", "code", "date", "place", "issuer", "level", "title")
EVENT_KEYS = ("level", "ordinal", "date_start", "date_end")
PHASE_KEYS = ("code", "kind", "start", "end", "peak_start", "peak_end")


@dataclass(frozen=True)
class Score:
    """Fields right out of fields expected, the misses (field, expected, got), refusal."""

    right: int
    total: int
    misses: list[tuple[str, Any, Any]]
    refused: bool


def _list(prefix: str, items: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {f"{prefix}#": len(items)}
    for index, item in enumerate(items):
        for key in keys:
            out[f"{prefix}[{index}].{key}"] = item.get(key)
    return out


def checked_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The hand-checked fields of a parse (or of an expectation), flattened."""
    document = data.get("document", {})
    out = {f"document.{key}": document.get(key) for key in DOCUMENT_KEYS}
    out.update(_list("events", data.get("events", []), EVENT_KEYS))
    phases = [
        {**p, "topics": p["topics"] if isinstance(p["topics"], int) else len(p["topics"])}
        for p in data.get("phases", [])
    ]
    out.update(_list("phases", phases, (*PHASE_KEYS, "topics")))
    out.update(_list("sessions", data.get("broadcast_sessions", []), ("start", "end")))
    return out


def parsed(data: bytes, filename: str) -> dict[str, Any] | None:
    """The importer's parse of a file as JSON, or None when the importer refuses it."""
    try:
        return to_json(read_plan(data, filename))
    except InvalidInput:
        return None


def score(name: str, data: bytes, filename: str) -> Score:
    """How many of a fixture's hand-checked fields the importer gets right from a file."""
    want = checked_fields(EXPECTED[name])
    got_json = parsed(data, filename)
    got = checked_fields(got_json) if got_json is not None else {}
    misses = [(k, v, got.get(k)) for k, v in want.items() if k not in got or got[k] != v]
    return Score(len(want) - len(misses), len(want), misses, got_json is None)
