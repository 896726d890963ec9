"""Who issued the plan and at what level: from the header's capitals or a running sentence."""

import re

from broadcast.plans.text import Line

# the national motto in the right-hand header column; it separates cells when flattened
MOTTO = re.compile(
    r"CỘNG\s+H\S{1,3}\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|"
    r"Độc\s+lập\s*[-–]?\s*Tự\s+do\s*[-–]?\s*Hạnh\s+ph\S*|-{3,}|\*{1,3}",
    re.I,
)
BODY_CAPS = re.compile(
    r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|ĐẢNG ỦY|ĐẢNG UỶ|ĐẢNG BỘ|HUYỆN ỦY|TỈNH ỦY|THÀNH ỦY|"
    r"QUẬN ỦY|THỊ ỦY|BAN CHỈ ĐẠO.*|BAN CHỈ HUY.*|BAN TUYÊN GIÁO.*|"
    r"ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM|ỦY BAN MTTQ VIỆT NAM)$"
)
UNIT_KINDS = r"PHƯỜNG|XÃ|THỊ TRẤN|QUẬN|HUYỆN|THỊ XÃ|THÀNH PHỐ|TỈNH"
UNIT_CAPS = re.compile(rf"^({UNIT_KINDS})\s+(.+)$")
PARTY_CAPS = re.compile(
    rf"^(HUYỆN ỦY|TỈNH ỦY|THÀNH ỦY|QUẬN ỦY|THỊ ỦY|ĐẢNG ỦY|ĐẢNG UỶ)\s+(?:({UNIT_KINDS})\s+)?(.+)$"
)
BODIES = (
    r"UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Đảng [uủ]ỷ|Đảng ủy|Ban Thường vụ|Ban Thường trực|"
    r"Huyện ủy|Tỉnh ủy|Thành ủy|Quận ủy|Thị ủy|Ban Tuyên giáo|Ban [Cc]hỉ đạo|Ban [Cc]hỉ huy|"
    r"Sở|Phòng|Trung tâm|Ủy ban MTTQ|Ủy ban Mặt trận|Mặt trận Tổ quốc"
)
ISSUER_SENTENCE = re.compile(
    rf"(?:^|[,.;:]\s+)(?P<body>(?:{BODIES})\b[^.;:]*?)\s+(?:đã\s+|vừa\s+)?"
    r"(?:xây dựng|ban hành|lập|triển khai|hướng dẫn)\s+"
    r"(?:kế hoạch|Kế hoạch|văn bản|hướng dẫn|Hướng dẫn|việc|chương trình)",
)
BARE_UNIT = re.compile(r"\b(xã|phường|thị trấn|huyện|quận|tỉnh)$")
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
LEVELS = (  # the first that fits; 'thị xã' is a district, not a commune ('xã')
    ("national", r"Trung ương|Chính phủ|Quốc hội|^Bộ\b"),
    ("district", r"\bthị xã\b"),
    ("commune", r"\b(xã|phường|thị trấn)\b"),
    ("district", r"\b(huyện|quận)\b|\bthị ủy\b"),
    ("province", r"\btỉnh\b|\bthành ủy\b|^sở\b"),
)


def header_cells(lines: list[Line], limit: int = 15) -> list[tuple[str, int]]:
    """The header's cells in reading order (left column first), motto dropped."""
    cells: list[tuple[str, int]] = []
    for line in [ln for ln in lines if ln.text][:limit]:
        for column in line.columns or (line.text,):
            for part in MOTTO.split(column):
                if part.strip(" -–|"):
                    cells.append((part.strip(" -–|"), line.number))
    return cells


def _unit(kind: str, name: str) -> str:
    return f"{kind.lower()} {name.strip().title()}"


def _caps_party(text: str) -> str | None:
    """'HUYỆN ỦY LỤC NAM' or 'ĐẢNG ỦY XÃ TÂN HÒA' as one cell."""
    match = PARTY_CAPS.match(text)
    if match is None or not text.isupper():
        return None
    body, kind, name = match.groups()
    if kind is None and body.startswith("ĐẢNG"):
        return None  # 'ĐẢNG ỦY KHỐI …' and the like: not a territorial committee
    body = body.capitalize().replace("uỷ", "ủy")
    return f"{body} {_unit(kind, name) if kind else name.strip().title()}"


def issuer_from_caps(cells: list[tuple[str, int]]) -> tuple[str, int] | None:
    """'ỦY BAN NHÂN DÂN' + 'XÃ AN BÌNH' (or 'HUYỆN ỦY X') as 'Ủy ban nhân dân xã An Bình'."""
    for (text, number), (nxt, _) in zip(cells, [*cells[1:], ("", 0)], strict=False):
        party = _caps_party(text)
        if party is not None:
            return party, number
        unit = UNIT_CAPS.match(nxt)
        if BODY_CAPS.match(text) and unit and nxt.isupper():
            body = text.capitalize().replace("Uỷ", "Ủy").replace("uỷ", "ủy")
            return f"{body} {_unit(unit.group(1), unit.group(2))}", number
    return None


def expand(body: str) -> str:
    """The issuing body with its abbreviation spelt out and unit kinds in lower case."""
    body = re.sub(r"\bUBND\b", "Ủy ban nhân dân", body.replace("Uỷ", "Ủy"))
    body = re.sub(r"\bTP\.?(?=\s+\w)", "thành phố", body)
    return re.sub(
        r"\b(Phường|Xã|Thị trấn|Huyện|Quận|Tỉnh)\s+(\w)",
        lambda m: f"{m.group(1).lower()} {m.group(2)}" if m.group(2).isupper() else m.group(0),
        body,
    )


def issuer_from_sentence(lines: list[Line]) -> tuple[str, int] | None:
    """'UBND xã An Bình xây dựng Kế hoạch…', 'Sở … đã ban hành Kế hoạch…' anywhere."""
    for line in lines:
        match = ISSUER_SENTENCE.search(line.text)
        if match and len(match.group("body")) <= 120:
            body = expand(match.group("body").strip())
            bare = BARE_UNIT.search(body)
            if bare:  # 'UBND xã ban hành…': the unit's name from elsewhere in the text
                body = _named(lines, bare.group(1), body)
            return body, line.number
    return None


def _named(lines: list[Line], kind: str, body: str) -> str:
    pattern = re.compile(rf"\b{kind}\s+(\S+(?:\s+\S+){{0,3}})", re.I)
    for line in lines:
        for match in pattern.finditer(line.text):
            if match.group(1).isupper():
                continue  # a headline in capitals runs on into other words
            words: list[str] = []
            for word in match.group(1).split():
                word = word.strip(",.;:()")
                if not word[:1].isupper():
                    break
                words.append(word)
            if words:
                return f"{body} {' '.join(words).title()}"
    return body


def level_of(issuer: str | None, place: str | None) -> str | None:
    """commune / district / province / national from the issuing body, else from the place."""
    for text in (issuer, place):
        if not text:
            continue
        city = re.search(r"\b[Tt]hành phố\s+(.+)$", text)
        if city:
            central = any(name in city.group(1) for name in CENTRAL_CITIES)
            return "province" if central else "district"
        for level, pattern in LEVELS:
            if re.search(pattern, text, re.I):
                return level
    return None
