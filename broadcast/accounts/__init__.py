"""Accounts: users and their roles, password login with lock-out, web sessions, API tokens.

hashing.py  Secrets of accounts: password hashes (argon2), and digests of cookies and tokens
logins.py   Logging in: password checks with lock-out, web sessions, API tokens
users.py    Users and their roles per station: create, change, deactivate; the last admin stays
"""

from broadcast.accounts.hashing import HASHER, aware, digest
from broadcast.accounts.logins import (
    TOKEN_USE_RESOLUTION,
    LoginPolicy,
    LoginRefused,
    check_password_login,
    close_web_session,
    find_token_user,
    find_web_session,
    issue_token,
    open_web_session,
    revoke_token,
)
from broadcast.accounts.users import (
    actor_for,
    count_users,
    create_user,
    end_access,
    get_user,
    grants_of,
    update_user,
    user_public,
)

__all__ = [
    "HASHER",
    "TOKEN_USE_RESOLUTION",
    "LoginPolicy",
    "LoginRefused",
    "actor_for",
    "aware",
    "check_password_login",
    "close_web_session",
    "count_users",
    "create_user",
    "digest",
    "end_access",
    "find_token_user",
    "find_web_session",
    "get_user",
    "grants_of",
    "issue_token",
    "open_web_session",
    "revoke_token",
    "update_user",
    "user_public",
]
