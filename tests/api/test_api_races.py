"""Requests racing for the same unique value: one is stored, the others answer 409, never 500."""

import threading
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

RACERS = 6


def test_racing_creations_of_one_user_store_one_and_refuse_the_rest(client: TestClient) -> None:
    start = threading.Barrier(RACERS)

    def create(_index: int) -> int:
        start.wait()
        body = {"username": "dua-nhau", "password": "mot-mat-khau-dai"}
        return client.post("/users", json=body).status_code

    with ThreadPoolExecutor(RACERS) as pool:
        statuses = list(pool.map(create, range(RACERS)))
    assert sorted(statuses) == [201] + [409] * (RACERS - 1)
    users = client.get("/users").json()
    assert [u["username"] for u in users].count("dua-nhau") == 1
