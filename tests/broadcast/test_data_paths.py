"""Paths inside the data directory: stored relative, resolved by one helper, moved with it."""

import ast
from pathlib import Path

from broadcast.config import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_stored_paths_are_relative_inside_and_absolute_outside(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    inside = settings.exports_dir / "2020-10-05" / "sang.zip"
    outside = tmp_path / "elsewhere" / "x.mp3"
    assert settings.stored_path(inside) == str(Path("exports") / "2020-10-05" / "sang.zip")
    assert settings.stored_path(outside) == str(outside.resolve())
    assert settings.data_path(settings.stored_path(inside)) == settings.data_dir / Path(
        "exports/2020-10-05/sang.zip"
    )
    assert settings.data_path(str(outside.resolve())) == outside.resolve()


def test_a_moved_data_directory_keeps_its_files_reachable(tmp_path: Path) -> None:
    old, new = Settings(data_dir=tmp_path / "old"), Settings(data_dir=tmp_path / "new")
    stored = old.stored_path(old.assets_dir / "ab" / "abcdef.flac")
    assert new.data_path(stored) == tmp_path / "new" / "assets" / "ab" / "abcdef.flac"


def data_dir_joins(path: Path) -> list[int]:
    """Lines of a file that build a path with ``<something>.data_dir / …``."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            left = node.left
            if isinstance(left, ast.Attribute) and left.attr == "data_dir":
                lines.append(node.lineno)
    return lines


def test_only_the_settings_join_paths_to_the_data_directory(tmp_path: Path) -> None:
    files = [*ROOT.joinpath("broadcast").rglob("*.py"), *ROOT.joinpath("api").rglob("*.py")]
    found = {
        str(p.relative_to(ROOT)): lines
        for p in files
        if (lines := data_dir_joins(p)) and p != ROOT / "broadcast" / "config.py"
    }
    assert found == {}
    sample = tmp_path / "x.py"
    sample.write_text("p = settings.data_dir / 'waveforms'\nq = settings.work_dir / 'x'\n")
    assert data_dir_joins(sample) == [1]
