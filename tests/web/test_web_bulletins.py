"""Bản tin cấp trên page through real HTTP: the commune's inbox with place and refuse, the
province's bulletins with each receiving station's state."""

import io
import re
import wave
from datetime import date, timedelta
from pathlib import Path

from web_helpers import browser_as, web_app

from broadcast.models.accounts import Role

from conftest import make_settings
from factories import post_json

MONDAY = date.today() + timedelta(days=7 - date.today().weekday())  # next week's Monday


def test_inbox_and_sent_bulletins(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        province = post_json(admin, "/units", {"name": "Tỉnh Nghệ An", "kind": "province"})
        commune = {"name": "Xã Hưng Lộc", "kind": "commune", "parent_id": province["id"]}
        ward = post_json(admin, "/units", commune)
        assert admin.patch("/stations/1", json={"unit_id": ward["id"]}).status_code == 200
        session = post_json(
            admin, "/playlists/generate", {"station_id": 1, "day": str(MONDAY), "slot_id": 1}
        )
        editor = browser_as(admin, settings, "bt-tinh", Role.EDITOR, unit_id=province["id"])
        approver = browser_as(admin, settings, "duyet-tinh", Role.APPROVER, unit_id=province["id"])
        operator = browser_as(admin, settings, "ptv-xa", Role.OPERATOR, unit_id=ward["id"])
        body = {
            "unit_id": province["id"],
            "title": "Tuần lễ an toàn giao thông",
            "script": "Kính thưa bà con, tuần này là tuần lễ an toàn giao thông.",
            "air_start": str(MONDAY),
            "air_end": str(MONDAY + timedelta(days=4)),
        }
        bulletin = post_json(editor, "/bulletins", body)
        draft = editor.get("/ban-tin").text
        waiting = approver.get("/ban-tin").text
        assert approver.post(f"/bulletins/{bulletin['id']}/approve").status_code == 200
        inbox = operator.get("/ban-tin?station=1").text
        sent = editor.get("/ban-tin").text
    assert 'id="bulletin-create-form"' in draft and "chờ duyệt" in draft
    assert 'data-testid="approve-bulletin"' not in draft  # the author does not approve
    assert f'data-action="/bulletins/{bulletin["id"]}/approve"' in waiting
    assert 'data-testid="inbox-row"' in inbox and "Tuần lễ an toàn giao thông" in inbox
    assert "Tỉnh Nghệ An" in inbox and 'data-state="received"' in inbox
    assert 'data-api="/deliveries/' in inbox and f'<option value="{session["id"]}">' in inbox
    assert 'data-testid="refuse-button"' in inbox
    assert 'id="bulletin-create-form"' not in inbox  # a commune operator issues nothing
    assert 'data-testid="issued-bulletin"' not in inbox  # nor sees the province's list
    assert 'data-testid="delivery-row"' in sent and "Đài truyền thanh" in sent
    assert 'data-state="received"' in sent


def _wav() -> bytes:
    """Half a second of a quiet square tone, as WAV bytes."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(bytes((0x00, 0x20) * 400 + (0x00, 0xE0) * 400) * 10)
    return out.getvalue()


def _boxes(page: str, issuer: int, name: str) -> dict[int, str]:
    """The target checkboxes the form shows for one issuing unit: value → label."""
    block = page.split(f'data-issuer="{issuer}"', 1)[1].split('class="target-lists"', 1)[0]
    found = re.findall(rf'name="{name}" value="(\d+)"[^>]*> ([^<\n]+)', block)
    return {int(value): label.strip() for value, label in found}


def test_targets_follow_the_issuing_unit_and_reach_deliveries(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        province = post_json(admin, "/units", {"name": "Tỉnh Hà Tĩnh", "kind": "province"})
        elsewhere = post_json(admin, "/units", {"name": "Tỉnh Khác", "kind": "province"})
        units = {}
        for name, parent in [("Xã Kỳ Anh", province), ("Xã Cẩm Xuyên", province)]:
            body = {"name": name, "kind": "commune", "parent_id": parent["id"]}
            units[name] = post_json(admin, "/units", body)
        far = post_json(
            admin, "/units", {"name": "Xã Xa Lạ", "kind": "commune", "parent_id": elsewhere["id"]}
        )
        assert admin.patch("/stations/1", json={"unit_id": units["Xã Kỳ Anh"]["id"]}).is_success
        second = post_json(admin, "/stations", {"name": "Đài xã Cẩm Xuyên"})
        assert admin.patch(
            f"/stations/{second['id']}", json={"unit_id": units["Xã Cẩm Xuyên"]["id"]}
        ).is_success
        third = post_json(admin, "/stations", {"name": "Đài xã Xa Lạ"})
        assert admin.patch(f"/stations/{third['id']}", json={"unit_id": far["id"]}).is_success
        editor = browser_as(admin, settings, "bt-ht", Role.EDITOR, unit_id=province["id"])
        approver = browser_as(admin, settings, "duyet-ht", Role.APPROVER, unit_id=province["id"])
        form = editor.get("/ban-tin").text
        unit_boxes = _boxes(form, province["id"], "target_unit_ids")
        station_boxes = _boxes(form, province["id"], "target_station_ids")
        window = {"air_start": str(MONDAY), "air_end": str(MONDAY), "script": "Kính thưa bà con."}
        # What the form sends with "chosen": the ticked boxes of the issuing unit's lists.
        by_station = {"target_unit_ids": [], "target_station_ids": [second["id"]]}
        by_unit = {"target_unit_ids": [units["Xã Kỳ Anh"]["id"]], "target_station_ids": []}
        sent = {}
        for title, targets in [("Tin một đài", by_station), ("Tin một xã", by_unit)]:
            body = {"unit_id": province["id"], "title": title, **window, **targets}
            bulletin = post_json(editor, "/bulletins", body)
            approved = approver.post(f"/bulletins/{bulletin['id']}/approve")
            assert approved.status_code == 200, approved.text
            sent[title] = sorted(d["station_id"] for d in approved.json())
        body = {"unit_id": province["id"], "title": "Tin thu âm", **window}
        recorded = post_json(editor, "/bulletins", body)
        recording = {"file": ("tin.wav", _wav(), "audio/wav")}
        assert editor.post(f"/bulletins/{recorded['id']}/audio", files=recording).is_success
        page = editor.get("/ban-tin").text
        heard = approver.get(f"/bulletins/{recorded['id']}/audio")
        unheard = approver.get(f"/bulletins/{bulletin['id']}/audio")  # airs its script
    assert heard.status_code == 200 and heard.headers["content-type"].startswith("audio/")
    assert unheard.status_code == 404
    assert f'<audio controls preload="none" src="/bulletins/{recorded["id"]}/audio"' in page
    assert page.count('data-airs="recording"') == 1 and page.count('data-airs="script"') == 2
    assert page.count('data-testid="bulletin-audio"') == 1  # the draft only
    assert 'data-testid="bulletin-targets"' in form and "<legend>Gửi tới</legend>" in form
    assert unit_boxes == {
        units["Xã Kỳ Anh"]["id"]: "Xã Kỳ Anh",
        units["Xã Cẩm Xuyên"]["id"]: "Xã Cẩm Xuyên",
    }
    assert set(station_boxes) == {1, second["id"]}  # not the other province's station
    assert station_boxes[second["id"]] == "Đài xã Cẩm Xuyên"
    assert sent == {"Tin một đài": [second["id"]], "Tin một xã": [1]}
    assert "POST /bulletins" not in form  # guidance in words, not an API call
    assert page.count('data-testid="delivery-row"') == 2
    assert "Gửi tới: Đài xã Cẩm Xuyên</p>" in page and "Gửi tới: Xã Kỳ Anh</p>" in page
