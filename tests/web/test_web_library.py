"""Thư viện âm thanh through real HTTP: the files with duration, loudness and users, search and
kind filters, write controls by role, other stations' files hidden, and the library's files
offered in the settings' jingle and bed selects and in the segment editor."""

import re
from pathlib import Path

from fastapi.testclient import TestClient
from web_helpers import browser_as, web_app

from audio._ffmpeg_gen import generate_tone
from broadcast.models.accounts import Role

from conftest import make_settings


def _add(client: TestClient, tmp_path: Path, kind: str, title: str, freq: float) -> dict:
    path = tmp_path / f"{freq:.0f}.wav"
    generate_tone(path, seconds=1.0, freq=freq)
    files = {"file": (path.name, path.read_bytes(), "audio/wav")}
    answer = client.post(
        "/library", files=files, data={"station_id": "1", "kind": kind, "title": title}
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="item-title">([^<]+)</h3>', html)


def test_the_library_lists_searches_and_filters_the_station_files(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as client:
        jingle = _add(client, tmp_path, "jingle", "Nhạc hiệu sáng", 440)
        _add(client, tmp_path, "bed", "Nền êm", 330)
        client.patch("/stations/1", json={"jingle_asset_id": jingle["asset_id"]})
        page = client.get("/thu-vien")
        beds = client.get("/thu-vien", params={"kind": "bed"})
        found = client.get("/thu-vien", params={"q": "nhac hieu"})
        nothing = client.get("/thu-vien", params={"q": "không có tệp này"})
    assert page.status_code == 200
    assert 'id="dropzone"' in page.text and 'id="upload-files"' in page.text
    assert sorted(_titles(page.text)) == ["Nhạc hiệu sáng", "Nền êm"]
    assert 'class="item-duration">0:01<' in page.text
    assert "Độ lớn vừa" in page.text or "hơn mức chuẩn của đài" in page.text
    assert "LUFS" in page.text and "Đang dùng ở 1 nơi" in page.text
    assert f'src="/assets/{jingle["asset_id"]}/waveform.svg' in page.text
    assert 'class="playhead"' in page.text and 'role="slider"' in page.text
    assert f'data-action="/library/{jingle["id"]}" data-method="DELETE"' in page.text
    assert '<a href="/thu-vien?station=1" aria-current="page">Thư viện âm thanh</a>' in page.text
    assert _titles(beds.text) == ["Nền êm"]
    assert _titles(found.text) == ["Nhạc hiệu sáng"]
    assert _titles(nothing.text) == [] and 'id="library-empty"' in nothing.text


def test_viewers_only_listen_and_other_stations_see_nothing(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        _add(admin, tmp_path, "recording", "Thông báo thu sẵn", 500)
        other = admin.post("/stations", json={"name": "Đài xã Bên Kia"}).json()["id"]
        viewer = browser_as(admin, settings, "xem", Role.VIEWER, 1)
        outsider = browser_as(admin, settings, "ben-kia", Role.ADMIN, other)
        seen = viewer.get("/thu-vien")
        theirs = outsider.get("/thu-vien")
    assert _titles(seen.text) == ["Thông báo thu sẵn"]
    assert 'id="dropzone"' not in seen.text and 'data-method="DELETE"' not in seen.text
    assert "<audio controls" in seen.text
    assert _titles(theirs.text) == [] and "Thông báo thu sẵn" not in theirs.text


def test_settings_and_the_segment_editor_offer_library_files_of_the_right_kind(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as client:
        jingle = _add(client, tmp_path, "jingle", "Nhạc hiệu ngắn", 440)
        theme = _add(client, tmp_path, "theme", "Nhạc mở đầu", 550)
        bed = _add(client, tmp_path, "bed", "Nhạc nền êm", 330)
        body = {"station_id": 1, "title": "Mở đầu", "kind": "opening", "script": ""}
        segment = client.post("/segments", json=body).json()
        page = client.get("/cai-dat")
        editor = client.get(f"/chuyen-muc/{segment['id']}")
    jingle_select = page.text.split('id="st-jingle_asset_id"')[1].split("</select>")[0]
    bed_select = page.text.split('id="st-bed_asset_id"')[1].split("</select>")[0]
    assert f'value="{jingle["asset_id"]}"' in jingle_select
    assert f'value="{theme["asset_id"]}"' in jingle_select
    assert f'value="{bed["asset_id"]}"' not in jingle_select
    assert f'value="{bed["asset_id"]}"' in bed_select and "Nhạc nền êm" in bed_select
    assert 'href="/thu-vien?station=1"' in page.text
    choices = editor.text.split('id="library-item"')[1].split("</select>")[0]
    assert f'value="{theme["id"]}"' in choices and "Nhạc mở đầu" in choices
    assert f'value="{bed["id"]}"' not in choices
    assert 'data-api="/segments/{}/library-audio"'.format(segment["id"]) in editor.text
