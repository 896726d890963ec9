"""axe-core on every page, as an admin, at desktop and phone widths: no serious or critical
violation (WCAG 2.x A/AA rules and axe's best practices)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_browser_pages import MENU, detail_pages, prepare_week

if TYPE_CHECKING:
    from browser_support import UI, LiveServer, UIFactory

pytest_plugins = ["browser_support"]

AXE = Axe()
BLOCKING = {"serious", "critical"}


def violations(ui: UI, path: str) -> list[str]:
    """The serious and critical violations of one page: rule, impact and the first targets."""
    page = ui.goto(path)
    page.wait_for_load_state("networkidle")
    found: list[dict[str, Any]] = AXE.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in found
        if v.get("impact") in BLOCKING
    ]


@pytest.fixture(scope="module")
def pages(live_server: LiveServer) -> list[str]:
    """Every menu page and one page behind each list."""
    data = prepare_week(live_server)
    details = [path for path, _n, _h in detail_pages(data)]
    return [href for href, _label in MENU] + details + ["/lich-phat/thang"]


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_no_serious_accessibility_violation(
    ui_factory: UIFactory, pages: list[str], phone: bool
) -> None:
    ui = ui_factory(phone=phone)
    found = {"/dang-nhap": violations(ui, "/dang-nhap")}
    ui.login("quantri")
    for path in pages:
        found[path] = violations(ui, path)
    report = [f"{path}: {rule}" for path, rules in found.items() for rule in rules]
    assert not report, "axe-core found:\n" + "\n".join(report)
