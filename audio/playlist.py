"""A session's playlist as audio: items with explicit gaps, crossfades, fades, beds, and jingles.

Every timing is explicit (seconds): ``gap_before_s`` (None: the session's gap),
``crossfade_s`` (overlap with the previous item; 0 unless asked: never an accidental default),
``fade_in_s``/``fade_out_s`` (applied to the item itself, e.g. music). ``bed`` puts a music bed
under an announcement, ducked by the speech (see ``audio.beds``). Jingles are inserted by
:func:`with_jingles` between every item or only where the topic changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, Literal

ItemKind = Literal["speech", "music", "jingle"]
JingleMode = Literal["none", "every", "topics"]
JINGLE_MODES: Final = ("none", "every", "topics")


@dataclass(frozen=True)
class AudioItem:
    """One thing to play: any file ffmpeg decodes, its title, the caller's id and its timing."""

    source: Path
    title: str
    ref: str
    kind: ItemKind = "speech"
    gap_before_s: float | None = None
    crossfade_s: float = 0.0
    fade_in_s: float = 0.0
    fade_out_s: float = 0.0
    bed: Path | None = None
    bed_level_db: float = -6.0  # bed loudness relative to the speech before ducking
    topic: str | None = None

    def __post_init__(self) -> None:
        for name in ("crossfade_s", "fade_in_s", "fade_out_s"):
            value = getattr(self, name)
            if not 0.0 <= value <= 30.0:
                raise ValueError(f"{name} must be within 0..30 s, got {value}")
        if self.gap_before_s is not None and not 0.0 <= self.gap_before_s <= 60.0:
            raise ValueError(f"gap_before_s must be within 0..60 s, got {self.gap_before_s}")

    @property
    def is_speech(self) -> bool:
        """Speech gets the preset's chain (trim, high-pass, compression); music does not."""
        return self.kind == "speech"

    def gap(self, session_gap_s: float) -> float:
        """Silence before this item (before overlap by a crossfade)."""
        return session_gap_s if self.gap_before_s is None else self.gap_before_s


def with_jingles(
    items: Sequence[AudioItem],
    jingle: Path | None,
    mode: JingleMode,
    *,
    gap_s: float = 0.5,
    title: str = "Nhạc hiệu",
) -> list[AudioItem]:
    """Insert ``jingle`` between items ("every") or where the topic changes ("topics")."""
    if mode not in JINGLE_MODES:
        raise ValueError(f"unknown jingle mode {mode!r}")
    if jingle is None or mode == "none" or len(items) < 2:
        return list(items)
    out = [items[0]]
    for index, (before, item) in enumerate(zip(items, items[1:], strict=False), start=1):
        if mode == "every" or before.topic != item.topic:
            ref = f"jingle-{index}"
            out.append(AudioItem(jingle, title, ref, kind="jingle", gap_before_s=gap_s))
            item = replace(item, gap_before_s=item.gap(gap_s))
        out.append(item)
    return out
