"""Đơn vị page through real HTTP: the tree with its stations, for admins; units on the role grid."""

import re
from pathlib import Path

from web_helpers import browser_as, web_app

from broadcast.models.accounts import Role

from conftest import make_settings
from factories import post_json


def test_the_tree_shows_province_communes_and_stations(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        province = post_json(admin, "/units", {"name": "Tỉnh Hà Tĩnh", "kind": "province"})
        ward = post_json(
            admin,
            "/units",
            {"name": "Phường Thành Sen", "kind": "commune", "parent_id": province["id"]},
        )
        other = post_json(
            admin, "/units", {"name": "Xã Thạch Hà", "kind": "commune", "parent_id": province["id"]}
        )
        assert admin.patch("/stations/1", json={"unit_id": ward["id"]}).status_code == 200
        page = admin.get("/don-vi").text
        commune_admin = browser_as(admin, settings, "qt-xa", Role.ADMIN, unit_id=other["id"])
        theirs = commune_admin.get("/don-vi").text
        roles = admin.get("/nguoi-dung").text
        editor = browser_as(admin, settings, "bt-dai", Role.EDITOR, station_id=1)
        refused = editor.get("/don-vi")
    tree = re.search(r'data-testid="unit-tree">(.*?)</section>', page, re.S)
    assert tree is not None
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tree.group(1)))
    chain = "Tỉnh Hà Tĩnh Tỉnh/Thành phố Phường Thành Sen Xã/Phường Đài: Đài truyền thanh"
    assert chain + " phường Quang Trung" in text
    assert "Xã Thạch Hà" in text and 'id="unit-create-form"' in page
    assert 'id="station-unit-1" data-api="/stations/1" data-method="PATCH"' in page
    assert f'<option value="{ward["id"]}" selected>' in page
    assert (
        "Xã Thạch Hà" in theirs and "Phường Thành Sen" not in theirs and "Quang Trung" not in theirs
    )
    assert 'value="province"' not in theirs  # a commune's admin creates no province
    assert f'id="nu-editor-u{province["id"]}"' in roles  # a role on the province is offered
    assert refused.status_code == 403 and "Đơn vị" in refused.text


def test_a_managed_unit_is_renamed_moved_and_deleted_from_the_page(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN) as admin:
        north = post_json(admin, "/units", {"name": "Tỉnh Bắc", "kind": "province"})
        south = post_json(admin, "/units", {"name": "Tỉnh Nam", "kind": "province"})
        ward = post_json(
            admin, "/units", {"name": "Phường Một", "kind": "commune", "parent_id": north["id"]}
        )
        assert admin.patch("/stations/1", json={"unit_id": ward["id"]}).status_code == 200
        empty = post_json(
            admin, "/units", {"name": "Xã Trống", "kind": "commune", "parent_id": south["id"]}
        )
        page = admin.get("/don-vi").text
        commune_admin = browser_as(admin, settings, "qt-mot", Role.ADMIN, unit_id=ward["id"])
        theirs = commune_admin.get("/don-vi").text
    form = re.search(rf'id="unit-form-{ward["id"]}".*?</form>', page, re.S)
    assert form is not None
    assert f'data-api="/units/{ward["id"]}" data-method="PATCH"' in form.group(0)
    assert f'<option value="{north["id"]}" selected>' in form.group(0)  # moved with this select
    assert f'<option value="{south["id"]}"' in form.group(0)
    assert f'<option value="{ward["id"]}"' not in form.group(0)  # never under itself
    assert f'data-testid="unit-delete-{ward["id"]}"' not in page  # it holds a station
    assert f'data-testid="unit-delete-{empty["id"]}"' in page
    assert f'id="u{north["id"]}-parent_id"' not in page  # a province has no parent
    assert f'id="unit-form-{ward["id"]}"' in theirs  # its admin renames it
    assert f'id="unit-form-{north["id"]}"' not in theirs  # not the province above
