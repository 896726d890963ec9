"""Re-import over HTTP: a plan the station has is refused as a new campaign, previewed and
applied as an update; a draft campaign is deleted, an active one is not."""

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from broadcast import models as m
from broadcast.config import Settings
from broadcast.db import get_engine

from conftest import make_settings, open_client

ROOT = Path(__file__).parents[2]
SEED = ROOT / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"
COMMUNE = ROOT / "tests" / "fixtures" / "plans" / "ke-hoach-dai-hoi-xa-2020.txt"


def _file(path: Path, text: str | None = None) -> dict[str, Any]:
    data = text.encode() if text is not None else path.read_bytes()
    return {"file": (path.name, data, "text/plain")}


def _campaigns(settings: Settings) -> list[m.Campaign]:
    with Session(get_engine(settings.db_url)) as db:
        return list(db.exec(select(m.Campaign)).all())


def test_the_demo_plan_is_offered_as_an_update_of_the_demo_campaign(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        refused = client.post("/campaigns/import", files=_file(SEED), data={"station_id": "1"})
        assert refused.status_code == 409, refused.text
        assert refused.json()["code"] == "campaign.plan_exists"
        assert "đã có kế hoạch này" in refused.json()["detail"]
        preview = client.post("/campaigns/import/preview", files=_file(SEED), data={})
        assert preview.status_code == 200, preview.text
        body = preview.json()
        assert body["match"]["id"] == 1 and body["document"]["number"] == "192/KH-UBND"
        changes = body["changes"]
        assert not changes["empty"] and changes["segments"]["blocking"] == []
        assert len(changes["events"]["added"]) == 7  # the plan's commemorations
        applied = client.post("/campaigns/1/reimport", files=_file(SEED))
        assert applied.status_code == 200, applied.text
        assert applied.json()["changes"]["count"] == changes["count"]
        again = client.post("/campaigns/1/reimport/preview", files=_file(SEED))
        assert again.status_code == 200 and again.json()["changes"]["empty"] is True
        record = client.get("/campaigns/1/import")
        assert record.status_code == 200 and record.json()["filename"] == SEED.name
        copy = client.post("/campaigns/import", files=_file(SEED), data={"as_new": "true"})
        assert copy.status_code == 201, copy.text
    assert len(_campaigns(settings)) == 2


def test_another_plan_is_refused_naming_the_file(client: TestClient) -> None:
    station = client.post("/stations", json={"name": "Đài xã"}).json()["id"]
    draft = client.post("/campaigns/import", files=_file(COMMUNE), data={"station_id": station})
    assert draft.status_code == 201, draft.text
    campaign_id = draft.json()["campaign"]["id"]
    other = client.post(f"/campaigns/{campaign_id}/reimport", files=_file(SEED))
    assert other.status_code == 422 and other.json()["field"] == "file"
    assert other.json()["code"] == "campaign.other_plan"
    none = client.post("/campaigns/import/preview", files=_file(SEED), data={"station_id": station})
    assert none.status_code == 200 and none.json()["match"] is None
    assert client.post("/campaigns/999/reimport", files=_file(COMMUNE)).status_code == 404


def test_a_draft_is_deleted_and_an_active_campaign_only_archived(
    client: TestClient, settings: Settings
) -> None:
    station = client.post("/stations", json={"name": "Đài xã"}).json()["id"]
    draft = client.post("/campaigns/import", files=_file(COMMUNE), data={"station_id": station})
    campaign_id = draft.json()["campaign"]["id"]
    assert client.delete(f"/campaigns/{campaign_id}").status_code == 204
    assert _campaigns(settings) == []
    with Session(get_engine(settings.db_url)) as db:
        assert db.exec(select(m.Segment)).all() == [] and db.exec(select(m.Phase)).all() == []
    again = client.post("/campaigns/import", files=_file(COMMUNE), data={"station_id": station})
    campaign_id = again.json()["campaign"]["id"]
    assert client.post(f"/campaigns/{campaign_id}/activate").status_code == 200
    refused = client.delete(f"/campaigns/{campaign_id}")
    assert refused.status_code == 409 and refused.json()["code"] == "campaign.not_draft"
    archived = client.patch(f"/campaigns/{campaign_id}", json={"status": "archived"})
    assert archived.status_code == 200


def test_a_draft_with_a_scheduled_segment_is_not_deleted(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with open_client(settings) as client:
        session = client.post(
            "/playlists/generate", json={"station_id": 1, "day": "2020-10-05", "slot_id": 1}
        ).json()
        assert client.patch("/campaigns/1", json={"status": "draft"}).status_code == 200
        refused = client.delete("/campaigns/1")
        assert refused.status_code == 409, refused.text
        assert refused.json()["code"] == "campaign.scheduled"
        assert session["items"], session
    assert len(_campaigns(settings)) == 1
