"""`loa normalize`: the spoken text of each input line, optionally with each span's source."""

import sys
from typing import Annotated

import typer

from audio.text import Normalizer

SOURCE_LABELS = {
    "rule": "rule",
    "lexicon": "built-in lexicon",
    "operator": "operator lexicon",
    "unknown": "unknown",
    "text": "text",
}


def _normalizer(station: int | None) -> Normalizer:
    """The normaliser with the operator lexicon of a station (None: global entries only)."""
    from broadcast.config import get_settings
    from broadcast.db import get_engine, init_db, transaction
    from broadcast.models import Station
    from broadcast.services.lexicon_text import normalizer_for

    settings = get_settings()
    settings.ensure_dirs()
    engine = get_engine(settings.db_url)
    init_db(engine)
    with transaction(engine) as session:
        if station is not None and session.get(Station, station) is None:
            typer.secho(f"Lỗi: không có đài {station}", fg=typer.colors.RED, err=True)
            raise typer.Exit(code=1)
        return normalizer_for(session, station)


def explain_lines(normalizer: Normalizer, line: str) -> list[str]:
    """The spoken line, then one tab-indented line per span: source label, written, spoken."""
    explained = normalizer.explain(line)
    spans = [
        f"\t{SOURCE_LABELS[span.origin]}\t{span.source}\t{span.spoken}" for span in explained.spans
    ]
    return [explained.spoken, *spans]


def normalize(
    explain: Annotated[
        bool, typer.Option("--explain", help="In thêm nguồn của từng đoạn sau mỗi dòng")
    ] = False,
    station: Annotated[
        int | None, typer.Option(help="Áp dụng từ điển riêng của đài này (mặc định: chung)")
    ] = None,
) -> None:
    """Đọc từng dòng UTF-8 từ stdin, in ra đúng một dòng văn bản đọc cho mỗi dòng."""
    normalizer = _normalizer(station)
    out = sys.stdout
    for line in sys.stdin.buffer.read().decode("utf-8").splitlines():
        if explain:
            out.write("\n".join(explain_lines(normalizer, line)) + "\n")
        else:
            out.write(normalizer.speech(line) + "\n")
    out.flush()


def register(app: typer.Typer) -> None:
    """Add the speech-text commands to the `loa` app."""
    app.command()(normalize)
