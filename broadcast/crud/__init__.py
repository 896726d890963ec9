"""Generic create/read/update/delete over SQLModel tables, with reference checks and row rules."""

from broadcast.crud.rows import (
    check_references,
    check_window,
    create,
    delete,
    flush,
    get_or_raise,
    list_rows,
    register_validator,
    update,
    validate_row,
)
from broadcast.crud.rules import register_rules

__all__ = [
    "check_references",
    "check_window",
    "create",
    "delete",
    "flush",
    "get_or_raise",
    "list_rows",
    "register_rules",
    "register_validator",
    "update",
    "validate_row",
]
