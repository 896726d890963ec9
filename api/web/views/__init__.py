"""Page view-models: what each page shows, read from the broadcast services (no HTML here).

accounts.py   What the Người dùng pages show: accounts with roles and lock state, a user's API
              tokens
asrun.py      The Xác nhận phát sóng page's model: past sessions by day, unconfirmed ones first
audit.py      The audit log as the Nhật ký page shows it: filter choices, compact diffs
campaigns.py  What the campaign pages show: campaigns with their span, a campaign's events, phases,
              topics
exports.py    The Xuất file page: a station's export and bundle jobs, with failures explained
lexicon.py    Read-side helpers of the lexicon page: entries that apply at a station, searched by
              text
library.py    Read-side helpers of the media library: kind labels, and the library files a select
              offers (the station's jingle and bed, a segment's audio)
review.py     Read-side of the review queue: what waits for an approver, with its audio and
              spoken text
segments.py   Read-side helpers of the segment pages: filtered lists, form options, names, spoken
              spans
sessions.py   One session as the Lịch phát page shows it: items, classes, exports, what can be
              added
"""
