"""Vietnamese labels of segment and lexicon values, shared by the content pages."""

from typing import Any

from broadcast.models import SegmentKind, SegmentStatus
from broadcast.models.common import BulletinClass
from broadcast.models.lexicon import LexiconAction, LexiconKind

KIND_LABELS = {
    SegmentKind.ANNOUNCEMENT: "Thông báo (đọc máy)",
    SegmentKind.RECORDING: "Bản thu âm",
    SegmentKind.JINGLE: "Nhạc hiệu",
    SegmentKind.OPENING: "Lời mở đầu",
    SegmentKind.CLOSING: "Lời kết",
    SegmentKind.MUSIC: "Âm nhạc",
}
CLASS_LABELS = {
    BulletinClass.NORMAL: "Thường",
    BulletinClass.PRIORITY: "Ưu tiên",
    BulletinClass.EMERGENCY: "Khẩn cấp",
}
STATUS_LABELS = {
    SegmentStatus.DRAFT: "Nháp",
    SegmentStatus.APPROVED: "Đã duyệt",
    SegmentStatus.RETIRED: "Ngừng dùng",
}
SPAN_LABELS = {
    "rule": "quy tắc",
    "lexicon": "từ điển sẵn có",
    "operator": "từ điển của đài",
    "text": "như viết",
    "unknown": "chưa biết cách đọc",
}
LEXICON_KIND_LABELS = {
    LexiconKind.ABBREVIATION: "Chữ viết tắt",
    LexiconKind.NAME: "Tên riêng",
    LexiconKind.CODE: "Mã, ký hiệu",
    LexiconKind.UNIT: "Đơn vị",
    LexiconKind.WORD: "Từ",
    LexiconKind.OTHER: "Khác",
}
LEXICON_ACTION_LABELS = {
    LexiconAction.CREATE: "Thêm",
    LexiconAction.UPDATE: "Sửa",
    LexiconAction.DELETE: "Xoá",
    LexiconAction.RESTORE: "Khôi phục",
}


def content_labels() -> dict[str, Any]:
    """Every label table, for a template's context."""
    return {
        "KIND_LABELS": KIND_LABELS,
        "CLASS_LABELS": CLASS_LABELS,
        "STATUS_LABELS": STATUS_LABELS,
        "SPAN_LABELS": SPAN_LABELS,
        "LEXICON_KIND_LABELS": LEXICON_KIND_LABELS,
        "LEXICON_KINDS": list(LEXICON_KIND_LABELS.items()),
        "LEXICON_ACTION_LABELS": LEXICON_ACTION_LABELS,
    }
