"""Vietnamese words of the audit log: a label for every audited column, value labels, actors."""

from collections.abc import Mapping
from typing import Any

from api.web.labels import (
    AS_RUN_LABELS,
    CAMPAIGN_STATUS_LABELS,
    CLASS_LABELS,
    DEVICE_FIELD_LABELS,
    DEVICE_KIND_LABELS,
    JINGLE_LABELS,
    JOB_STATUS_LABELS,
    KIND_LABELS,
    LEVEL_LABELS,
    LEXICON_ACTION_LABELS,
    LEXICON_FIELD_LABELS,
    LEXICON_KIND_LABELS,
    PHASE_KIND_LABELS,
    PRESET_LABELS,
    ROLE_LABELS,
    SESSION_STATUS_LABELS,
    STATUS_LABELS,
)
from api.web.views.library import LIBRARY_KIND_LABELS
from broadcast.models import JobKind

# Column names that mean the same in every table.
FIELD_LABELS = {
    "id": "Mã số",
    "station_id": "Đài",
    "campaign_id": "Chiến dịch",
    "event_id": "Sự kiện",
    "phase_id": "Giai đoạn",
    "topic_id": "Chủ đề",
    "segment_id": "Bài phát",
    "playlist_id": "Buổi phát",
    "slot_id": "Khung giờ",
    "user_id": "Tài khoản",
    "job_id": "Tác vụ",
    "entry_id": "Mục từ điển",
    "audio_asset_id": "Tệp âm thanh",
    "speech_asset_id": "Âm thanh giọng đọc",
    "jingle_asset_id": "Tệp nhạc hiệu",
    "bed_asset_id": "Tệp nhạc nền",
    "author_id": "Người viết",
    "approved_by_id": "Người duyệt",
    "contributor_ids": "Người cùng viết",
    "name": "Tên",
    "title": "Tiêu đề",
    "text": "Nội dung",
    "note": "Ghi chú",
    "status": "Trạng thái",
    "kind": "Loại",
    "day": "Ngày",
    "start": "Giờ bắt đầu",
    "weekdays": "Ngày phát trong tuần",
    "weight": "Trọng số",
    "position": "Thứ tự",
    "starts_on": "Từ ngày",
    "ends_on": "Đến ngày",
    "peak_starts_on": "Cao điểm từ ngày",
    "peak_ends_on": "Cao điểm đến ngày",
    "created_at": "Tạo lúc",
    "updated_at": "Sửa lúc",
    "started_at": "Bắt đầu lúc",
    "finished_at": "Xong lúc",
    "duration_s": "Thời lượng",
    "integrated_lufs": "Độ to đo được",
    "true_peak_dbtp": "Mức đỉnh đo được",
    "source": "Nguồn",
    "engine": "Bộ đọc",
    "engine_version": "Phiên bản bộ đọc",
    "path": "Đường dẫn tệp",
    "result": "Kết quả",
    "author": "Người sửa",
    "active": "Đang dùng",
    "before": "Giá trị trước",
    "after": "Giá trị sau",
    "locality": "Địa bàn",
    "timezone": "Múi giờ",
}
# Per table, where a column name means something of its own (or only exists there).
TABLE_FIELD_LABELS: dict[str, dict[str, str]] = {
    "api_token": {
        "name": "Tên mã",
        "token_hash": "Mã băm",
        "prefix": "Đầu mã",
        "last_used_at": "Dùng lần cuối",
        "revoked_at": "Thu hồi lúc",
    },
    "asrun": {
        "status": "Kết quả phát",
        "aired_until_s": "Phát đến",
        "aired_s": "Thời gian đã phát",
        "confirmed_at": "Xác nhận lúc",
    },
    "audio_asset": {
        "content_hash": "Mã kiểm tra nội dung",
        "sample_rate": "Tần số lấy mẫu",
        "channels": "Số kênh",
        "loudness_range_lu": "Dải độ to (LU)",
        "original_name": "Tên tệp gốc",
    },
    "campaign": {
        "document_number": "Số văn bản",
        "issuing_body": "Cơ quan ban hành",
        "issued_on": "Ngày ban hành",
    },
    "device": {"name": "Tên thiết bị", "kind": "Loại thiết bị", **DEVICE_FIELD_LABELS},
    "event": {"level": "Cấp", "ordinal": "Lần thứ"},
    "export": {
        "zip_path": "Tệp ZIP",
        "mp3_path": "Tệp MP3",
        "synthesized": "Số bài tổng hợp giọng",
    },
    "job": {
        "kind": "Loại tác vụ",
        "progress": "Tiến độ",
        "message": "Thông báo",
        "error_code": "Mã lỗi",
        "params": "Tham số",
        "lease_until": "Giữ đến",
        "attempts": "Số lần chạy",
        "worker": "Tiến trình chạy",
    },
    "lexicon_change": {"action": "Thao tác", "changed_at": "Lúc", "revision": "Phiên bản"},
    "lexicon_entry": LEXICON_FIELD_LABELS,
    "phase": {"code": "Mã giai đoạn", "kind": "Thời điểm"},
    "plan_import": {"filename": "Tên tệp", "sha256": "Mã kiểm tra tệp", "parse": "Kết quả đọc"},
    "playlist": {
        "total_s": "Tổng thời lượng",
        "unused_s": "Thời gian còn trống",
        "skipped": "Bài không xếp được",
        "generated_at": "Lập lúc",
        "locked": "Khoá",
        "removed_ids": "Bài đã bỏ",
    },
    "playlist_item": {
        "start_offset_s": "Bắt đầu sau",
        "reason": "Lý do xếp",
        "pinned": "Ghim",
    },
    "scheduler_run": {"run_day": "Ngày chạy", "trigger": "Khởi động bởi"},
    "segment": {
        "kind": "Loại bài",
        "script": "Lời đọc",
        "bulletin_class": "Mức độ",
        "air_start": "Phát từ ngày",
        "air_end": "Phát đến ngày",
        "min_days_between": "Cách nhau tối thiểu (ngày)",
        "max_per_day": "Tối đa mỗi ngày",
        "max_per_week": "Tối đa mỗi tuần",
        "fixed_position": "Vị trí cố định",
        "allow_repeat": "Cho phát lặp",
        "with_bed": "Có nhạc nền",
        "voice": "Giọng đọc",
        "engine_used": "Bộ đọc đã dùng",
        "approved_at": "Duyệt lúc",
        "approved_hash": "Mã kiểm tra bản duyệt",
        "review_note": "Ý kiến duyệt",
        "lexicon_returned": "Trả lại do từ điển",
        "fast_track_reason": "Lý do duyệt khẩn",
        "submitted_at": "Gửi duyệt lúc",
        "submit_note": "Lời nhắn khi gửi duyệt",
        "returned_at": "Trả lại lúc",
        "plan_template": "Bài mẫu từ kế hoạch",
    },
    "library_item": {"kind": "Dùng làm", "asset_id": "Tệp âm thanh"},
    "session_slot": {"max_seconds": "Thời lượng tối đa"},
    "station": {
        "name": "Tên đài",
        "unit_id": "Đơn vị",
        "target_lufs": "Độ to chuẩn phát thanh",
        "true_peak_dbtp": "Mức đỉnh tối đa",
        "processing_preset": "Xử lý âm thanh",
        "output_profiles": "Định dạng xuất",
        "trim_silence": "Cắt khoảng lặng",
        "jingle_mode": "Chèn nhạc hiệu",
        "quiet_hours": "Giờ yên tĩnh",
        "zone_quiet_hours": "Giờ yên tĩnh theo khu vực",
    },
    "topic": {"text": "Chủ đề"},
    "unit": {
        "name": "Tên đơn vị",
        "kind": "Cấp",
        "parent_id": "Đơn vị cấp trên",
        "code": "Mã đơn vị hành chính",
    },
    "user_account": {
        "full_name": "Họ và tên",
        "username": "Tên đăng nhập",
        "password_hash": "Mật khẩu",
        "is_active": "Đang hoạt động",
        "failed_logins": "Số lần đăng nhập sai",
        "locked_until": "Khoá đến",
        "last_login_at": "Đăng nhập lần cuối",
    },
    "user_role": {"role": "Vai trò", "unit_id": "Đơn vị"},
}
# Columns not worth showing one by one: hashes, file paths, bookkeeping. A change to any of
# them is summarised in one line naming their labels.
INTERNAL_FIELDS = frozenset(
    {
        "id",
        "approved_hash",
        "content_hash",
        "sha256",
        "token_hash",
        "token_prefix",
        "password_hash",
        "path",
        "zip_path",
        "mp3_path",
        "speech_asset_id",
        "engine_version",
        "engine_used",
        "params",
        "result",
        "parse",
        "before",
        "after",
        "revision",
        "lease_until",
        "worker",
        "attempts",
        "progress",
        "created_at",
        "updated_at",
        "skipped",
        "reason",
    }
)


