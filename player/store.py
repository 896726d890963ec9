"""The cache directory: the schedule's last copy, restart-safe state and the as-run outbox.

Layout: files/<sha256>.mp3 (session files, `.part` while downloading), alerts/<sha256>.mp3,
schedule.json, state.json, outbox.jsonl, player.log."""

import json
import logging
import os
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

log = logging.getLogger("player.store")
COMPACT_AFTER = 200  # "sent" lines before the outbox is rewritten with the pending reports only
KEEP_STATE_DAYS = 8


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file through a temporary sibling, fsync and rename (never half-written)."""
    temp = path.with_name(path.name + ".tmp")
    with open(temp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, path)


def read_json(path: Path) -> Any:
    """A JSON file's content; None when it is missing or unreadable."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


class Store:
    """The player's cache directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = root / "files"
        self.alerts = root / "alerts"
        for folder in (root, self.files, self.alerts):
            folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._state: dict[str, dict[str, str]] = {"done": {}, "alerts": {}}
        self._state.update(read_json(root / "state.json") or {})
        self.outbox = Outbox(root / "outbox.jsonl")

    def since(self, now: datetime) -> datetime:
        """When this cache first served a player (now, on the very first start)."""
        path = self.root / "since.txt"
        try:
            return datetime.fromisoformat(path.read_text("utf-8").strip())
        except (OSError, ValueError):
            write_atomic(path, now.isoformat().encode())
            return now

    def load_schedule(self) -> tuple[str | None, dict[str, Any] | None]:
        """The last schedule received (ETag, body); (None, None) before the first sync."""
        saved = read_json(self.root / "schedule.json")
        if not isinstance(saved, dict):
            return None, None
        return saved.get("etag"), saved.get("schedule")

    def save_schedule(self, etag: str | None, schedule: dict[str, Any]) -> None:
        """Keep the schedule on disk so that a restart without the server still knows it."""
        body = json.dumps({"etag": etag, "schedule": schedule}).encode()
        write_atomic(self.root / "schedule.json", body)

    def is_done(self, kind: str, key: str) -> bool:
        """Whether a session (kind "done") or alert (kind "alerts") was already handled."""
        with self._lock:
            return key in self._state[kind]

    def mark_done(self, kind: str, key: str, when: datetime) -> None:
        """Remember a handled session or alert across restarts (entries expire after 8 days)."""
        with self._lock:
            self._state[kind][key] = when.isoformat()
            oldest = (when - timedelta(days=KEEP_STATE_DAYS)).isoformat()
            for table in self._state.values():
                for old in [k for k, v in table.items() if v < oldest]:
                    del table[old]
            write_atomic(self.root / "state.json", json.dumps(self._state).encode())


class Outbox:
    """As-run reports waiting to be sent: append-only JSON lines, fsynced, compacted."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._pending: dict[str, dict[str, Any]] = {}
        self._sent_lines = 0
        self._load()

    def _load(self) -> None:
        try:
            lines = self.path.read_text("utf-8").splitlines()
        except OSError:
            lines = []
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a line torn by a power cut
            if "report" in entry:
                self._pending[entry["report"]["id"]] = entry["report"]
            for sent in entry.get("sent", []):
                self._pending.pop(sent, None)
                self._sent_lines += 1
        if self._sent_lines:
            self._compact()

    def _append(self, entries: list[dict[str, Any]]) -> None:
        with open(self.path, "a", encoding="utf-8") as out:
            out.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
            out.flush()
            os.fsync(out.fileno())

    def _compact(self) -> None:
        lines = "".join(
            json.dumps({"report": r}, ensure_ascii=False) + "\n" for r in self._pending.values()
        )
        write_atomic(self.path, lines.encode())
        self._sent_lines = 0

    def add(self, reports: list[dict[str, Any]]) -> None:
        """Queue reports durably (on disk before this returns)."""
        with self._lock:
            self._append([{"report": r} for r in reports])
            self._pending.update((r["id"], r) for r in reports)

    def pending(self, limit: int = 500) -> list[dict[str, Any]]:
        """The oldest reports not yet accepted by the server."""
        with self._lock:
            return list(self._pending.values())[:limit]

    def sent(self, ids: list[str]) -> None:
        """Forget reports the server accepted (or already had)."""
        with self._lock:
            self._append([{"sent": ids}])
            for key in ids:
                self._pending.pop(key, None)
            self._sent_lines += 1
            if self._sent_lines >= COMPACT_AFTER or not self._pending:
                self._compact()

    def __len__(self) -> int:
        with self._lock:
            return len(self._pending)
