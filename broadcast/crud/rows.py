"""Generic create/read/update/delete over SQLModel tables, with reference checks."""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from broadcast.errors import Conflict, InvalidInput, NotFound

M = TypeVar("M", bound=SQLModel)

Validator = Callable[[Session, Any], None]
_validators: dict[type[SQLModel], list[Validator]] = {}


def register_validator(model: type[SQLModel], validator: Validator) -> None:
    """Run validator(session, row) before every create/update of model."""
    _validators.setdefault(model, []).append(validator)


def _label(model: type[SQLModel]) -> str:
    return model.__name__


def get_or_raise(db: Session, model: type[M], ident: int) -> M:
    """The row with this id, or NotFound."""
    row = db.get(model, ident)
    if row is None:
        raise NotFound(_label(model), ident)
    return row


def list_rows(db: Session, model: type[M], **filters: Any) -> Sequence[M]:
    """Rows of model matching equal-value filters (None filters are ignored), by id."""
    query = select(model)
    for name, value in filters.items():
        if value is not None:
            query = query.where(getattr(model, name) == value)
    return db.exec(query.order_by(model.id)).all()  # type: ignore[attr-defined]


def check_references(db: Session, row: SQLModel) -> None:
    """Raise InvalidInput naming the field when a foreign key points to no row."""
    table = row.__table__  # type: ignore[attr-defined]
    for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
        value = getattr(row, fk.parent.name, None)
        if value is None:
            continue
        target = fk.column.table
        found = db.execute(
            target.select().with_only_columns(fk.column).where(fk.column == value)
        ).first()
        if found is None:
            raise InvalidInput(fk.parent.name, f"không tồn tại bản ghi {target.name} số {value}")


def validate_row(db: Session, row: SQLModel) -> None:
    """Check references and the model's registered rules."""
    check_references(db, row)
    for validator in _validators.get(type(row), []):
        validator(db, row)


def flush(db: Session) -> None:
    """Flush, turning integrity errors into Conflict."""
    try:
        db.flush()
    except IntegrityError as exc:
        db.rollback()
        raise Conflict(f"vi phạm ràng buộc dữ liệu: {exc.orig}", code="row.constraint") from exc


Guard = Callable[[SQLModel], None]


def create(
    db: Session, model: type[M], data: SQLModel, guard: Guard | None = None, **extra: Any
) -> M:
    """Insert a row built from a Create model; `guard` may refuse it before it is stored."""
    row = model.model_validate(data, update=extra)
    validate_row(db, row)
    if guard is not None:
        guard(row)
    db.add(row)
    flush(db)
    db.refresh(row)
    return row


def update(db: Session, row: M, patch: SQLModel, guard: Guard | None = None) -> M:
    """Apply the fields set in an Update model, validate the merged row, let `guard` refuse it."""
    changes = patch.model_dump(exclude_unset=True)
    for name, value in changes.items():
        setattr(row, name, value)
    validate_row(db, row)
    if guard is not None:
        guard(row)
    db.add(row)
    flush(db)
    db.refresh(row)
    return row


def delete(db: Session, row: SQLModel) -> None:
    """Delete a row; Conflict when other rows still refer to it."""
    db.delete(row)
    try:
        db.flush()
    except IntegrityError as exc:
        db.rollback()
        raise Conflict(
            f"{type(row).__name__} đang được dùng ở nơi khác, không thể xóa", code="row.in_use"
        ) from exc


def check_window(start: Any, end: Any, end_field: str) -> None:
    """InvalidInput when a window ends before it starts."""
    if start is not None and end is not None and end < start:
        raise InvalidInput(end_field, "ngày kết thúc phải không sớm hơn ngày bắt đầu")
