"""Cài đặt page through real HTTP: station values, slots and voices; write forms for admins only."""

import re
from pathlib import Path

from web_helpers import browser_as, web_app

from api.web.settings_words import shown_voices, voice_words
from audio.tts import get_voice
from broadcast.models.accounts import Role

from conftest import make_settings


def test_admin_gets_forms_with_an_error_slot_for_each_field(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as client:
        page = client.get("/cai-dat")
    assert page.status_code == 200
    assert 'id="station-form"' in page.text and 'data-api="/stations/1"' in page.text
    for name in ("name", "timezone", "target_lufs", "true_peak_dbtp", "processing_preset",
                 "output_profiles", "jingle_mode", "weekdays", "max_seconds", "start"):  # fmt: skip
        assert f'data-error-for="{name}"' in page.text, name
    assert 'value="Đài truyền thanh phường Quang Trung"' in page.text
    assert re.search(r'value="mp3-128k-mono-44100"[^>]*checked', page.text)
    assert page.text.count('data-testid="slot-edit-form"') == 2
    assert 'id="slot-create-form"' in page.text
    assert 'value="06:30"' in page.text and 'value="17:00"' in page.text
    assert 'data-api="/slots/1" data-method="DELETE"' not in page.text  # deletes are buttons
    assert 'data-action="/slots/1" data-method="DELETE"' in page.text


def test_others_see_read_only_values(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        editor = browser_as(admin, settings, "bientap", Role.EDITOR)
        page = editor.get("/cai-dat")
    assert page.status_code == 200
    assert 'id="settings-readonly"' in page.text
    assert "data-api=" not in page.text and "data-action=" not in page.text
    assert "Đài truyền thanh phường Quang Trung" in page.text
    assert "<dd>−16 LUFS</dd>" in page.text  # the loudness target, read-only, in words
    assert "Buổi sáng — 06:30" in page.text and "Buổi chiều — 17:00" in page.text
    assert 'href="/nguoi-dung/toi"' in page.text  # own API tokens, for every user


def test_saved_values_show_and_voices_mark_the_default(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as client:
        saved = client.patch("/stations/1", json={"target_lufs": -18.5, "trim_silence": True})
        slot = client.patch("/slots/2", json={"weekdays": [5, 6], "start": "17:30"})
        refused = client.patch("/slots/1", json={"weekdays": []})
        page = client.get("/cai-dat").text
    assert saved.status_code == 200 and slot.status_code == 200, (saved.text, slot.text)
    assert refused.status_code == 422 and refused.json()["field"] == "weekdays"
    assert "ít nhất một ngày phát" in refused.json()["detail"]
    assert 'value="-18.5"' in page
    assert re.search(r'id="st-trim_silence" checked', page)
    assert "Buổi chiều — 17:30" in page and re.search(r'id="s2-wd5" checked', page)
    assert not re.search(r'id="s2-wd0" checked', page)
    default = re.search(r'id="default-voice">([^<]+)<', page)
    assert default is not None and default.group(1) == settings.voice
    assert f'<tr data-voice="{settings.voice}">' in page
    assert page.count("mặc định</span>") == 1


def test_a_user_without_any_role_gets_notices_not_errors(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        nobody = browser_as(admin, settings, "moi", None)
        pages = {path: nobody.get(path) for path in ("/cai-dat", "/chien-dich", "/nhat-ky")}
        users = nobody.get("/nguoi-dung")
        own = nobody.get("/nguoi-dung/toi")
    for path, page in pages.items():
        assert page.status_code == 200, path
    assert "chưa được giao đài nào" in pages["/cai-dat"].text
    assert "chưa được giao đài nào" in pages["/chien-dich"].text
    assert users.status_code == 403 and own.status_code == 200


def test_settings_speak_plain_vietnamese_with_the_technical_value_in_small_print(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        page = admin.get("/cai-dat").text
        editor = browser_as(admin, settings, "bientap", Role.EDITOR)
        read_only = editor.get("/cai-dat").text
    assert re.search(
        r'for="st-target_lufs">Độ to chuẩn phát thanh <small class="tech">\(LUFS\)', page
    )
    assert re.search(r'for="st-true_peak_dbtp">Mức đỉnh tối đa <small class="tech">\(dBTP\)', page)
    profile = re.search(r'value="mp3-128k-mono-44100"[^>]*checked> <span>([^<]+)<small', page)
    assert profile is not None
    assert profile.group(1).strip() == "MP3 128 kbps, mono — nhẹ, hợp loa đường phố"
    assert '<small class="tech">mp3-128k-mono-44100</small>' in page  # the name, small
    assert "<code>mp3-128k-mono-44100</code>" not in page
    assert "eSpeak NG, đọc ngay trên máy chủ" in page  # the engine in words
    assert 'id="voice-env"' in page and "LOA_TTS_ENGINE" in page  # admins: env vars, small
    assert "LOA_TTS_ENGINE" not in read_only and "LOA_DEFAULT_VOICE" not in read_only
    assert "MP3 128 kbps, mono — nhẹ, hợp loa đường phố" in read_only
    assert "T2 T3 T4 T5 T6 · tối đa 15 phút" in read_only  # a slot's length in words


def test_the_fake_voice_shows_only_when_the_server_runs_on_it(tmp_path: Path) -> None:
    real = make_settings(tmp_path / "real", load_demo=True)
    with web_app(real, Role.ADMIN) as admin:
        pages = [admin.get(path).text for path in ("/cai-dat", "/chuyen-muc", "/chuyen-muc/5")]
        api_voices = {v["name"] for v in admin.get("/voices").json()}
    for page in pages:
        assert '<tr data-voice="vi">' in page or 'value="vi"' in page
        assert 'data-voice="fake"' not in page and 'value="fake"' not in page
        assert "giọng thử nghiệm" not in page
    assert "fake" in api_voices  # the JSON list stays complete (machine-readable)
    testing = make_settings(tmp_path / "testing", load_demo=True, tts_engine="fake")
    with web_app(testing, Role.ADMIN) as admin:
        page = admin.get("/cai-dat").text
        form = admin.get("/chuyen-muc").text
    assert '<tr data-voice="fake">' in page and 'value="fake"' in form


def test_cloud_voices_are_offered_only_with_their_key(tmp_path: Path) -> None:
    plain = {v.name for v in shown_voices(make_settings(tmp_path / "a"))}
    assert "vi" in plain and not {"google-vi-nu", "azure-vi-hoaimy", "fpt-banmai"} & plain
    assert "google-vi-nu" in {
        v.name for v in shown_voices(make_settings(tmp_path / "a"), "google-vi-nu")
    }
    keyed = {v.name for v in shown_voices(make_settings(tmp_path / "b", azure_speech_key="k"))}
    assert {"azure-vi-hoaimy", "azure-vi-namminh"} <= keyed and "google-vi-nu" not in keyed
    assert voice_words(get_voice("fpt-banmai")) == "fpt-banmai (FPT.AI, trực tuyến, tính ký tự)"
