"""`loa normalize --explain` and `--station` (in process; test_cli.py runs the real one)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from broadcast.cli import app
from broadcast.config import get_settings
from broadcast.db import dispose_engines, get_engine, init_db, transaction
from broadcast.lexicon import create_entry
from broadcast.models.lexicon import LexiconEntryCreate

import databases
from conftest import make_settings
from factories import create_station


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The command reads its settings from the environment, as `loa` does."""
    monkeypatch.setenv("LOA_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("LOA_DATABASE_URL", databases.env_url(tmp_path / "var"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
    dispose_engines()


def _normalize(args: list[str], stdin: str) -> Result:
    return CliRunner().invoke(app, ["normalize", *args], input=stdin)


def _station_with_entry(root: Path) -> int:
    settings = make_settings(root)
    engine = get_engine(settings.db_url)
    init_db(engine)
    with transaction(engine) as db:
        station = create_station(db)
        assert station.id is not None
        entry = LexiconEntryCreate(written="Zalo", spoken="da lô", station_id=station.id)
        create_entry(db, entry)
    dispose_engines()
    return station.id


def test_explain_prints_each_span_with_its_source() -> None:
    lines = ["UBND phường nhắn XYZ ngày 03/02/2020", "", "Xin chào"]
    result = _normalize(["--explain"], "\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n")[:-1] == [
        "ủy ban nhân dân phường nhắn ích xì y dét ngày mùng ba tháng hai năm hai nghìn không trăm"
        " hai mươi",
        "\tbuilt-in lexicon\tUBND\tủy ban nhân dân",
        "\ttext\tphường\tphường",
        "\ttext\tnhắn\tnhắn",
        "\tunknown\tXYZ\tích xì y dét",
        "\ttext\tngày\tngày",
        "\trule\t03/02/2020\tmùng ba tháng hai năm hai nghìn không trăm hai mươi",
        "",
        "xin chào",
        "\ttext\tXin\txin",
        "\ttext\tchào\tchào",
    ]


def test_station_option_applies_its_operator_lexicon(tmp_path: Path) -> None:
    station_id = _station_with_entry(tmp_path)
    plain = _normalize([], "nhóm Zalo\nUBND\n")
    assert plain.exit_code == 0, plain.output
    assert plain.stdout == "nhóm zalo\nủy ban nhân dân\n"
    local = _normalize(["--station", str(station_id)], "nhóm Zalo\nUBND\n")
    assert local.stdout == "nhóm da lô\nủy ban nhân dân\n"
    explained = _normalize(["--explain", "--station", str(station_id)], "Zalo\n")
    assert explained.stdout == "da lô\n\toperator lexicon\tZalo\tda lô\n"
    missing = _normalize(["--station", "999"], "Zalo\n")
    assert missing.exit_code == 1 and "999" in missing.stderr
