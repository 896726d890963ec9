"""A user who works on one station does not see another station's pages by id."""

from pathlib import Path

from web_helpers import browser_as, web_app

from broadcast.models.accounts import Role

from conftest import make_settings


def test_pages_of_another_station_answer_not_found(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        other = admin.post("/stations", json={"name": "Đài xã Bên Cạnh"}).json()
        day = {"station_id": 1, "day": "2020-10-07", "slot_id": 1}
        session = admin.post("/playlists/generate", json=day).json()
        pages = [f"/lich-phat/{session['id']}", "/chuyen-muc/1", "/thu-am/1", "/chien-dich/1"]
        for page in pages:
            assert admin.get(page).status_code == 200, page
        neighbour = browser_as(admin, settings, "xa-ben", Role.VIEWER, other["id"])
        for page in pages:
            assert neighbour.get(page).status_code == 404, page
