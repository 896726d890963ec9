"""The API keeps its documented contract: null is refused where a value is required, error
answers are declared with their real body, time fields share one format.

Operations and fields come from the app's OpenAPI document, not from a hand-picked list.
"""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from isolation_world import World, build_world, url_for

from conftest import make_settings, open_client

ERROR_CODES = {"401", "403", "404", "409", "422"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    settings = make_settings(tmp_path_factory.mktemp("contract"), load_demo=True)
    with open_client(settings) as client:
        yield build_world(client, settings)


def _spec(world: World) -> dict[str, Any]:
    return world.client.app.openapi()  # type: ignore[attr-defined,no-any-return]


def _schema(spec: dict[str, Any], ref_or_schema: dict[str, Any]) -> dict[str, Any]:
    ref = ref_or_schema.get("$ref", "")
    return spec["components"]["schemas"][ref.rsplit("/", 1)[-1]] if ref else ref_or_schema


def _accepts_null(schema: dict[str, Any]) -> bool:
    options = schema.get("anyOf", [schema])
    return any(option.get("type") == "null" for option in options)


def _required_fields_of_patches(spec: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, field) for every PATCH body property whose schema does not accept null."""
    found = []
    for path, operations in spec["paths"].items():
        patch = operations.get("patch")
        if patch is None:
            continue
        content = patch["requestBody"]["content"]["application/json"]
        body = _schema(spec, content["schema"])
        for name, schema in body["properties"].items():
            if not _accepts_null(schema):
                found.append((path, name))
    return found


def test_every_patch_route_has_required_fields(world: World) -> None:
    paths = {path for path, _name in _required_fields_of_patches(_spec(world))}
    patches = {path for path, ops in _spec(world)["paths"].items() if "patch" in ops}
    assert paths == patches and len(paths) >= 9


def test_null_for_a_required_field_is_a_422_naming_it(world: World) -> None:
    wrong = {}
    for path, name in _required_fields_of_patches(_spec(world)):
        response = world.client.patch(url_for(path, world.ids), json={name: None})
        body = response.json()
        if response.status_code != 422 or body.get("field") != name:
            wrong[f"{path} {name}"] = (response.status_code, body)
    assert wrong == {}


def test_null_clears_a_field_that_may_be_empty(world: World) -> None:
    path = url_for("/segments/{segment_id}", world.ids)
    cleared = world.client.patch(path, json={"max_per_day": None, "air_end": None})
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["max_per_day"] is None and cleared.json()["air_end"] is None


def test_every_operation_declares_its_error_answers(world: World) -> None:
    spec = _spec(world)
    missing = {}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            expected = _expected_errors(path, method, operation)
            if not expected <= declared:
                missing[f"{method.upper()} {path}"] = sorted(expected - declared)
    assert missing == {}


def _expected_errors(path: str, method: str, operation: dict[str, Any]) -> set[str]:
    """The error statuses an operation can answer, from what it takes."""
    expected = {"422"} if operation.get("parameters") or operation.get("requestBody") else set()
    if operation.get("security") or path not in {"/health", "/auth/login"}:
        expected |= {"401", "403"}
    if "{" in path:
        expected.add("404")
    if method in {"post", "patch", "delete"} and path != "/auth/login":
        expected.add("409")
    return expected


def test_declared_errors_have_the_real_body(world: World) -> None:
    spec = _spec(world)
    bodies = set()
    for operations in spec["paths"].values():
        for operation in operations.values():
            for status, answer in operation["responses"].items():
                if status in ERROR_CODES | {"413"}:
                    bodies.add(answer["content"]["application/json"]["schema"]["$ref"])
    assert bodies == {"#/components/schemas/ErrorBody"}
    error_body = spec["components"]["schemas"]["ErrorBody"]
    assert {"error", "detail"} <= set(error_body["required"])
    assert {"error", "detail", "field", "code"} <= set(error_body["properties"])
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_a_real_error_matches_the_declared_body(world: World) -> None:
    spec = _spec(world)
    error_body = spec["components"]["schemas"]["ErrorBody"]
    answers = [
        world.client.get("/segments/999999"),
        world.client.patch(url_for("/topics/{row_id}", world.ids), json={"weight": "nặng"}),
        world.client.get("/segments", headers={"Authorization": "Bearer sai"}),
    ]
    assert [a.status_code for a in answers] == [404, 422, 401]
    for answer in answers:
        body = answer.json()
        assert set(body) <= set(error_body["properties"]), body
        assert set(error_body["required"]) <= set(body), body


def _time_fields(value: Any, name: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _time_fields(item, key)
    elif isinstance(value, list):
        for item in value:
            yield from _time_fields(item, name)
    elif isinstance(value, str) and (name == "at" or name.endswith("_at")):
        yield name, value


def test_time_fields_are_utc_in_one_format(world: World) -> None:
    seen, wrong = 0, []
    for path, operations in _spec(world)["paths"].items():
        if "get" not in operations:
            continue
        answer = world.client.get(url_for(path, world.ids))
        if not answer.headers.get("content-type", "").startswith("application/json"):
            continue
        for name, value in _time_fields(answer.json()):
            seen += 1
            if not _is_utc_stamp(value):
                wrong.append((path, name, value))
    assert seen >= 20
    assert sorted({(path, name) for path, name, _value in wrong}) == []


def _is_utc_stamp(value: str) -> bool:
    """YYYY-MM-DDTHH:MM:SS, optional fraction, then Z."""
    import re

    return re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", value) is not None


@pytest.mark.parametrize("zone", ["Mars/Olympus", "Asia/Ho Chi Minh", "UTC+7", "../etc/passwd", ""])
def test_an_unknown_time_zone_is_refused(world: World, zone: str) -> None:
    created = world.client.post("/stations", json={"name": "Đài thử", "timezone": zone})
    changed = world.client.patch("/stations/1", json={"timezone": zone})
    for answer in (created, changed):
        assert answer.status_code == 422, answer.text
        assert answer.json()["field"] == "timezone"


def test_a_known_time_zone_is_kept(world: World) -> None:
    created = world.client.post("/stations", json={"name": "Đài Huế", "timezone": "Asia/Bangkok"})
    assert created.status_code == 201, created.text
    assert created.json()["timezone"] == "Asia/Bangkok"


def test_a_method_a_path_lacks_is_405_with_every_allowed_method(world: World) -> None:
    spec = _spec(world)
    checked = 0
    for path, operations in spec["paths"].items():
        if "{" in path or "put" in operations:
            continue
        response = world.client.put(path, json={})
        assert response.status_code == 405, (path, response.text)
        allowed = {method.strip() for method in response.headers["allow"].split(",")}
        assert {method.upper() for method in operations} <= allowed, path
        assert response.json()["error"]
        checked += 1
    assert checked >= 10


def test_an_id_that_is_not_a_number_names_no_resource(world: World) -> None:
    spec = _spec(world)
    checked = 0
    for path, operations in spec["paths"].items():
        if "get" not in operations or "_id}" not in path:
            continue
        wordy = url_for(re.sub(r"\{[a-z_]+_id\}", "abc", path, count=1), world.ids)
        response = world.client.get(wordy)
        assert response.status_code == 404, (wordy, response.status_code)
        assert response.json()["error"]
        checked += 1
    assert checked >= 10


def test_a_body_that_is_not_json_is_a_422(world: World) -> None:
    response = world.client.post(
        "/campaigns", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "body"
