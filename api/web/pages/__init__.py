"""Page routers of the web UI, one module per menu section, in menu order.

alerts.py     Phát khẩn cấp: active alerts to end, an approved emergency bulletin sent to chosen
              zones, going live from the browser's microphone
asrun.py      Xác nhận phát sóng: past sessions to confirm or correct, a day at once, a player
              log upload
audit.py      Nhật ký: the append-only audit log with filters and paging to older entries (read-
              only)
campaigns.py  Chiến dịch: the station's campaigns, a campaign's timeline, phases and topics, plan
              import
devices.py    Thiết bị: the station's devices; a new device's token shown once; edit, disable,
              re-issue a token
exports.py    Xuất file: export and bundle jobs with live progress, downloads and explained errors
home.py       Tổng quan: today's and tomorrow's sessions, exports, schedule warnings, the scheduler
lexicon.py    Từ điển phát âm: the operator lexicon, searched, edited, with its history and CSV
              files
library.py    Thư viện âm thanh: the station's audio files, uploaded, searched, heard, replaced,
              removed
login.py      Login and logout pages, and the first-run page that creates the first admin
record.py     Thu âm: the segments an announcer may read, and the recording page with its
              teleprompter
reports.py    Báo cáo: airtime confirmed in the as-run log, as a chart, a table and a CSV download
review.py     Chờ duyệt: the segments waiting for an approver, to listen to, read, approve or
              return
schedule.py   Lịch phát: the calendar of sessions, and one session's playlist with its editing
              controls
segments.py   Chuyên mục: the segment list with filters, the new-segment form and the segment
              editor
settings.py   Cài đặt: the station's settings, its session slots and the voices (writes for admins
              only)
bulletins.py  Bản tin cấp trên / gửi xuống: a station's inbox and what its units issued
units.py      Đơn vị: the organisation tree (province → communes → stations) and a new unit
unit_reports.py  Báo cáo đơn vị: a unit's roll-up (chart, tables, CSV) and its monthly report
users.py      Người dùng: accounts and roles (admins only), and every user's own API tokens
"""

from api.web.pages import (
    alerts,
    asrun,
    audit,
    bulletins,
    campaigns,
    devices,
    exports,
    home,
    lexicon,
    library,
    login,
    record,
    reports,
    review,
    schedule,
    segments,
    settings,
    unit_reports,
    units,
    users,
)

ROUTERS = [login.router, home.router, segments.router, review.router, record.router]
ROUTERS += [library.router, lexicon.router, schedule.router, exports.router, asrun.router]
ROUTERS += [reports.router, campaigns.router]
ROUTERS += [audit.router, settings.router, users.router, devices.router, alerts.router]
ROUTERS += [units.router, bulletins.router, unit_reports.router]
