"""Helpers for the follow-up page tests: items, answers, files, snapshots (dates come from tests.dates)."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from council import services
from council.models import AgencyStatus, FollowUp, FollowUpEvent, Role
from tests.council.factories import make_followup
from tests.dates import days

Event = FollowUpEvent.Kind

READERS = {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.COMMITTEE_HEAD, Role.LEADERSHIP}
NOT_READERS = {Role.DELEGATE, Role.GROUP_LEADER, Role.AGENCY}
ACTIONS = ["verify", "reopen", "due", "evidence", "note", "milestone", "escalate"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
DISGUISED = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def dmy(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def item(council, agency, title, *, due_in, assigned_ago=30, **kwargs) -> FollowUp:
    return make_followup(
        council, agency=agency, title=title, assigned=days(-assigned_ago), due=days(due_in), **kwargs
    )


def answer(followup, status=AgencyStatus.DONE, text="Sở đã hoàn thành và báo cáo kết quả."):
    services.followup_answer(followup, actor=None, status=status, text=text)
    followup.refresh_from_db()
    return followup


def pdf(name="tra-loi.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def respondent_and_agency(user_with_role):
    user = user_with_role(Role.AGENCY)
    return user, user.roles.get().agency


def kinds(followup) -> list[str]:
    return list(followup.events.order_by("at", "pk").values_list("kind", flat=True))


def snapshot(followup) -> tuple:
    followup = FollowUp.objects.get(pk=followup.pk)
    return (
        followup.agency_status,
        followup.council_status,
        followup.progress,
        followup.agency_explanation,
        followup.closed_on,
        followup.due_date,
        followup.escalation_level,
        followup.first_answered_on,
        followup.events.count(),
        followup.attachments.count(),
    )


def titles(response) -> set[str]:
    return {f.title for f in response.context["page"].object_list}


def downloaded(response) -> bytes:
    # Consuming the stream closes the file (the test client's wrapper); response.close() would also fire
    # request_finished, which closes the test's PostgreSQL connection.
    content = b"".join(response.streaming_content)
    return content
