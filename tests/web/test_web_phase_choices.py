"""Phases of two campaigns with the same codes are told apart by their campaign's name."""

import re
from pathlib import Path

from web_helpers import web_app

from broadcast.models.accounts import Role

from conftest import make_settings

SEED = Path(__file__).parents[2] / "broadcast" / "demo" / "ke-hoach-192-KH-UBND-2019.txt"


def test_segment_forms_and_filters_name_the_campaign_of_each_phase(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, load_demo=True)
    with web_app(settings, Role.ADMIN, "quantri") as client:
        files = {"file": (SEED.name, SEED.read_bytes(), "text/plain")}
        copy = client.post("/campaigns/import", files=files, data={"as_new": "true"})
        assert copy.status_code == 201, copy.text
        copy_id = copy.json()["campaign"]["id"]
        page = client.get("/chuyen-muc").text
    names = re.findall(r'<optgroup label="([^"]+)">', page)
    assert "192/KH-UBND #1" in names and f"192/KH-UBND #{copy_id} (bản nháp)" in names
    options = re.findall(r"<option value=\"\d+\" >1\.1a · [^<]* — ([^<]+)</option>", page)
    assert options == ["192/KH-UBND #1", f"192/KH-UBND #{copy_id} (bản nháp)"]
    labels = re.findall(r'<span class="phase-campaign">([^<]+)</span>', page)
    assert (
        labels.count("192/KH-UBND #1") == 6
        and labels.count(f"192/KH-UBND #{copy_id} (bản nháp)") == 6
    )
