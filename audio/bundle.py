"""Pack a rendered session into one ZIP for street loudspeaker players.

Contents, in this order (MP3s stored, text deflated, every entry dated 1980-01-01 00:00:00)::

    session.mp3            the whole session (or meta["session_name"], slugged, + ".mp3")
    01-<slug>.mp3 …        each item's MP3, numbered in playlist order
    playlist.m3u8          UTF-8: #EXTM3U, then "#EXTINF:<whole seconds>,<title>" + file name
    manifest.json          UTF-8 JSON, see below

manifest.json::

    {"manifest_version": 1,
     "meta": {...caller's meta...},
     "session": {"file", "bytes", "sha256", "duration_s", "integrated_lufs", "true_peak_dbtp",
                 "item_count"},
     "items": [{"position", "ref", "title", "file", "bytes", "sha256", "duration_s",
                "offset_s", "integrated_lufs", "true_peak_dbtp"}, ...],
     "files": [{"name", "bytes", "sha256"}, ...]}     # every file but the manifest itself

Durations and offsets are rounded to the millisecond, loudness to 0.1; a silent (-inf) value
is written as null. The same session and meta always give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from audio.render import RenderedItem, RenderedSession

MANIFEST_VERSION: Final = 1
ZIP_EPOCH: Final = (1980, 1, 1, 0, 0, 0)
_SLUG_MAX: Final = 60
_COPY_CHUNK: Final = 1 << 20


def slugify(title: str, fallback: str = "muc") -> str:
    """ASCII file-name slug of a Vietnamese title: no diacritics, đ→d, lower case, dashes."""
    text = title.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > _SLUG_MAX:  # cut at a word boundary when there is one
        head = slug[: _SLUG_MAX + 1]
        slug = head[: head.rfind("-")] if "-" in head else slug[:_SLUG_MAX]
    return slug or fallback


def _entry(name: str, *, compressed: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    info.create_system = 3  # Unix, whatever the platform writing the bundle
    info.external_attr = 0o644 << 16
    return info


def _add_file(zf: zipfile.ZipFile, name: str, source: Path) -> dict[str, Any]:
    """Copy a file into the ZIP (stored), hashing it on the way; returns name, bytes, sha256."""
    digest = hashlib.sha256()
    info = _entry(name, compressed=False)
    info.file_size = size = source.stat().st_size  # lets zipfile choose ZIP64 when needed
    with source.open("rb") as src, zf.open(info, "w") as dst:
        while chunk := src.read(_COPY_CHUNK):
            digest.update(chunk)
            dst.write(chunk)
    return {"name": name, "bytes": size, "sha256": digest.hexdigest()}


def _add_text(zf: zipfile.ZipFile, name: str, text: str) -> dict[str, Any]:
    data = text.encode("utf-8")
    zf.writestr(_entry(name, compressed=True), data)
    return {"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _number(value: float, digits: int) -> float | None:
    return round(value, digits) if math.isfinite(value) else None


def item_entry(
    pos: int, item: RenderedItem, offset: float, entry: Mapping[str, Any]
) -> dict[str, Any]:
    """The manifest record of one playlist item and the file written for it."""
    return {
        "position": pos,
        "ref": item.ref,
        "title": item.title,
        "file": entry["name"],
        "bytes": entry["bytes"],
        "sha256": entry["sha256"],
        "duration_s": _number(item.duration_s, 3),
        "offset_s": _number(offset, 3),
        "integrated_lufs": _number(item.integrated_lufs, 1),
        "true_peak_dbtp": _number(item.true_peak_dbtp, 1),
    }


def _item_names(session: RenderedSession) -> list[str]:
    width = max(2, len(str(len(session.items))))
    return [
        f"{pos:0{width}d}-{slugify(item.title)}.mp3"
        for pos, item in enumerate(session.items, start=1)
    ]


def _playlist(session: RenderedSession, names: list[str]) -> str:
    lines = ["#EXTM3U"]
    for item, name in zip(session.items, names, strict=True):
        title = " ".join(item.title.split())  # no line breaks inside an EXTINF line
        lines += [f"#EXTINF:{round(item.duration_s)},{title}", name]
    return "\n".join(lines) + "\n"


def _manifest(
    session: RenderedSession,
    meta: Mapping[str, object],
    files: list[dict[str, Any]],
) -> str:
    session_file, item_files = files[0], files[1 : 1 + len(session.items)]
    items = [
        item_entry(pos, item, offset, entry)
        for pos, (item, offset, entry) in enumerate(
            zip(session.items, session.offsets_s, item_files, strict=True), start=1
        )
    ]
    document = {
        "manifest_version": MANIFEST_VERSION,
        "meta": dict(meta),
        "session": {
            "file": session_file["name"],
            "bytes": session_file["bytes"],
            "sha256": session_file["sha256"],
            "duration_s": _number(session.duration_s, 3),
            "integrated_lufs": _number(session.integrated_lufs, 1),
            "true_peak_dbtp": _number(session.true_peak_dbtp, 1),
            "item_count": len(session.items),
        },
        "items": items,
        "files": files,
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=str, allow_nan=False) + "\n"


def _session_name(meta: Mapping[str, object]) -> str:
    raw = meta.get("session_name")
    if not raw:
        return "session.mp3"
    stem = str(raw).removesuffix(".mp3").removesuffix(".MP3")
    return f"{slugify(stem, fallback='session')}.mp3"


def write_bundle(session: RenderedSession, out_zip: Path, *, meta: Mapping[str, object]) -> Path:
    """Write the session ZIP (MP3s, playlist.m3u8, manifest.json) atomically; returns out_zip."""
    names = _item_names(session)
    session_name = _session_name(meta)
    if session_name in names:
        session_name = f"session-{session_name}"
    out_zip.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=out_zip.parent, prefix=f".{out_zip.name}.", suffix=".part")
    os.fchmod(fd, 0o644)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w") as zf:
            files = [_add_file(zf, session_name, session.path)]
            files += [_add_file(zf, n, it.path) for n, it in zip(names, session.items, strict=True)]
            files.append(_add_text(zf, "playlist.m3u8", _playlist(session, names)))
            _add_text(zf, "manifest.json", _manifest(session, meta, files))
        os.replace(tmp, out_zip)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out_zip
