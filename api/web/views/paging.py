"""Paging of long lists: one page of rows, its number, and links that keep the filters."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import urlencode

Row = TypeVar("Row")
PER_PAGE = 25


@dataclass(frozen=True)
class Page(Generic[Row]):
    """One page of a list: its rows, its number (from 1), how many pages and rows in all."""

    rows: list[Row]
    number: int
    pages: int
    total: int


def page_number(value: str) -> int:
    """The page asked for in the query string: a number past the end stays a big number (the
    last page is shown), anything that is not a positive number means page 1."""
    if not value.isascii() or not value.isdigit():
        return 1
    return max(1, int(value[:9]))


def page_of(rows: Sequence[Row], number: int, per_page: int = PER_PAGE) -> Page[Row]:
    """The rows of page `number`; a page past the end shows the last page."""
    pages = max(1, -(-len(rows) // per_page))
    number = min(max(number, 1), pages)
    start = (number - 1) * per_page
    return Page(list(rows[start : start + per_page]), number, pages, len(rows))


def page_links(path: str, query: Sequence[tuple[str, str]], pages: int) -> dict[int, str]:
    """The address of each page: the same path and query (filters kept), another `page`."""
    kept = [(key, value) for key, value in query if key != "page"]
    return {n: f"{path}?{urlencode([*kept, ('page', str(n))])}" for n in range(1, pages + 1)}
