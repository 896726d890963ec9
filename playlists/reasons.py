"""Vietnamese, human-readable reasons for sequencing decisions."""

from __future__ import annotations

from playlists.types import BulletinClass

# Reasons a segment was not placed.
NOT_APPROVED = "Chưa được duyệt"
OUT_OF_AIR_WINDOW = "Ngoài thời gian phát"
NO_ACTIVE_PHASE = "Không thuộc giai đoạn đang diễn ra"
NOT_ENOUGH_TIME = "Không đủ thời lượng còn lại"
OTHER_OPENING_CHOSEN = "Đã chọn mục mở đầu khác"
OTHER_CLOSING_CHOSEN = "Đã chọn mục kết thúc khác"
DUPLICATE_ID = "Trùng mã với mục đã xét"
WRONG_WEEKDAY = "Không phát vào thứ này trong tuần"
TOO_SOON = "Chưa đủ số ngày giãn cách từ lần phát trước"
DAY_CAP = "Đã đủ số lần phát trong ngày"
WEEK_CAP = "Đã đủ số lần phát trong tuần"
OTHER_FIXED_CHOSEN = "Đã có mục khác ở vị trí cố định này"
REMOVED_BY_HAND = "Đã gỡ thủ công khỏi buổi phát"

# Reasons a framing segment was placed.
OPENING = "Mở đầu chương trình"
CLOSING = "Kết thúc chương trình"
PINNED = "Giữ theo chỉnh sửa thủ công"
REPEAT = "Phát lại để lấp thời lượng trống (cho phép phát lặp)"

FIXED_LABELS = {
    "after_opening": "vị trí cố định sau mở đầu",
    "before_closing": "vị trí cố định trước kết thúc",
}

CLASS_LABELS: dict[BulletinClass, str] = {
    BulletinClass.EMERGENCY: "Khẩn cấp",
    BulletinClass.PRIORITY: "Ưu tiên",
    BulletinClass.NORMAL: "Thường",
}

GENERAL_CONTENT = "nội dung chung"


def class_label(bulletin_class: BulletinClass) -> str:
    """Return the Vietnamese label of a bulletin class."""
    return CLASS_LABELS[bulletin_class]


def phase_text(phase_label: str | None, in_peak: bool) -> str:
    """Describe the phase a body item serves, or say it is general content."""
    if phase_label is None:
        return GENERAL_CONTENT
    prefix = "giai đoạn cao điểm" if in_peak else "giai đoạn"
    return f"{prefix}: {phase_label}"


def recency_text(days_since: int | None) -> str:
    """Describe how long ago the segment last aired (None = never)."""
    if days_since is None:
        return "chưa từng phát"
    if days_since <= 0:
        return "đã phát hôm nay"
    return f"chưa phát {days_since} ngày"


def body_reason(
    bulletin_class: BulletinClass,
    phase_label: str | None,
    in_peak: bool,
    days_since: int | None,
    extras: tuple[str, ...] = (),
) -> str:
    """Build the reason for a body item, e.g. "Ưu tiên; giai đoạn: X; chưa từng phát"."""
    parts = (
        class_label(bulletin_class),
        phase_text(phase_label, in_peak),
        recency_text(days_since),
        *extras,
    )
    return "; ".join(parts)


def topic_text(owed_s: float) -> str:
    """Describe a topic's airtime balance over its phase (positive = behind its share)."""
    minutes = round(abs(owed_s) / 60)
    if minutes < 1:
        return "chủ đề đúng phần thời lượng được chia"
    if owed_s > 0:
        return f"chủ đề còn thiếu {minutes} phút so với phần được chia"
    return f"chủ đề đã vượt {minutes} phút so với phần được chia"
