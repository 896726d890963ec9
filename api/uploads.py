"""Uploaded files spooled to a temporary file under a cap, for the import functions to read."""

import tempfile
from pathlib import Path

from fastapi import UploadFile

from broadcast.errors import InvalidInput

CHUNK = 1024 * 1024


def save_upload(upload: UploadFile, folder: Path, max_bytes: int) -> Path:
    """Copy an upload into `folder` chunk by chunk; InvalidInput (file) past `max_bytes`."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(upload.filename or "").suffix[:10]
    with tempfile.NamedTemporaryFile(dir=folder, suffix=suffix, delete=False) as out:
        size = 0
        while chunk := upload.file.read(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                out.close()
                Path(out.name).unlink(missing_ok=True)
                raise InvalidInput("file", f"tệp quá lớn (tối đa {max_bytes // CHUNK} MB)")
            out.write(chunk)
    return Path(out.name)
