"""Nothing blocks the server: every handler runs on a worker thread, so a long import leaves
the event loop free to answer /health."""

import inspect
import threading
import time
from pathlib import Path
from typing import Any

from fastapi.routing import APIRoute

from api.main import create_app
from broadcast.config import Settings
from broadcast.plans.extract import MAX_CHARS

from conftest import make_settings, open_client

SEED = Path(__file__).resolve().parents[2] / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"


def _handlers(routes: list[Any]) -> list[APIRoute]:
    """Every API route, inside included routers too."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found.extend(_handlers(route.original_router.routes))
    return found


def test_every_handler_is_a_plain_function(settings: Settings) -> None:
    handlers = _handlers(create_app(settings).routes)
    assert len(handlers) > 90
    assert [r.path for r in handlers if inspect.iscoroutinefunction(r.endpoint)] == []


def test_health_answers_while_a_large_plan_imports(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    seed = SEED.read_text("utf-8")
    large = (seed * (MAX_CHARS // 8 // len(seed))).encode()  # an eighth of the cap: ~1 s
    with open_client(settings) as client:
        station = client.post("/stations", json={"name": "Đài phường"}).json()["id"]
        result: dict[str, int] = {}

        def run_import() -> None:
            files = {"file": ("ke-hoach.txt", large, "text/plain")}
            answer = client.post("/campaigns/import", files=files, data={"station_id": station})
            result["status"] = answer.status_code

        importer = threading.Thread(target=run_import)
        importer.start()
        waits = []
        while importer.is_alive():
            started = time.perf_counter()
            assert client.get("/health").status_code == 200
            waits.append(time.perf_counter() - started)
            time.sleep(0.02)
        importer.join()
    assert result["status"] in (201, 422), result
    assert len(waits) >= 5, "the import was too short to measure anything"
    assert sorted(waits)[len(waits) // 2] < 0.1, max(waits)  # the median answer under 100 ms
