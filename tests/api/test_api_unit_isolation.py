"""Communes are sealed from each other as stations are: every route of the OpenAPI document, as
the admin of commune B (a role on the unit), answers as if the rows of commune A's station did
not exist; each role held on their province reads both communes' rows.

The operations and their expectations are those of test_api_isolation.py (CASES).
"""

from collections.abc import Iterator

import pytest
from isolation_world import World, build_world
from test_api_isolation import CASES, assert_outside, unreached

from broadcast.models.accounts import Role

from conftest import make_settings, open_client


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    settings = make_settings(tmp_path_factory.mktemp("unit-isolation"), load_demo=True)
    with open_client(settings) as client:
        yield build_world(client, settings)


@pytest.mark.parametrize("key", list(CASES), ids=lambda k: f"{k[0]} {k[1]}")
def test_another_commune_sees_nothing_of_commune_a(world: World, key: tuple[str, str]) -> None:
    assert_outside(world, key, world.commune_b)


def test_commune_b_reaches_its_own_station_and_unit(world: World) -> None:
    client, ids = world.client, world.ids
    stations = client.get("/stations", headers=world.commune_b).json()
    assert [s["unit_id"] for s in stations] == [ids["unit_b"]]
    units = client.get("/units", headers=world.commune_b).json()
    assert [u["id"] for u in units] == [ids["unit_b"]]


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_each_role_of_the_province_reads_both_communes(world: World, role: Role) -> None:
    assert unreached(world, world.province[role]) == {}
    client, headers = world.client, world.province[role]
    stations = {s["unit_id"] for s in client.get("/stations", headers=headers).json()}
    assert stations == {world.ids["unit"], world.ids["unit_b"]}
    units = {u["id"] for u in client.get("/units", headers=headers).json()}
    assert units == {world.ids["province"], world.ids["unit"], world.ids["unit_b"]}
