"""Chuyên mục pages through real HTTP: list and filters, the editor, four-eyes review by role."""

import re
from pathlib import Path

from fastapi.testclient import TestClient
from web_helpers import browser_as, web_app

from broadcast.config import Settings
from broadcast.db import get_engine
from broadcast.jobs.runner import run_pending
from broadcast.models.accounts import Role

from conftest import make_settings
from factories import post_json

ROW = re.compile(r'<tr data-segment="(\d+)">')


def _new_segment(client: TestClient, **overrides: object) -> dict[str, object]:
    body = {
        "station_id": 1,
        "title": "Thông báo tiêm chủng",
        "script": "Kính thưa bà con. Trạm y tế và XYZQ tổ chức tiêm chủng ngày 05/03/2020.",
    } | overrides
    return post_json(client, "/segments", body)


def test_list_shows_the_demo_segments_and_filters_narrow_it(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.VIEWER, "xem") as client:
        everything = client.get("/chuyen-muc")
        drafts = client.get("/chuyen-muc?status=draft")
        by_title = client.get("/chuyen-muc?q=m%E1%BB%9F%20%C4%91%E1%BA%A7u")  # "mở đầu"
        emergency = client.get("/chuyen-muc?class=emergency")
        phase_one = client.get("/chuyen-muc?phase=1")
        nonsense = client.get("/chuyen-muc?status=bogus&phase=abc&class=zzz")
    assert everything.status_code == 200
    assert len(ROW.findall(everything.text)) == 22
    assert "(22 chuyên mục)" in everything.text
    assert ROW.findall(drafts.text) == []
    assert 'id="no-segments"' in drafts.text
    assert ROW.findall(by_title.text) == ["1"]
    assert "Mở đầu chương trình" in by_title.text
    assert ROW.findall(emergency.text) == []
    assert 0 < len(ROW.findall(phase_one.text)) < 22
    assert len(ROW.findall(nonsense.text)) == 22  # unknown filter values are ignored, not a 500


def test_new_segment_form_only_for_roles_that_edit(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.EDITOR, "bientap") as client:
        editor_page = client.get("/chuyen-muc").text
        viewer = browser_as(client, settings, "xem", Role.VIEWER)
        viewer_page = viewer.get("/chuyen-muc").text
    for hook in ("new-segment-form", "new-title", "new-script", "new-voice", "new-segment-save"):
        assert f'data-testid="{hook}"' in editor_page
    assert 'data-api="/segments"' in editor_page
    assert 'data-redirect="/chuyen-muc/{id}"' in editor_page
    for name in ("title", "script", "voice", "phase_ids", "topic_ids", "air_start"):
        assert f'data-error-for="{name}"' in editor_page
    assert 'name="phase_ids" value="1"' in editor_page
    assert "new-segment-form" not in viewer_page
    assert 'id="no-edit-note"' in viewer_page


def test_editor_shows_unknown_words_and_a_lexicon_entry_resolves_them(settings: Settings) -> None:
    with web_app(settings, Role.ADMIN) as client:
        post_json(client, "/stations", {"name": "Đài xã Thử"})
        created = _new_segment(client)
        before = client.get(f"/chuyen-muc/{created['id']}").text
        entry = {
            "written": "XYZQ",
            "spoken": "ích di dét quy",
            "station_id": 1,
            "author": "quantri",
        }
        post_json(client, "/lexicon", entry)
        after = client.get(f"/chuyen-muc/{created['id']}").text
    assert 'data-testid="unknown-word" data-word="XYZQ"' in before
    assert 'data-testid="lexicon-quick"' in before and 'data-api="/lexicon"' in before
    assert 'data-testid="preview-button"' in before
    assert "mùng năm tháng ba" in before  # the date is read by rule
    assert 'data-word="XYZQ"' not in after
    assert "ích di dét quy" in after and 'class="span-operator"' in after


