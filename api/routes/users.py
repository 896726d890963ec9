"""Accounts administration: list, create and change users (admins only for writes)."""

from typing import Any

from fastapi import APIRouter
from sqlmodel import col, select

from api.deps import RowId, SessionDep
from broadcast.accounts import create_user, get_user, update_user, user_public
from broadcast.models.accounts import User, UserCreate, UserPublic, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


@router.get("", response_model=list[UserPublic])
def list_users(session: SessionDep) -> Any:
    """Every account with its roles."""
    rows = session.exec(select(User).order_by(col(User.username))).all()
    return [user_public(session, row) for row in rows]


@router.post("", response_model=UserPublic, status_code=201)
def create(data: UserCreate, session: SessionDep) -> Any:
    """A new account with its roles."""
    return user_public(session, create_user(session, data))


@router.get("/{user_id}", response_model=UserPublic)
def get(user_id: RowId, session: SessionDep) -> Any:
    return user_public(session, get_user(session, user_id))


@router.patch("/{user_id}", response_model=UserPublic)
def update(user_id: RowId, patch: UserUpdate, session: SessionDep) -> Any:
    """Change name, password, roles or activity; `unlock` lifts a lock-out."""
    return user_public(session, update_user(session, get_user(session, user_id), patch))
