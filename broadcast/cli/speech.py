"""`loa normalize` and `loa speak`: spoken text, span sources, and synthesis to a WAV file."""

import os
import shutil
import sys
import tempfile
from pathlib import Path
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
    from broadcast.lexicon import normalizer_for
    from broadcast.models import Station

    settings = get_settings()
    settings.ensure_dirs()
    engine = get_engine(settings.db_url)
    init_db(engine)
    with transaction(engine) as db:
        if station is not None and db.get(Station, station) is None:
            typer.secho(f"Lỗi: không có đài {station}", fg=typer.colors.RED, err=True)
            raise typer.Exit(code=1)
        return normalizer_for(db, station)


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


def speak(
    text: Annotated[str, typer.Argument(help="Văn bản tiếng Việt")],
    out: Annotated[Path, typer.Option(help="Tệp WAV đầu ra")],
    voice: Annotated[str | None, typer.Option(help="Giọng đọc (xem GET /voices)")] = None,
    station: Annotated[
        int | None, typer.Option(help="Áp dụng từ điển riêng của đài này (mặc định: chung)")
    ] = None,
) -> None:
    """Tổng hợp giọng đọc văn bản ra tệp WAV, từng câu một, có ngắt nghỉ như khi phát."""
    from audio.tts import SpeechCache, TTSError, get_voice
    from audio.tts.speak import speak_script
    from broadcast.access import SYSTEM
    from broadcast.config import get_settings
    from broadcast.db import get_engine, transaction
    from broadcast.media import engine_for

    settings = get_settings()
    normalizer = _normalizer(station)
    try:
        chosen = get_voice(voice or settings.voice)
        cache = SpeechCache(settings.tts_cache_dir.resolve())
        db_engine = get_engine(settings.db_url)
        speaker = engine_for(settings, chosen, station, lambda: transaction(db_engine, SYSTEM))
        speech = speak_script(text, chosen, cache, speaker, normalizer.with_pauses)
    except TTSError as exc:
        typer.secho(f"Lỗi: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from exc
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".part")
    os.close(fd)
    shutil.copyfile(speech.path, tmp)
    os.replace(tmp, out)
    typer.echo(f"Đã ghi {out} ({speech.engine} {speech.engine_version})")


def register(app: typer.Typer) -> None:
    """Add the speech commands to the `loa` app."""
    app.command()(normalize)
    app.command()(speak)
