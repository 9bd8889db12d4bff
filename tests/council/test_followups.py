import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from council import services
from council.models import (
    AgencyStatus,
    CouncilStatus,
    DeadlineRule,
    EscalationStep,
    FollowUp,
    FollowUpEvent,
    Holiday,
    OutboxMail,
    ReminderLog,
    Role,
)
from council.workdays import add_working_days
from tests.council.factories import (
    AgencyFactory,
    DeadlineRuleFactory,
    HolidayFactory,
    RoleFactory,
    UserFactory,
    make_followup,
)

pytestmark = pytest.mark.django_db
Event = FollowUpEvent.Kind

TET_2025 = [dt.date(2025, 1, 25) + dt.timedelta(days=n) for n in range(9)]  # 25/01 – 02/02/2025


@pytest.fixture
def tet(council):
    for day in TET_2025:
        HolidayFactory(council=council, date=day, name="Tết Nguyên đán Ất Tỵ")


@pytest.fixture
def working_rule(council):
    return DeadlineRuleFactory(council=council, code="tra-loi", days=5, day_type=DeadlineRule.DayType.WORKING)


def test_due_date_counts_working_days_across_tet(council, tet, working_rule):
    # Friday 24/01/2025 + 5 working days: Tết closes 27–31/01, so Mon 03/02 is the first working day.
    followup = make_followup(council, assigned=dt.date(2025, 1, 24), rule=working_rule)
    assert followup.due_date == dt.date(2025, 2, 7)
    created = followup.events.get()
    assert created.kind == Event.CREATED and created.data["due_date"] == "2025-02-07"


def test_calendar_day_rule_ignores_holidays(council, tet):
    rule = DeadlineRuleFactory(council=council, days=30, day_type=DeadlineRule.DayType.CALENDAR)
    assert make_followup(council, assigned=dt.date(2025, 1, 10), rule=rule).due_date == dt.date(2025, 2, 9)


def test_overriding_the_rule_needs_a_reason(council, working_rule):
    with pytest.raises(ValidationError) as error:
        make_followup(council, assigned=dt.date(2026, 5, 4), rule=working_rule, due_date=dt.date(2026, 6, 30))
    assert "override_reason" in error.value.message_dict
    assert not FollowUp.objects.exists()
    followup = make_followup(
        council,
        assigned=dt.date(2026, 5, 4),
        rule=working_rule,
        due_date=dt.date(2026, 6, 30),
        override_reason="Theo chỉ đạo",
    )
    assert followup.due_date == dt.date(2026, 6, 30)
    assert followup.due_date_override_reason == "Theo chỉ đạo"


def test_due_date_before_assignment_is_refused(council):
    with pytest.raises(ValidationError) as error:
        make_followup(council, assigned=dt.date(2026, 5, 4), due=dt.date(2026, 5, 1))
    assert "due_date" in error.value.message_dict
    assert not FollowUp.objects.exists()


def test_adding_a_holiday_moves_open_working_day_deadlines_and_logs_it(council, working_rule):
    actor = UserFactory()
    moving = make_followup(council, assigned=dt.date(2026, 5, 4), rule=working_rule)  # Mon → Mon 11/05
    assert moving.due_date == dt.date(2026, 5, 11)
    calendar_rule = DeadlineRuleFactory(council=council, days=7, day_type=DeadlineRule.DayType.CALENDAR)
    fixed = make_followup(council, assigned=dt.date(2026, 5, 4), rule=calendar_rule)
    overridden = make_followup(
        council,
        assigned=dt.date(2026, 5, 4),
        rule=working_rule,
        due_date=dt.date(2026, 5, 20),
        override_reason="Gia hạn",
    )
    closed = make_followup(council, assigned=dt.date(2026, 5, 4), rule=working_rule)
    services.followup_verify(closed, actor=actor, outcome=CouncilStatus.DONE, reason="Đã kiểm tra thực tế")

    services.holiday_create(actor=actor, council=council, date=dt.date(2026, 5, 6), name="Nghỉ bù")

    for item in (moving, fixed, overridden, closed):
        item.refresh_from_db()
    assert moving.due_date == dt.date(2026, 5, 12)
    change = moving.events.filter(kind=Event.DUE_CHANGED).get()
    assert (
        change.actor == actor
        and change.data["previous"] == "2026-05-11"
        and change.data["due_date"] == "2026-05-12"
    )
    assert fixed.due_date == dt.date(2026, 5, 11)
    assert overridden.due_date == dt.date(2026, 5, 20)
    assert closed.due_date == dt.date(2026, 5, 11)
    assert not closed.events.filter(kind=Event.DUE_CHANGED).exists()

    services.holiday_delete(Holiday.objects.get(date=dt.date(2026, 5, 6)), actor=actor)
    moving.refresh_from_db()
    assert moving.due_date == dt.date(2026, 5, 11)
    assert moving.events.filter(kind=Event.DUE_CHANGED).count() == 2


