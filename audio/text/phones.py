"""Phone numbers: digit by digit (0 = không), one short pause between the written groups."""

from __future__ import annotations

import re

from audio.text.numbers import DIGITS, read_digits
from audio.text.spans import CLAUSE, Item, Span

_GROUP_RE = re.compile(r"\+?\d+")


def read_country_code(digits: str) -> str:
    """+84 → cộng tám tư: a 4 after another digit is 'tư', as in counting."""
    words = ["tư" if ch == "4" and k > 0 else DIGITS[int(ch)] for k, ch in enumerate(digits)]
    return "cộng " + " ".join(words)


def read_phone_group(group: str) -> str:
    """One written group: digits, or the country code when it starts with '+'."""
    if group.startswith("+"):
        return read_country_code(group[1:])
    return read_digits(group)


def phone_items(text: str) -> list[Item]:
    """A written phone number as spoken groups with a clause pause between them."""
    items: list[Item] = []
    for group in _GROUP_RE.findall(text):
        if items:
            items.append(CLAUSE)
        items.append(Span(group, read_phone_group(group), "rule"))
    return items
