"""Built-in lexicon: the abbreviation file, plus units, symbols and readings kept in code."""

from __future__ import annotations

from audio.text.abbreviations import abbreviation_entries
from audio.text.lexicon import CODE_CUE, NUMBER_CUE, Context, Entry, Lexicon

# Readings kept in code until a public page stating them is found (see abbreviations.tsv for
# the sourced ones): document marks, issuers inside codes and '&'/'-' spellings.
UNSOURCED_CODE_ONLY: dict[str, str] = {
    "QU": "quận ủy",
    "HU": "huyện ủy",
}

UNSOURCED: dict[str, str] = {
    "CV": "công văn",
    "HLHPN": "hội liên hiệp phụ nữ",
    "ĐTN": "đoàn thanh niên",
    "BTV": "ban thường vụ",
    "BTG": "ban tuyên giáo",
    "ĐU": "đảng ủy",
    "VT": "văn thư",
    "VH-TT": "văn hóa thông tin",
    "VH&TT": "văn hóa và thông tin",
    "TT&TT": "thông tin và truyền thông",
    "VHTT&DL": "văn hóa thể thao và du lịch",
    "VH-XH": "văn hóa xã hội",
    "VHXH": "văn hóa xã hội",
    "KT-XH": "kinh tế xã hội",
    "QP-AN": "quốc phòng an ninh",
    "ĐVT": "đơn vị tính",
    "TN&MT": "tài nguyên và môi trường",
    "LĐ-TB&XH": "lao động thương binh và xã hội",
    "NN&PTNT": "nông nghiệp và phát triển nông thôn",
    "KH&CN": "khoa học và công nghệ",
    "b/c": "báo cáo",
}

SYMBOLS: dict[str, str] = {
    "&": "và",
    "%": "phần trăm",
    "°C": "độ xê",
    "°": "độ",
}

UNITS: dict[str, str] = {
    "km": "ki lô mét",
    "km2": "ki lô mét vuông",
    "km²": "ki lô mét vuông",
    "kg": "ki lô gam",
    "m2": "mét vuông",
    "m²": "mét vuông",
    "m3": "mét khối",
    "m³": "mét khối",
    "cm": "xăng ti mét",
    "mm": "mi li mét",
    "ml": "mi li lít",
    "km/h": "ki lô mét trên giờ",
    "kW": "ki lô oát",
    "kWh": "ki lô oát giờ",
}

# Units that are also ordinary words or letters: read as units only right after a number.
UNITS_AFTER_NUMBER: dict[str, str] = {
    "ha": "héc ta",
    "m": "mét",
    "g": "gam",
    "đ": "đồng",
}

_COVID = {"COVID-19": "cô vít mười chín", "COVID": "cô vít"}


def _case_variants(table: dict[str, str]) -> list[Entry]:
    """Entries for upper, title and lower case spellings of each key (COVID, Covid, covid)."""
    entries: list[Entry] = []
    for key, spoken in table.items():
        for variant in dict.fromkeys((key, key.title(), key.lower())):
            entries.append(Entry(variant, spoken))
    return entries


def builtin_entries() -> list[Entry]:
    """All built-in entries in priority order: the abbreviation file, then the code tables."""
    code_only = [
        Entry(key, spoken, Context(before=(CODE_CUE,)))
        for key, spoken in UNSOURCED_CODE_ONLY.items()
    ]
    after_number = [
        Entry(key, spoken, Context(before=(NUMBER_CUE,)))
        for key, spoken in UNITS_AFTER_NUMBER.items()
    ]
    plain = {**UNSOURCED, **SYMBOLS, **UNITS}
    return [
        *abbreviation_entries(),
        *code_only,
        *after_number,
        *(Entry(key, spoken) for key, spoken in plain.items()),
        *_case_variants(_COVID),
    ]


BUILTIN_LEXICON = Lexicon(builtin_entries())
