"""A day's or a week's sessions in one ZIP for real players (USB/SD card, IP speakers, PA).

Layout (``<p>/`` is a folder per output profile, only when the bundle carries several)::

    DOC-TRUOC.txt                       how to load the card (Vietnamese)
    manifest.json                       ids, titles, durations, LUFS, sha256, profile
    schedule.csv                        date,time,file,duration_s,profile (one row per session)
    <p>/2020-10-05/0630-sang/00-toan-phien.mp3     the whole session
    <p>/2020-10-05/0630-sang/01-<slug>.mp3 …       its items, numbered
    <p>/2020-10-05/0630-sang/danh-sach.m3u8        #EXTM3U + #EXTINF per item

MP3 files carry ID3 tags (title, station, campaign, date, track) written with mutagen on a copy
(cached items stay untagged). Every entry is dated 1980-01-01 and written in a fixed order, so
the same sessions give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

from mutagen.id3 import ID3, TALB, TDRC, TIT2, TPE1, TRCK

from audio.bundle import _add_file, _add_text, _number, item_entry, slugify
from audio.render import RenderedSession

BUNDLE_VERSION: Final = 2
README: Final = """HƯỚNG DẪN SỬ DỤNG GÓI PHÁT THANH

1. Giải nén toàn bộ tệp ZIP vào thẻ nhớ (SD) hoặc USB, giữ nguyên các thư mục.
2. Mỗi ngày có một thư mục (ví dụ 2020-10-05), trong đó mỗi buổi phát có một thư mục
   (ví dụ 0630-sang = buổi sáng, bắt đầu lúc 06:30).
3. Máy phát theo lịch: đọc tệp schedule.csv (ngày, giờ, tệp, thời lượng) hoặc hẹn giờ phát
   tệp 00-toan-phien của buổi đó.
4. Máy phát theo danh sách: mở tệp danh-sach.m3u8 trong thư mục của buổi phát.
5. Các tệp được đánh số theo thứ tự phát; không đổi tên tệp.
6. Kiểm tra: manifest.json ghi mã kiểm tra sha256 của từng tệp.
"""


@dataclass(frozen=True)
class BundleSession:
    """One session of the bundle: when it plays, and its render per profile name."""

    day: date
    start: str  # "06:30"
    slot: str  # "Sáng"
    renders: dict[str, RenderedSession]
    ids: dict[str, Any] = field(default_factory=dict)  # e.g. {"playlist_id": 3}


def session_folder(session: BundleSession) -> str:
    """``2020-10-05/0630-sang``."""
    return f"{session.day.isoformat()}/{session.start.replace(':', '')}-{slugify(session.slot)}"


def _tagged_copy(src: Path, tmp_dir: Path, tags: dict[str, str]) -> Path:
    """A copy of an MP3 with ID3v2.4 tags (the source is left untouched)."""
    copy = tmp_dir / f"tagged{src.suffix}"
    shutil.copyfile(src, copy)
    if src.suffix == ".mp3":
        id3 = ID3()
        id3.add(TIT2(encoding=3, text=tags["title"]))
        id3.add(TPE1(encoding=3, text=tags["station"]))
        id3.add(TALB(encoding=3, text=tags["campaign"] or tags["station"]))
        id3.add(TDRC(encoding=3, text=tags["date"]))
        id3.add(TRCK(encoding=3, text=tags["track"]))
        id3.save(copy, padding=lambda info: 0)
    return copy


def _add_audio(
    zf: zipfile.ZipFile, name: str, src: Path, tmp_dir: Path, tags: dict[str, str]
) -> dict[str, Any]:
    copy = _tagged_copy(src, tmp_dir, tags)
    try:
        return _add_file(zf, name, copy)
    finally:
        copy.unlink(missing_ok=True)


def _write_session(
    zf: zipfile.ZipFile,
    prefix: str,
    session: BundleSession,
    rendered: RenderedSession,
    tmp_dir: Path,
    base_tags: dict[str, str],
) -> dict[str, Any]:
    """Add one session's files; returns its manifest entry."""
    folder = f"{prefix}{session_folder(session)}"
    suffix = rendered.path.suffix
    tags = {**base_tags, "date": session.day.isoformat()}
    whole = _add_audio(
        zf,
        f"{folder}/00-toan-phien{suffix}",
        rendered.path,
        tmp_dir,
        {**tags, "title": f"{session.slot} {session.day.isoformat()}", "track": "0"},
    )
    width = max(2, len(str(len(rendered.items))))
    items, lines = [], ["#EXTM3U"]
    for pos, (item, offset) in enumerate(zip(rendered.items, rendered.offsets_s, strict=True), 1):
        name = f"{pos:0{width}d}-{slugify(item.title)}{suffix}"
        entry = _add_audio(
            zf,
            f"{folder}/{name}",
            item.path,
            tmp_dir,
            {**tags, "title": item.title, "track": str(pos)},
        )
        title = " ".join(item.title.split())
        lines += [f"#EXTINF:{round(item.duration_s)},{title}", name]
        items.append(item_entry(pos, item, offset, entry))
    playlist = _add_text(zf, f"{folder}/danh-sach.m3u8", "\n".join(lines) + "\n")
    return {
        **session.ids,
        "date": session.day.isoformat(),
        "time": session.start,
        "slot": session.slot,
        "folder": folder,
        "profile": rendered.profile.name,
        "file": whole["name"],
        "bytes": whole["bytes"],
        "sha256": whole["sha256"],
        "duration_s": _number(rendered.duration_s, 3),
        "integrated_lufs": _number(rendered.integrated_lufs, 1),
        "true_peak_dbtp": _number(rendered.true_peak_dbtp, 1),
        "playlist": playlist["name"],
        "items": items,
    }


def _schedule(entries: Sequence[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "time", "file", "duration_s", "profile"])
    for entry in entries:
        row = [entry["date"], entry["time"], entry["file"], entry["duration_s"], entry["profile"]]
        writer.writerow(row)
    return out.getvalue()


def write_player_bundle(
    sessions: Sequence[BundleSession],
    out_zip: Path,
    *,
    profiles: Sequence[str],
    meta: dict[str, Any],
) -> Path:
    """Write the bundle ZIP atomically (temp name + os.replace); returns ``out_zip``."""
    if not sessions or not profiles:
        raise ValueError("a bundle needs at least one session and one profile")
    ordered = sorted(sessions, key=lambda s: (s.day, s.start, s.slot))
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=out_zip.parent, prefix=f".{out_zip.name}.", suffix=".part")
    os.fchmod(fd, 0o644)
    base_tags = {"station": str(meta.get("station", "")), "campaign": str(meta.get("campaign", ""))}
    try:
        with (
            tempfile.TemporaryDirectory() as tmp_dir,
            os.fdopen(fd, "wb") as raw,
            zipfile.ZipFile(raw, "w") as zf,
        ):
            _add_text(zf, "DOC-TRUOC.txt", README)
            entries = []
            for profile in profiles:
                prefix = f"{profile}/" if len(profiles) > 1 else ""
                for session in ordered:
                    rendered = session.renders[profile]
                    entries.append(
                        _write_session(zf, prefix, session, rendered, Path(tmp_dir), base_tags)
                    )
            _add_text(zf, "schedule.csv", _schedule(entries))
            manifest = {
                "manifest_version": BUNDLE_VERSION,
                "meta": meta,
                "profiles": list(profiles),
                "sessions": entries,
            }
            text = json.dumps(manifest, ensure_ascii=False, indent=2, allow_nan=False, default=str)
            _add_text(zf, "manifest.json", text + "\n")
        os.replace(tmp_name, out_zip)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return out_zip
