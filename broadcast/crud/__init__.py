"""Generic create/read/update/delete over SQLModel tables, with reference checks and row rules.

rows.py   Generic create/read/update/delete over SQLModel tables, with reference checks
rules.py  Consistency rules checked on every create and update of a row
"""

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
