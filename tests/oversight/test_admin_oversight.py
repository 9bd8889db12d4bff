"""The admin edits an oversight activity through its services and moves it only by the workflow's action."""

import datetime as dt

import pytest
from django.urls import reverse

from oversight import services
from oversight.models import DelegationMember, OversightActivity
from tests.admin_actions import ERROR, SUCCESS, change_url, inline_management, levels, run_action
from tests.council.factories import AgencyFactory, CommitteeFactory, TermFactory
from tests.delegates.factories import MandateFactory

pytestmark = pytest.mark.django_db
State = OversightActivity.State


@pytest.fixture
def admin_user(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@hdnd.vn", "x")
    client.force_login(user)
    return user


@pytest.fixture
def activity(council):
    return services.activity_create(
        actor=None,
        council=council,
        kind=OversightActivity.Kind.THEMATIC,
        title="Giám sát việc thực hiện chính sách bảo hiểm y tế",
        lead_body=OversightActivity.LeadBody.COMMITTEE,
        committee=CommitteeFactory(council=council, kind="culture_society", name="Ban Văn hóa - Xã hội"),
        period_start=dt.date(2026, 5, 1),
        period_end=dt.date(2026, 8, 31),
        agencies=[AgencyFactory(council=council, name="Sở Y tế")],
    )


def _form(client, activity, **changes):
    data = {
        **inline_management(client, change_url(activity)),
        "council": activity.council_id,
        "kind": activity.kind,
        "title": activity.title,
        "lead_body": activity.lead_body,
        "committee": activity.committee_id,
        "period_start": f"{activity.period_start:%d/%m/%Y}",
        "period_end": f"{activity.period_end:%d/%m/%Y}",
        "agencies": [a.pk for a in activity.agencies.all()],
    }
    return {**data, **changes}


def test_the_change_form_edits_through_the_service_and_never_moves_the_state(client, admin_user, activity):
    response = client.post(
        change_url(activity),
        _form(client, activity, title="Giám sát chính sách BHYT", state=State.REPORTED, decision="99/QĐ"),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Giám sát chính sách BHYT"
    assert activity.state == State.PLANNED and activity.decision == ""
    assert activity.history.latest().history_user == admin_user


def test_an_edit_the_service_refuses_is_reported_and_saves_nothing(client, admin_user, activity):
    services.survey_add(activity, actor=None, date=dt.date(2026, 8, 20), findings="Trạm y tế thiếu thuốc")
    response = client.post(change_url(activity), _form(client, activity, period_end="31/07/2026"))
    assert response.status_code == 302 and response.url == change_url(activity)
    assert levels(client) == {ERROR}
    activity.refresh_from_db()
    assert activity.period_end == dt.date(2026, 8, 31)


def test_the_workflow_moves_by_the_action_with_its_guards(client, admin_user, council, activity):
    run_action(client, OversightActivity, "advance", [activity], to=State.REPORTED)
    assert levels(client) == {ERROR}
    activity.refresh_from_db()
    assert activity.state == State.PLANNED

    head = MandateFactory(delegate__council=council, term=TermFactory(council=council))
    services.member_add(activity, actor=None, role=DelegationMember.Role.HEAD, mandate=head)
    run_action(
        client,
        OversightActivity,
        "advance",
        [activity],
        to=State.ESTABLISHED,
        decision="15/QĐ-HĐND",
        decision_date="05/05/2026",
    )
    assert levels(client) == {SUCCESS}
    activity.refresh_from_db()
    assert activity.state == State.ESTABLISHED and activity.decision == "15/QĐ-HĐND"
    assert activity.history.latest().history_user == admin_user


def test_members_and_recommendations_are_not_added_in_the_admin(client, admin_user, activity):
    assert client.get(reverse("admin:oversight_delegationmember_add")).status_code == 403
    assert client.get(reverse("admin:oversight_recommendation_add")).status_code == 403
    page = client.get(change_url(activity))
    assert not any(inline.has_add_permission for inline in page.context["inline_admin_formsets"])