def test_agency_answer_records_status_progress_and_notifies_the_office(council):
    clerk = RoleFactory(council=council, role=Role.OFFICE, user__email="vanphong@hdnd.vn").user
    respondent = UserFactory()
    followup = make_followup(council)
    event = services.followup_answer(
        followup, actor=respondent, status=AgencyStatus.DONE, text="Đã khởi công."
    )
    followup.refresh_from_db()
    assert followup.agency_status == AgencyStatus.DONE
    assert followup.progress == 100
    assert followup.first_answered_on is not None
    assert event.kind == Event.ANSWERED and event.actor == respondent
    assert OutboxMail.objects.filter(to__contains=clerk.email, subject__contains=followup.title).exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"status": AgencyStatus.IN_PROGRESS, "text": "Đang làm", "progress": 150}, "progress"),
        ({"status": AgencyStatus.CANNOT_DO, "text": "Không thể", "explanation": ""}, "agency_explanation"),
        ({"status": AgencyStatus.DONE, "text": "   "}, "text"),
        ({"status": "bogus", "text": "x"}, "status"),
    ],
)
def test_bad_answers_change_nothing(council, kwargs, field):
    followup = make_followup(council)
    with pytest.raises(ValidationError) as error:
        services.followup_answer(followup, actor=None, **kwargs)
    assert field in error.value.message_dict
    followup.refresh_from_db()
    assert followup.agency_status == AgencyStatus.NOT_STARTED and followup.progress == 0
    assert list(followup.events.values_list("kind", flat=True)) == [Event.CREATED]


def test_verifying_without_an_answer_needs_a_reason(council):
    followup = make_followup(council)
    with pytest.raises(ValidationError) as error:
        services.followup_verify(followup, actor=None, outcome=CouncilStatus.DONE)
    assert "reason" in error.value.message_dict
    followup.refresh_from_db()
    assert followup.is_open
    services.followup_verify(
        followup, actor=None, outcome=CouncilStatus.DONE, reason="Giám sát thực tế đã hoàn thành"
    )
    followup.refresh_from_db()
    assert not followup.is_open and followup.council_status == CouncilStatus.DONE


def test_unsatisfactory_answer_goes_back_and_climbs_the_ladder_one_step_at_a_time(council):
    agency = AgencyFactory(council=council, emails="so@dongthap.gov.vn")
    followup = make_followup(council, agency=agency)
    services.followup_answer(followup, actor=None, status=AgencyStatus.DONE, text="Đã xong")
    services.followup_verify(
        followup, actor=None, outcome=CouncilStatus.UNSATISFACTORY, text="Chưa thuyết phục"
    )
    followup.refresh_from_db()
    assert followup.is_open and followup.agency_status == AgencyStatus.IN_PROGRESS
    today = timezone.localdate()
    assert services.next_escalation(followup, today) == EscalationStep.REMINDER
    with pytest.raises(ValidationError):
        services.followup_escalate(followup, actor=None, step=EscalationStep.INTERPELLATION)
    mails_before = OutboxMail.objects.count()
    services.followup_escalate(followup, actor=None, step=EscalationStep.REMINDER, text="Đề nghị trả lời lại")
    followup.refresh_from_db()
    assert followup.escalation_level == 1
    assert OutboxMail.objects.count() == mails_before + 1
    assert services.next_escalation(followup, today) == EscalationStep.REPORT_AUTHORITY
    steps = [e.data["step"] for e in followup.events.filter(kind=Event.ESCALATED)]
    assert steps == [EscalationStep.REMINDER]


def test_nothing_to_escalate_for_an_item_on_track(council):
    followup = make_followup(
        council, assigned=timezone.localdate(), due=timezone.localdate() + dt.timedelta(days=30)
    )
    assert services.next_escalation(followup, timezone.localdate()) is None


def test_closed_items_reopen_only_with_a_reason(council):
    followup = make_followup(council)
    services.followup_verify(followup, actor=None, outcome=CouncilStatus.DONE, reason="Kiểm tra")
    with pytest.raises(ValidationError):
        services.followup_reopen(followup, actor=None, reason=" ")
    services.followup_reopen(followup, actor=None, reason="Cử tri phản ánh chưa làm")
    followup.refresh_from_db()
    assert followup.is_open and followup.council_status == CouncilStatus.OPEN
    assert [e.kind for e in followup.events.all()] == [Event.CREATED, Event.VERIFIED, Event.REOPENED]


