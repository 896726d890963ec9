"""Chờ duyệt through real HTTP: the queue's contents and order, the counts in the menu and on
the dashboard, the review buttons by role, other stations kept out, importer drafts apart."""

import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlmodel import Session
from web_helpers import browser_as, web_app

from broadcast import models as m
from broadcast.db import get_engine
from broadcast.jobs.runner import run_pending
from broadcast.models.accounts import Role

from conftest import make_settings
from factories import post_json

ITEM = re.compile(r'<li class="card review-item" data-review="(\d+)" data-class="(\w+)"')
ROW = re.compile(r'<tr data-segment="(\d+)">')
NAV_COUNT = re.compile(r'href="/cho-duyet[^"]*"[^>]*>Chờ duyệt <span class="nav-count"[^>]*>(\d+)')
SEED = Path(__file__).parents[2] / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"


def _send(client: TestClient, title: str, station_id: int = 1, **extra: object) -> int:
    body = {"station_id": station_id, "title": title, "script": "Kính thưa bà con. " + title}
    segment = post_json(client, "/segments", body | extra)
    sent = client.post(f"/segments/{segment['id']}/submit", json={"note": f"Nhờ duyệt {title}"})
    assert sent.status_code == 200, sent.text
    return int(segment["id"])


def test_queue_lists_what_waits_emergency_first_with_audio_and_text(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        other = post_json(admin, "/stations", {"name": "Đài xã Bên Cạnh"})
        editor = browser_as(admin, settings, "bientap", Role.EDITOR, 1)
        normal = _send(editor, "Họp tổ dân phố")
        urgent = _send(editor, "Cắt điện khẩn", bulletin_class="emergency")
        elsewhere = _send(admin, "Tin của xã bên", station_id=other["id"])
        run_pending(get_engine(settings.db_url), settings)  # the speech the approver listens to
        approver = browser_as(admin, settings, "duyetvien", Role.APPROVER, 1)
        queue = approver.get("/cho-duyet").text
        home = approver.get("/").text
        editor_home = editor.get("/").text
        editor_queue = editor.get("/cho-duyet").text
    assert ITEM.findall(queue) == [(str(urgent), "emergency"), (str(normal), "normal")]
    assert str(elsewhere) not in {item for item, _ in ITEM.findall(queue)}
    assert "Tin của xã bên" not in queue and "Tin của xã bên" not in home
    assert 'class="review-author">bientap<' in queue and "Nhờ duyệt Họp tổ dân phố" in queue
    assert f'src="/segments/{normal}/audio?v=' in queue  # listen and read in one place
    assert '<p class="spoken review-spoken">kính thưa bà con. họp tổ dân phố' in queue.lower()
    assert queue.count('data-testid="review-approve"') == 2
    assert '"reviewed_hash": "' in queue
    assert NAV_COUNT.findall(queue) == ["2"] and NAV_COUNT.findall(home) == ["2"]
    assert 'id="review-waiting" data-count="2"' in home
    assert home.index("Cắt điện khẩn") < home.index("Họp tổ dân phố")
    assert 'id="review-summary"' not in editor_home  # editors do not approve
    assert 'href="/cho-duyet' not in editor_home  # nor see the queue in their menu
    assert 'data-testid="review-approve"' not in editor_queue and ITEM.findall(editor_queue)


def test_the_author_sees_their_item_without_an_approve_button(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        mine = _send(admin, "Tin tôi viết")
        queue = admin.get("/cho-duyet").text
    assert ITEM.findall(queue) == [(str(mine), "normal")]
    assert 'data-testid="review-approve"' not in queue
    assert "nguyên tắc bốn mắt" in queue
    assert 'data-testid="review-return"' in queue  # returning one's own is still possible


def test_lexicon_returned_segments_wait_in_the_queue_marked(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        with Session(get_engine(settings.db_url)) as db:
            row = db.get(m.Segment, 2)
            assert row is not None
            row.status, row.lexicon_returned = m.SegmentStatus.DRAFT, True
            db.add(row)
            db.commit()
        approver = browser_as(admin, settings, "duyetvien", Role.APPROVER, 1)
        queue = approver.get("/cho-duyet").text
    assert [item for item, _ in ITEM.findall(queue)] == ["2"]
    assert 'data-reason="lexicon"' in queue and 'data-testid="relisten-mark"' in queue


def test_segment_page_sends_for_review_and_shows_the_returned_note(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.EDITOR, "bientap") as editor:
        segment = post_json(editor, "/segments", {"station_id": 1, "title": "Tin", "script": "A."})
        page = f"/chuyen-muc/{segment['id']}"
        draft = editor.get(page).text
        editor.post(f"/segments/{segment['id']}/submit", json={"note": "Nhờ xem giúp"})
        waiting = editor.get(page).text
        approver = browser_as(editor, settings, "duyetvien", Role.APPROVER, 1)
        approver.post(f"/segments/{segment['id']}/return", json={"note": "Thiếu giờ họp"})
        returned = editor.get(page).text
        editor_home = editor.get("/").text
        approver_home = approver.get("/").text
    assert 'data-testid="submit-button"' in draft and 'data-action="/segments/' in draft
    assert 'data-testid="submit-button"' not in waiting
    assert 'id="submitted-note"' in waiting and 'id="submit-note">Nhờ xem giúp<' in waiting
    assert 'data-status="submitted"' in waiting and "Chờ duyệt" in waiting
    assert 'id="review-note">Thiếu giờ họp<' in returned
    assert 'data-testid="returned-note"' in returned and "«Thiếu giờ họp»" in returned
    assert f'<li data-returned="{segment["id"]}"><a href="{page}">Tin</a>' in editor_home
    assert "Thiếu giờ họp" in editor_home
    assert 'id="returned-summary"' not in approver_home  # approvers do not rewrite
    assert 'data-testid="submit-button"' in returned


def test_importer_drafts_are_kept_apart(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings) as admin:
        files = {"file": (SEED.name, SEED.read_bytes(), "text/plain")}
        copy = {"as_new": "true"}  # the demo station already has this plan: a copy on purpose
        assert admin.post("/campaigns/import", files=files, data=copy).status_code == 201
        written = admin.get("/chuyen-muc").text
        templates = admin.get("/chuyen-muc?origin=template").text
        everything = admin.get("/chuyen-muc?origin=all").text
        everything_two = admin.get("/chuyen-muc?origin=all&page=2").text
        queue = admin.get("/cho-duyet").text
        first = ROW.findall(templates)[0]
        admin.patch(f"/segments/{first}", json={"script": "Kính thưa bà con, đã sửa."})
        after = admin.get("/chuyen-muc").text
    assert len(ROW.findall(written)) == 22 and 'id="templates-hidden" data-count="27"' in written
    assert len(ROW.findall(templates)) == 25 and 'data-total="27"' in templates  # 25 a page
    assert "Bản mẫu từ kế hoạch" in templates
    assert len(ROW.findall(everything)) + len(ROW.findall(everything_two)) == 49
    assert 'data-total="49"' in everything
    assert ITEM.findall(queue) == []
    assert first in ROW.findall(after) and 'data-count="26"' in after
