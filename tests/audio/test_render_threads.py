"""A render holds its item threads to the cores by default, and leaves a given pool size free."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from audio import render as render_module
from audio._ffmpeg import generate_tone
from audio.render import AudioItem, render_session


def _items(folder: Path) -> list[AudioItem]:
    folder.mkdir(parents=True, exist_ok=True)
    items = []
    for n in range(3):
        source = folder / f"tone-{n}.wav"
        generate_tone(source, seconds=1.0, sample_rate=22050, volume_db=-20.0, freq=300 + 100 * n)
        items.append(AudioItem(source, f"Mục {n}", f"segment-{n}"))
    return items


@pytest.mark.parametrize(("max_workers", "pinned"), [(None, True), (1, False), (2, False)])
def test_only_the_default_pool_pins_its_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, max_workers: int | None, pinned: bool
) -> None:
    calls: list[tuple[str, set[int]]] = []
    names: set[str] = set()
    real = os.sched_setaffinity

    def recording(pid: int, cpus: set[int]) -> None:
        calls.append((threading.current_thread().name, set(cpus)))
        real(pid, cpus)

    monkeypatch.setattr(render_module.os, "sched_setaffinity", recording)
    original = render_module.process_item

    def noting(*args: object, **kwargs: object) -> object:
        names.add(threading.current_thread().name)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render_module, "process_item", noting)
    out = tmp_path / "session.mp3"
    session = render_session(
        _items(tmp_path / "src"), out, work_dir=tmp_path / "work", max_workers=max_workers
    )
    assert out.is_file() and len(session.items) == 3
    assert bool(calls) is pinned
    assert all(name.startswith("render-item") for name, _ in calls)
    assert all(len(cpus) == 1 for _, cpus in calls)
    if max_workers is not None:
        assert len(names) <= max_workers  # never more ffmpeg runs at once than asked
