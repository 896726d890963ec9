"""Chiến dịch pages through real HTTP: list, timeline picture, phases and topics, plan import."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from fastapi.testclient import TestClient
from web_helpers import browser_as, web_app

from broadcast.models.accounts import Role

from conftest import make_settings
from factories import post_json

SVG_NS = "{http://www.w3.org/2000/svg}"
SEED = Path(__file__).parents[2] / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"
DEMO_CODES = {"1.1a", "1.1b", "1.2a", "1.2b", "1.3a", "1.3b"}


def _inline_svg(page: str) -> ET.Element:
    match = re.search(r"<svg .*?</svg>", page, re.S)
    assert match is not None, "no inline SVG on the page"
    return ET.fromstring(match.group(0))


def _groups(svg: ET.Element, css_class: str) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG_NS}g") if css_class in (g.get("class") or "").split()]


def _import_seed(client: TestClient) -> int:
    files = {"file": (SEED.name, SEED.read_bytes(), "text/plain")}
    form = {"station_id": "1", "as_new": "true"}  # the demo campaign is this plan
    response = client.post("/campaigns/import", files=files, data=form)
    assert response.status_code == 201, response.text
    return int(response.json()["campaign"]["id"])


def test_list_and_campaign_page_show_the_demo_plan_read_only_for_viewers(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.VIEWER, "xem") as client:
        listing = client.get("/chien-dich")
        page = client.get("/chien-dich/1")
    assert listing.status_code == 200 and page.status_code == 200
    assert 'data-campaign-id="1"' in listing.text and "192/KH-UBND" in listing.text
    assert "Đang thực hiện" in listing.text
    assert "01/12/2019 – 31/03/2021" in listing.text  # the span of the demo phases
    assert 'id="plan-import-form"' not in listing.text
    assert (
        set(re.findall(r'data-testid="phase" data-phase-id="\d+" data-code="([^"]+)"', page.text))
        == DEMO_CODES
    )
    assert "Sự ra đời và trưởng thành của Đảng Cộng sản Việt Nam" in page.text  # a topic
    assert "Đại hội đại biểu Đảng bộ thành phố Hà Nội lần thứ XVII" in page.text  # an event
    assert 'data-api="/phases/' not in page.text and 'data-api="/topics' not in page.text
    assert 'data-api="/events' not in page.text
    assert 'id="campaign-activate"' not in page.text


def test_timeline_svg_has_every_phase_the_peaks_and_today(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.VIEWER, "xem") as client:
        page = client.get("/chien-dich/1").text
        alone = client.get("/chien-dich/1/timeline.svg")
    assert alone.status_code == 200
    assert alone.headers["content-type"].startswith("image/svg+xml")
    for svg in (_inline_svg(page), ET.fromstring(alone.text)):
        assert svg.tag == f"{SVG_NS}svg"
        assert {g.get("data-code") for g in _groups(svg, "phase")} == DEMO_CODES
        assert not _groups(svg, "open")  # the demo phases are all dated
        assert len(_groups(svg, "peak")) == 2  # 1.2a and 1.2b have "cao điểm"
        assert len(_groups(svg, "event")) == 4
        today = [g for g in svg.iter(f"{SVG_NS}g") if g.get("id") == "today"]
        assert len(today) == 1 and today[0].get("data-inside") == "false"  # the plan is of 2020
    assert 'data-testid="campaign-timeline"' in page


def test_editors_get_forms_for_phases_topics_and_import(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.EDITOR, "bientap") as client:
        listing = client.get("/chien-dich").text
        page = client.get("/chien-dich/1").text
    assert 'id="plan-import-form"' in listing and 'enctype="multipart/form-data"' in listing
    assert 'data-api="/campaigns/import/preview"' in listing and 'data-error-for="file"' in listing
    assert 'id="campaign-create-form"' in listing
    assert page.count('data-testid="phase-edit-form"') == 6
    assert page.count('data-testid="topic-create-form"') == 6
    assert page.count('data-api="/topics/') == 27  # one edit form per demo topic
    assert 'id="phase-create-form"' in page and 'id="campaign-edit-form"' in page
    assert page.count('data-testid="event-edit-form"') == 4 and 'id="event-create-form"' in page
    for name in ("starts_on", "ends_on", "peak_starts_on", "peak_ends_on", "weight", "title"):
        assert f'data-error-for="{name}"' in page


def test_imported_plan_is_reviewed_with_open_bounds_and_refused_activation(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.EDITOR, "bientap") as client:
        campaign_id = _import_seed(client)
        page = client.get(f"/chien-dich/{campaign_id}").text
        refused = client.post(f"/campaigns/{campaign_id}/activate")
        listing = client.get("/chien-dich").text
    assert 'data-testid="import-review"' in page and SEED.name in page
    unresolved = re.search(r'id="import-unresolved".*?</table>', page, re.S)
    assert unresolved is not None
    assert unresolved.group(0).count('class="warn-row"') == 13
    assert "văn bản không nêu ngày diễn ra sự kiện" in unresolved.group(0)
    assert 'id="campaign-activate"' in page and 'id="undated-phases"' in page
    svg = _inline_svg(page)
    open_codes = {g.get("data-code") for g in _groups(svg, "open")}
    assert open_codes == DEMO_CODES  # every imported phase misses a start or end date
    dashed = [r for g in _groups(svg, "open") for r in g.iter(f"{SVG_NS}rect")]
    assert dashed and all(r.get("stroke-dasharray") for r in dashed)
    assert "chưa có ngày" in ET.tostring(svg, encoding="unicode")  # 1.3a has no date at all
    assert refused.status_code == 409 and "1.1a" in refused.json()["detail"]
    assert f'data-campaign-id="{campaign_id}"' in listing and "Bản nháp" in listing


def test_a_campaign_of_another_station_is_not_shown(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        other = post_json(admin, "/stations", {"name": "Đài xã Khác"})
        campaign = post_json(admin, "/campaigns", {"station_id": other["id"], "title": "Riêng"})
        local = browser_as(admin, settings, "bientap1", Role.EDITOR, station_id=1)
        hidden = local.get(f"/chien-dich/{campaign['id']}")
        own = local.get("/chien-dich/1")
        picture = local.get(f"/chien-dich/{campaign['id']}/timeline.svg")
    assert hidden.status_code == 404 and "Không tìm thấy" in hidden.text
    assert picture.status_code == 404
    assert own.status_code == 200


def test_edited_phase_and_new_topic_show_on_the_page(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.EDITOR, "bientap") as client:
        phase = client.get("/phases?campaign_id=1").json()[0]
        body = {"peak_starts_on": "2020-01-06", "peak_ends_on": "2020-01-12", "weight": 2.5}
        edited = client.patch(f"/phases/{phase['id']}", json=body)
        post_json(client, "/topics", {"phase_id": phase["id"], "text": "Chủ đề thêm từ trang web"})
        page = client.get("/chien-dich/1").text
    assert edited.status_code == 200, edited.text
    assert "Chủ đề thêm từ trang web" in page
    assert "Cao điểm 06/01/2020 – 12/01/2020" in page
    assert len(_groups(_inline_svg(page), "peak")) == 3


def test_a_refused_peak_window_names_the_peak_field_of_the_phase_form(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.EDITOR, "bientap") as client:
        phase = client.get("/phases?campaign_id=1").json()[0]
        start, end = phase["starts_on"], phase["ends_on"]
        path = f"/phases/{phase['id']}"
        answers = {
            "late end": client.patch(
                path, json={"peak_starts_on": start, "peak_ends_on": "2099-01-01"}
            ),
            "early start": client.patch(
                path, json={"peak_starts_on": "1999-01-01", "peak_ends_on": end}
            ),
            "end first": client.patch(path, json={"peak_starts_on": end, "peak_ends_on": start}),
            "no start": client.patch(path, json={"peak_starts_on": None, "peak_ends_on": end}),
            "no end": client.patch(path, json={"peak_starts_on": start, "peak_ends_on": None}),
        }
        page = client.get("/chien-dich/1").text
    fields = {name: (r.status_code, r.json()["field"]) for name, r in answers.items()}
    assert fields == {
        "late end": (422, "peak_ends_on"),
        "early start": (422, "peak_starts_on"),
        "end first": (422, "peak_ends_on"),
        "no start": (422, "peak_starts_on"),
        "no end": (422, "peak_ends_on"),
    }
    form = re.search(rf'<form data-api="{path}" data-method="PATCH".*?</form>', page, re.S)
    assert form is not None
    for name in ("peak_starts_on", "peak_ends_on"):  # each input with its own error line
        assert re.search(
            rf'name="{name}" type="date"[^>]*>\s*<p class="field-error" data-error-for="{name}"',
            form.group(0),
        ), name
