"""The dependency direction api → broadcast → playlists, audio is never reversed."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "audio": {"broadcast", "playlists", "api"},
    "playlists": {"broadcast", "audio", "api", "fastapi", "sqlmodel", "sqlalchemy"},
    "broadcast": {"api"},
}


def imported_roots(path: Path) -> set[str]:
    """Top-level package names imported by a Python file."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_higher_ones(package: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {sorted(imported_roots(path) & FORBIDDEN[package])}"
        for path in sorted((ROOT / package).rglob("*.py"))
        if imported_roots(path) & FORBIDDEN[package]
    ]
    assert offenders == []


def test_detector_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from broadcast.models import Segment\nimport api.main\n", "utf-8")
    assert imported_roots(sample) == {"broadcast", "api"}
