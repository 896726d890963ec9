"""api.web.svg.waveform: waveform pictures as SVG (bars, markers, placeholders, ticks, title)."""

import xml.etree.ElementTree as ET

import pytest

from api.web.svg.waveform import clock, render_svg, tick_step
from audio.waveform import Envelope, Part, asset_picture, session_picture

SVG_NS = "{http://www.w3.org/2000/svg}"


def _flat(duration_s: float, level: float, blocks: int = 100) -> Envelope:
    return Envelope(duration_s, duration_s / blocks, (-level,) * blocks, (level,) * blocks)


def _points(svg: str) -> int:
    root = ET.fromstring(svg)
    polygon = root.find(f"{SVG_NS}polygon")
    assert polygon is not None
    return len(polygon.attrib["points"].split())


def test_svg_is_well_formed_with_bars_markers_ticks_and_title() -> None:
    parts = [Part(600.0, _flat(600.0, 0.5), "1. <Tin> & \x07bài"), Part(1200.0, None, "2. Nhạc")]
    svg = render_svg(session_picture(parts, 1000), title="Buổi sáng <06:30> & tối")
    root = ET.fromstring(svg)
    assert root.attrib["viewBox"] == "0 0 1000 114" and root.attrib["role"] == "img"
    assert root.findtext(f"{SVG_NS}title") == "Buổi sáng <06:30> & tối"
    assert _points(svg) == 2000
    markers = root.findall(f"{SVG_NS}g[@class='marker']")
    assert [m.findtext(f"{SVG_NS}title") for m in markers] == [
        "0:00 1. <Tin> & bài",
        "10:00 2. Nhạc",
    ]
    assert len(root.findall(f"{SVG_NS}rect[@class='ph']")) == 1
    ticks = [t.findtext(f"{SVG_NS}text") for t in root.findall(f"{SVG_NS}g[@class='tick']")]
    assert ticks == [clock(s) for s in range(0, 1801, 300)]  # minute ticks every 5 minutes


def test_svg_of_one_file_has_no_marker_band_and_scales_to_any_width() -> None:
    env = _flat(2.5, 0.3, blocks=10)
    for width in (100, 4000):
        svg = render_svg(asset_picture(env, width), title="x")
        root = ET.fromstring(svg)
        assert root.attrib["viewBox"] == f"0 0 {width} 98"
        assert _points(svg) == 2 * width
        assert root.findall(f"{SVG_NS}g[@class='marker']") == []


@pytest.mark.parametrize(
    ("duration", "width", "step"),
    [(3.0, 800, 1), (45.0, 800, 5), (900.0, 1200, 60), (3600.0, 1200, 300)],
)
def test_tick_steps_are_round_and_few(duration: float, width: int, step: int) -> None:
    assert tick_step(duration, width) == step
    assert clock(3725) == "1:02:05" and clock(65.4) == "1:05"


def test_an_empty_session_is_a_flat_picture() -> None:
    pic = session_picture([], 120)
    assert pic.duration_s == 0.0 and pic.markers == () and set(pic.peaks) == {(0.0, 0.0)}
    assert _points(render_svg(pic, title="Buổi trống")) == 240
