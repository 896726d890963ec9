"""Two stations for the isolation tests: station 1 (the demo) holds a row of every kind."""

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from broadcast import models as m
from broadcast.config import Settings
from broadcast.db import get_engine, transaction
from broadcast.models.accounts import ApiToken, Role
from broadcast.stream import hls_folder

from factories import add_user, approved_emergency, bearer, post_json

DAY = "2020-10-07"  # a Wednesday inside the demo campaign
SEED = Path(__file__).resolve().parents[2] / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"


def wav_bytes(period: int = 1000) -> bytes:
    """About half a second of a square-ish tone (other periods, other files): not silent."""
    import wave

    frames = bytes((0x00, 0x40) * period + (0x00, 0xC0) * period) * (6000 // period)
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(frames)
    return out.getvalue()


ROW_ID = {
    "/stations": "station",
    "/slots": "slot",
    "/campaigns": "campaign",
    "/events": "event",
    "/phases": "phase",
    "/topics": "topic",
}
PARAMS = {
    "segment_id": "segment",
    "playlist_id": "session",
    "campaign_id": "campaign",
    "export_id": "export",
    "entry_id": "entry",
    "asset_id": "asset",
    "token_id": "token",
    "user_id": "user",
    "item_id": "library_item",
    "device_id": "device",
    "station_id": "station",
    "alert_id": "alert",
    "unit_id": "unit",
    "bulletin_id": "bulletin",
    "delivery_id": "delivery",
}
JOB_OF = {"/jobs/": "job", "/exports/bundle/": "bundle_job", "/speech/audio/": "preview_job"}


def url_for(path: str, ids: dict[str, int]) -> str:
    """The path with station 1's ids in place of its parameters."""
    url = path.replace("{position}", "0").replace("{name}", "index.m3u8")
    prefix = "/" + path.split("/")[1]
    url = url.replace("{row_id}", str(ids[ROW_ID[prefix]])) if prefix in ROW_ID else url
    for name, kind in PARAMS.items():
        url = url.replace("{" + name + "}", str(ids[kind]))
    for start, kind in JOB_OF.items():
        if path.startswith(start):
            url = url.replace("{job_id}", str(ids[kind]))
    return url


@dataclass
class World:
    """Ids of station 1's rows by kind, and tokens of users of each station."""

    client: TestClient
    ids: dict[str, int] = field(default_factory=dict)
    outsider: dict[str, str] = field(default_factory=dict)  # admin of station 2 only
    insiders: dict[Role, dict[str, str]] = field(default_factory=dict)  # each role, station 1
    device: dict[str, str] = field(default_factory=dict)  # a device of station 1 (role player)
    # Station 1 is in commune A, station 2 in commune B, both under one province.
    commune_b: dict[str, str] = field(default_factory=dict)  # admin of commune B (a unit role)
    province: dict[Role, dict[str, str]] = field(default_factory=dict)  # each role, the province


def _units(world: World, engine: Any, other_station: int) -> None:
    """A province with communes A (station 1) and B (station 2), and users of unit roles."""
    client = world.client
    province = post_json(client, "/units", {"name": "Tỉnh Thử", "kind": "province"})
    communes = [
        post_json(client, "/units", {"name": name, "kind": "commune", "parent_id": province["id"]})
        for name in ("Phường A", "Xã B")
    ]
    for station_id, commune in zip((1, other_station), communes, strict=True):
        moved = client.patch(f"/stations/{station_id}", json={"unit_id": commune["id"]})
        assert moved.status_code == 200, moved.text
    world.ids |= {
        "unit": communes[0]["id"],
        "unit_b": communes[1]["id"],
        "province": province["id"],
    }
    world.commune_b = bearer(add_user(engine, "qt-xa-b", Role.ADMIN, unit_id=communes[1]["id"])[1])
    for role in Role:
        name = f"tinh-{role.value}"
        world.province[role] = bearer(add_user(engine, name, role, unit_id=province["id"])[1])
    _bulletin(world, communes[0]["id"])


def _bulletin(world: World, commune: int) -> None:
    """A normal bulletin commune A issued to its station 1, with a recording, approved: station 1
    received it."""
    client = world.client
    body = {
        "unit_id": commune,
        "title": "Thông báo tiêm chủng",
        "script": "Mời bà con đưa trẻ đi tiêm chủng.",
        "air_start": DAY,
        "air_end": DAY,
    }
    bulletin = post_json(client, "/bulletins", body)
    recording = {"file": ("tiem-chung.wav", wav_bytes(400), "audio/wav")}
    uploaded = client.post(f"/bulletins/{bulletin['id']}/audio", files=recording)
    assert uploaded.status_code == 200, uploaded.text  # GET …/audio then has a file to answer
    approved = client.post(
        f"/bulletins/{bulletin['id']}/approve",
        headers=client.approver_headers,  # type: ignore[attr-defined]
    )
    assert approved.status_code == 200, approved.text
    world.ids |= {"bulletin": bulletin["id"], "delivery": approved.json()[0]["id"]}


def _export_row(settings: Settings, session_id: int, job_id: int) -> int:
    """A finished export of the session, with small files standing for its ZIP and MP3."""
    folder = settings.exports_dir / "isolation"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "session.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (folder / "session.mp3").write_bytes(b"\xff\xfb\x90\x00" * 64)
    with transaction(get_engine(settings.db_url)) as db:
        export = m.Export(
            playlist_id=session_id,
            job_id=job_id,
            zip_path=settings.stored_path(folder / "session.zip"),
            mp3_path=settings.stored_path(folder / "session.mp3"),
            duration_s=1.0,
            integrated_lufs=-16.0,
            true_peak_dbtp=-1.5,
        )
        db.add(export)
        db.flush()
        return export.id or 0


def _first(db: Session, model: Any, **where: Any) -> int:
    query = select(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    row = db.exec(query.order_by(col(model.id))).first()
    assert row is not None, (model, where)
    return int(row.id)


def build_world(client: TestClient, settings: Settings) -> World:
    """Station 2 with its admin; station 1 with a row of every kind and a user of each role."""
    engine = get_engine(settings.db_url)
    world = World(client)
    other = post_json(client, "/stations", {"name": "Đài xã Bên Kia"})
    world.outsider = bearer(add_user(engine, "qt-ben-kia", Role.ADMIN, other["id"])[1])
    for role in Role:
        world.insiders[role] = bearer(add_user(engine, f"phuong-{role.value}", role, 1)[1])
    user_id, _token = add_user(engine, "bt-phuong", Role.EDITOR, 1)
    session = post_json(client, "/playlists/generate", {"station_id": 1, "day": DAY, "slot_id": 1})
    job = client.post(f"/playlists/{session['id']}/export")
    assert job.status_code == 202, job.text
    post_json(client, "/asrun", {"station_id": 1, "status": "aired", "day": DAY, "slot": "06:30"})
    entry = post_json(client, "/lexicon", {"written": "Zalo", "spoken": "da lô", "station_id": 1})
    segment_id = session["items"][1]["segment_id"]
    upload = {"file": ("tin.wav", wav_bytes(), "audio/wav")}
    with_audio = client.post(f"/segments/{segment_id}/audio", files=upload)
    assert with_audio.status_code == 200, with_audio.text
    sound = {"file": ("nhac-hieu.wav", wav_bytes(700), "audio/wav")}
    kept = client.post("/library", files=sound, data={"station_id": "1", "kind": "jingle"})
    assert kept.status_code == 201, kept.text
    plan = {"file": ("ke-hoach.txt", SEED.read_bytes(), "text/plain")}
    as_new = {"station_id": "1", "as_new": "true"}  # the demo campaign is this plan
    imported = client.post("/campaigns/import", files=plan, data=as_new)
    assert imported.status_code == 201, imported.text
    preview = {"text": "Kính thưa bà con.", "voice": "vi", "station_id": 1}
    previewed = client.post("/speech/preview", json=preview)
    assert previewed.status_code == 202, previewed.text
    bundle = client.post("/exports/bundle", json={"station_id": 1, "from": DAY, "to": DAY})
    assert bundle.status_code == 202, bundle.text
    campaign_id = imported.json()["campaign"]["id"]
    device = {"station_id": 1, "name": "Cụm loa chợ", "kind": "ip_receiver"}
    player = post_json(client, "/devices", device)
    world.device = bearer(player["token"])
    approved_emergency(client, 1, "Cảnh báo lũ")  # on air at once: an alert of station 1
    with Session(engine) as db:
        world.ids = {
            "station": 1,
            "campaign": campaign_id,
            "event": _first(db, m.Event, campaign_id=campaign_id),
            "phase": _first(db, m.Phase, campaign_id=campaign_id),
            "topic": _first(db, m.Topic, phase_id=_first(db, m.Phase, campaign_id=1)),
            "slot": 1,
            "segment": segment_id,
            "session": session["id"],
            "job": job.json()["id"],
            "bundle_job": bundle.json()["id"],
            "preview_job": previewed.json()["job_id"],
            "entry": entry["id"],
            "asset": with_audio.json()["audio_asset_id"],
            "user": user_id,
            "library_item": kept.json()["id"],
            "device": player["id"],
            "alert": _first(db, m.Alert, station_id=1),
            "token": _first(db, ApiToken, user_id=user_id),
        }
    world.ids["export"] = _export_row(settings, session["id"], world.ids["job"])
    _units(world, engine, other["id"])
    hls = hls_folder(settings, 1)  # as station 1's live stream writes it
    hls.mkdir(parents=True, exist_ok=True)
    (hls / "index.m3u8").write_text("#EXTM3U\n#EXT-X-TARGETDURATION:2\n", "utf-8")
    return world
