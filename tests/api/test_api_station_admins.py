"""A station's admin manages its own station and its people, never wider than their own role."""

from pathlib import Path

from isolation_world import wav_bytes

from broadcast.db import get_engine
from broadcast.jobs.runner import run_pending
from broadcast.models.accounts import Role

from conftest import make_settings, open_client
from factories import add_user, bearer

PASSWORD = "mat-khau-du-dai"


def test_station_admins_stay_inside_their_station(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        engine = get_engine(settings.db_url)
        other = client.post("/stations", json={"name": "Đài xã Bên Kia"}).json()["id"]
        admin_here = bearer(add_user(engine, "qt-xa", Role.ADMIN, other)[1])
        neighbour_id, _ = add_user(engine, "bt-phuong", Role.EDITOR, 1)
        global_id = client.get("/auth/me").json()["user"]["id"]

        def new_user(name: str, role: str, station: int | None) -> int:
            body = {"username": name, "password": PASSWORD, "roles": [{"role": role}]}
            body["roles"][0]["station_id"] = station  # type: ignore[index]
            return client.post("/users", json=body, headers=admin_here).status_code

        assert new_user("bt-xa", "editor", other) == 201
        assert new_user("qt-toan-tinh", "admin", None) == 403  # a role on every station
        assert new_user("bt-phuong-2", "editor", 1) == 422  # another station reads as missing
        listed = {u["username"] for u in client.get("/users", headers=admin_here).json()}
        assert "bt-xa" in listed and "qt-xa" in listed and "bt-phuong" not in listed
        assert client.get(f"/users/{neighbour_id}", headers=admin_here).status_code == 404
        demote = {"roles": [{"role": "viewer", "station_id": other}]}
        assert (
            client.patch(f"/users/{global_id}", json=demote, headers=admin_here).status_code == 403
        )
        assert client.post("/stations", json={"name": "Mới"}, headers=admin_here).status_code == 403
        rename = client.patch(f"/stations/{other}", json={"locality": "Xã X"}, headers=admin_here)
        assert rename.status_code == 200, rename.text
        assert (
            client.patch("/stations/1", json={"name": "Đổi"}, headers=admin_here).status_code == 404
        )


def test_a_token_is_revoked_by_its_owner_or_by_who_manages_its_user(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        engine = get_engine(settings.db_url)
        _uid, editor = add_user(engine, "bt-1", Role.EDITOR, 1)
        _vid, viewer = add_user(engine, "xem-1", Role.VIEWER, 1)
        token_id = client.get("/auth/tokens", headers=bearer(editor)).json()[0]["id"]
        refused = client.delete(f"/auth/tokens/{token_id}", headers=bearer(viewer))
        assert refused.status_code == 403 and refused.json()["code"] == "token.not_own"
        revoked = client.delete(f"/auth/tokens/{token_id}")  # the global admin manages everyone
        assert revoked.status_code == 200, revoked.text
        assert client.get("/auth/me", headers=bearer(editor)).status_code == 401


def test_a_station_plays_only_its_own_audio_as_jingle_or_bed(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        other = client.post("/stations", json={"name": "Đài xã Bên Kia"}).json()["id"]
        assets = {}
        for station in (1, other):
            body = {"station_id": station, "title": "Nhạc hiệu", "kind": "jingle", "script": ""}
            segment = client.post("/segments", json=body).json()
            upload = {"file": ("nhac.wav", wav_bytes(500 + station), "audio/wav")}
            answer = client.post(f"/segments/{segment['id']}/audio", files=upload)
            assert answer.status_code == 200, answer.text
            assets[station] = answer.json()["audio_asset_id"]
        own = client.patch("/stations/1", json={"jingle_asset_id": assets[1]})
        assert own.status_code == 200, own.text
        foreign = client.patch("/stations/1", json={"bed_asset_id": assets[other]})
        assert foreign.status_code == 422 and foreign.json()["field"] == "bed_asset_id"


def test_a_station_admin_runs_the_scheduler_for_their_station_only(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        engine = get_engine(settings.db_url)
        other = client.post("/stations", json={"name": "Đài xã Bên Kia"}).json()["id"]
        admin_here = bearer(add_user(engine, "qt-xa", Role.ADMIN, other)[1])
        viewer_there = bearer(add_user(engine, "xem-phuong", Role.VIEWER, 1)[1])
        job = client.post("/scheduler/run", headers=admin_here).json()
        assert run_pending(engine, settings) == 1
        done = client.get(f"/jobs/{job['id']}", headers=admin_here).json()
        assert [run["station_id"] for run in done["result"]["runs"]] == [other]
        assert client.get(f"/jobs/{job['id']}", headers=viewer_there).status_code == 404
