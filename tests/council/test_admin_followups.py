"""The admin changes follow-ups, milestones and the calendar only through their services."""

import datetime as dt
import unicodedata

import pytest
from django.core import mail
from django.urls import reverse

from council.models import (
    CouncilStatus,
    DeadlineRule,
    FollowUp,
    FollowUpEvent,
    Holiday,
    Milestone,
    OutboxMail,
)
from tests.admin_actions import ERROR, SUCCESS, change_url, changelist_url, levels, run_action
from tests.council.factories import AgencyFactory, DeadlineRuleFactory, HolidayFactory, make_followup

pytestmark = pytest.mark.django_db
Event = FollowUpEvent.Kind


@pytest.fixture
def admin_user(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@hdnd.vn", "x")
    client.force_login(user)
    return user


@pytest.fixture
def followup(council):
    return make_followup(council, assigned=dt.date(2026, 5, 4), due=dt.date(2026, 6, 1))


def test_the_change_form_cannot_change_a_followups_workflow(client, admin_user, followup):
    assert client.get(change_url(followup)).status_code == 200
    response = client.post(
        change_url(followup),
        {
            "title": followup.title,
            "due_date": "30/06/2026",
            "council_status": CouncilStatus.DONE,
            "closed_on": "01/06/2026",
        },
    )
    assert response.status_code == 403
    followup.refresh_from_db()
    assert followup.due_date == dt.date(2026, 6, 1)
    assert followup.council_status == CouncilStatus.OPEN and followup.closed_on is None
    assert client.get(reverse("admin:council_followup_add")).status_code == 403
    assert (
        client.post(reverse("admin:council_followup_delete", args=[followup.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert FollowUp.objects.filter(pk=followup.pk).exists()


def test_changing_the_due_date_goes_through_the_service(client, admin_user, followup):
    response = run_action(
        client, FollowUp, "due", [followup], due_date="15/06/2026", reason="Sở đề nghị gia hạn"
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.due_date == dt.date(2026, 6, 15)
    assert followup.due_date_override_reason == "Sở đề nghị gia hạn"
    event = followup.events.get(kind=Event.DUE_CHANGED)
    assert event.actor == admin_user and event.data["previous"] == "2026-06-01"
    assert followup.history.latest().history_user == admin_user
    assert levels(client) == {SUCCESS}


def test_an_incomplete_action_form_is_shown_again_and_changes_nothing(client, admin_user, followup):
    response = run_action(client, FollowUp, "due", [followup], due_date="15/06/2026", reason="")
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    followup.refresh_from_db()
    assert followup.due_date == dt.date(2026, 6, 1)
    assert not followup.events.filter(kind=Event.DUE_CHANGED).exists()


def test_a_refused_action_shows_the_services_error_and_changes_nothing(client, admin_user, followup):
    response = run_action(client, FollowUp, "reopen", [followup], reason="Mở lại")
    assert response.status_code == 302
    assert levels(client) == {ERROR}
    followup.refresh_from_db()
    assert followup.is_open and followup.council_status == CouncilStatus.OPEN
    assert list(followup.events.values_list("kind", flat=True)) == [Event.CREATED]


def test_verifying_closes_and_reopening_opens_again(client, admin_user, followup):
    run_action(
        client,
        FollowUp,
        "verify",
        [followup],
        outcome=CouncilStatus.DONE,
        text="Đã hoàn thành",
        reason="Kiểm tra thực địa, Sở chưa gửi văn bản",
    )
    followup.refresh_from_db()
    assert followup.council_status == CouncilStatus.DONE and followup.closed_on is not None
    assert followup.events.get(kind=Event.VERIFIED).actor == admin_user

    run_action(client, FollowUp, "reopen", [followup], reason="Cử tri phản ánh chưa xong")
    followup.refresh_from_db()
    assert followup.is_open and followup.council_status == CouncilStatus.OPEN
    assert followup.events.get(kind=Event.REOPENED).actor == admin_user


def test_reminders_mail_each_agency_once(
    client, admin_user, council, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    agency = AgencyFactory(council=council, emails="vanphong@soyte.gov.vn")
    items = [make_followup(council, agency=agency, title=f"Việc {n}") for n in range(2)]
    before = set(OutboxMail.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        run_action(client, FollowUp, "remind", items, note="Đề nghị Sở trả lời sớm")
    reminder = OutboxMail.objects.exclude(pk__in=before).get()  # one mail for the agency's two items
    assert reminder.to == "vanphong@soyte.gov.vn" and "Đề nghị Sở trả lời sớm" in reminder.body
    assert [m.to for m in mail.outbox if m.subject == reminder.subject] == [["vanphong@soyte.gov.vn"]]
    for item in items:
        assert item.events.get(kind=Event.REMINDED).actor == admin_user


def test_a_milestone_is_marked_done_through_the_service(client, admin_user, followup):
    from council import services

    milestone = services.milestone_add(followup, actor=None, title="Khởi công", due_date=dt.date(2026, 5, 20))
    assert client.post(change_url(milestone), {"title": "Đổi", "done_on": "01/05/2026"}).status_code == 403
    run_action(client, Milestone, "done_today", [milestone])
    milestone.refresh_from_db()
    assert milestone.done_on is not None and milestone.title == "Khởi công"
    assert followup.events.filter(kind=Event.MILESTONE, actor=admin_user).count() == 1


def test_a_holiday_added_or_removed_in_the_admin_moves_working_day_deadlines(client, admin_user, council):
    rule = DeadlineRuleFactory(council=council, code="tra-loi", days=5, day_type=DeadlineRule.DayType.WORKING)
    moving = make_followup(council, assigned=dt.date(2026, 5, 4), rule=rule)  # Mon → Mon 11/05
    assert moving.due_date == dt.date(2026, 5, 11)

    response = client.post(
        reverse("admin:council_holiday_add"),
        {"council": council.pk, "date": "06/05/2026", "name": "Nghỉ bù", "kind": Holiday.Kind.HOLIDAY},
    )
    assert response.status_code == 302
    moving.refresh_from_db()
    assert moving.due_date == dt.date(2026, 5, 12)
    assert moving.events.get(kind=Event.DUE_CHANGED).actor == admin_user

    holiday = Holiday.objects.get(council=council, date=dt.date(2026, 5, 6))
    response = client.post(reverse("admin:council_holiday_delete", args=[holiday.pk]), {"post": "yes"})
    assert response.status_code == 302
    moving.refresh_from_db()
    assert moving.due_date == dt.date(2026, 5, 11)
    assert moving.events.filter(kind=Event.DUE_CHANGED, actor=admin_user).count() == 2


def test_a_holiday_edited_in_the_admin_moves_deadlines_too(client, admin_user, council):
    rule = DeadlineRuleFactory(council=council, code="tra-loi", days=5, day_type=DeadlineRule.DayType.WORKING)
    holiday = HolidayFactory(council=council, date=dt.date(2026, 4, 1), name="Nghỉ bù")
    moving = make_followup(council, assigned=dt.date(2026, 5, 4), rule=rule)
    client.post(
        change_url(holiday),
        {"council": council.pk, "date": "07/05/2026", "name": "Nghỉ bù", "kind": Holiday.Kind.HOLIDAY},
    )
    moving.refresh_from_db()
    assert moving.due_date == dt.date(2026, 5, 12)
    assert moving.events.get(kind=Event.DUE_CHANGED).actor == admin_user


def test_a_second_rule_version_in_force_on_the_same_days_is_refused_without_a_500(
    client, admin_user, council
):
    DeadlineRuleFactory(council=council, code="tra-loi", valid_from=dt.date(2021, 1, 1))
    url = reverse("admin:council_deadlinerule_add")
    response = client.post(
        url,
        {
            "council": council.pk,
            "code": "tra-loi",
            "name": "Trả lời kiến nghị",
            "days": 20,
            "day_type": DeadlineRule.DayType.WORKING,
            "direction": DeadlineRule.Direction.AFTER,
            "anchor": DeadlineRule.Anchor.TRANSFER,
            "valid_from": "01/01/2025",
        },
    )
    assert response.status_code == 302 and response.url == url
    assert levels(client) == {ERROR}
    assert DeadlineRule.objects.filter(council=council, code="tra-loi").count() == 1


def test_reference_data_added_in_the_admin_is_normalised_by_its_service(client, admin_user, council):
    response = client.post(
        reverse("admin:council_agency_add"),
        {
            "council": council.pk,
            "name": unicodedata.normalize("NFD", "Sở Y tế"),  # as some keyboards send it
            "short_name": "SYT",
            "kind": "department",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    agency = council.agencies.get(short_name="SYT")
    assert agency.name == unicodedata.normalize("NFC", "Sở Y tế")
    assert agency.history.latest().history_user == admin_user
    assert client.get(changelist_url(type(agency))).status_code == 200
