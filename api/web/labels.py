"""Every Vietnamese label the pages show for a stored value: one label per enum value."""

from typing import Any

from broadcast.access import ROLE_LABELS as ROLE_LABELS  # also printed by `loa roles`
from broadcast.models import (
    CampaignStatus,
    DeviceKind,
    EventLevel,
    JobStatus,
    PhaseKind,
    SegmentKind,
    SegmentStatus,
    SessionStatus,
)
from broadcast.models.asrun import AsRunStatus
from broadcast.models.common import BulletinClass
from broadcast.models.lexicon import LexiconAction, LexiconKind

KIND_LABELS = {
    SegmentKind.ANNOUNCEMENT: "Thông báo",
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
    SegmentStatus.SUBMITTED: "Chờ duyệt",
    SegmentStatus.APPROVED: "Đã duyệt",
    SegmentStatus.RETIRED: "Ngừng dùng",
}
JOB_STATUS_LABELS = {
    JobStatus.QUEUED: "Đang chờ",
    JobStatus.RUNNING: "Đang chạy",
    JobStatus.SUCCEEDED: "Xong",
    JobStatus.FAILED: "Lỗi",
}
SESSION_STATUS_LABELS = {
    SessionStatus.GENERATED: "Đã lập",
    SessionStatus.EXPORTED: "Đã xuất",
}
AS_RUN_LABELS = {
    AsRunStatus.AIRED: "Đã phát",
    AsRunStatus.PARTLY: "Phát một phần",
    AsRunStatus.NOT_AIRED: "Không phát",
    "unconfirmed": "Chưa xác nhận",  # no as-run row yet
}
CAMPAIGN_STATUS_LABELS = {
    CampaignStatus.DRAFT: "Bản nháp",
    CampaignStatus.ACTIVE: "Đang thực hiện",
    CampaignStatus.ARCHIVED: "Đã lưu trữ",
}
LEVEL_LABELS = {
    EventLevel.WARD: "Phường/xã",
    EventLevel.DISTRICT: "Quận/huyện",
    EventLevel.CITY: "Tỉnh/thành phố",
    EventLevel.NATIONAL: "Toàn quốc",
    EventLevel.OTHER: "Khác",
}
PHASE_KIND_LABELS = {
    PhaseKind.BEFORE: "Trước",
    PhaseKind.DURING: "Trong",
    PhaseKind.AFTER: "Sau",
    PhaseKind.GENERAL: "Chung",
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
LEXICON_FIELD_LABELS = {
    "written": "Dạng viết",
    "spoken": "Cách đọc",
    "context_before": "Ngữ cảnh trước",
    "context_after": "Ngữ cảnh sau",
    "kind": "Loại",
    "note": "Ghi chú",
    "active": "Đang dùng",
}
DEVICE_KIND_LABELS = {
    DeviceKind.IP_RECEIVER: "Cụm thu phát IP",
    DeviceKind.FM_BRIDGE: "Cầu nối phát FM",
    DeviceKind.WIRED_BRIDGE: "Cầu nối loa dây",
    DeviceKind.CARD_PLAYER: "Máy phát thẻ nhớ",
}
REPORT_OUTCOME_LABELS = {  # keys: broadcast.models.ReportOutcome values
    "completed": "Phát trọn",
    "interrupted": "Bị ngắt",
    "skipped": "Bỏ qua",
}
REPORT_KIND_LABELS = {  # keys: broadcast.models.ReportKind values
    "item": "Mục",
    "session": "Buổi phát",
    "alert": "Tin khẩn cấp",
}
REPORT_REASON_LABELS = {  # reasons a player sends; any other is shown as sent
    "emergency": "tin khẩn cấp chen vào",
    "checksum": "tệp sai mã kiểm tra",
    "file_missing": "thiếu tệp",
    "late": "quá giờ phát",
    "quiet_hours": "giờ yên tĩnh",
}
DEVICE_LINK_LABELS = {  # keys: broadcast.devices.Link values
    "online": "Trực tuyến",
    "offline": "Mất kết nối",
    "never": "Chưa kết nối",
}
DEVICE_FIELD_LABELS = {
    "zone": "Khu vực",
    "latitude": "Vĩ độ",
    "longitude": "Kinh độ",
    "volume": "Âm lượng",
    "output_profile": "Định dạng phát",
    "agent_version": "Phiên bản phần mềm",
    "enabled": "Đang bật",
    "token_hash": "Mã băm",
    "token_prefix": "Đầu mã thiết bị",
    "token_issued_at": "Cấp mã lúc",
    "last_heartbeat_at": "Tín hiệu cuối lúc",
    "reported_state": "Trạng thái thiết bị báo",
    "clock_offset_s": "Lệch giờ (giây)",
}
PRESET_LABELS = {"horn": "Loa nén ngoài trời (horn)", "indoor_fm": "Trong nhà / FM (indoor_fm)"}
JINGLE_LABELS = {
    "none": "Không chèn nhạc hiệu",
    "every": "Giữa mọi bài",
    "topics": "Khi chuyển chủ đề",
}
REPORT_GROUP_LABELS = {
    "topic": "Chủ đề",
    "event": "Sự kiện",
    "phase": "Giai đoạn",
    "week": "Tuần",
    "month": "Tháng",
}
ALERT_KIND_LABELS = {"emergency": "Tin khẩn cấp", "live": "Phát trực tiếp"}
AUDIT_ENTITY_LABELS = {
    "alert": "Phát khẩn cấp",
    "api_token": "Mã truy cập API",
    "asrun": "Nhật ký phát",
    "audio_asset": "Tệp âm thanh",
    "bulletin": "Bản tin cấp trên",
    "bulletin_delivery": "Bản tin gửi đến đài",
    "campaign": "Chiến dịch",
    "device": "Thiết bị",
    "event": "Sự kiện",
    "export": "Xuất file",
    "job": "Tác vụ",
    "lexicon_change": "Lịch sử từ điển",
    "lexicon_entry": "Từ điển phát âm",
    "library_item": "Thư viện âm thanh",
    "phase": "Giai đoạn",
    "plan_import": "Nhập kế hoạch",
    "playlist": "Buổi phát",
    "playlist_item": "Bài trong buổi phát",
    "scheduler_run": "Lịch tự động",
    "segment": "Bài phát",
    "segment_phase": "Bài – giai đoạn",
    "segment_topic": "Bài – chủ đề",
    "session_slot": "Khung giờ phát",
    "station": "Đài",
    "topic": "Chủ đề",
    "unit": "Đơn vị",
    "user_account": "Tài khoản",
    "user_role": "Vai trò",
    "voice_usage": "Ký tự giọng đọc trực tuyến",
}
AUDIT_ACTION_LABELS = {
    "create": "Tạo",
    "update": "Sửa",
    "delete": "Xoá",
    "approve": "Duyệt",
    "return": "Trả lại",
    "submit": "Gửi duyệt",
    "fast_track": "Duyệt khẩn",
    "send_alert": "Phát khẩn cấp",
    "end_alert": "Kết thúc phát khẩn cấp",
    "revoke": "Thu hồi",
    "login": "Đăng nhập",
    "login_failed": "Đăng nhập sai",
    "login_locked": "Đăng nhập khi bị khoá",
}
# Status badges (macros.html): segment, job and session statuses and bulletin classes share
# one lookup by value; no two of these enums use the same value.
_BADGED = (STATUS_LABELS, JOB_STATUS_LABELS, SESSION_STATUS_LABELS, CLASS_LABELS)
BADGE_LABELS: dict[str, str] = {str(k): v for table in _BADGED for k, v in table.items()}


def content_labels() -> dict[str, Any]:
    """The label tables of the content pages, for a template's context."""
    return {
        "KIND_LABELS": KIND_LABELS,
        "CLASS_LABELS": CLASS_LABELS,
        "STATUS_LABELS": STATUS_LABELS,
        "SPAN_LABELS": SPAN_LABELS,
        "LEXICON_KIND_LABELS": LEXICON_KIND_LABELS,
        "LEXICON_KINDS": list(LEXICON_KIND_LABELS.items()),
        "LEXICON_ACTION_LABELS": LEXICON_ACTION_LABELS,
    }
