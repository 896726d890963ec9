"""Fields right on the public plan fixtures, as text, as .docx and as a LibreOffice PDF.

Each fixture of tests/fixtures/plans/public (real plans and news articles quoting plans, with
hand-checked expectations in expected.json) is imported three ways: its UTF-8 text, a .docx
made by python-docx (one paragraph a line) and a PDF made from that .docx by
``soffice --headless --convert-to pdf`` (all in one LibreOffice run). Each goes through the
importer's own reader and refusal rule (broadcast.campaigns.plan_import.read_plan); the
hand-checked fields (tests/plan_expectations.py) are compared. Prints per-format totals, the
refused fixtures and every miss.

The held-out set (tests/fixtures/plans/heldout: collected and checked after the rules were
written) is reported apart: --set heldout.

Usage: .venv/bin/python bench/plan_fixtures.py [--set public|heldout] [--quiet]
"""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))
sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from plan_documents import docx_bytes, office_pdfs  # noqa: E402
from plan_expectations import SETS, Score, expectations, score  # noqa: E402

FORMATS = ("text", "docx", "pdf")


def main() -> None:
    """Print fields right per format and fixture, then the misses."""
    quiet = "--quiet" in sys.argv
    chosen = sys.argv[sys.argv.index("--set") + 1] if "--set" in sys.argv else "public"
    expected = expectations(SETS[chosen])
    plans = [SETS[chosen] / f"{name}.txt" for name in expected]
    scores: dict[tuple[str, str], Score] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docs = {}
        for path in plans:
            docs[path] = folder / f"{path.stem}.docx"
            docs[path].write_bytes(docx_bytes(path.read_text("utf-8")))
        pdfs = office_pdfs(list(docs.values()), folder)
        for path in plans:
            name = path.stem
            scores[name, "text"] = score(name, path.read_bytes(), path.name)
            scores[name, "docx"] = score(name, docs[path].read_bytes(), f"{name}.docx")
            scores[name, "pdf"] = score(name, pdfs[docs[path]].read_bytes(), f"{name}.pdf")
    print(f"{'fixture':30} {'fields':>6} " + " ".join(f"{f:>6}" for f in FORMATS))
    for name in expected:
        row = " ".join(
            f"{'REF' if scores[name, f].refused else scores[name, f].right:>6}" for f in FORMATS
        )
        print(f"{name:30} {scores[name, 'text'].total:>6} {row}")
    for fmt in FORMATS:
        right = sum(scores[n, fmt].right for n in expected)
        total = sum(scores[n, fmt].total for n in expected)
        refused = [n for n in expected if scores[n, fmt].refused]
        print(
            f"{fmt:5}: {right}/{total} fields right = {right / total:.1%}; refused {len(refused)}"
        )
    if not quiet:
        for name in expected:
            for fmt in FORMATS:
                for field, want, got in scores[name, fmt].misses:
                    print(f"miss {fmt:5} {name}: {field} expected {want!r} got {got!r}")


if __name__ == "__main__":
    main()
