"""Accounts: users and their roles, password login with lock-out, web sessions, API tokens.

service.py  Accounts: users and roles, password login with lock-out, web sessions, API tokens
"""

from broadcast.accounts.service import (
    LoginPolicy,
    LoginRefused,
    actor_for,
    aware,
    check_password_login,
    close_web_session,
    count_users,
    create_user,
    find_token_user,
    find_web_session,
    get_user,
    grants_of,
    issue_token,
    open_web_session,
    revoke_token,
    update_user,
    user_public,
)

__all__ = [
    "LoginPolicy",
    "LoginRefused",
    "actor_for",
    "aware",
    "check_password_login",
    "close_web_session",
    "count_users",
    "create_user",
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
