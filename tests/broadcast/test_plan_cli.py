"""`loa import-plan`, run as a real process on a temporary data directory."""

import json
import os
import subprocess
import sys
from pathlib import Path

import databases

SEED = Path(__file__).parents[2] / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"


def _loa(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "LOA_DATA_DIR": str(data_dir),
        "LOA_DATABASE_URL": databases.env_url(data_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "broadcast", *args],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip


def test_json_prints_the_parse_without_saving(tmp_path: Path) -> None:
    result = _loa(["import-plan", str(SEED), "--json"], tmp_path / "var")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"document", "events", "phases", "occasions", "broadcast_sessions"}
    assert data["document"]["number"] == "192" and data["document"]["date"] == "2019-12-30"
    assert [e["ordinal"] for e in data["events"]] == [11, 21, 17, 13]
    assert not (tmp_path / "var" / "loa.db").exists()


def test_import_prints_the_draft_campaign_and_open_items(tmp_path: Path) -> None:
    result = _loa(["import-plan", str(SEED)], tmp_path / "var")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Đã tạo chiến dịch nháp #1" in out and "192/KH-UBND ngày 2019-12-30" in out
    assert "6 giai đoạn, 27 chủ đề, 27 kịch bản nháp" in out
    assert "Giai đoạn 1.2a (dòng 53, before): 2020-08-01 → ?, cao điểm 2020-10-01" in out
    assert "Chưa xác định (13):" in out
    again = _loa(["import-plan", str(SEED), "--station", "7"], tmp_path / "var")
    assert again.returncode == 1 and "đài 7 không tồn tại" in again.stderr
    twice = _loa(["import-plan", str(SEED)], tmp_path / "var")
    assert twice.returncode == 1 and "đã có kế hoạch này: chiến dịch #1" in twice.stderr
    copy = _loa(["import-plan", str(SEED), "--as-new"], tmp_path / "var")
    assert copy.returncode == 0 and "Đã tạo chiến dịch nháp #2" in copy.stdout


def test_garbage_file_fails_cleanly(tmp_path: Path) -> None:
    garbage = tmp_path / "anh.png"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = _loa(["import-plan", str(garbage)], tmp_path / "var")
    assert result.returncode == 1
    assert "tệp là ảnh" in result.stderr
