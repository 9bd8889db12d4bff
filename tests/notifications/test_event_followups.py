"""The events of the follow-up spine that make notices, driven through the real services: an item assigned to
an agency (by the Office, by a petition's transfer), an item flagged for the leadership, an interpellation
answered and its commitment verified, a report issued."""

import datetime as dt

import pytest
from django.utils import translation

from council import services as core_services
from council.models import AgencyStatus, CouncilStatus, OutboxMail, Role
from notifications.models import Notification
from reports import services as report_services
from reports.models import Report
from reports.periods import Period
from sessions import services as session_services
from sessions.models import Interpellation
from tests.council.factories import AgencyFactory, FieldFactory, make_followup
from tests.dates import days
from voters import services as voter_services

from .factories import person

pytestmark = pytest.mark.django_db


def told(kind: str) -> set:
    return {n.recipient for n in Notification.objects.filter(kind=kind)}


def mails_to(user) -> int:
    return OutboxMail.objects.filter(to__contains=user.email, dedupe_key__startswith="notify-").count()


def test_an_item_assigned_tells_the_respondents_of_its_agencies_at_once(council, other_council):
    agency, helper, elsewhere = (AgencyFactory(council=council) for _ in range(3))
    respondent = person(council, Role.AGENCY, agency=agency, email="soyte@example.invalid")
    coordinating = person(council, Role.AGENCY, agency=helper)
    unrelated = person(council, Role.AGENCY, agency=elsewhere)
    reader = person(council, Role.LEADERSHIP)
    stranger = person(other_council, Role.AGENCY)

    followup = make_followup(council, agency=agency, coordinating_agencies=[helper], reference="VP-2026-0007")

    assert told("followup_assigned") == {respondent, coordinating}
    # Once each: the respondent by their notice, the agency's own mailbox by the item's mail.
    assert OutboxMail.objects.filter(to__contains=respondent.email).count() == mails_to(respondent) == 1
    assert OutboxMail.objects.get(dedupe_key=f"assigned:{followup.pk}").to == agency.emails
    notice = Notification.objects.get(kind="followup_assigned", recipient=respondent)
    assert notice.params == {"item": "VP-2026-0007", "due": f"{followup.due_date:%d/%m/%Y}"}
    assert not told("followup_for_leadership")  # not flagged
    assert not Notification.objects.filter(recipient__in=[unrelated, reader, stranger]).exists()


def test_an_item_flagged_for_the_leadership_tells_the_leadership_and_the_standing_committee(council):
    reader = person(council, Role.LEADERSHIP, email="lanhdao@example.invalid")
    standing = person(council, Role.STANDING)
    delegate = person(council, Role.DELEGATE)

    make_followup(council, report_to_leadership=True)

    assert told("followup_for_leadership") == {reader, standing}
    assert mails_to(reader) == 0  # the leadership reads these in the daily digest
    assert delegate not in told("followup_for_leadership")


def test_a_petitions_transfer_tells_the_agency_it_goes_to(council):
    agency = AgencyFactory(council=council, name="Sở Xây dựng")
    respondent = person(council, Role.AGENCY, agency=agency)
    petition = voter_services.petition_create(
        actor=None,
        council=council,
        title="Đèn đường ấp 3 hư đã hai tháng",
        text="Cử tri kiến nghị sửa đèn đường ấp 3.",
        received_on=days(-3),
    )
    voter_services.petition_classify(
        petition, actor=None, field=FieldFactory(council=council), competence="province", agency=agency
    )

    followup = voter_services.petition_transfer(petition, actor=None, due_date=days(30))

    notice = Notification.objects.get(kind="followup_assigned")
    assert notice.recipient == respondent and notice.subject == followup
    assert notice.params["item"] == petition.code  # the tracking code, never the citizen's words


def _answered_slip(council, asker):
    slip = session_services.interpellation_draft(
        actor=None,
        council=council,
        term=asker.mandate.term,
        askers=[asker.mandate],
        agency=AgencyFactory(council=council, name="Sở Y tế"),
        respondent_title="Giám đốc Sở Y tế",
        question="Vì sao tình trạng thiếu thuốc bảo hiểm y tế kéo dài tại các trạm y tế xã?",
    )
    session_services.interpellation_submit(slip, actor=None, on=days(-10))
    session_services.interpellation_assign(slip, actor=None, mode=Interpellation.Mode.ORAL)
    session_services.interpellation_answer(
        slip, actor=None, answered_on=days(-5), answered_by="Giám đốc Sở Y tế", text="Sở sẽ bổ sung thuốc."
    )
    return slip


