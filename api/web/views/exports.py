"""The Xuất file page: a station's export and bundle jobs, with failures explained."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from broadcast.exports import job_int, recent_export_jobs, sessions_of_jobs
from broadcast.models import BroadcastSession, Export, Job, JobKind, SessionSlot

_DATA_GONE = "Dữ liệu của buổi phát đã bị xoá hoặc thay đổi. Hãy lập lại lịch rồi xuất lại."
# error code of a failed export (LoaError.code) → what the operator can do about it
HINTS: dict[str, str] = {
    "segment.not_cleared": (
        "Một chuyên mục trong buổi chưa được duyệt (hoặc đã bị sửa sau khi duyệt). "
        "Hãy duyệt lại ở trang Chuyên mục, hoặc bỏ chuyên mục khỏi buổi, rồi xuất lại."
    ),
    "session.empty": (
        "Buổi phát chưa có chuyên mục nào. Hãy lập lại buổi hoặc thêm chuyên mục rồi xuất lại."
    ),
    "session.over_slot": (
        "Âm thanh thật dài hơn thời lượng của khung giờ. Hãy bỏ bớt chuyên mục rồi xuất lại."
    ),
    "not_found": _DATA_GONE,
    "station.missing": _DATA_GONE,
    "slot.missing": _DATA_GONE,
    "bundle.no_sessions": (
        "Khoảng ngày đã chọn chưa có buổi phát nào. Hãy lập lịch phát trước rồi tạo gói."
    ),
}
_UNEXPECTED = (
    "Lỗi hệ thống khi tạo tệp. Hãy thử xuất lại; nếu vẫn lỗi, báo quản trị viên "
    "kèm số công việc này."
)


@dataclass(frozen=True)
class ExportRow:
    """One export job as the Xuất file page shows it."""

    job: Job
    export: Export | None = None
    session: BroadcastSession | None = None
    slot_start: str = ""

    @property
    def is_bundle(self) -> bool:
        """True for a player bundle (day or week), False for one session's export."""
        return self.job.kind == JobKind.EXPORT_BUNDLE

    @property
    def bundle_days(self) -> tuple[date, date] | None:
        """First and last day of a bundle job, when its parameters hold valid dates."""
        try:
            start = date.fromisoformat(str(self.job.params.get("from")))
            end = date.fromisoformat(str(self.job.params.get("to")))
        except ValueError:
            return None
        return start, end


def explain_failure(job: Job) -> str:
    """What a failed export means and what to do next, in Vietnamese (by its error code)."""
    return HINTS.get(job.error_code or "", _UNEXPECTED)


def export_history(db: Session, station_id: int, limit: int = 50) -> list[ExportRow]:
    """The station's export and bundle jobs, newest first, with their finished exports."""
    mine = recent_export_jobs(db, [station_id], limit)
    sessions = sessions_of_jobs(db, mine)
    exports = _exports_of(db, [j.id or 0 for j in mine])
    slots = {s.id: s for s in db.exec(select(SessionSlot))}
    rows = []
    for job in mine:
        session = sessions.get(job_int(job.params.get("playlist_id")) or 0)
        slot = slots.get(session.slot_id) if session else None
        rows.append(
            ExportRow(
                job=job,
                export=exports.get(job.id or 0),
                session=session if job.kind == JobKind.EXPORT_SESSION else None,
                slot_start=slot.start.strftime("%H:%M") if slot else "",
            )
        )
    return rows


def _exports_of(db: Session, job_ids: Sequence[int]) -> dict[int, Export]:
    query = select(Export).where(col(Export.job_id).in_(list(job_ids)))
    return {e.job_id or 0: e for e in db.exec(query)}
