"""The /lexicon API: CRUD, 422 naming the field, 409 conflicts, history, restore, CSV."""

from fastapi.testclient import TestClient

from factories import post_json


def _station(client: TestClient, name: str = "Đài phường Quang Trung") -> int:
    return int(post_json(client, "/stations", {"name": name})["id"])


def test_create_read_update_and_list_by_station(client: TestClient) -> None:
    station_id = _station(client)
    entry = post_json(
        client,
        "/lexicon",
        {"written": "Zalo", "spoken": "da lô", "kind": "name", "author": "An", "note": "ứng dụng"},
    )
    assert entry["scope"] == "global" and entry["active"] is True
    local = post_json(
        client, "/lexicon", {"written": "Zalo", "spoken": "gia lô", "station_id": station_id}
    )
    assert local["scope"] == f"station:{station_id}"
    assert client.get(f"/lexicon/{entry['id']}").json()["spoken"] == "da lô"
    patched = client.patch(f"/lexicon/{entry['id']}", json={"spoken": "đa lô", "author": "Bình"})
    assert patched.status_code == 200, patched.text
    assert patched.json()["spoken"] == "đa lô" and patched.json()["author"] == "Bình"
    mine = client.get(f"/lexicon?station_id={station_id}").json()
    assert [row["id"] for row in mine] == [local["id"]]
    assert len(client.get("/lexicon").json()) == 2


def test_bad_spoken_value_is_422_naming_spoken(client: TestClient) -> None:
    response = client.post("/lexicon", json={"written": "Zalo", "spoken": "Zalo App"})
    assert response.status_code == 422
    assert response.json()["field"] == "spoken"
    missing = client.post("/lexicon", json={"written": "Zalo"})
    assert missing.status_code == 422 and missing.json()["field"] == "spoken"
    assert client.get("/lexicon").json() == []


def test_duplicate_is_409_naming_the_existing_entry(client: TestClient) -> None:
    first = post_json(client, "/lexicon", {"written": "Zalo", "spoken": "da lô"})
    response = client.post("/lexicon", json={"written": "Zalo", "spoken": "gia lô"})
    assert response.status_code == 409
    assert f"số {first['id']}" in response.json()["detail"]


def test_breaking_an_example_is_refused_with_the_case_named(client: TestClient) -> None:
    response = client.post("/lexicon", json={"written": "UBND", "spoken": "ủy ban"})
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "spoken"
    assert "ví dụ chuẩn" in body["detail"] and "ủy ban nhân dân" in body["detail"]


def test_history_delete_and_restore_a_version(client: TestClient) -> None:
    entry = post_json(client, "/lexicon", {"written": "Zalo", "spoken": "da lô", "author": "An"})
    path = f"/lexicon/{entry['id']}"
    assert client.patch(path, json={"spoken": "gia lô"}).status_code == 200
    assert client.delete(f"{path}?author=Chi").status_code == 204
    assert client.get("/lexicon").json() == []
    assert client.get("/lexicon?include_deleted=true").json()[0]["active"] is False
    history = client.get(f"{path}/history").json()
    assert [change["action"] for change in history] == ["create", "update", "delete"]
    assert history[2]["author"] == "Chi"
    restored = post_json(client, f"{path}/restore", {"change_id": history[0]["id"]}, status=200)
    assert restored["active"] is True and restored["spoken"] == "da lô"
    assert client.get(f"{path}/history").json()[-1]["action"] == "restore"
    foreign = client.post(f"{path}/restore", json={"change_id": 999})
    assert foreign.status_code == 422 and foreign.json()["field"] == "change_id"
    assert client.get("/lexicon/424242").status_code == 404


def test_csv_export_then_import_round_trip(client: TestClient) -> None:
    station_id = _station(client)
    post_json(client, "/lexicon", {"written": "Zalo", "spoken": "da lô", "note": "tên, ứng dụng"})
    post_json(
        client,
        "/lexicon",
        {
            "written": "TT",
            "spoken": "truyền thanh",
            "context_before": "đài|loa",
            "station_id": station_id,
        },
    )
    exported = client.get("/lexicon/export.csv")
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    lines = exported.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "written,spoken,context_before,context_after,kind,scope,note"
    assert f"TT,truyền thanh,đài|loa,,abbreviation,station:{station_id}," in lines
    for row in client.get("/lexicon").json():
        assert client.delete(f"/lexicon/{row['id']}").status_code == 204
    files = {"file": ("lexicon.csv", exported.content, "text/csv")}
    imported = client.post("/lexicon/import", files=files, data={"author": "Dũng"})
    assert imported.status_code == 200, imported.text
    assert imported.json() == {"created": 2, "updated": 0, "unchanged": 0, "returned_to_review": []}
    assert client.get("/lexicon/export.csv").content == exported.content
    assert {row["author"] for row in client.get("/lexicon").json()} == {"Dũng"}


def test_bad_csv_row_is_422_naming_row_and_field_and_nothing_is_imported(
    client: TestClient,
) -> None:
    csv_text = "written,spoken,kind\nZalo,da lô,name\nViber,vai bơ,planet\n"
    files = {"file": ("lexicon.csv", csv_text.encode(), "text/csv")}
    response = client.post("/lexicon/import", files=files)
    assert response.status_code == 422
    assert response.json()["field"] == "row[3].kind"
    assert "dòng 3" in response.json()["detail"]
    assert client.get("/lexicon").json() == []
    latin1 = {"file": ("lexicon.csv", "written,spoken\nCà,cà\n".encode("latin-1"), "text/csv")}
    undecodable = client.post("/lexicon/import", files=latin1)
    assert undecodable.status_code == 422 and undecodable.json()["field"] == "file"


def test_hostile_input_is_a_clear_4xx_naming_the_field(client: TestClient) -> None:
    huge = 99_999_999_999_999
    cases = [
        ("/lexicon", {"written": "Zalo", "spoken": "da lô", "station_id": huge}, "station_id"),
        ("/lexicon", {"written": "Za\x00lo", "spoken": "da lô"}, "written"),
        ("/lexicon", {"written": "Zalo", "spoken": "da lô", "kind": "planet"}, "kind"),
        ("/speech/preview", {"text": "xin\x00chào"}, "text"),
    ]
    for path, body, field in cases:
        response = client.post(path, json=body)
        assert response.status_code == 422, response.text
        assert response.json()["field"] == field
    nul = {"file": ("lexicon.csv", b"written,spoken\nZa\x00lo,da l\xc3\xb4\n", "text/csv")}
    refused = client.post("/lexicon/import", files=nul)
    assert refused.status_code == 422 and refused.json()["field"] in ("file", "row[2].written")
    ragged = b"written,spoken\nZalo,da l\xc3\xb4,extra,cells\nViber\n"
    response = client.post("/lexicon/import", files={"file": ("l.csv", ragged, "text/csv")})
    assert response.status_code == 422 and response.json()["field"] == "row[3].spoken"
    assert client.get("/lexicon").json() == []
