"""Từ điển phát âm pages through real HTTP: list and search, forms by role, history, CSV."""

import re

from fastapi.testclient import TestClient
from web_helpers import browser_as, web_app

from broadcast.config import Settings
from broadcast.models.accounts import Role

from factories import post_json

ENTRY_ROW = re.compile(r'<tr data-entry="(\d+)"')


def _station(client: TestClient, name: str = "Đài xã Thử") -> int:
    return int(post_json(client, "/stations", {"name": name})["id"])


def _entry(client: TestClient, **values: object) -> dict[str, object]:
    return post_json(client, "/lexicon", {"author": "quantri"} | values)


def test_list_shows_global_and_station_entries_and_search_narrows(settings: Settings) -> None:
    with web_app(settings, Role.ADMIN) as client:
        station = _station(client)
        other = _station(client, "Đài xã Khác")
        htx = _entry(client, written="HTX", spoken="hợp tác xã", station_id=station)
        zalo = _entry(client, written="Zalo", spoken="da lô", note="Ứng dụng nhắn tin")
        hidden = _entry(client, written="KCN", spoken="khu công nghiệp", station_id=other)
        client.delete(f"/lexicon/{zalo['id']}")
        listing = client.get(f"/tu-dien?station={station}").text
        with_deleted = client.get(f"/tu-dien?station={station}&deleted=true").text
        by_spoken = client.get(f"/tu-dien?station={station}&q=H%E1%BB%A2P").text  # "HỢP"
        by_note = client.get(f"/tu-dien?station={station}&q=nh%E1%BA%AFn&deleted=true").text
        odd = client.get(f"/tu-dien?station={station}&deleted=abc")
    assert ENTRY_ROW.findall(listing) == [str(htx["id"])]
    assert str(hidden["id"]) not in ENTRY_ROW.findall(with_deleted)
    assert sorted(ENTRY_ROW.findall(with_deleted)) == sorted([str(htx["id"]), str(zalo["id"])])
    assert 'class="inactive"' in with_deleted
    assert ENTRY_ROW.findall(by_spoken) == [str(htx["id"])]  # Vietnamese case-insensitive
    assert ENTRY_ROW.findall(by_note) == [str(zalo["id"])]
    assert odd.status_code == 200 and ENTRY_ROW.findall(odd.text) == [str(htx["id"])]
    assert f'href="/lexicon/export.csv?station_id={station}"' in listing


def test_forms_only_for_editors_with_error_slots_next_to_the_fields(settings: Settings) -> None:
    with web_app(settings, Role.EDITOR, "bientap") as editor:
        admin = browser_as(editor, settings, "quantri", Role.ADMIN)
        _station(admin)
        page = editor.get("/tu-dien").text
        viewer = browser_as(editor, settings, "xem", Role.VIEWER)
        viewer_page = viewer.get("/tu-dien").text
        refused = viewer.post("/lexicon", json={"written": "HTX", "spoken": "hợp tác xã"})
    assert 'data-api="/lexicon" data-method="POST"' in page
    assert 'data-api="/lexicon/import"' in page and 'enctype="multipart/form-data"' in page
    for name in ("written", "spoken", "context_before", "context_after", "station_id", "file"):
        assert f'data-error-for="{name}"' in page
    assert 'name="author" value="bientap"' in page
    assert 'id="lexicon-form"' not in viewer_page and 'id="lexicon-import"' not in viewer_page
    assert 'id="lexicon-export"' in viewer_page
    assert refused.status_code == 403


def test_api_refusals_name_the_field_or_the_existing_entry(settings: Settings) -> None:
    with web_app(settings, Role.EDITOR, "bientap") as client:
        first = _entry(client, written="Zalo", spoken="da lô")
        duplicate = client.post("/lexicon", json={"written": "Zalo", "spoken": "gia lô"})
        breaking = client.post("/lexicon", json={"written": "UBND", "spoken": "ủy ban"})
        bad_spoken = client.post("/lexicon", json={"written": "ABC", "spoken": "ABC"})
    assert duplicate.status_code == 409 and f"số {first['id']}" in duplicate.json()["detail"]
    assert breaking.status_code == 422 and breaking.json()["field"] == "spoken"
    assert "ví dụ chuẩn" in breaking.json()["detail"]
    assert bad_spoken.status_code == 422 and bad_spoken.json()["field"] == "spoken"


def test_entry_page_shows_history_and_restores(settings: Settings) -> None:
    with web_app(settings, Role.ADMIN) as client:
        entry = _entry(client, written="Zalo", spoken="da lô")
        path = f"/lexicon/{entry['id']}"
        assert client.patch(path, json={"spoken": "gia lô", "author": "quantri"}).status_code == 200
        edited = client.get(f"/tu-dien/{entry['id']}").text
        assert client.delete(f"{path}?author=quantri").status_code == 204
        deleted = client.get(f"/tu-dien/{entry['id']}").text
        first_change = re.findall(r'data-change="(\d+)"', edited)[-1]
        restore = {"change_id": int(first_change), "author": "quantri"}
        restored = post_json(client, f"{path}/restore", restore, status=200)
        after = client.get(f"/tu-dien/{entry['id']}").text
        missing = client.get("/tu-dien/9999")
    assert f'data-api="/lexicon/{entry["id"]}" data-method="PATCH"' in edited
    assert "<del>da lô</del> → <strong>gia lô</strong>" in edited
    assert 'class="restore-change"' in edited and f'"change_id": {first_change}' in edited
    assert 'id="lexicon-delete"' in edited
    assert 'id="entry-deleted"' in deleted and 'id="lexicon-undelete"' in deleted
    assert "Xoá" in deleted and 'id="lexicon-edit-form"' not in deleted
    assert restored["spoken"] == "da lô" and restored["active"] is True
    assert "Khôi phục" in after and 'id="lexicon-edit-form"' in after
    assert missing.status_code == 404 and 'id="entry-missing"' in missing.text


def test_station_entries_of_other_stations_are_not_shown(settings: Settings) -> None:
    with web_app(settings, Role.ADMIN) as admin:
        own = _station(admin)
        other = _station(admin, "Đài xã Khác")
        theirs = _entry(admin, written="KCN", spoken="khu công nghiệp", station_id=other)
        editor = browser_as(admin, settings, "bientap", Role.EDITOR, station_id=own)
        page = editor.get(f"/tu-dien/{theirs['id']}")
    assert page.status_code == 404


def test_csv_import_and_export_through_the_page_endpoints(settings: Settings) -> None:
    header = "written,spoken,context_before,context_after,kind,scope,note\r\n"
    good = header + "HTX,hợp tác xã,,,abbreviation,global,\r\n"
    bad = header + "KCN,KHU,,,abbreviation,global,\r\n"
    with web_app(settings, Role.EDITOR, "bientap") as client:
        files = {"file": ("tu-dien.csv", good.encode("utf-8"), "text/csv")}
        imported = client.post("/lexicon/import", files=files, data={"author": "bientap"})
        files = {"file": ("sai.csv", bad.encode("utf-8"), "text/csv")}
        refused = client.post("/lexicon/import", files=files, data={"author": "bientap"})
        listing = client.get("/tu-dien").text
        exported = client.get("/lexicon/export.csv")
    assert imported.status_code == 200, imported.text
    assert imported.json() == {"created": 1, "updated": 0, "unchanged": 0, "returned_to_review": []}
    assert refused.status_code == 422 and "dòng 2" in refused.json()["detail"]
    assert ">HTX</a>" in listing and ">KCN</a>" not in listing
    assert exported.status_code == 200 and "HTX,hợp tác xã" in exported.content.decode("utf-8-sig")
