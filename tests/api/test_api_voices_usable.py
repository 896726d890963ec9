"""GET /voices says which voices can speak now: a cloud voice needs its key, and a station
asked about must still have characters left in its monthly budget."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from broadcast.access import SYSTEM
from broadcast.db import get_engine, transaction
from broadcast.models import Role, VoiceUsage
from broadcast.models.common import utcnow
from broadcast.models.station import local_now

from conftest import make_settings, open_client
from factories import add_user, bearer, create_station


def by_name(client: TestClient, **params: Any) -> dict[str, dict[str, Any]]:
    response = client.get("/voices", params=params)
    assert response.status_code == 200, response.text
    return {v["name"]: v for v in response.json()}


def test_a_cloud_voice_without_its_key_is_listed_as_not_configured(tmp_path: Path) -> None:
    with open_client(make_settings(tmp_path)) as client:
        voices = by_name(client)
    google = voices["google-vi-nu"]
    assert (google["cloud"], google["usable"], google["reason"]) == (
        True,
        False,
        "voice.not_configured",
    )
    assert "LOA_GOOGLE_TTS_KEY" in google["reason_text"]
    assert voices["azure-vi-hoaimy"]["reason"] == "voice.not_configured"
    assert voices["vi"]["usable"] and voices["vi"]["cloud"] is False


def test_a_configured_voice_is_usable_until_the_station_budget_is_spent(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, fpt_tts_key="fpt-key-xyz", cloud_tts_monthly_chars=500)
    with open_client(settings) as client:
        engine = get_engine(settings.db_url)
        with transaction(engine, SYSTEM) as db:
            station = create_station(db)
            station_id = station.id
            month = local_now(station, utcnow()).strftime("%Y-%m")
        assert by_name(client)["fpt-banmai"]["usable"]
        fresh = by_name(client, station_id=station_id)["fpt-banmai"]
        assert (fresh["usable"], fresh["characters_used"], fresh["characters_budget"]) == (
            True,
            0,
            500,
        )
        with Session(engine) as db:
            db.add(VoiceUsage(station_id=station_id, engine="fpt", month=month, characters=500))
            db.commit()
        spent = by_name(client, station_id=station_id)
        assert (spent["fpt-banmai"]["usable"], spent["fpt-banmai"]["reason"]) == (
            False,
            "voice.budget_exhausted",
        )
        assert spent["fpt-banmai"]["characters_used"] == 500
        assert spent["google-vi-nu"]["reason"] == "voice.not_configured"
        assert "fpt-key-xyz" not in client.get("/voices").text


def test_another_stations_budget_is_not_shown(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with open_client(settings) as client:
        engine = get_engine(settings.db_url)
        with transaction(engine, SYSTEM) as db:
            mine, other = create_station(db), create_station(db, name="Đài khác")
            mine_id, other_id = mine.id, other.id
        _id, token = add_user(engine, "bientap", Role.EDITOR, station_id=mine_id)
        headers = bearer(token)
        assert client.get("/voices", params={"station_id": mine_id}, headers=headers).is_success
        hidden = client.get("/voices", params={"station_id": other_id}, headers=headers)
        assert hidden.status_code == 404
        assert client.get("/voices", params={"station_id": 999}).status_code == 404
