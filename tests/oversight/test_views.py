import datetime as dt

import pytest
from django.urls import reverse

from council.models import FollowUp, Role
from tests.conftest import ALL_ROLES
from tests.council.factories import AgencyFactory, CommitteeFactory, RoleFactory, TermFactory, UserFactory
from tests.delegates.factories import MandateFactory
from tests.oversight.factories import OversightActivityFactory

pytestmark = pytest.mark.django_db
READERS = {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.COMMITTEE_HEAD, Role.LEADERSHIP}


def _activity(council, committee, title="Giám sát chính sách BHYT"):
    return OversightActivityFactory(
        council=council, committee=committee, title=title, scope="", period_end=dt.date(2026, 12, 31)
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_oversight_pages_by_role(client, login, council, role):
    user = login(role)
    activity = _activity(council, CommitteeFactory(council=council, kind="culture_society", name="Ban VH-XH"))
    expected = 200 if role in READERS else 403
    pages = [
        "oversight:activity_list",
        "oversight:programme",
        "oversight:accountability_list",
        "oversight:suggestions",
    ]
    for name in pages:
        assert client.get(reverse(name)).status_code == expected, name
    # A committee head sees only the activities their own committee leads.
    detail = client.get(reverse("oversight:activity_detail", args=[activity.pk])).status_code
    assert detail == (404 if role == Role.COMMITTEE_HEAD else expected)
    creators = {Role.OFFICE, Role.ADMIN, Role.COMMITTEE_HEAD}
    assert client.get(reverse("oversight:activity_create")).status_code == (200 if role in creators else 403)
    if role == Role.COMMITTEE_HEAD:
        own = _activity(council, user.roles.get().committee, "Giám sát công tác pháp chế")
        assert client.get(reverse("oversight:activity_detail", args=[own.pk])).status_code == 200
        listing = client.get(reverse("oversight:activity_list")).content.decode()
        assert own.title in listing and activity.title not in listing


def test_a_committee_head_records_for_their_committee_only(client, council):
    own = CommitteeFactory(council=council, kind="culture_society", name="Ban Văn hóa - Xã hội")
    other = CommitteeFactory(council=council, kind="economy_budget", name="Ban Kinh tế - Ngân sách")
    head = UserFactory()
    RoleFactory(user=head, council=council, role=Role.COMMITTEE_HEAD, committee=own)
    client.force_login(head)
    mine, theirs = _activity(council, own), _activity(council, other, "Giám sát thu ngân sách")
    agency = AgencyFactory(council=council, name="Sở Y tế")
    data = {"text": "Bảo đảm đủ thuốc BHYT tại trạm y tế xã", "agency": agency.pk, "due_date": "31/03/2027"}
    assert (
        client.post(reverse("oversight:activity_recommendation_add", args=[theirs.pk]), data).status_code
        == 404
    )
    client.post(reverse("oversight:activity_recommendation_add", args=[mine.pk]), data)
    followup = FollowUp.objects.get()
    assert followup.agency == agency and followup.source.activity == mine
    survey = {
        "date": "10/06/2026",
        "findings": "Trạm y tế thiếu thuốc",
        "place_detail": "Trạm y tế xã Tân Hồng",
    }
    client.post(reverse("oversight:activity_survey_add", args=[mine.pk]), survey)
    client.post(
        reverse("oversight:activity_survey_add", args=[mine.pk]), {**survey, "date": "10/01/2027"}
    )  # outside the period
    assert mine.surveys.count() == 1


def test_the_workflow_refuses_a_skipped_step_through_the_page(client, office, council):
    activity = _activity(council, CommitteeFactory(council=council, kind="culture_society", name="Ban VH-XH"))
    client.post(reverse("oversight:activity_advance", args=[activity.pk]), {"to": "reported"})
    activity.refresh_from_db()
    assert activity.state == "planned"
    head = MandateFactory(delegate__council=council, term=TermFactory(council=council))
    client.post(
        reverse("oversight:activity_member_add", args=[activity.pk]), {"mandate": head.pk, "role": "head"}
    )
    client.post(
        reverse("oversight:activity_advance", args=[activity.pk]),
        {"to": "established", "decision": "15/QĐ-HĐND", "decision_date": "05/05/2026"},
    )
    activity.refresh_from_db()
    assert activity.state == "established" and activity.decision == "15/QĐ-HĐND"


def test_the_activity_list_runs_the_same_queries_for_5_and_50(client, office, council, constant_queries):
    committee = CommitteeFactory(council=council, kind="culture_society", name="Ban VH-XH")

    def add(rows):
        for n in rows:
            _activity(council, committee, f"Hoạt động {n}")

    def visit():
        assert client.get(reverse("oversight:activity_list")).status_code == 200

    constant_queries(add, visit)
