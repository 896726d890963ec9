"""broadcast.access: roles per station decide what an actor sees and may change."""

import itertools

import pytest
from sqlmodel import Session

from broadcast import access
from broadcast.access import JOB, SHARED, Action, Actor, Scope
from broadcast.errors import Forbidden, InvalidInput, NotFound
from broadcast.jobs import enqueue
from broadcast.models import Event, JobKind, LexiconEntry, Segment, Station
from broadcast.models.accounts import Role

from factories import create_campaign, create_segment_row, create_station


def _stations(db: Session, count: int = 3) -> list[int]:
    return [create_station(db, name=f"Đài số {n}").id or 0 for n in range(count)]


def test_global_roles_and_the_system_see_every_station(db: Session) -> None:
    ids = _stations(db)
    for actor in (Actor("a", 1, ((Role.VIEWER, None),)), JOB):
        assert [s.id for s in access.visible_stations(db, actor)] == ids
        assert Scope(db, actor).station_ids() is None


@pytest.mark.parametrize("held", [(), (0,), (1, 2), (0, 1, 2)])
def test_station_roles_see_exactly_their_stations(db: Session, held: tuple[int, ...]) -> None:
    ids = _stations(db)
    mine = [ids[i] for i in held]
    actor = Actor("a", 1, tuple((Role.EDITOR, sid) for sid in mine))
    assert [s.id for s in access.visible_stations(db, actor)] == mine
    scope = Scope(db, actor)
    assert [sid for sid in ids if scope.sees(frozenset({sid}))] == mine
    assert scope.sees(SHARED) and not scope.sees(frozenset())


def test_owners_follow_links_to_the_station(db: Session) -> None:
    home = create_station(db, name="Đài nhà")
    campaign = create_campaign(db, home)
    event = Event(campaign_id=campaign.id or 0, name="Đại hội")
    db.add(event)
    db.flush()
    global_entry = LexiconEntry(written="UBND", spoken="ủy ban nhân dân")
    job = enqueue(db, JobKind.SPEECH_PREVIEW, {"text": "x", "station_id": None})
    scope = Scope(db, JOB)
    assert scope.owners_of(event) == frozenset({home.id})
    assert scope.owners_of(campaign) == frozenset({home.id})
    assert scope.owners_of(global_entry) is SHARED
    assert scope.owners_of(job) is SHARED
    assert scope.owners_of(Station(name="mới")) == frozenset()  # a station not created yet


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
    with pytest.raises(NotFound):
        Scope(db, outsider).row(Segment, segment.id)


@pytest.mark.parametrize(("role", "action"), list(itertools.product(Role, Action)))
def test_rows_follow_the_role_on_their_station(db: Session, role: Role, action: Action) -> None:
    home, other = (create_station(db, name=n) for n in ("Đài nhà", "Đài khác"))
    segment = create_segment_row(db, home, approved=False)
    assert segment.id is not None
    here = Scope(db, Actor("a", 1, ((role, home.id),)), action)
    there = Scope(db, Actor("b", 2, ((role, other.id),)), action)
    if action in access.ROLE_ACTIONS[role]:
        assert here.row(Segment, segment.id).id == segment.id
    else:
        with pytest.raises(Forbidden):
            here.row(Segment, segment.id)
    with pytest.raises(NotFound):
        there.row(Segment, segment.id)
    with pytest.raises(NotFound):
        here.row(Segment, segment.id + 1000)


def test_new_rows_are_checked_by_what_they_point_to(db: Session) -> None:
    home, other = (create_station(db, name=n) for n in ("Đài nhà", "Đài khác"))
    campaign = create_campaign(db, home)
    editor_there = Scope(db, Actor("e", 1, ((Role.EDITOR, other.id),)), Action.EDIT_CAMPAIGN)
    with pytest.raises(InvalidInput) as refused:
        editor_there.check(Event(campaign_id=campaign.id or 0, name="x"))
    assert refused.value.field == "campaign_id"
    station_admin = Scope(db, Actor("s", 2, ((Role.ADMIN, home.id),)), Action.MANAGE_STATION)
    with pytest.raises(Forbidden):  # only a role on every station creates a station
        station_admin.check(Station(name="Đài mới"))
    station_admin.check(home)
    global_admin = Scope(db, Actor("g", 3, ((Role.ADMIN, None),)), Action.MANAGE_STATION)
    global_admin.check(Station(name="Đài mới"))


def test_shared_targets_need_a_role_on_every_station(db: Session) -> None:
    home = create_station(db, name="Đài nhà")
    station_editor = Scope(db, Actor("e", 1, ((Role.EDITOR, home.id),)), Action.EDIT_LEXICON)
    station_editor.target(home.id or 0)
    with pytest.raises(Forbidden, match="trên mọi đài"):
        station_editor.target(None)
    Scope(db, Actor("g", 2, ((Role.EDITOR, None),)), Action.EDIT_LEXICON).target(None)
    with pytest.raises(InvalidInput):
        station_editor.target((home.id or 0) + 100)


def test_unclassified_writes_are_for_administrators() -> None:
    access.require_admin(Actor("q", 1, ((Role.ADMIN, None),)))
    access.require_admin(JOB)
    with pytest.raises(Forbidden):
        access.require_admin(Actor("e", 3, ((Role.EDITOR, None),)))


def test_require_names_the_station_it_refuses() -> None:
    viewer = Actor("xem", 4, ((Role.VIEWER, 7),))
    with pytest.raises(Forbidden, match="trên đài 7"):
        access.require(viewer, Action.EDIT_SEGMENT, 7)
    access.require(viewer, Action.OWN_TOKENS, 7)
