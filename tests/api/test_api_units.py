"""/units and unit roles through real HTTP: who creates which unit, stations moved into the tree,
roles granted on a unit through /users."""

from pathlib import Path

from broadcast.db import get_engine
from broadcast.models.accounts import Role

from conftest import make_settings, open_client
from factories import add_user, bearer, post_json


def test_units_roles_and_stations_through_the_api(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        engine = get_engine(settings.db_url)
        province = post_json(client, "/units", {"name": "Tỉnh Quảng Trị", "kind": "province"})
        head = bearer(add_user(engine, "qt-tinh", Role.ADMIN, unit_id=province["id"])[1])
        ward = client.post(
            "/units",
            json={"name": "Phường Đông Hà", "kind": "commune", "parent_id": province["id"]},
            headers=head,
        )
        no_province = client.post(
            "/units", json={"name": "Tỉnh X", "kind": "province"}, headers=head
        )
        wrong = client.post("/units", json={"name": "Xã Y", "kind": "commune"}, headers=head)
        moved = client.patch("/stations/1", json={"unit_id": ward.json()["id"]})
        station = client.post(
            "/stations", json={"name": "Đài tỉnh", "unit_id": province["id"]}, headers=head
        )
        granted = client.post(
            "/users",
            json={
                "username": "bt-phuong",
                "password": "mat-khau-du-dai",
                "roles": [{"role": "editor", "unit_id": ward.json()["id"]}],
            },
            headers=head,
        )
        both = client.post(
            "/users",
            json={
                "username": "hai-noi",
                "password": "mat-khau-du-dai",
                "roles": [{"role": "editor", "unit_id": ward.json()["id"], "station_id": 1}],
            },
            headers=head,
        )
        seen = client.get("/stations", headers=head).json()
        other = post_json(client, "/units", {"name": "Tỉnh Khác", "kind": "province"})
        away = client.patch("/stations/1", json={"unit_id": other["id"]}, headers=head)
        keeper = bearer(add_user(engine, "qt-dai", Role.ADMIN, 1)[1])
        out = client.patch("/stations/1", json={"unit_id": None}, headers=keeper)
        renamed = client.patch("/stations/1", json={"locality": "Đông Hà"}, headers=keeper)
        busy = client.delete(f"/units/{ward.json()['id']}", headers=head)
    assert ward.status_code == 201, ward.text
    assert no_province.status_code == 403, no_province.text
    assert wrong.status_code == 422 and wrong.json()["field"] == "parent_id", wrong.text
    assert moved.status_code == 200 and moved.json()["unit_id"] == ward.json()["id"], moved.text
    assert station.status_code == 201, station.text
    assert granted.status_code == 201, granted.text
    assert granted.json()["roles"] == [
        {"role": "editor", "station_id": None, "unit_id": ward.json()["id"]}
    ]
    assert both.status_code == 422, both.text
    assert {s["id"] for s in seen} == {1, station.json()["id"]}
    assert busy.status_code == 409, busy.text
    assert away.status_code == 422 and away.json()["field"] == "unit_id", away.text
    assert out.status_code == 403, out.text  # a station's admin does not move it in the tree
    assert renamed.status_code == 200, renamed.text


def test_a_unit_role_is_managed_from_its_unit_only(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        engine = get_engine(settings.db_url)
        province = post_json(client, "/units", {"name": "Tỉnh Gia Lai", "kind": "province"})
        commune = post_json(
            client, "/units", {"name": "Xã Ia Grai", "kind": "commune", "parent_id": province["id"]}
        )
        head = bearer(add_user(engine, "qt-tinh", Role.ADMIN, unit_id=province["id"])[1])
        created = client.post(  # the commune has no station yet: its admin is still the province's
            "/users",
            json={
                "username": "qt-ia-grai",
                "password": "mat-khau-du-dai",
                "roles": [{"role": "admin", "unit_id": commune["id"]}],
            },
            headers=head,
        )
        user_id = created.json()["id"]
        listed = {u["id"] for u in client.get("/users", headers=head).json()}
        renamed = client.patch(f"/users/{user_id}", json={"full_name": "Rơ Mah H"}, headers=head)
        assert client.patch("/stations/1", json={"unit_id": commune["id"]}).status_code == 200
        station_admin = bearer(add_user(engine, "qt-dai", Role.ADMIN, 1)[1])
        seen = client.get(f"/users/{user_id}", headers=station_admin)
        taken = client.patch(
            f"/users/{user_id}", json={"password": "mat-khau-cua-toi"}, headers=station_admin
        )
        other_admin = bearer(add_user(engine, "qt-xa-2", Role.ADMIN, unit_id=commune["id"])[1])
        token_id = client.get("/auth/tokens", headers=other_admin).json()[0]["id"]
        revoked = client.delete(f"/auth/tokens/{token_id}", headers=station_admin)
    assert created.status_code == 201, created.text
    assert user_id in listed and renamed.status_code == 200, renamed.text
    assert seen.status_code == 200, seen.text  # a user of the station's own commune
    assert taken.status_code == 403, taken.text  # but a station's admin manages no commune admin
    assert revoked.status_code == 403, revoked.text


def test_a_units_admins_read_its_own_changes_in_the_audit_log(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        engine = get_engine(settings.db_url)
        province = post_json(client, "/units", {"name": "Tỉnh Gia Lai", "kind": "province"})
        communes = [
            post_json(client, "/units", {"name": n, "kind": "commune", "parent_id": province["id"]})
            for n in ("Xã Ia Grai", "Xã Chư Păh")
        ]
        head = bearer(add_user(engine, "qt-tinh", Role.ADMIN, unit_id=province["id"])[1])
        own = bearer(add_user(engine, "qt-xa", Role.VIEWER, unit_id=communes[0]["id"])[1])
        other = bearer(add_user(engine, "qt-xa-khac", Role.ADMIN, unit_id=communes[1]["id"])[1])
        station = bearer(add_user(engine, "bt-dai", Role.ADMIN, 1)[1])
        renamed = client.patch(
            f"/units/{communes[0]['id']}", json={"name": "Xã Ia Grai mới"}, headers=head
        )
        logs = {
            who: client.get("/audit?entity=unit&action=update", headers=headers).json()
            for who, headers in (("head", head), ("own", own), ("other", other), ("st", station))
        }
    assert renamed.status_code == 200, renamed.text
    for who in ("head", "own"):  # the province above and the commune itself
        [entry] = logs[who]
        assert entry["unit_id"] == communes[0]["id"] and entry["station_id"] is None
        assert entry["after"]["name"] == "Xã Ia Grai mới"
    assert logs["other"] == [] and logs["st"] == []  # a sibling commune, a station elsewhere
