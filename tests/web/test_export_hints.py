"""Failed exports are explained by their error code, never by the words of their message."""

import ast
from pathlib import Path

from sqlalchemy.engine import Engine

from api.web.views.exports import HINTS, explain_failure
from broadcast import errors
from broadcast.config import Settings
from broadcast.db import transaction
from broadcast.jobs import enqueue
from broadcast.jobs.runner import UNEXPECTED, run_job
from broadcast.models import Job, JobKind, JobStatus

ROOT = Path(__file__).resolve().parents[2]
KINDS = {cls.kind for cls in vars(errors).values() if isinstance(cls, type)} - {"error"}


def raised_codes() -> set[str]:
    """Every `code="…"` passed to an error (or a login refusal) in the product's code."""
    codes = set()
    for path in [*ROOT.joinpath("broadcast").rglob("*.py"), *ROOT.joinpath("api").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "code" and isinstance(kw.value, ast.Constant):
                        codes.add(str(kw.value.value))
    return codes


def test_every_hint_answers_a_code_the_code_raises() -> None:
    known = raised_codes() | KINDS
    assert {"segment.not_cleared", "session.empty", "bundle.no_sessions"} <= known
    assert set(HINTS) - known == set()


def test_the_hint_follows_the_code_not_the_message() -> None:
    misleading = Job(
        kind=JobKind.EXPORT_SESSION,
        status=JobStatus.FAILED,
        message="chuyên mục 3 chưa được duyệt",  # words of another failure
        error_code="session.empty",
    )
    assert explain_failure(misleading) == HINTS["session.empty"]
    unknown = misleading.model_copy(update={"error_code": None})
    assert explain_failure(unknown) == explain_failure(
        misleading.model_copy(update={"error_code": UNEXPECTED})
    )
    assert explain_failure(unknown) not in HINTS.values()


def test_a_failed_job_records_the_code_of_its_error(engine: Engine, settings: Settings) -> None:
    with transaction(engine) as db:
        job_id = enqueue(db, JobKind.EXPORT_SESSION, {"playlist_id": 999}).id or 0
    job = run_job(engine, settings, job_id)
    assert (job.status, job.error_code) == (JobStatus.FAILED, "not_found")
    assert explain_failure(job) == HINTS["not_found"]


def test_codes_default_to_the_kind_and_are_kept_when_given() -> None:
    assert errors.Conflict("x").code == "conflict"
    assert errors.Conflict("x", code="session.empty").code == "session.empty"
    bad = errors.InvalidInput("day", "ngày không hợp lệ", code="day.bad")
    assert (bad.code, bad.field, bad.detail, bad.message) == (
        "day.bad",
        "day",
        "ngày không hợp lệ",
        "day: ngày không hợp lệ",
    )
    assert errors.NotFound("Đài", 3).code == "not_found"
