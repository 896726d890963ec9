"""Built-in lexicon: administrative abbreviations, document codes, units and symbols."""

from __future__ import annotations

from audio.text.lexicon import CODE_CUE, NUMBER_CUE, Context, Entry, Lexicon

# Document types and issuers, used in codes such as 192/KH-UBND and also in running text.
DOCUMENT_CODES: dict[str, str] = {
    "KH": "kế hoạch",
    "QĐ": "quyết định",
    "CT": "chỉ thị",
    "NQ": "nghị quyết",
    "TB": "thông báo",
    "BC": "báo cáo",
    "HD": "hướng dẫn",
    "CV": "công văn",
    "TTr": "tờ trình",
    "NĐ": "nghị định",
    "TTLT": "thông tư liên tịch",
    "CĐ": "công điện",
    "KL": "kết luận",
    "QC": "quy chế",
    "GM": "giấy mời",
    "BB": "biên bản",
    "PA": "phương án",
    "CTr": "chương trình",
    "ĐA": "đề án",
    "GP": "giấy phép",
    "CP": "chính phủ",
    "TTg": "thủ tướng chính phủ",
    "QH": "quốc hội",
    "UBTVQH": "ủy ban thường vụ quốc hội",
    "VPCP": "văn phòng chính phủ",
    "BTTTT": "bộ thông tin và truyền thông",
    "BTGTW": "ban tuyên giáo trung ương",
    "BTCTW": "ban tổ chức trung ương",
}

# Readings that only hold inside a document code (TT-BTTTT: thông tư; BTC: bộ tài chính).
CODE_ONLY: dict[str, str] = {
    "TT": "thông tư",
    "BTC": "bộ tài chính",
    "QU": "quận ủy",
    "HU": "huyện ủy",
    "BNV": "bộ nội vụ",
    "BYT": "bộ y tế",
    "BCA": "bộ công an",
    "BQP": "bộ quốc phòng",
    "BTP": "bộ tư pháp",
    "BXD": "bộ xây dựng",
    "BCT": "bộ công thương",
    "BGDĐT": "bộ giáo dục và đào tạo",
    "BGTVT": "bộ giao thông vận tải",
    "BKHĐT": "bộ kế hoạch và đầu tư",
    "BKHCN": "bộ khoa học và công nghệ",
    "BTNMT": "bộ tài nguyên và môi trường",
    "BVHTTDL": "bộ văn hóa thể thao và du lịch",
    "BLĐTBXH": "bộ lao động thương binh và xã hội",
    "BNNPTNT": "bộ nông nghiệp và phát triển nông thôn",
}

