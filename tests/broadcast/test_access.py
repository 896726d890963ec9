"""broadcast.access: roles per station decide what an actor sees and may change."""

import itertools

import pytest
from sqlmodel import Session

from broadcast import access
from broadcast.access import JOB, Action, Actor
from broadcast.errors import Forbidden, NotFound
from broadcast.models import Segment
from broadcast.models.accounts import Role

from factories import create_segment_row, create_station


def _stations(db: Session, count: int = 3) -> list[int]:
    return [create_station(db, name=f"Đài số {n}").id or 0 for n in range(count)]


def test_global_roles_and_the_system_see_every_station(db: Session) -> None:
    ids = _stations(db)
    for actor in (Actor("a", 1, ((Role.VIEWER, None),)), JOB):
        assert [s.id for s in access.visible_stations(db, actor)] == ids
        assert all(access.sees_station(actor, sid) for sid in ids)


@pytest.mark.parametrize("held", [(), (0,), (1, 2), (0, 1, 2)])
def test_station_roles_see_exactly_their_stations(db: Session, held: tuple[int, ...]) -> None:
    ids = _stations(db)
    mine = [ids[i] for i in held]
    actor = Actor("a", 1, tuple((Role.EDITOR, sid) for sid in mine))
    assert [s.id for s in access.visible_stations(db, actor)] == mine
    assert [sid for sid in ids if access.sees_station(actor, sid)] == mine
    assert not access.sees_station(actor, None)


def test_rows_of_other_stations_read_as_missing(db: Session) -> None:
    first, second = (create_station(db, name=n) for n in ("Đài A", "Đài B"))
    segment = create_segment_row(db, second, approved=False)
    assert segment.id is not None
    outsider = Actor("a", 1, ((Role.ADMIN, first.id),))
    insider = Actor("b", 2, ((Role.VIEWER, second.id),))
    assert access.visible_row(db, outsider, Segment, segment.id) is None
    found = access.visible_row(db, insider, Segment, segment.id)
    assert found is not None and found[0].id == segment.id and found[1].id == second.id
    assert access.visible_row(db, insider, Segment, segment.id + 1000) is None


@pytest.mark.parametrize(("role", "action"), list(itertools.product(Role, Action)))
def test_writable_row_follows_the_role_on_the_rows_station(
    db: Session, role: Role, action: Action
) -> None:
    home, other = (create_station(db, name=n) for n in ("Đài nhà", "Đài khác"))
    segment = create_segment_row(db, home, approved=False)
    assert segment.id is not None
    here = Actor("a", 1, ((role, home.id),))
    there = Actor("b", 2, ((role, other.id),))
    if action in access.ROLE_ACTIONS[role]:
        assert access.writable_row(db, here, Segment, segment.id, action).id == segment.id
    else:
        with pytest.raises(Forbidden):
            access.writable_row(db, here, Segment, segment.id, action)
    with pytest.raises(Forbidden):
        access.writable_row(db, there, Segment, segment.id, action)
    with pytest.raises(NotFound):
        access.writable_row(db, here, Segment, segment.id + 1000, action)


def test_unclassified_writes_and_foreign_tokens() -> None:
    admin = Actor("q", 1, ((Role.ADMIN, None),))
    station_admin = Actor("s", 2, ((Role.ADMIN, 5),))
    editor = Actor("e", 3, ((Role.EDITOR, None),))
    access.require_admin(admin)
    access.require_admin(station_admin)  # today any admin grant counts (issue 13 narrows it)
    access.require_admin(JOB)
    with pytest.raises(Forbidden):
        access.require_admin(editor)
    access.require_token_owner(editor, owner_id=3)
    access.require_token_owner(admin, owner_id=3)
    with pytest.raises(Forbidden, match="của chính mình"):
        access.require_token_owner(editor, owner_id=1)


def test_require_names_the_station_it_refuses() -> None:
    viewer = Actor("xem", 4, ((Role.VIEWER, 7),))
    with pytest.raises(Forbidden, match="trên đài 7"):
        access.require(viewer, Action.EDIT_SEGMENT, 7)
    access.require(viewer, Action.OWN_TOKENS, 7)
