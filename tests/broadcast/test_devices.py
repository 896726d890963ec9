"""broadcast.devices: a device's token finds it until it is disabled or re-issued; a device acts
as role player on its own station only, allowed no write; device rows belong to their station."""

import pytest
from pydantic import ValidationError
from sqlmodel import Session

from broadcast.access import (
    ALL_ACTIONS,
    DEVICE_ACTIONS,
    ROLE_ACTIONS,
    Action,
    DeviceRole,
    Scope,
    device_actor,
    owners,
)
from broadcast.devices import create_device, find_token_device, reissue_token, update_device
from broadcast.errors import Conflict, NotFound
from broadcast.models import Device, DeviceCreate, DeviceKind, DeviceUpdate
from broadcast.models.accounts import Role

from factories import create_station


def _new(station_id: int, name: str = "Cụm loa chợ") -> DeviceCreate:
    return DeviceCreate(station_id=station_id, name=name, kind=DeviceKind.WIRED_BRIDGE)


def test_the_token_finds_the_device_until_disabled_or_reissued(db: Session) -> None:
    station = create_station(db)
    device, token = create_device(db, _new(station.id or 0))
    assert device.token_hash != token and token.startswith("loa_dev_")
    assert find_token_device(db, token) is device
    update_device(db, device, DeviceUpdate(enabled=False))
    assert find_token_device(db, token) is None
    update_device(db, device, DeviceUpdate(enabled=True))
    fresh = reissue_token(db, device)
    assert find_token_device(db, token) is None and find_token_device(db, fresh) is device
    assert find_token_device(db, "loa_" + fresh.removeprefix("loa_dev_")) is None


def test_names_are_unique_per_station_only(db: Session) -> None:
    first, second = create_station(db, name="Một"), create_station(db, name="Hai")
    create_device(db, _new(first.id or 0))
    create_device(db, _new(second.id or 0))  # another station may use the same name
    with pytest.raises(Conflict):
        create_device(db, _new(first.id or 0))


@pytest.mark.parametrize(
    ("field", "value"),
    [("volume", 0), ("volume", 11), ("latitude", 91), ("longitude", 181), ("kind", "loa")],
)
def test_out_of_range_values_are_refused(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as refused:
        DeviceUpdate.model_validate({field: value})
    assert refused.value.errors()[0]["loc"] == (field,)


def test_profiles_are_checked_and_written_in_their_canonical_name() -> None:
    assert (
        DeviceUpdate(output_profile="opus-32k-mono-48000").output_profile == "opus-32k-mono-48000"
    )
    with pytest.raises(ValidationError):
        DeviceUpdate(output_profile="mp3-128k-mono-11111")


def test_a_device_is_a_player_of_its_station_allowed_no_write(db: Session) -> None:
    mine, other = create_station(db, name="Một"), create_station(db, name="Hai")
    device, _token = create_device(db, _new(mine.id or 0))
    theirs, _ = create_device(db, _new(other.id or 0))
    actor = device_actor(device.id or 0, "thiết bị Cụm loa chợ", mine.id or 0)
    assert actor.is_device and not actor.is_system
    assert actor.station_ids() == {mine.id} and actor.roles() == {DeviceRole.PLAYER}
    assert not any(actor.can(action, mine.id) for action in ALL_ACTIONS - DEVICE_ACTIONS)
    assert actor.can(Action.HEARTBEAT, mine.id) and not actor.can(Action.HEARTBEAT, other.id)
    assert ROLE_ACTIONS[DeviceRole.PLAYER] == DEVICE_ACTIONS
    assert not DEVICE_ACTIONS & ROLE_ACTIONS[Role.ADMIN]  # device-only actions stay device-only
    assert owners(db.connection(), "device", {"station_id": mine.id}) == {mine.id}
    assert Scope(db, actor).row(Device, device.id or 0) is device
    with pytest.raises(NotFound):
        Scope(db, actor).row(Device, theirs.id or 0)
