"""Secrets of accounts: password hashes (argon2), and digests of cookies and tokens."""

import hashlib
from datetime import UTC, datetime

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

HASHER = PasswordHash((Argon2Hasher(),))
DUMMY_HASH = HASHER.hash("loa-dummy-password-for-timing")  # unknown users cost the same


def digest(secret: str) -> str:
    """SHA-256 hex of a session cookie or API token; only this is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def aware(moment: datetime | None) -> datetime | None:
    """A stored time as timezone-aware UTC (SQLite returns naive datetimes)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
