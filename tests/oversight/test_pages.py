"""The oversight pages beyond the activity itself: documents, re-oversight, explanation sessions and
hearings, the suggestions for the next session, the programme by month and My participation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from council import services as core_services
from council.models import CouncilStatus, EscalationStep, FollowUp, FollowUpEvent, Role
from oversight import selectors, services
from oversight.models import Accountability, ActivityDocument, OversightActivity, Recommendation
from sessions.models import Interpellation
from tests.council.factories import AgencyFactory, CommitteeFactory, RoleFactory, TermFactory, UserFactory
from tests.dates import days, today
from tests.delegates.factories import MandateFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


@pytest.fixture
def agency(council):
    return AgencyFactory(council=council, name="Sở Y tế", head_title="Giám đốc Sở Y tế")


@pytest.fixture
def activity(council, agency):
    return services.activity_create(
        actor=None,
        council=council,
        kind=OversightActivity.Kind.THEMATIC,
        title="Giám sát chính sách bảo hiểm y tế",
        lead_body=OversightActivity.LeadBody.COMMITTEE,
        committee=CommitteeFactory(council=council, kind="culture_society", name="Ban Văn hóa - Xã hội"),
        period_start=days(-200),
        period_end=days(30),
        agencies=[agency],
    )


def _recommend(activity, agency, text, *, overdue_days):
    services.recommendation_add(
        activity,
        actor=None,
        text=text,
        agency=agency,
        assigned_date=today() - dt.timedelta(days=overdue_days + 60),
        due_date=today() - dt.timedelta(days=overdue_days),
    )
    return FollowUp.objects.get(source_type__model="recommendation", title=text)


# --- Suggestions for the next session -------------------------------------------------------------------


def test_suggestions_follow_the_threshold_and_the_verdict(council, activity, agency):
    long_overdue = _recommend(activity, agency, "Cấp đủ thuốc BHYT cho trạm y tế", overdue_days=45)
    recent = _recommend(activity, agency, "Công khai danh mục thuốc", overdue_days=10)
    not_due = _recommend(activity, agency, "Rà soát hợp đồng khám chữa bệnh", overdue_days=-20)
    unsatisfactory = _recommend(activity, agency, "Giảm thời gian chờ khám", overdue_days=-5)
    core_services.followup_answer(unsatisfactory, actor=None, status="done", text="Đã thực hiện")
    core_services.followup_verify(
        unsatisfactory, actor=None, outcome=CouncilStatus.UNSATISFACTORY, text="Chưa đạt"
    )
    done = _recommend(activity, agency, "Tập huấn cán bộ y tế", overdue_days=60)
    core_services.followup_answer(done, actor=None, status="done", text="Đã tập huấn")
    core_services.followup_verify(done, actor=None, outcome=CouncilStatus.DONE)

    def shown(days):
        return {s.followup.pk for s in selectors.suggestions(council, today=today(), days=days)}

    assert shown(30) == {long_overdue.pk, unsatisfactory.pk}
    assert shown(5) == {long_overdue.pk, recent.pk, unsatisfactory.pk}
    assert not_due.pk not in shown(0) and done.pk not in shown(0)
    first = selectors.suggestions(council, today=today(), days=30)[0]
    assert first.followup == long_overdue and first.days_overdue == 45
    assert first.proposed == EscalationStep.EXPLANATION_SESSION and first.activity == activity


def test_the_proposed_step_moves_up_the_ladder_as_steps_are_scheduled(council, activity, agency):
    item = _recommend(activity, agency, "Cấp đủ thuốc BHYT cho trạm y tế", overdue_days=45)

    def proposed():
        return selectors.suggestions(council, today=today(), days=30)[0].proposed

    assert proposed() == EscalationStep.EXPLANATION_SESSION
    services.accountability_create(
        actor=None,
        council=council,
        kind=Accountability.Kind.EXPLANATION,
        topic="Thiếu thuốc BHYT",
        body=Accountability.Body.STANDING,
        date=today(),
        from_followup=item,
    )
    assert proposed() == EscalationStep.INTERPELLATION
    core_services.followup_escalation_scheduled(item, actor=None, step=EscalationStep.INTERPELLATION)
    assert proposed() == EscalationStep.RE_OVERSIGHT
    row = selectors.suggestions(council, today=today(), days=30)[0]
    # The explanation session and the interpellation both show as scheduled.
    assert len(row.scheduled) == 2 and all(f"{today():%d/%m/%Y}" in x for x in row.scheduled)


def test_the_office_sets_the_councils_threshold_and_bad_input_changes_nothing(client, office, council):
    url = reverse("oversight:suggestions")
    client.post(url, {"days": "14"})
    council.refresh_from_db()
    assert council.suggest_after_days == 14
    for bad in ("-1", "400", "abc", ""):
        response = client.post(url, {"days": bad}, follow=True)
        council.refresh_from_db()
        assert council.suggest_after_days == 14
        assert _vi("Give a number of days between 0 and 365.") in response.content.decode()
    page = client.get(url, {"days": "abc"})
    assert (
        page.status_code == 200 and _vi("Give a number of days between 0 and 365.") in page.content.decode()
    )


def test_only_the_office_changes_the_threshold(client, login, council):
    login(Role.STANDING)
    assert client.get(reverse("oversight:suggestions")).status_code == 200
    assert client.post(reverse("oversight:suggestions"), {"days": "3"}).status_code == 403
    council.refresh_from_db()
    assert council.suggest_after_days == 30


def test_the_suggestions_page_offers_each_step_and_counts_constant_queries(
    client, office, council, activity, agency, constant_queries
):
    def add(rows):
        for n in rows:
            _recommend(activity, agency, f"Khuyến nghị số {n}", overdue_days=40 + n)

    def visit():
        response = client.get(reverse("oversight:suggestions"))
        assert response.status_code == 200
        return response.content.decode()

    html, _many = constant_queries(add, visit, few=1, many=12)
    assert "Khuyến nghị số 0" in html
    followup = FollowUp.objects.get(title="Khuyến nghị số 0")
    assert f"from_followup={followup.pk}" in html and "kind=hearing" in html


# --- Explanation sessions and hearings ------------------------------------------------------------------


def test_an_explanation_session_is_drafted_from_an_overdue_followup(
    client, office, council, activity, agency
):
    item = _recommend(activity, agency, "Cấp đủ thuốc BHYT cho trạm y tế", overdue_days=45)
    url = reverse("oversight:accountability_create")
    form = client.get(url, {"from_followup": item.pk, "kind": "explanation"}).content.decode()
    assert "Cấp đủ thuốc BHYT cho trạm y tế" in form and "Giám đốc Sở Y tế" in form
    response = client.post(
        f"{url}?from_followup={item.pk}",
        {
            "kind": "explanation",
            "topic": "Cấp đủ thuốc BHYT cho trạm y tế",
            "body": "standing",
            "date": (days(10)).strftime("%d/%m/%Y"),
            "agencies": [agency.pk],
            "summoned": "Giám đốc Sở Y tế",
            "from_followup": item.pk,
        },
    )
    session = Accountability.objects.get()
    assert response.status_code == 302 and session.from_followup == item
    item.refresh_from_db()
    assert item.escalation_level == 3  # past reminder, report and explanation session
    event = item.events.get(kind=FollowUpEvent.Kind.ESCALATED)
    assert event.data["step"] == EscalationStep.EXPLANATION_SESSION
    detail = client.get(reverse("oversight:accountability_detail", args=[session.pk])).content.decode()
    assert reverse("council:followup_detail", args=[item.pk]) in detail

    client.post(
        reverse("oversight:accountability_conclusion_add", args=[session.pk]),
        {"text": "Sở Y tế cấp đủ thuốc trước 31/3", "agency": agency.pk, "due_date": "31/03/2027"},
    )
    conclusion = session.conclusions.get()
    followup = FollowUp.objects.get(source_type__model="accountabilityconclusion")
    assert followup.source == conclusion and followup.due_date == dt.date(2027, 3, 31)


def test_a_hearing_needs_its_committee_and_a_date(client, office, council):
    before = Accountability.objects.count()
    response = client.post(
        reverse("oversight:accountability_create"),
        {"kind": "hearing", "topic": "Ô nhiễm kênh rạch", "body": "committee", "date": "31/02/2026"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and Accountability.objects.count() == before
    assert _vi("Enter a date as dd/mm/yyyy, e.g. 05/03/2026.") in html


def test_a_followup_of_another_council_cannot_be_linked(client, office, council, other_council):
    foreign_agency = AgencyFactory(council=other_council, name="Sở Y tế khác")
    foreign = core_services.followup_open(
        actor=None,
        council=other_council,
        source=None,
        source_kind="petition",
        agency=foreign_agency,
        title="Việc của hội đồng khác",
        description="—",
        assigned_date=today(),
        due_date=today(),
    )
    form = client.get(
        reverse("oversight:accountability_create"), {"from_followup": foreign.pk}
    ).content.decode()
    assert "Việc của hội đồng khác" not in form
    client.post(
        reverse("oversight:accountability_create"),
        {
            "kind": "explanation",
            "topic": "X",
            "body": "standing",
            "date": "01/12/2026",
            "from_followup": foreign.pk,
        },
    )
    assert not Accountability.objects.exists()


# --- Re-oversight, documents ----------------------------------------------------------------------------


def test_a_re_oversight_opened_from_the_page_carries_the_unresolved_items(
    client, office, council, activity, agency
):
    unresolved = _recommend(activity, agency, "Cấp đủ thuốc BHYT cho trạm y tế", overdue_days=45)
    kept = _recommend(activity, agency, "Tập huấn cán bộ y tế", overdue_days=60)
    core_services.followup_answer(kept, actor=None, status="done", text="Đã tập huấn")
    core_services.followup_verify(kept, actor=None, outcome=CouncilStatus.DONE)
    client.post(
        reverse("oversight:activity_re_oversight", args=[activity.pk]),
        {"title": "Tái giám sát BHYT", "period_start": "01/12/2026", "period_end": "30/11/2026"},
    )
    assert not activity.re_oversights.exists()  # the period ends before it starts
    response = client.post(
        reverse("oversight:activity_re_oversight", args=[activity.pk]),
        {"title": "Tái giám sát BHYT", "period_start": "01/12/2026", "period_end": "31/12/2026"},
    )
    child = activity.re_oversights.get()
    assert response.url == reverse("oversight:activity_detail", args=[child.pk])
    carried = child.recommendations.get()
    assert carried.carried_from.followups.get() == unresolved
    assert unresolved.events.filter(kind="escalated", data__step="re_oversight").exists()
    client.post(reverse("oversight:recommendation_assess", args=[carried.pk]), {"fulfilled": "0"})
    carried.refresh_from_db()
    assert carried.fulfilled_since is False
    page = client.get(reverse("oversight:activity_detail", args=[child.pk])).content.decode()
    assert "Cấp đủ thuốc BHYT cho trạm y tế" in page and activity.title in page


def test_only_carried_recommendations_are_assessed(client, office, activity, agency):
    _recommend(activity, agency, "Khuyến nghị gốc", overdue_days=1)
    own = Recommendation.objects.get()
    client.post(reverse("oversight:recommendation_assess", args=[own.pk]), {"fulfilled": "1"})
    own.refresh_from_db()
    assert own.fulfilled_since is None


def test_documents_are_filed_and_served_to_readers_only(
    client, login, council, activity, agency, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    login(Role.OFFICE)
    url = reverse("oversight:activity_document_add", args=[activity.pk])
    client.post(url, {"kind": "agency_report", "title": "Báo cáo của Sở Y tế", "issued_on": "10/06/2026"})
    assert not ActivityDocument.objects.exists()  # an agency's report names its agency
    client.post(
        url,
        {
            "kind": "agency_report",
            "title": "Báo cáo của Sở Y tế",
            "issued_on": "10/06/2026",
            "agency": agency.pk,
            "file": SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf"),
        },
    )
    document = ActivityDocument.objects.get()
    download = client.get(reverse("oversight:activity_document_file", args=[document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    page = client.get(reverse("oversight:activity_detail", args=[activity.pk])).content.decode()
    assert "Báo cáo của Sở Y tế" in page
    client.logout()
    login(Role.AGENCY)
    assert client.get(reverse("oversight:activity_document_file", args=[document.pk])).status_code == 404


# --- The programme, the committee head's form, My participation -----------------------------------------


def test_the_programme_groups_activities_by_month_with_constant_queries(
    client, office, council, constant_queries
):
    committee = CommitteeFactory(council=council, kind="economy_budget", name="Ban Kinh tế - Ngân sách")
    services.program_create(actor=None, council=council, year=2026, title="Chương trình giám sát năm 2026")

    def add(rows):
        for number in (n + 1 for n in rows):
            month = {1: 3, 2: 7}.get(number, 1 + number % 12)
            services.activity_create(
                actor=None,
                council=council,
                kind=OversightActivity.Kind.REGULAR,
                title=f"Giám sát thường xuyên {number}",
                lead_body=OversightActivity.LeadBody.COMMITTEE,
                committee=committee,
                period_start=dt.date(2026, month, 3),
                period_end=dt.date(2026, month, 28),
            )

    def visit():
        return client.get(reverse("oversight:programme"), {"year": 2026}).content.decode()

    html, _many = constant_queries(add, visit, few=2, many=19)
    assert "Chương trình giám sát năm 2026" in html
    assert html.index("Giám sát thường xuyên 1") < html.index("Giám sát thường xuyên 2")
    assert client.get(reverse("oversight:programme"), {"year": "abc"}).status_code == 200


def test_a_committee_head_creates_activities_for_their_committee_only(client, council):
    own = CommitteeFactory(council=council, kind="economy_budget", name="Ban Kinh tế - Ngân sách")
    other = CommitteeFactory(council=council, kind="legal", name="Ban Pháp chế")
    head = UserFactory()
    RoleFactory(user=head, council=council, role=Role.COMMITTEE_HEAD, committee=own)
    client.force_login(head)
    data = {
        "kind": "thematic",
        "title": "Giám sát giải ngân đầu tư công",
        "lead_body": "committee",
        "period_start": "01/03/2026",
        "period_end": "30/06/2026",
    }
    client.post(reverse("oversight:activity_create"), {**data, "committee": other.pk})
    client.post(reverse("oversight:activity_create"), {**data, "lead_body": "council", "committee": own.pk})
    assert not OversightActivity.objects.exists()
    client.post(reverse("oversight:activity_create"), {**data, "committee": own.pk})
    created = OversightActivity.objects.get()
    assert created.committee == own
    assert client.get(reverse("oversight:activity_update", args=[created.pk])).status_code == 200


def test_a_delegate_sees_the_delegations_they_served_on(client, council, activity):
    term = TermFactory(council=council, start_date=days(-400), end_date=days(1400))
    user = UserFactory()
    mandate = MandateFactory(delegate__council=council, delegate__user=user, term=term)
    RoleFactory(user=user, council=council, role=Role.DELEGATE)
    services.member_add(activity, actor=None, role="member", mandate=mandate)
    client.force_login(user)
    page = client.get(reverse("sessions:my_participation")).content.decode()
    assert activity.title in page
    assert activity.get_absolute_url() in page


def test_a_delegate_opens_only_the_activities_whose_delegation_they_sit_on(client, council, activity):
    term = TermFactory(council=council, start_date=days(-400), end_date=days(1400))
    member, outsider = UserFactory(), UserFactory()
    for user in (member, outsider):
        RoleFactory(user=user, council=council, role=Role.DELEGATE)
    mandate = MandateFactory(delegate__council=council, delegate__user=member, term=term)
    MandateFactory(delegate__council=council, delegate__user=outsider, term=term)
    other = services.activity_create(
        actor=None,
        council=council,
        kind="thematic",
        title="Giám sát công tác phòng chống sạt lở",
        lead_body="council",
        period_start=days(-10),
        period_end=days(50),
    )
    services.member_add(activity, actor=None, role="member", mandate=mandate)
    detail = reverse("oversight:activity_detail", args=[activity.pk])

    client.force_login(member)
    assert client.get(detail).status_code == 200
    assert client.get(reverse("oversight:activity_detail", args=[other.pk])).status_code == 404
    listed = client.get(reverse("oversight:activity_list")).content.decode()
    assert activity.title in listed and other.title not in listed
    assert client.get(reverse("oversight:activity_update", args=[activity.pk])).status_code in (403, 404)
    # The council's whole programme is not theirs.
    assert client.get(reverse("oversight:programme")).status_code == 403

    client.force_login(outsider)
    assert client.get(detail).status_code in (403, 404)
    assert client.get(reverse("oversight:activity_list")).status_code == 403


def test_an_interpellation_is_drafted_from_an_overdue_commitment(client, office, council, activity, agency):
    term = TermFactory(council=council, start_date=days(-400), end_date=days(1400))
    asker = MandateFactory(delegate__council=council, term=term)
    item = _recommend(activity, agency, "Cấp đủ thuốc BHYT cho trạm y tế", overdue_days=45)
    url = reverse("sessions:interpellation_create")
    form = client.get(url, {"from_followup": item.pk}).content.decode()
    assert "Cấp đủ thuốc BHYT cho trạm y tế" in form and "Giám đốc Sở Y tế" in form
    client.post(
        f"{url}?from_followup={item.pk}",
        {
            "askers": [asker.pk],
            "agency": agency.pk,
            "respondent_title": "Giám đốc Sở Y tế",
            "topic": "Thuốc BHYT",
            "question": "Vì sao trạm y tế vẫn thiếu thuốc?",
        },
    )
    assert Interpellation.objects.filter(council=council).count() == 1
    item.refresh_from_db()
    assert item.escalation_level == 4
    assert item.events.filter(kind="escalated", data__step="interpellation").exists()


def test_a_recommendation_typed_in_without_a_source_is_suggested_too(client, office, council, agency):
    typed = core_services.followup_open(
        actor=None,
        council=council,
        source=None,
        source_kind="recommendation",
        agency=agency,
        title="Kiến nghị nhập tay từ báo cáo giám sát giấy",
        description="—",
        assigned_date=days(-120),
        due_date=days(-60),
    )
    rows = selectors.suggestions(council, today=today(), days=30)
    assert [r.followup for r in rows] == [typed] and rows[0].activity is None
    assert rows[0].proposed == EscalationStep.EXPLANATION_SESSION
    page = client.get(reverse("oversight:suggestions"))
    assert page.status_code == 200 and "Kiến nghị nhập tay" in page.content.decode()


def test_bad_input_found_by_qa_is_refused_with_a_message(client, office, council, activity, agency):
    term = TermFactory(council=council, start_date=days(-400), end_date=days(1400))
    member = MandateFactory(delegate__council=council, term=term)
    services.member_add(activity, actor=None, role="head", mandate=member)
    with pytest.raises(ValidationError) as error:
        services.member_add(activity, actor=None, role="member", mandate=member)
    assert "mandate" in error.value.message_dict
    other = MandateFactory(delegate__council=council, term=term)
    with pytest.raises(ValidationError):
        services.member_add(activity, actor=None, role="member", mandate=other, outside_member="Bà X")
    with pytest.raises(ValidationError):
        services.survey_add(activity, actor=None, date=days(1), findings="Chưa đi")
    services.survey_add(activity, actor=None, date=days(-100), findings="Thiếu thuốc")
    with pytest.raises(ValidationError):
        services.activity_update(activity, actor=None, period_start=days(-50))
    activity.refresh_from_db()
    assert activity.period_start == days(-200)
    services.re_oversight_open(
        activity, actor=None, title="Tái giám sát lần 1", period_start=today(), period_end=today()
    )
    with pytest.raises(ValidationError):
        services.re_oversight_open(
            activity, actor=None, title="Tái giám sát lần 2", period_start=today(), period_end=today()
        )
    for year in ("99999", "-1", "0"):
        assert client.get(reverse("oversight:programme"), {"year": year}).status_code == 200


def test_a_refused_form_comes_back_open_with_what_was_typed(client, office, council, activity):
    response = client.post(
        reverse("oversight:activity_recommendation_add", args=[activity.pk]),
        {"text": "Bảo đảm đủ thuốc BHYT tại trạm y tế xã", "due_date": "31/03/2027"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Recommendation.objects.exists()
    assert "Bảo đảm đủ thuốc BHYT tại trạm y tế xã" in html and "31/03/2027" in html
    assert '<details class="mb-2 no-print" open' in html


def test_suggestions_also_take_up_late_petitions_and_resolution_tasks_but_not_office_tasks(council, agency):
    from council.models import SourceKind
    from tests.council.factories import make_followup

    late = {"assigned": today() - dt.timedelta(days=100), "due": today() - dt.timedelta(days=40)}
    petition = make_followup(
        council, agency=agency, source_kind=SourceKind.PETITION, title="Sạt lở bờ kênh", **late
    )
    task = make_followup(
        council, agency=agency, source_kind=SourceKind.RESOLUTION_TASK, title="Bố trí vốn", **late
    )
    office_task = make_followup(
        council, agency=agency, source_kind=SourceKind.OFFICE_TASK, title="Việc khác", **late
    )
    rows = {s.followup.pk: s for s in selectors.suggestions(council, today=today(), days=30)}
    assert petition.pk in rows and task.pk in rows and office_task.pk not in rows
    # No activity to go back to: never proposed for re-oversight.
    assert (
        rows[petition.pk].proposed == EscalationStep.EXPLANATION_SESSION
        and rows[petition.pk].activity is None
    )
