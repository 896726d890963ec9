"""The operator lexicon: entries with history, CSV export/import, and the per-station normaliser.

csv_io.py       CSV export and all-or-nothing import of the operator lexicon
normalizers.py  Operator lexicon as the normaliser sees it: entries, per-station normalisers and
                their cache
service.py      Operator lexicon: create, edit, delete and restore entries, each change kept in
                history
"""

from broadcast.lexicon.csv_io import export_csv, import_csv
from broadcast.lexicon.normalizers import build_normalizer, normalizer_for
from broadcast.lexicon.service import (
    create_entry,
    delete_entry,
    entry_public,
    history,
    list_entries,
    restore_entry,
    update_entry,
)

__all__ = [
    "build_normalizer",
    "create_entry",
    "delete_entry",
    "entry_public",
    "export_csv",
    "history",
    "import_csv",
    "list_entries",
    "normalizer_for",
    "restore_entry",
    "update_entry",
]
