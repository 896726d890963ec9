"""CSV export and all-or-nothing import of the operator lexicon."""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError
from sqlmodel import Session

from audio.text import Normalizer
from audio.text.examples import new_failures
from broadcast.errors import Conflict, InvalidInput, LoaError
from broadcast.lexicon.normalizers import build_normalizer, scope_rows
from broadcast.lexicon.service import (
    affected_scopes,
    clean_values,
    create_entry,
    find_same,
    list_entries,
    update_entry,
)
from broadcast.models.lexicon import LexiconEntry, LexiconEntryCreate, LexiconEntryUpdate

COLUMNS = ("written", "spoken", "context_before", "context_after", "kind", "scope", "note")
MAX_ROWS = 5000
_SCOPE_RE = re.compile(r"(?:station:)?(\d{1,9})")


@dataclass(frozen=True)
class ImportResult:
    """How many rows created, updated or left unchanged an entry."""

    created: int
    updated: int
    unchanged: int


def _scope(row: LexiconEntry) -> str:
    return "global" if row.station_id is None else f"station:{row.station_id}"


def export_csv(
    db: Session,
    station_id: int | None = None,
    keep: Callable[[list[LexiconEntry]], list[LexiconEntry]] | None = None,
) -> bytes:
    """Active entries (those `keep` keeps) as UTF-8 CSV with a BOM, which spreadsheets read."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    rows = list(list_entries(db, station_id))
    for row in keep(rows) if keep is not None else rows:
        writer.writerow(
            [
                row.written,
                row.spoken,
                row.context_before,
                row.context_after,
                row.kind,
                _scope(row),
                row.note,
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _bad(line: int, column: str, message: str) -> InvalidInput:
    return InvalidInput(f"row[{line}].{column}", f"dòng {line}, cột '{column}': {message}")


def _station_id(value: str, line: int) -> int | None:
    text = value.strip().lower()
    if text in ("", "global"):
        return None
    match = _SCOPE_RE.fullmatch(text)
    if match is None:
        raise _bad(line, "scope", "phải là 'global' hoặc 'station:<số đài>'")
    return int(match.group(1))


def _rows(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, values) of each data row; InvalidInput('file') when it is not our CSV."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput("file", "tệp CSV phải mã hóa UTF-8") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in ("written", "spoken") if name not in header]
    if missing:
        raise InvalidInput("file", f"tệp CSV thiếu cột {', '.join(missing)}")
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for values in reader:
            rows.append((reader.line_num, {k: v or "" for k, v in values.items() if k}))
            if len(rows) > MAX_ROWS:
                raise InvalidInput("file", f"tệp CSV có quá {MAX_ROWS} dòng")
    except csv.Error as exc:
        raise InvalidInput("file", f"tệp CSV hỏng ở dòng {reader.line_num}: {exc}") from exc
    return rows


def _create_model(line: int, values: dict[str, str], author: str) -> LexiconEntryCreate:
    """The row as a create request; InvalidInput naming the line and column."""
    fields = {name: values.get(name, "").strip() for name in COLUMNS if name != "scope"}
    if not fields["kind"]:
        fields.pop("kind")
    try:
        station_id = _station_id(values.get("scope", ""), line)
        return LexiconEntryCreate.model_validate(
            fields | {"station_id": station_id, "author": author}
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        column = str(error["loc"][0]) if error["loc"] else "written"
        raise _bad(line, "scope" if column == "station_id" else column, error["msg"]) from exc


def _row_error(line: int, exc: InvalidInput) -> InvalidInput:
    """A service error about one field, restated for a CSV line and column."""
    column = "scope" if exc.field == "station_id" else exc.field
    return _bad(line, column, exc.detail)


def _cleaned(line: int, model: LexiconEntryCreate) -> LexiconEntry:
    """The row with canonical values, detached from the session."""
    try:
        return LexiconEntry.model_validate(clean_values(model.model_dump()))
    except InvalidInput as exc:
        raise _row_error(line, exc) from exc


def _apply(db: Session, line: int, data: LexiconEntryCreate) -> tuple[str, LexiconEntry]:
    """Create or update the entry of one row (no examples guard yet)."""
    try:
        proposed = LexiconEntry.model_validate(clean_values(data.model_dump()))
        existing = find_same(db, proposed)
        if existing is None:
            return "created", create_entry(db, data, guard=False)
        same = (existing.spoken, existing.kind, existing.note)
        if same == (proposed.spoken, proposed.kind, proposed.note):
            return "unchanged", existing
        patch = LexiconEntryUpdate(
            spoken=data.spoken, kind=data.kind, note=data.note, author=data.author
        )
        return "updated", update_entry(db, existing, patch, guard=False)
    except InvalidInput as exc:
        raise _row_error(line, exc) from exc
    except LoaError as exc:
        raise _bad(line, "written", exc.message) from exc


def import_csv(
    db: Session,
    data: bytes,
    author: str = "",
    check_station: Callable[[int | None], None] | None = None,
) -> ImportResult:
    """Import every row or none: the first bad row (or station `check_station` refuses) fails."""
    rows = _rows(data)
    scopes: set[int | None] = {None}
    seen: dict[tuple[str, str, str, int | None], int] = {}
    models = []
    for line, values in rows:
        model = _create_model(line, values, author)
        cleaned = _cleaned(line, model)
        key = (cleaned.written, cleaned.context_before, cleaned.context_after, model.station_id)
        if key in seen:
            raise _bad(line, "written", f"trùng với dòng {seen[key]}")
        seen[key] = line
        if check_station is not None:
            check_station(model.station_id)
        scopes.add(model.station_id)
        models.append((line, model))
    affected = {scope for sid in scopes for scope in affected_scopes(db, sid)}
    before = {scope: build_normalizer(scope_rows(db, scope)) for scope in affected}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    applied: list[tuple[int, LexiconEntry]] = []
    for line, model in models:
        outcome, row = _apply(db, line, model)
        counts[outcome] += 1
        applied.append((line, row))
    _check_examples(db, before, applied)
    return ImportResult(**counts)


def _check_examples(
    db: Session,
    before: dict[int | None, Normalizer],
    applied: list[tuple[int, LexiconEntry]],
) -> None:
    """Refuse the import when it makes an example read wrong, naming the row that does it."""
    for scope, old in before.items():
        new = build_normalizer(scope_rows(db, scope))
        broken = new_failures(old, new, {row.written for _line, row in applied})
        if not broken:
            continue
        failure = broken[0]
        culprit = next(
            (line for line, row in applied if row.written in failure.example.input), None
        )
        message = (
            f"làm sai ví dụ chuẩn {failure.example.id}: '{failure.example.input}' phải đọc "
            f"'{failure.example.expected}' nhưng sẽ đọc '{failure.got}'"
        )
        if culprit is None:
            raise Conflict(message, code="lexicon.breaks_example")
        raise _bad(culprit, "spoken", message)
