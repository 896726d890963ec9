"""The media library: a station's own audio files, brought in once and chosen everywhere.

items.py   Add, list, search, rename and delete library files; how loud each one is in words
replace.py Replacing a library file's audio: every segment playing it goes back to review
usage.py   Where a library file is used, and choosing it as a segment's audio
"""

from broadcast.library.items import (
    add_item,
    delete_item,
    item_public,
    list_items,
    loudness_text,
    update_item,
)
from broadcast.library.replace import replace_item
from broadcast.library.usage import attach_item, where_used

__all__ = [
    "add_item",
    "attach_item",
    "delete_item",
    "item_public",
    "list_items",
    "loudness_text",
    "replace_item",
    "update_item",
    "where_used",
]