def test_four_eyes_is_visible_the_author_cannot_approve_another_approver_can(
    settings: Settings,
) -> None:
    with web_app(settings, Role.ADMIN, "tacgia") as author:
        post_json(author, "/stations", {"name": "Đài xã Thử"})
        segment_id = _new_segment(author)["id"]
        own = author.get(f"/chuyen-muc/{segment_id}").text
        approver = browser_as(author, settings, "duyet", Role.APPROVER)
        theirs = approver.get(f"/chuyen-muc/{segment_id}").text
        refused = author.post(f"/segments/{segment_id}/approve", json={"note": ""})
        approved = approver.post(f"/segments/{segment_id}/approve", json={"note": "Đạt"})
        after = approver.get(f"/chuyen-muc/{segment_id}").text
    button = re.search(r'<button[^>]*id="approve-button"[^>]*>', own)
    assert button is not None and "disabled" in button.group(0)
    assert 'id="approve-why"' in own and "nguyên tắc bốn mắt" in own
    assert 'id="segment-author">tacgia<' in own
    their_button = re.search(r'<button[^>]*id="approve-button"[^>]*>', theirs)
    assert their_button is not None and "disabled" not in their_button.group(0)
    assert f'data-action="/segments/{segment_id}/approve"' in their_button.group(0)
    assert 'id="approve-why"' not in theirs
    assert 'id="segment-form"' not in theirs  # approvers review, they do not edit
    assert refused.status_code == 403
    assert approved.status_code == 200, approved.text
    assert 'data-status="approved"' in after and 'id="segment-approver">duyet' in after
    assert "Đạt" in after and 'id="approve-button"' not in after


def test_fast_track_button_only_for_an_admin_on_an_emergency(settings: Settings) -> None:
    with web_app(settings, Role.ADMIN) as admin:
        post_json(admin, "/stations", {"name": "Đài xã Thử"})
        urgent = _new_segment(admin, bulletin_class="emergency", title="Cảnh báo lũ")["id"]
        normal = _new_segment(admin)["id"]
        urgent_page = admin.get(f"/chuyen-muc/{urgent}").text
        normal_page = admin.get(f"/chuyen-muc/{normal}").text
        approver = browser_as(admin, settings, "duyet", Role.APPROVER)
        approver_page = approver.get(f"/chuyen-muc/{urgent}").text
    assert 'id="fast-track-button"' in urgent_page
    assert f'data-action="/segments/{urgent}/fast-track"' in urgent_page
    assert "data-prompt=" in urgent_page
    assert 'id="fast-track-button"' not in normal_page
    assert 'id="fast-track-button"' not in approver_page
    assert 'id="return-button"' in approver_page


def test_editing_controls_follow_the_role(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.OPERATOR, "phatthanh") as operator:
        page = operator.get("/chuyen-muc/2").text
        viewer = browser_as(operator, settings, "xem", Role.VIEWER)
        viewer_page = viewer.get("/chuyen-muc/2").text
        editor = browser_as(operator, settings, "bientap", Role.EDITOR)
        editor_page = editor.get("/chuyen-muc/2").text
        missing = editor.get("/chuyen-muc/9999")
    assert 'id="segment-form"' not in page and 'id="record-link"' in page
    assert 'id="segment-script"' in page  # read-only script instead of the form
    assert 'id="render-speech"' not in viewer_page and 'id="preview-button"' not in viewer_page
    assert 'id="return-button"' not in viewer_page
    assert 'data-testid="segment-save"' in editor_page
    assert 'data-api="/segments/2" data-method="PATCH"' in editor_page
    assert 'id="render-speech"' in editor_page
    assert missing.status_code == 404 and 'id="segment-missing"' in missing.text


def test_segment_audio_is_served_after_the_speech_is_rendered(settings: Settings) -> None:
    with web_app(settings, Role.ADMIN) as client:
        post_json(client, "/stations", {"name": "Đài xã Thử"})
        segment_id = _new_segment(client, script="Kính thưa bà con.")["id"]
        none_yet = client.get(f"/segments/{segment_id}/audio")
        job = post_json(client, f"/segments/{segment_id}/render", {}, status=202)
        waiting = client.get(f"/chuyen-muc/{segment_id}").text
        run_pending(get_engine(settings.db_url), settings)
        assert client.get(f"/jobs/{job['id']}").json()["status"] == "succeeded"
        audio = client.get(f"/segments/{segment_id}/audio")
        page = client.get(f"/chuyen-muc/{segment_id}").text
    assert none_yet.status_code == 404 and none_yet.json()["error"] == "not_found"
    assert f'data-job="{job["id"]}" data-status="queued"' in waiting  # progress while it runs
    assert audio.status_code == 200
    assert audio.headers["content-type"] == "audio/wav"
    assert audio.content[:4] == b"RIFF"
    assert 'data-testid="segment-audio"' in page and "data-job=" not in page
    assert f'src="/segments/{segment_id}/audio?v=' in page
    assert f'src="/segments/{segment_id}/waveform.svg' in page and "data-waveplayer" in page
