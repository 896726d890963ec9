"""Fixtures of the audio tests."""

from __future__ import annotations

import pytest

from audio import _ffmpeg


@pytest.fixture
def ffmpeg_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The arguments (joined by spaces) of every ffmpeg run started from now on in this test."""
    runs: list[str] = []
    spawn = _ffmpeg._spawn

    def counting(args: list[str], *rest: object) -> object:
        runs.append(" ".join(args))
        return spawn(args, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(_ffmpeg, "_spawn", counting)
    return runs
