"""The `loa` command line, run as a real process on a temporary data directory."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from audio._ffmpeg import probe

import databases

LOA = [sys.executable, "-m", "broadcast"]


def _run(
    args: list[str], data_dir: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "LOA_DATA_DIR": str(data_dir),
        "LOA_DATABASE_URL": databases.env_url(data_dir),
    }
    return subprocess.run(
        [*LOA, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


def test_normalize_keeps_one_line_per_input_line(tmp_path: Path) -> None:
    lines = ["UBND phường Quang Trung", "", "ngày 03/02/2020", "Đại hội lần thứ XIII"]
    result = _run(["normalize"], tmp_path / "var", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    spoken = result.stdout.split("\n")[:-1]
    assert len(spoken) == len(lines)
    assert spoken[0] == "ủy ban nhân dân phường quang trung"
    assert spoken[1] == ""
    assert spoken[2] == "ngày mùng ba tháng hai năm hai nghìn không trăm hai mươi"
    assert spoken[3] == "đại hội lần thứ mười ba"


def test_speak_writes_a_wav(tmp_path: Path) -> None:
    out = tmp_path / "xin-chao.wav"
    result = _run(["speak", "Xin chào bà con", "--voice", "vi", "--out", str(out)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert probe(out).duration_s > 0.5
    bad = _run(["speak", "Xin chào", "--voice", "nope", "--out", str(out)], tmp_path)
    assert bad.returncode != 0
    assert "nope" in bad.stderr


def test_demo_then_export_an_october_session(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    assert _run(["demo"], data_dir).returncode == 0
    out = tmp_path / "out"
    result = _run(
        ["export", "--date", "2020-10-07", "--slot", "06:30", "--out", str(out)], data_dir
    )
    assert result.returncode == 0, result.stderr
    zips = list(out.glob("*.zip"))
    assert len(zips) == 1
    with zipfile.ZipFile(zips[0]) as bundle:
        assert "manifest.json" in bundle.namelist()
    mp3s = list(out.glob("*.mp3"))
    assert len(mp3s) == 1
    assert 60 < probe(mp3s[0]).duration_s <= 900
    missing = _run(
        ["export", "--date", "2020-10-07", "--slot", "09:99", "--out", str(out)], data_dir
    )
    assert missing.returncode != 0
    assert "09:99" in missing.stderr
