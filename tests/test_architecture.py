"""The shape of the code: layers, frameworks, aggregates and folder sizes.

- The dependency direction api → broadcast → playlists, audio is never reversed.
- No web framework or template engine below ``api/``.
- Inside ``broadcast/`` each aggregate is a package; code outside it imports what its
  ``__init__`` exports, never its modules.
- No folder under ``broadcast/`` holds more than 15 Python modules.
- The player (``player/``) imports only the standard library and itself: it runs on small boards
  and starts without the server stack (the ``loa`` launcher's lazy import of the server's CLI and
  the optional imageio-ffmpeg lookup of an ffmpeg binary are the two exceptions).
- The tests have one ``conftest.py``, the shared one.
"""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEB = {"fastapi", "starlette", "jinja2"}
FORBIDDEN = {
    "audio": {"broadcast", "playlists", "api"} | WEB,
    "playlists": {"broadcast", "audio", "api", "sqlmodel", "sqlalchemy"} | WEB,
    "broadcast": {"api"} | WEB,
}
# Packages of broadcast/ whose modules only their own package imports directly.
AGGREGATES = {
    "accounts",
    "alerts",
    "asrun",
    "audit",
    "campaigns",
    "crud",
    "exports",
    "lexicon",
    "media",
    "plans",
    "programming",
    "schedule",
    "segments",
    "stream",
}
# Modules imported by path on purpose: the job worker (the app and the CLI start it).
ALLOWED_DEEP = {"broadcast.jobs.runner", "broadcast.cli.main"}
MAX_MODULES = 15
PLAYER_EXCEPTIONS = {"launch.py": {"broadcast"}, "playout.py": {"imageio_ffmpeg"}}


def imported_roots(path: Path) -> set[str]:
    """Top-level package names imported by a Python file."""
    return {name.split(".")[0] for name in imported_modules(path)}


def imported_modules(path: Path) -> set[str]:
    """Dotted names of the modules a Python file imports (absolute imports only)."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def module_name(path: Path) -> str:
    """The dotted module name of a file under ROOT."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def deep_imports(own: str, modules: set[str]) -> list[str]:
    """Modules inside an aggregate that module `own` imports by path from outside it."""
    offenders = []
    for name in sorted(modules):
        parts = name.split(".")
        if len(parts) < 3 or parts[0] != "broadcast" or parts[1] not in AGGREGATES:
            continue
        if own == f"broadcast.{parts[1]}" or own.startswith(f"broadcast.{parts[1]}."):
            continue
        if name not in ALLOWED_DEEP:
            offenders.append(name)
    return offenders


def player_offenders(path: Path) -> set[str]:
    """What a player module imports beyond the standard library, itself and its exception."""
    allowed = set(sys.stdlib_module_names) | {"player"} | PLAYER_EXCEPTIONS.get(path.name, set())
    return imported_roots(path) - allowed


def code_files() -> list[Path]:
    """Every Python file of the product (tests and benches aside)."""
    return sorted(
        p for pkg in ("audio", "playlists", "broadcast", "api") for p in (ROOT / pkg).rglob("*.py")
    )


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
    sample.write_text(
        "from broadcast.models import Segment\nimport api.main\n"
        "from fastapi import APIRouter\nimport jinja2\nfrom starlette.requests import Request\n",
        "utf-8",
    )
    assert imported_roots(sample) == {"broadcast", "api", "fastapi", "jinja2", "starlette"}
    assert imported_roots(sample) & FORBIDDEN["broadcast"] == {"api", *WEB}


def test_aggregates_are_used_through_their_exports() -> None:
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in code_files()
        if (found := deep_imports(module_name(path), imported_modules(path)))
    }
    assert offenders == {}


def test_detector_sees_a_deep_import(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text(
        "from broadcast.segments.service import create_segment\nfrom broadcast.segments import x\n",
        "utf-8",
    )
    modules = imported_modules(sample)
    assert deep_imports("api.routes.x", modules) == ["broadcast.segments.service"]
    assert deep_imports("broadcast.programming.service", modules) == ["broadcast.segments.service"]
    assert deep_imports("broadcast.segments.x", modules) == []


def test_no_folder_of_broadcast_is_crowded() -> None:
    folders = {p.parent for p in (ROOT / "broadcast").rglob("*.py")}
    sizes = {str(f.relative_to(ROOT)): len(list(f.glob("*.py"))) for f in folders}
    assert {f: n for f, n in sizes.items() if n > MAX_MODULES} == {}
    assert sizes["broadcast"] > 1  # the walk found the package itself


def test_the_player_imports_only_the_standard_library() -> None:
    files = sorted((ROOT / "player").rglob("*.py"))
    assert len(files) > 5  # the walk found the package
    offenders = {str(p.relative_to(ROOT)): found for p in files if (found := player_offenders(p))}
    assert offenders == {}


def test_detector_sees_the_player_import_a_server_or_third_party_package(tmp_path: Path) -> None:
    sample = tmp_path / "agent.py"
    sample.write_text(
        "import json\nfrom player.clock import Clock\nfrom broadcast.models import Device\n"
        "import requests\nfrom audio import _ffmpeg\nimport imageio_ffmpeg\n",
        "utf-8",
    )
    assert player_offenders(sample) == {"broadcast", "requests", "audio", "imageio_ffmpeg"}
    launcher = tmp_path / "launch.py"
    launcher.write_text("from broadcast.cli import app\nimport typer\n", "utf-8")
    assert player_offenders(launcher) == {"typer"}


def test_the_tests_have_one_conftest() -> None:
    """Tests run ``from conftest import …``: a second conftest.py would hide the shared one."""
    found = sorted(
        path.relative_to(ROOT).as_posix() for path in (ROOT / "tests").rglob("conftest.py")
    )
    assert found == ["tests/conftest.py"]