def test_an_answer_tells_the_delegates_who_asked_and_a_new_answer_tells_them_again(council):
    asker = person(council, Role.DELEGATE, email="daibieu@example.invalid")
    colleague = person(council, Role.DELEGATE)
    office = person(council, Role.OFFICE)

    slip = _answered_slip(council, asker)

    assert told("interpellation_answered") == {asker} and mails_to(asker) == 1
    assert colleague not in told("interpellation_answered") and office not in told("interpellation_answered")
    # Disputed and answered again: a second answer is news; a refused retry changes nothing.
    session_services.interpellation_assess(
        slip, actor=None, satisfaction=Interpellation.Satisfaction.UNSATISFIED
    )
    session_services.interpellation_answer(
        slip, actor=None, answered_on=days(-1), answered_by="Giám đốc Sở Y tế", text="Đã cấp bổ sung thuốc."
    )
    with pytest.raises(Exception, match="Not possible|Không thể"):
        session_services.interpellation_answer(
            slip, actor=None, answered_on=days(-1), answered_by="Giám đốc Sở Y tế", text="Lần nữa."
        )
    notices = Notification.objects.filter(kind="interpellation_answered", recipient=asker).order_by("pk")
    assert [n.params["date"] for n in notices] == [f"{days(-5):%d/%m/%Y}", f"{days(-1):%d/%m/%Y}"]
    with translation.override("vi"):
        assert f"đã được trả lời ngày {days(-1):%d/%m/%Y}" in str(notices[1])


def test_verifying_a_commitment_tells_the_askers_each_time_it_is_verified(council):
    asker = person(council, Role.DELEGATE)
    slip = _answered_slip(council, asker)
    commitment = session_services.commitment_add(
        slip, actor=None, text="Bảo đảm đủ thuốc BHYT tại 100% trạm y tế xã", due_date=days(60)
    )
    followup = commitment.followups.get()
    respondent = person(council, Role.AGENCY, agency=followup.agency)
    other = make_followup(council, agency=followup.agency)  # an item that follows no commitment
    assert not told("commitment_verified")

    core_services.followup_answer(
        followup, actor=None, status=AgencyStatus.IN_PROGRESS, text="Đang mua thuốc."
    )
    core_services.followup_verify(followup, actor=None, outcome=CouncilStatus.PARTLY_DONE, reason="Chưa đủ.")
    core_services.followup_verify(other, actor=None, outcome=CouncilStatus.DONE, reason="Đã kiểm tra.")

    notices = Notification.objects.filter(kind="commitment_verified")
    assert [n.recipient for n in notices] == [asker] and notices[0].subject == slip
    core_services.followup_answer(followup, actor=None, status=AgencyStatus.DONE, text="Đã đủ thuốc.")
    core_services.followup_verify(followup, actor=None, outcome=CouncilStatus.DONE)
    assert Notification.objects.filter(kind="commitment_verified", recipient=asker).count() == 2
    assert respondent not in told("commitment_verified")


def test_issuing_a_report_tells_its_leadership_readers_once(council, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    reader = person(council, Role.LEADERSHIP, email="lanhdao@example.invalid")
    standing = person(council, Role.STANDING)
    office = person(council, Role.OFFICE)
    agency = person(council, Role.AGENCY)
    report, queued = report_services.report_request(
        actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Period("Q", 2026, 2)
    )
    if queued:
        report_services.report_generate(report.pk)
    report.refresh_from_db()
    assert not Notification.objects.filter(kind="report_issued").exists()  # a draft tells nobody

    report_services.report_issue(report, actor=office, number="45/BC-HĐND", issued_on=dt.date(2026, 7, 10))

    assert told("report_issued") == {reader, standing}
    assert OutboxMail.objects.filter(to__contains=reader.email).count() == mails_to(reader) == 1
    assert office not in told("report_issued") and agency not in told("report_issued")
    with pytest.raises(Exception, match="already issued|đã được ban hành|đã ban hành"):
        report_services.report_issue(
            report, actor=office, number="46/BC-HĐND", issued_on=dt.date(2026, 7, 11)
        )
    assert Notification.objects.filter(kind="report_issued").count() == 2
