"""The `loa` console script: `loa player` runs the player, everything else the server's CLI."""

import importlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _loa(
    *args: str, stdin: str | None = None, data_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LOA_PLAYER_TOKEN"}
    env["PYTHONPATH"] = str(ROOT)
    if data_dir is not None:
        env |= {"LOA_DATA_DIR": str(data_dir), "LOA_DATABASE_URL": ""}
    return subprocess.run(
        [sys.executable, "-m", "player.launch", *args], cwd=ROOT, input=stdin, env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_the_console_script_is_the_launcher() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    module, _, function = scripts["loa"].partition(":")
    assert (module, function) == ("player.launch", "main")
    assert callable(getattr(importlib.import_module(module), function))


def test_server_commands_pass_through_with_their_arguments_and_exit_codes(tmp_path: Path) -> None:
    helped = _loa("--help")
    assert helped.returncode == 0 and "serve" in helped.stdout and "loa" in helped.stdout
    spoken = _loa("normalize", stdin="ngày 03/02/2020\n", data_dir=tmp_path / "var")
    assert spoken.returncode == 0, spoken.stderr
    assert spoken.stdout.strip() == "ngày mùng ba tháng hai năm hai nghìn không trăm hai mươi"
    wrong = _loa("no-such-command")
    assert wrong.returncode != 0 and "no-such-command" in wrong.stderr


def test_loa_player_has_its_own_help_and_refuses_a_missing_token() -> None:
    helped = _loa("player", "--help")
    assert (
        helped.returncode == 0
        and "--server" in helped.stdout
        and "--time-scale" not in helped.stdout
    )
    env_free = _loa("player", "--server", "http://127.0.0.1:9", "--cache", "/tmp/x")
    assert env_free.returncode == 2 and "--token" in env_free.stderr
