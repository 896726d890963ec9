"""Real-browser test support: the app on a live port, Debian's Chromium driven by Playwright.

Test modules load it with ``pytest_plugins = ["browser_support"]``; it provides the fixtures
``chromium_browser`` (one headless Chromium per test session), ``live_server`` (one app with the
demo campaign and the job worker per module) and ``ui_factory`` (browser tabs that log in
through the real login form, collect console errors and save screenshots).
"""

import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx2 as httpx  # the declared test dependency (starlette uses it too)
import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Locator,
    Page,
    ViewportSize,
    expect,
    sync_playwright,
)

from api.main import create_app
from broadcast.config import Settings
from broadcast.db import get_engine
from broadcast.jobs.worker import JobWorker
from broadcast.models.accounts import Role

from conftest import make_settings
from factories import TEST_PASSWORD, add_user, bearer

CHROMIUM = Path(os.environ.get("LOA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]
REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "test-output" / "screenshots"
DESKTOP = ViewportSize(width=1280, height=900)
PHONE = ViewportSize(width=390, height=844)
WAIT_MS = 20_000  # the machine may be busy with the rest of the suite
expect.set_options(timeout=WAIT_MS)
# A rule like `button { display: inline-block }` beats the browser's own `[hidden]` rule.
HIDDEN_BUT_SHOWN = """() => Array.from(document.querySelectorAll('[hidden]'))
  .filter((el) => getComputedStyle(el).display !== 'none')
  .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''))"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    """The whole app (pages, API, job worker) served by uvicorn in a background thread."""

    settings: Settings
    url: str
    app: FastAPI
    admin_token: str
    users: dict[str, int] = field(default_factory=dict)

    def add_user(self, username: str, role: Role | None, station_id: int | None = None) -> int:
        """A new account with one role and the test password; returns its id."""
        user_id, _token = add_user(get_engine(self.settings.db_url), username, role, station_id)
        self.users[username] = user_id
        return user_id

    def api(self, method: str, path: str, body: Any = None, status: int | None = None) -> Any:
        """Call the JSON API as an admin (Bearer token); assert the status when given."""
        with httpx.Client(base_url=self.url, headers=bearer(self.admin_token), timeout=60) as c:
            response = c.request(method, path, json=body)
        if status is not None:
            assert response.status_code == status, response.text
        return response.json() if response.content else None

    def wait_job(self, job_id: int, timeout_s: float = 60.0) -> dict[str, Any]:
        """Poll a job until it finishes; its JSON (the test fails if it never does)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            job: dict[str, Any] = self.api("GET", f"/jobs/{job_id}", status=200)
            if job["status"] in {"succeeded", "failed"}:
                return job
            time.sleep(0.2)
        raise AssertionError(f"job {job_id} did not finish in {timeout_s} s")

    @contextmanager
    def jobs_paused(self) -> Iterator[None]:
        """Hold queued jobs while the block runs (to watch a progress bar from 0 %)."""
        worker: JobWorker = self.app.state.worker
        worker.stop()
        try:
            yield
        finally:
            fresh = JobWorker(self.app.state.engine, self.settings)
            fresh.start()
            self.app.state.worker = fresh


def _serve(app: FastAPI) -> tuple[uvicorn.Server, threading.Thread, str]:
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and thread.is_alive():
        try:
            if server.started and httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return server, thread, url
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    server.should_exit = True
    raise AssertionError(f"the live server did not start on {url}")


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app with the demo campaign and the job worker on a free 127.0.0.1 port."""
    settings = make_settings(tmp_path_factory.mktemp("live"), load_demo=True, run_worker=True)
    app = create_app(settings)
    server, thread, url = _serve(app)
    try:
        _admin_id, token = add_user(get_engine(settings.db_url), "quantri", Role.ADMIN)
        yield LiveServer(settings=settings, url=url, app=app, admin_token=token)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        worker = getattr(app.state, "worker", None)
        if worker is not None:  # a worker restarted by jobs_paused is not the lifespan's
            worker.stop()


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    """One headless Debian Chromium for the whole run (never a downloaded browser)."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
            "Install it with `make chromium` (apt-get install chromium), then run again.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


class UI:
    """One browser context (its own cookies) with one tab, watched for console errors."""

    def __init__(self, context: BrowserContext, base_url: str) -> None:
        self.context = context
        self.base_url = base_url
        self.errors: list[str] = []
        self.allowed: list[re.Pattern[str]] = []
        self.page = context.new_page()
        self.page.set_default_timeout(WAIT_MS)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("dialog", self._on_dialog)
        self.prompt_answer = ""
        self.dialogs: list[str] = []

    def _on_dialog(self, dialog: Dialog) -> None:
        """Accept confirm() and answer prompt() with prompt_answer, as a user would."""
        self.dialogs.append(dialog.message)
        dialog.accept(self.prompt_answer if dialog.type == "prompt" else None)

    def _on_console(self, message: ConsoleMessage) -> None:
        url = str(message.location.get("url", ""))
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({url})")

    def allow_errors(self, pattern: str) -> None:
        """Expect console errors matching pattern (e.g. a refused request the test provokes)."""
        self.allowed.append(re.compile(pattern))

    def goto(self, path: str) -> Page:
        """Open a path of the app and wait until its scripts ran."""
        self.page.goto(self.base_url + path, wait_until="load")
        return self.page

    def login(self, username: str, password: str = TEST_PASSWORD, next_path: str = "/") -> Page:
        """Log in through the login form; lands on next_path."""
        page = self.goto(f"/dang-nhap?next={quote(next_path, safe='/')}")
        page.fill("#f-username", username)
        page.fill("#f-password", password)
        with page.expect_navigation():
            page.click("form[action='/dang-nhap'] button[type=submit]")
        assert "/dang-nhap" not in page.url, page.inner_text("main")
        return page

    def logout(self) -> Page:
        """Press Đăng xuất in the top bar; lands on the login page."""
        with self.page.expect_navigation():
            self.page.click("form[action='/dang-xuat'] button")
        assert "/dang-nhap" in self.page.url
        return self.page

    def screenshot(self, name: str, element: Locator | None = None) -> Path:
        """Save test-output/screenshots/<name>.png (the whole page, or one element)."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        if element is None:
            self.page.screenshot(path=str(path), full_page=True)
        else:
            element.screenshot(path=str(path))
        assert path.stat().st_size > 1000, path
        return path

    def hidden_but_shown(self) -> list[str]:
        """Elements with the `hidden` attribute that a stylesheet displays anyway."""
        found: list[str] = self.page.evaluate(HIDDEN_BUT_SHOWN)
        return found

    def console_errors(self) -> list[str]:
        """Errors seen so far that no allow_errors pattern covers."""
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]

    def assert_clean(self, where: str = "") -> None:
        """No console or page error since the last check, and hidden elements are hidden."""
        errors = self.console_errors()
        self.errors.clear()
        assert not errors, f"browser errors on {where or self.page.url}: {errors}"
        shown = self.hidden_but_shown()
        assert not shown, f"[hidden] elements displayed on {where or self.page.url}: {shown}"


UIFactory = Callable[..., UI]


@pytest.fixture
def ui_factory(chromium_browser: Browser, live_server: LiveServer) -> Iterator[UIFactory]:
    """Make browser contexts on the live server (desktop by default, phone=True for 390 px)."""
    contexts: list[BrowserContext] = []

    def make(phone: bool = False) -> UI:
        context = chromium_browser.new_context(
            viewport=PHONE if phone else DESKTOP,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            accept_downloads=True,
            is_mobile=phone,
            has_touch=phone,
            device_scale_factor=1,
        )
        context.grant_permissions(["microphone"], origin=live_server.url)
        contexts.append(context)
        return UI(context, live_server.url)

    yield make
    for context in contexts:
        context.close()