def _words(labels: Mapping[Any, str]) -> dict[str, str]:
    """A label table keyed by the stored text of its values."""
    return {str(key): text for key, text in labels.items()}


JOB_KIND_LABELS = {
    JobKind.RENDER_SEGMENT: "Tổng hợp giọng đọc",
    JobKind.EXPORT_SESSION: "Xuất buổi phát",
    JobKind.SPEECH_PREVIEW: "Đọc thử",
    JobKind.EXPORT_BUNDLE: "Xuất nhiều buổi",
    JobKind.SCHEDULER_RUN: "Lịch tự động",
}
# Stored codes shown as words: (table, column) → labels.
VALUE_LABELS: dict[tuple[str, str], dict[str, str]] = {
    ("segment", "kind"): _words(KIND_LABELS),
    ("segment", "status"): _words(STATUS_LABELS),
    ("segment", "bulletin_class"): _words(CLASS_LABELS),
    ("job", "kind"): _words(JOB_KIND_LABELS),
    ("job", "status"): _words(JOB_STATUS_LABELS),
    ("playlist", "status"): _words(SESSION_STATUS_LABELS),
    ("asrun", "status"): _words(AS_RUN_LABELS),
    ("campaign", "status"): _words(CAMPAIGN_STATUS_LABELS),
    ("event", "level"): _words(LEVEL_LABELS),
    ("phase", "kind"): _words(PHASE_KIND_LABELS),
    ("lexicon_entry", "kind"): _words(LEXICON_KIND_LABELS),
    ("lexicon_change", "action"): _words(LEXICON_ACTION_LABELS),
    ("user_role", "role"): _words(ROLE_LABELS),
    ("station", "processing_preset"): _words(PRESET_LABELS),
    ("station", "jingle_mode"): _words(JINGLE_LABELS),
    ("library_item", "kind"): _words(LIBRARY_KIND_LABELS),
    ("device", "kind"): _words(DEVICE_KIND_LABELS),
}
# JSON lists of ids that point at another table (no foreign key to read them from).
ID_LISTS = {("segment", "contributor_ids"): "user_account", ("playlist", "removed_ids"): "segment"}
ACTOR_LABELS = {"system": "Hệ thống", "scheduler": "Lịch tự động", "job": "Tác vụ nền"}
WEEKDAY_SHORT = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def field_label(table: str, column: str) -> str | None:
    """The Vietnamese name of a column of an audited table (None: nobody named it yet)."""
    return TABLE_FIELD_LABELS.get(table, {}).get(column) or FIELD_LABELS.get(column)