def test_the_log_is_append_only_and_corrected_by_new_entries(council):
    followup = make_followup(council)
    note = services.followup_note(followup, actor=None, text="Ghi chú sai")
    note.text = "sửa lén"
    with pytest.raises(ValidationError):
        note.save()
    with pytest.raises(ValidationError):
        note.delete()
    correction = services.followup_correct(note, actor=None, text="Ghi chú trên nhầm đơn vị")
    assert correction.corrects == note and correction.internal
    assert FollowUpEvent.objects.get(pk=note.pk).text == "Ghi chú sai"


def test_timeline_is_in_order(council):
    followup = make_followup(council)
    services.followup_note(followup, actor=None, text="một")
    services.followup_answer(followup, actor=None, status=AgencyStatus.IN_PROGRESS, text="hai", progress=40)
    services.milestone_add(followup, actor=None, title="ba", due_date=dt.date(2026, 5, 20))
    from council.selectors import followup_timeline

    kinds = [e.kind for e in followup_timeline(followup, internal=True)]
    assert kinds == [Event.CREATED, Event.NOTE, Event.PROGRESS, Event.MILESTONE]
    assert Event.NOTE not in [e.kind for e in followup_timeline(followup, internal=False)]


# --- Reminders ------------------------------------------------------------------------------------------


@pytest.fixture
def due_items(council):
    """Four items for an agency: due in 7, 3 and 1 working days, and overdue; plus one not due for long."""
    agency = AgencyFactory(council=council, emails="vanphong@soyte.gov.vn")
    RoleFactory(council=council, role=Role.OFFICE, user__email="vp@hdnd.vn")
    today = dt.date(2026, 6, 1)  # a Monday
    items = {
        step: make_followup(
            council, agency=agency, assigned=dt.date(2026, 5, 4), due=add_working_days(council, today, days)
        )
        for step, days in [("d7", 7), ("d3", 3), ("d1", 1)]
    }
    items["overdue"] = make_followup(
        council, agency=agency, assigned=dt.date(2026, 5, 4), due=dt.date(2026, 5, 25)
    )
    make_followup(council, agency=agency, assigned=dt.date(2026, 5, 4), due=dt.date(2026, 8, 1))
    return today, items


def test_each_reminder_step_is_sent_once_across_runs(council, due_items):
    today, items = due_items
    planned = services.plan_reminders(today=today)
    assert {(p.followup.pk, p.step) for p in planned} == {(f.pk, step) for step, f in items.items()}
    mails_before = OutboxMail.objects.count()

    first = services.followup_reminders_run(today=today)
    assert len(first) == 4
    assert ReminderLog.objects.count() == 4
    new_mails = OutboxMail.objects.order_by("pk")[mails_before:]
    assert len(new_mails) == 2  # one to the agency, one digest to the Office
    assert {m.to for m in new_mails} == {"vanphong@soyte.gov.vn", "vp@hdnd.vn"}

    assert services.followup_reminders_run(today=today) == []
    assert ReminderLog.objects.count() == 4
    assert OutboxMail.objects.count() == mails_before + 2
    assert all(f.events.filter(kind=Event.REMINDED).count() == 1 for f in items.values())


def test_a_new_due_date_restarts_the_steps(council, due_items):
    today, items = due_items
    services.followup_reminders_run(today=today)
    followup = items["d1"]
    new_due = add_working_days(council, today, 3)
    services.followup_change_due(followup, actor=None, due_date=new_due, reason="Gia hạn theo đề nghị của Sở")
    again = services.followup_reminders_run(today=today)
    assert [(p.followup.pk, p.step) for p in again] == [(followup.pk, "d3")]


def test_answered_items_get_no_reminder(council, due_items):
    today, items = due_items
    services.followup_answer(items["d3"], actor=None, status=AgencyStatus.DONE, text="Xong")
    assert items["d3"].pk not in {p.followup.pk for p in services.plan_reminders(today=today)}


def test_reminder_command_dry_run_lists_and_writes_nothing(council, due_items, capsys):
    today, items = due_items
    call_command("followup_reminders", "--dry-run", "--date", today.strftime("%d/%m/%Y"))
    out = capsys.readouterr().out
    assert "4 reminder step(s) planned" in out
    assert items["overdue"].title in out
    assert not ReminderLog.objects.exists()