ABBREVIATIONS: dict[str, str] = {
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "UBMTTQ": "ủy ban mặt trận tổ quốc",
    "UBMTTQVN": "ủy ban mặt trận tổ quốc việt nam",
    "MTTQ": "mặt trận tổ quốc",
    "MTTQVN": "mặt trận tổ quốc việt nam",
    "TW": "trung ương",
    "TƯ": "trung ương",
    "T.Ư": "trung ương",
    "CNXH": "chủ nghĩa xã hội",
    "XHCN": "xã hội chủ nghĩa",
    "CHXHCN": "cộng hòa xã hội chủ nghĩa",
    "LHPN": "liên hiệp phụ nữ",
    "HLHPN": "hội liên hiệp phụ nữ",
    "ĐTN": "đoàn thanh niên",
    "TNCS": "thanh niên cộng sản",
    "CCB": "cựu chiến binh",
    "NCT": "người cao tuổi",
    "BCH": "ban chấp hành",
    "BTV": "ban thường vụ",
    "BCĐ": "ban chỉ đạo",
    "BQL": "ban quản lý",
    "BTC": "ban tổ chức",
    "BTG": "ban tuyên giáo",
    "UBKT": "ủy ban kiểm tra",
    "ĐU": "đảng ủy",
    "ĐT": "điện thoại",
    "SĐT": "số điện thoại",
    "VT": "văn thư",
    "VP": "văn phòng",
    "TM.": "thay mặt",
    "KT.": "ký thay",
    "TL.": "thừa lệnh",
    "TUQ.": "thừa ủy quyền",
    "VH": "văn hóa",
    "VHTT": "văn hóa thông tin",
    "VH-TT": "văn hóa thông tin",
    "VH&TT": "văn hóa và thông tin",
    "TT&TT": "thông tin và truyền thông",
    "VHTT&DL": "văn hóa thể thao và du lịch",
    "TDTT": "thể dục thể thao",
    "XH": "xã hội",
    "VH-XH": "văn hóa xã hội",
    "VHXH": "văn hóa xã hội",
    "KT-XH": "kinh tế xã hội",
    "KTXH": "kinh tế xã hội",
    "ANTT": "an ninh trật tự",
    "ANQP": "an ninh quốc phòng",
    "QP-AN": "quốc phòng an ninh",
    "ATGT": "an toàn giao thông",
    "ATTP": "an toàn thực phẩm",
    "VSATTP": "vệ sinh an toàn thực phẩm",
    "PCCC": "phòng cháy chữa cháy",
    "PCTT": "phòng chống thiên tai",
    "TKCN": "tìm kiếm cứu nạn",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "CLB": "câu lạc bộ",
    "HTX": "hợp tác xã",
    "QL": "quốc lộ",
    "TP": "thành phố",
    "TP.": "thành phố",
    "Tp.": "thành phố",
    "TP.HCM": "thành phố hồ chí minh",
    "TPHCM": "thành phố hồ chí minh",
    "HCM": "hồ chí minh",
    "CAND": "công an nhân dân",
    "QĐND": "quân đội nhân dân",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "BHTN": "bảo hiểm thất nghiệp",
    "CMND": "chứng minh nhân dân",
    "CCCD": "căn cước công dân",
    "ĐVT": "đơn vị tính",
    "STT": "số thứ tự",
    "KP": "khu phố",
    "VN": "việt nam",
    "VNĐ": "việt nam đồng",
    "USD": "đô la mỹ",
    "CBCC": "cán bộ công chức",
    "CBCCVC": "cán bộ công chức viên chức",
    "NVH": "nhà văn hóa",
    "GĐVH": "gia đình văn hóa",
    "TTYT": "trung tâm y tế",
    "TYT": "trạm y tế",
    "ĐBQH": "đại biểu quốc hội",
    "TAND": "tòa án nhân dân",
    "VKSND": "viện kiểm sát nhân dân",
    "TN&MT": "tài nguyên và môi trường",
    "TNMT": "tài nguyên môi trường",
    "LĐTBXH": "lao động thương binh và xã hội",
    "LĐ-TB&XH": "lao động thương binh và xã hội",
    "GD&ĐT": "giáo dục và đào tạo",
    "GDĐT": "giáo dục đào tạo",
    "NN&PTNT": "nông nghiệp và phát triển nông thôn",
    "KH&CN": "khoa học và công nghệ",
    "CNTT": "công nghệ thông tin",
    "b/c": "báo cáo",
    "đ/c": "đồng chí",
    "Đ/c": "đồng chí",
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

_TT_STANDING_BEFORE = (
    "đảng ủy",
    "đu",
    "hđnd",
    "ubnd",
    "ubmttq",
    "mttq",
    "thành ủy",
    "quận ủy",
    "huyện ủy",
    "tỉnh ủy",
    "chi bộ",
    "hội đồng",
    "ủy ban",
)

_TT_CENTRE_BEFORE = (
    "y tế",
    "văn hóa",
    "chính trị",
    "hành chính",
    "giáo dục",
    "dạy nghề",
    "bảo trợ",
    "thương mại",
    "hội nghị",
    "dịch vụ",
)

# TT has no context-free reading: with no telling neighbour it is reported, not guessed.
CONTEXT_ENTRIES: tuple[Entry, ...] = (
    Entry("TT", "thường trực", Context(after=_TT_STANDING_BEFORE)),
    Entry("TT", "thông tin", Context(before=("vh", "&", "văn hóa"))),
    Entry("TT", "thông tư", Context(after=("số", NUMBER_CUE))),
    Entry("TT", "trung tâm", Context(after=_TT_CENTRE_BEFORE)),
)


def _case_variants(table: dict[str, str]) -> list[Entry]:
    """Entries for upper, title and lower case spellings of each key (COVID, Covid, covid)."""
    entries: list[Entry] = []
    for key, spoken in table.items():
        for variant in dict.fromkeys((key, key.title(), key.lower())):
            entries.append(Entry(variant, spoken))
    return entries


def builtin_entries() -> list[Entry]:
    """All built-in entries in priority order."""
    code_only = [
        Entry(key, spoken, Context(before=(CODE_CUE,))) for key, spoken in CODE_ONLY.items()
    ]
    after_number = [
        Entry(key, spoken, Context(before=(NUMBER_CUE,)))
        for key, spoken in UNITS_AFTER_NUMBER.items()
    ]
    plain = {**DOCUMENT_CODES, **ABBREVIATIONS, **UNITS}
    return [
        *code_only,
        *CONTEXT_ENTRIES,
        *after_number,
        *(Entry(key, spoken) for key, spoken in plain.items()),
        *_case_variants(_COVID),
    ]


BUILTIN_LEXICON = Lexicon(builtin_entries())
