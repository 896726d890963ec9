"""Only audio/_ffmpeg.py starts ffmpeg: other audio/ and bench/ modules never import subprocess.

The one exception (OTHER_PROGRAMS) starts a Python child and, like every module, cannot reach
the ffmpeg binary: imageio_ffmpeg and ffmpeg_exe are flagged everywhere but audio/_ffmpeg.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("audio", "bench")
OWNER = "audio/_ffmpeg.py"
# Modules that start other programs (never ffmpeg): they may import subprocess, but like every
# module they may not reach the ffmpeg binary (imageio_ffmpeg, ffmpeg_exe).
OTHER_PROGRAMS = {
    "bench/render.py": "starts the Python child of each bench phase",
    "bench/player_footprint.py": "starts `loa player` and Python children to time and weigh",
    "bench/stream_feeders.py": "starts its own feeder child and Debian's liquidsoap",
    "bench/workers.py": "starts `loa worker` processes",
    "bench/province.py": "starts `loa worker` processes, uvicorn and its locust child",
}
BANNED_MODULES = ("subprocess", "imageio_ffmpeg")
BANNED_NAMES = ("imageio_ffmpeg", "ffmpeg_exe")


def _module_name(name: str) -> str | None:
    """The banned module ``name`` (dotted or not) belongs to, if any."""
    top = name.split(".", 1)[0]
    return top if top in BANNED_MODULES else None


def _import_call_target(node: ast.Call) -> str | None:
    """The module named by ``__import__("x")`` or ``importlib.import_module("x")``."""
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    if name not in ("__import__", "import_module") or not node.args:
        return None
    first = node.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def _imported_modules(node: ast.AST) -> list[str]:
    """Absolute modules an import statement or an import call brings in."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return [node.module]
    if isinstance(node, ast.Call) and (target := _import_call_target(node)):
        return [target]
    return []


def _banned_names(node: ast.AST) -> list[str]:
    """Ways to the ffmpeg binary (imageio_ffmpeg, ffmpeg_exe) a node names or imports."""
    if isinstance(node, ast.ImportFrom):
        return [f"imports {alias.name}" for alias in node.names if alias.name in BANNED_NAMES]
    if isinstance(node, ast.Name) and node.id in BANNED_NAMES:
        return [f"uses {node.id}"]
    if isinstance(node, ast.Attribute) and node.attr in BANNED_NAMES:
        return [f"uses .{node.attr}"]
    return []


def ffmpeg_violations(source: str, filename: str, *, subprocess_ok: bool = False) -> list[str]:
    """Lines of ``source`` that import subprocess or reach the ffmpeg binary themselves."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        problems = _banned_names(node)
        for name in _imported_modules(node):
            banned = _module_name(name)
            if banned and not (banned == "subprocess" and subprocess_ok):
                problems.append(f"imports {name}")
        found += [f"{filename}:{getattr(node, 'lineno', 0)} {text}" for text in problems]
    return found


def test_only_ffmpeg_module_starts_ffmpeg() -> None:
    files = sorted(p for pkg in SCANNED for p in (ROOT / pkg).rglob("*.py"))
    assert any(p.relative_to(ROOT).as_posix() == OWNER for p in files)
    found = []
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        if rel != OWNER:
            source = path.read_text(encoding="utf-8")
            found += ffmpeg_violations(source, rel, subprocess_ok=rel in OTHER_PROGRAMS)
    assert found == [], (
        "start ffmpeg through audio._ffmpeg (start_ffmpeg/run_ffmpeg):\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import subprocess\n", "imports subprocess"),
        ("import subprocess as sp\n", "imports subprocess"),
        ("from subprocess import PIPE, Popen\n", "imports subprocess"),
        ("import importlib\nimportlib.import_module('subprocess')\n", "imports subprocess"),
        ("__import__('subprocess')\n", "imports subprocess"),
        ("import imageio_ffmpeg\n", "imports imageio_ffmpeg"),
        ("from imageio_ffmpeg import get_ffmpeg_exe\n", "imports imageio_ffmpeg"),
        ("from audio._ffmpeg import ffmpeg_exe\n", "imports ffmpeg_exe"),
        (
            "from audio import _ffmpeg\ncmd = [_ffmpeg.ffmpeg_exe(), '-i', 'x']\n",
            "uses .ffmpeg_exe",
        ),
    ],
)
def test_detector_flags_a_sample_file(tmp_path: Path, source: str, expected: str) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""A module that starts ffmpeg itself."""\n' + source, encoding="utf-8")
    found = ffmpeg_violations(sample.read_text(encoding="utf-8"), sample.name)
    assert any(expected in line for line in found), found


def test_detector_passes_clean_code_and_allowed_subprocess(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from audio._ffmpeg import PIPE, start_ffmpeg\n"
        "proc = start_ffmpeg(['-version'], stdin=None, stdout=PIPE, stderr=PIPE)\n",
        encoding="utf-8",
    )
    assert ffmpeg_violations(sample.read_text(encoding="utf-8"), sample.name) == []
    child = "import subprocess\nsubprocess.run(['python', '-V'])\n"
    assert ffmpeg_violations(child, "bench.py", subprocess_ok=True) == []
    assert ffmpeg_violations(child + "import imageio_ffmpeg\n", "b.py", subprocess_ok=True)
