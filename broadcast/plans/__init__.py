"""Plan documents ("Kế hoạch"): text extraction and a pure parser into phases, topics, dates.

extract.py   bytes of .txt / .docx / .pdf → text (InvalidInput('file', …) otherwise)
pdf/         a PDF's text layer (PDFium) back into paragraphs, page furniture dropped
text.py      cleaned numbered lines and what kind each line is
outline.py   heading tree with the bullets each heading owns
header/      number, code, place, date, issuer and level, title, parent plan (or a quoting article)
events.py    events of the title and their dates from anywhere in the text
dates/       dates, month ranges, relative and vague bounds (solar.py); lunar dates (mùng 4 Tết,
             rằm tháng Giêng, 15/8 âm lịch) placed on the solar calendar (lunar.py)
phases.py    phases (smallest blocks with their own bullets) and their windows
running.py   phases stated in sentences ("giai đoạn 2 từ … đến …")
occasions.py dated commemorations and holidays
slots.py     loudspeaker times → proposed slots
notes.py     'Tổ chức thực hiện' and other sections as notes
parser.py    parse_plan(text) → PlanParse;  serialize.py → JSON;  scripts.py → draft scripts
"""

from broadcast.plans.extract import MAX_BYTES, extract_text
from broadcast.plans.parser import parse_plan
from broadcast.plans.scripts import draft_script
from broadcast.plans.serialize import to_json
from broadcast.plans.types import EventInfo, PhaseInfo, PlanParse

__all__ = [
    "MAX_BYTES",
    "EventInfo",
    "PhaseInfo",
    "PlanParse",
    "draft_script",
    "extract_text",
    "parse_plan",
    "to_json",
]