def test_reminder_command_sends_through_the_outbox(council, due_items, capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    today, _items = due_items
    call_command("followup_reminders", "--date", today.strftime("%d/%m/%Y"))
    assert "4 reminder step(s) queued" in capsys.readouterr().out
    assert not OutboxMail.objects.filter(sent_at__isnull=True).exists()
    assert any("soyte" in ",".join(m.to) for m in mail.outbox)


def test_an_smtp_outage_keeps_mail_for_the_next_sweep(council, due_items, settings, monkeypatch):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    today, _items = due_items
    services.followup_reminders_run(today=today)

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    sent, failed = services.outbox_send()
    assert sent == 0 and failed >= 2
    pending = OutboxMail.objects.filter(sent_at__isnull=True)
    assert pending.count() >= 2 and all(m.attempts >= 1 and "SMTP down" in m.last_error for m in pending)
    monkeypatch.undo()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sent, failed = services.outbox_send()
    assert failed == 0 and sent >= 2
    assert not OutboxMail.objects.filter(sent_at__isnull=True).exists()


def test_the_list_filters_agree_with_the_properties(council):
    today = dt.date(2026, 6, 1)
    late = make_followup(council, assigned=dt.date(2026, 5, 4), due=dt.date(2026, 5, 20))
    answered = make_followup(council, assigned=dt.date(2026, 5, 4), due=dt.date(2026, 5, 20))
    services.followup_answer(answered, actor=None, status=AgencyStatus.DONE, text="Đã xong")
    assert list(FollowUp.objects.overdue(today)) == [late]
    assert list(FollowUp.objects.awaiting_verification()) == [answered]
    late.refresh_from_db()
    answered.refresh_from_db()
    assert late.is_overdue(today) and not answered.is_overdue(today)


def test_any_record_can_be_a_source_and_list_its_followups(council, term):
    followup = make_followup(council, source=term, source_kind="resolution_task")
    assert followup.source == term
    from django.contrib.contenttypes.models import ContentType

    listed = FollowUp.objects.filter(source_type=ContentType.objects.get_for_model(term), source_id=term.pk)
    assert list(listed) == [followup]


def test_holiday_removal_through_the_page_moves_deadlines_back(client, office, council, working_rule):
    from django.urls import reverse

    followup = make_followup(council, assigned=dt.date(2026, 5, 4), rule=working_rule)
    holiday = services.holiday_create(actor=None, council=council, date=dt.date(2026, 5, 6), name="Nghỉ bù")
    followup.refresh_from_db()
    assert followup.due_date == dt.date(2026, 5, 12)
    response = client.post(reverse("council:holiday_delete", args=[holiday.pk]))
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.due_date == dt.date(2026, 5, 11)
    assert not Holiday.objects.filter(pk=holiday.pk).exists()
    assert followup.events.filter(kind=Event.DUE_CHANGED).last().actor == office


@pytest.mark.parametrize("role", [Role.STANDING, Role.DELEGATE, Role.AGENCY, Role.LEADERSHIP])
def test_only_the_office_removes_holidays(client, login, council, role):
    from django.urls import reverse

    login(role)
    holiday = services.holiday_create(actor=None, council=council, date=dt.date(2026, 5, 6), name="Nghỉ bù")
    assert client.post(reverse("council:holiday_delete", args=[holiday.pk])).status_code == 403
    assert Holiday.objects.filter(pk=holiday.pk).exists()


def test_done_means_complete_whatever_progress_is_typed(council):
    followup = make_followup(council)
    services.followup_answer(followup, actor=None, status=AgencyStatus.DONE, text="Xong", progress=30)
    followup.refresh_from_db()
    assert followup.progress == 100


def test_a_rule_version_not_in_force_on_the_assignment_date_is_refused(council):
    old = DeadlineRuleFactory(
        council=council,
        code="chat-van",
        days=20,
        valid_from=dt.date(2016, 7, 1),
        valid_to=dt.date(2026, 2, 28),
    )
    with pytest.raises(ValidationError) as error:
        make_followup(council, assigned=dt.date(2026, 11, 27), rule=old)
    assert "rule" in error.value.message_dict
    assert make_followup(council, assigned=dt.date(2025, 11, 27), rule=old).due_date == dt.date(2025, 12, 25)


def test_the_responsible_agency_is_never_also_co_ordinating(council):
    agency, partner = AgencyFactory(council=council), AgencyFactory(council=council)
    followup = make_followup(council, agency=agency, coordinating_agencies=[agency, partner])
    assert list(followup.coordinating_agencies.all()) == [partner]


def test_the_results_carry_the_export_link_and_filter_errors(client, office, council):
    from django.urls import reverse

    agency = AgencyFactory(council=council)
    make_followup(council, agency=agency)
    response = client.get(
        reverse("council:followup_list"),
        {"agency": agency.pk, "assigned_from": "31/13/2026"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="followup-results",
    )
    assert f"agency={agency.pk}" in response.text and "format=xlsx" in response.text
    assert 'role="alert"' in response.text


def test_the_list_search_ignores_accents(client, office, council):
    from django.urls import reverse

    make_followup(council, title="Ô nhiễm nước thải Khu công nghiệp Sa Đéc")
    page = client.get(reverse("council:followup_list"), {"q": "o nhiem nuoc thai", "state": "all"})
    assert "Ô nhiễm nước thải" in page.text
    assert (
        "Ô nhiễm" not in client.get(reverse("council:followup_list"), {"q": "hoc sinh", "state": "all"}).text
    )
