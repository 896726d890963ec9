"""The campaign timeline picture: valid SVG, dated and open bars, peaks, the today line."""

import xml.etree.ElementTree as ET
from datetime import date

from api.web.svg.timeline import LEFT, RIGHT, WIDTH, campaign_timeline
from broadcast.models import Event, Phase, PhaseKind

NS = "{http://www.w3.org/2000/svg}"


def _phase(pid: int, code: str, start: date | None, end: date | None, **extra: object) -> Phase:
    return Phase(
        id=pid, campaign_id=1, code=code, title=f"Giai đoạn {code} <&>", kind=PhaseKind.BEFORE,
        starts_on=start, ends_on=end, **extra,
    )  # fmt: skip


def _group(svg: ET.Element, **attrs: str) -> ET.Element:
    for g in svg.iter(f"{NS}g"):
        if all(g.get(k) == v for k, v in attrs.items()):
            return g
    raise AssertionError(f"no group {attrs}")


def _rect(group: ET.Element) -> ET.Element:
    rect = group.find(f"{NS}rect")
    assert rect is not None
    return rect


def test_dated_phase_today_inside_and_peak() -> None:
    phases = [
        _phase(1, "A", date(2020, 1, 1), date(2020, 1, 31)),
        _phase(2, "B", date(2020, 2, 1), date(2020, 3, 31),
               peak_starts_on=date(2020, 3, 1), peak_ends_on=date(2020, 3, 10)),
    ]  # fmt: skip
    event = Event(id=7, campaign_id=1, name="Đại hội & bầu cử", starts_on=date(2020, 3, 5))
    svg = ET.fromstring(campaign_timeline("Kế hoạch <thử>", [event], phases, date(2020, 2, 15)))
    a, b = _rect(_group(svg, **{"data-code": "A"})), _rect(_group(svg, **{"data-code": "B"}))
    assert a.get("stroke-dasharray") is None and b.get("stroke-dasharray") is None
    assert float(a.get("x") or 0) < float(b.get("x") or 0)  # January is left of February
    peak = _rect(_group(svg, **{"class": "peak", "data-phase-id": "2"}))
    peak_x, b_x = float(peak.get("x") or 0), float(b.get("x") or 0)
    b_end = b_x + float(b.get("width") or 0)
    assert b_x < peak_x < b_end  # the peak sits inside its phase
    today = _group(svg, id="today")
    assert today.get("data-inside") == "true" and today.get("data-date") == "2020-02-15"
    line = today.find(f"{NS}line")
    assert line is not None and float(a.get("x") or 0) < float(line.get("x1") or 0) < peak_x
    assert _group(svg, **{"data-event-id": "7"}) is not None


def test_undated_bounds_are_open_to_the_edge_and_dashed() -> None:
    phases = [
        _phase(1, "A", date(2020, 1, 1), None),
        _phase(2, "B", None, date(2020, 6, 30)),
        _phase(3, "C", None, None),
    ]
    svg = ET.fromstring(campaign_timeline("Nháp", [], phases, date(2030, 1, 1)))
    open_a, open_b, open_c = (_rect(_group(svg, **{"data-code": c})) for c in "ABC")
    assert all(r.get("stroke-dasharray") for r in (open_a, open_b, open_c))
    a_end = float(open_a.get("x") or 0) + float(open_a.get("width") or 0)
    assert a_end == WIDTH - RIGHT  # runs to the right edge of the plot
    assert float(open_b.get("x") or 0) == LEFT  # starts at the left edge
    assert "chưa có ngày" in ET.tostring(_group(svg, **{"data-code": "C"}), encoding="unicode")
    assert _group(svg, id="today").get("data-inside") == "false"


def test_a_campaign_without_dates_still_draws() -> None:
    svg = ET.fromstring(campaign_timeline("Trống", [], [], date(2024, 5, 1)))
    text = ET.tostring(svg, encoding="unicode")
    assert "Chiến dịch chưa có ngày nào" in text
    assert _group(svg, id="today").get("data-inside") == "true"
