"""Identical content is rendered once: two processes processing the same item at the same
moment into one cache make one render (the other reads it), and a killed holder of a key's
lock blocks nobody."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from audio._ffmpeg import generate_tone
from audio._items import item_key, process_item
from audio.importing import sha256_file
from audio.playlist import AudioItem
from audio.presets import HORN
from audio.profiles import DEFAULT_PROFILE

ROOT = Path(__file__).resolve().parents[2]
RENDER = """
import json, sys, threading, time
from pathlib import Path
sys.path.insert(0, {root!r})
from audio._items import process_item
from audio.playlist import AudioItem
from audio.presets import HORN
from audio.profiles import DEFAULT_PROFILE
go = Path({go!r})
print("ready", flush=True)
while not go.exists():
    time.sleep(0.002)
done = process_item(AudioItem(Path({source!r}), "Bản tin tỉnh", "b1"), Path({work!r}), HORN,
                    DEFAULT_PROFILE, threading.Event())
print(json.dumps({{"cached": done.cached, "encoded": str(done.encoded)}}), flush=True)
"""
HOLD = """
import sys, threading, time
from pathlib import Path
sys.path.insert(0, {root!r})
from audio._lock import key_lock
with key_lock(Path({lock!r}), threading.Event()):
    print("held", flush=True)
    time.sleep(600)
"""


def _source(folder: Path) -> AudioItem:
    """A 3-minute provincial bulletin stand-in (long enough for the renders to overlap)."""
    folder.mkdir(parents=True, exist_ok=True)
    generate_tone(folder / "bulletin.flac", seconds=180.0, sample_rate=44100, volume_db=-20.0)
    return AudioItem(folder / "bulletin.flac", "Bản tin tỉnh", "b1")


def _start(code: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() in {"ready", "held"}
    return proc


def test_two_processes_render_one_item_once(tmp_path: Path) -> None:
    item, work, go = _source(tmp_path / "src"), tmp_path / "work", tmp_path / "go"
    code = RENDER.format(root=str(ROOT), go=str(go), source=str(item.source), work=str(work))
    procs = [_start(code) for _ in range(2)]
    go.touch()  # both start together
    outcomes = []
    for proc in procs:
        out, _err = proc.communicate(timeout=120)
        assert proc.returncode == 0
        outcomes.append(json.loads(out.strip().splitlines()[-1]))
    print("cached flags:", [o["cached"] for o in outcomes])
    assert sorted(o["cached"] for o in outcomes) == [False, True]  # one render, one reader
    assert outcomes[0]["encoded"] == outcomes[1]["encoded"]
    key = item_key(item, sha256_file(item.source), HORN, DEFAULT_PROFILE)
    meta = json.loads((work / "items" / f"{key}.json").read_text("utf-8"))
    encoded = Path(outcomes[0]["encoded"])
    assert meta["frames"] > 0 and encoded.stat().st_size > 0
    assert list((work / "items").glob(".*.part")) == []
    again = process_item(item, work, HORN, DEFAULT_PROFILE, threading.Event())
    assert again.cached and again.encoded == encoded


def test_a_killed_lock_holder_blocks_no_render(tmp_path: Path) -> None:
    item, work = _source(tmp_path / "src"), tmp_path / "work"
    key = item_key(item, sha256_file(item.source), HORN, DEFAULT_PROFILE)
    (work / "items").mkdir(parents=True)
    lock = work / "items" / f"{key}.lock"
    holder = _start(HOLD.format(root=str(ROOT), lock=str(lock)))
    cancel = threading.Event()
    waiting: list[object] = []

    def render() -> None:
        try:
            waiting.append(process_item(item, work, HORN, DEFAULT_PROFILE, cancel))
        except Exception as exc:  # recorded for the assertion below
            waiting.append(exc)

    thread = threading.Thread(target=render)
    thread.start()
    time.sleep(0.3)
    assert waiting == []  # blocked by the living holder
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(10)
    thread.join(120)
    assert len(waiting) == 1 and not isinstance(waiting[0], Exception), waiting
    assert not waiting[0].cached  # type: ignore[attr-defined]
