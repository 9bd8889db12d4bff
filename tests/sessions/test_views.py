import datetime as dt

import pytest
from django.urls import reverse

from council.models import Role
from delegates import services as delegate_services
from sessions.models import Speech
from tests.conftest import ALL_ROLES
from tests.council.factories import TermFactory
from tests.delegates.factories import GroupFactory, GroupMembershipFactory, MandateFactory
from tests.sessions.factories import AgendaItemFactory, SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db
MANAGERS = {Role.OFFICE, Role.ADMIN}
READERS = MANAGERS | {Role.STANDING, Role.LEADERSHIP}


@pytest.fixture
def sitting(council):
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    return SittingFactory(session=SessionFactory(term=term))


@pytest.fixture
def groups(council, sitting):
    term = sitting.session.term
    made = []
    for name in ("Tổ 1 – Cao Lãnh", "Tổ 2 – Sa Đéc"):
        group = GroupFactory(term=term, name=name)
        mandate = MandateFactory(
            delegate__council=council, delegate__full_name=f"Nguyễn Thị {name[-3:]}", term=term
        )
        GroupMembershipFactory(group=group, mandate=mandate)
        made.append((group, mandate))
    return made


@pytest.mark.parametrize("role", ALL_ROLES)
def test_session_pages_by_role(client, login, sitting, role):
    login(role)
    session = sitting.session
    assert client.get(reverse("sessions:session_list")).status_code == 200
    assert client.get(reverse("sessions:session_detail", args=[session.pk])).status_code == 200
    assert client.get(reverse("sessions:session_create")).status_code == (200 if role in MANAGERS else 403)
    assert client.get(reverse("sessions:sitting_live", args=[sitting.pk])).status_code == (
        200 if role in MANAGERS else 403
    )
    assert client.get(reverse("sessions:session_dashboard", args=[session.pk])).status_code == (
        200 if role in READERS else 403
    )
    assert client.get(reverse("sessions:my_participation")).status_code == 200


def test_session_pages_of_another_council_are_not_found(client, login, sitting, other_council):
    login(Role.OFFICE, other_council)
    assert client.get(reverse("sessions:session_detail", args=[sitting.session.pk])).status_code == 404
    assert client.get(reverse("sessions:sitting_live", args=[sitting.pk])).status_code == 404
    assert client.get(reverse("sessions:session_dashboard", args=[sitting.session.pk])).status_code == 404


def test_the_clerk_finds_a_speaker_without_accents_and_logs_with_htmx(client, office, sitting, groups):
    found = client.get(reverse("sessions:sitting_speakers", args=[sitting.pk]), {"q": "nguyen thi"}).text
    assert "Nguyễn Thị" in found
    (group, mandate), _ = groups
    by_group = client.get(reverse("sessions:sitting_speakers", args=[sitting.pk]), {"group": group.pk}).text
    assert mandate.delegate.full_name in by_group and groups[1][1].delegate.full_name not in by_group
    item = AgendaItemFactory(session=sitting.session)
    response = client.post(
        reverse("sessions:sitting_live", args=[sitting.pk]),
        {"mandate": mandate.pk, "kind": "discussion", "agenda_item": item.pk, "duration": "4.5"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "<html" not in response.text
    speech = Speech.objects.get()
    assert (speech.mandate, speech.duration_seconds, speech.venue, speech.agenda_item) == (
        mandate,
        270,
        "plenary",
        item,
    )
    assert speech.history.first().history_user == office
    assert mandate.delegate.full_name in response.text  # in the list of last speeches


def test_logging_refuses_a_speaker_without_a_mandate_that_day(client, office, council, sitting):
    gone = MandateFactory(
        delegate__council=council,
        term=sitting.session.term,
        end_date=dt.date(2026, 6, 30),
        end_reason="resigned",
    )
    response = client.post(
        reverse("sessions:sitting_live", args=[sitting.pk]),
        {"mandate": gone.pk, "kind": "discussion", "duration": "2"},
    )
    assert response.status_code == 200
    assert not Speech.objects.exists()
    assert response.context["form"].errors
    response = client.post(
        reverse("sessions:sitting_live", args=[sitting.pk]), {"kind": "discussion", "duration": "-1"}
    )
    assert response.context["form"].errors and not Speech.objects.exists()


def test_removing_a_speech_needs_a_reason_and_is_kept_in_history(client, office, sitting, groups):
    speech = Speech.objects.create(
        council=sitting.council, sitting=sitting, mandate=groups[0][1], kind="discussion", venue="plenary"
    )
    client.post(reverse("sessions:speech_remove", args=[speech.pk]), {"reason": ""})
    assert Speech.objects.filter(pk=speech.pk).exists()
    client.post(reverse("sessions:speech_remove", args=[speech.pk]), {"reason": "Ghi trùng"})
    assert not Speech.objects.filter(pk=speech.pk).exists()
    removed = Speech.history.filter(id=speech.pk, history_type="-").get()
    assert removed.history_user == office and removed.history_change_reason == "Ghi trùng"


def test_dashboard_names_the_groups_still_silent(client, login, sitting, groups):
    login(Role.STANDING)
    (first_group, first), (second_group, _second) = groups
    Speech.objects.create(
        council=sitting.council, sitting=sitting, mandate=first, kind="discussion", venue="plenary"
    )
    response = client.get(reverse("sessions:session_dashboard", args=[sitting.session.pk]))
    missing = [row.group for row in response.context["t2"].missing]
    assert missing == [second_group]


def test_my_participation_shows_my_speeches_and_my_group(client, login, sitting, groups):
    user = login(Role.DELEGATE)
    (group, mandate), _ = groups
    delegate_services.delegate_update(mandate.delegate, actor=None, user=user)
    Speech.objects.create(
        council=sitting.council, sitting=sitting, mandate=mandate, kind="interpellation", venue="plenary"
    )
    response = client.get(reverse("sessions:my_participation"))
    assert response.context["contributions"] == 1
    assert [row.group for row in response.context["my_group_rows"]] == [group]
    assert "Chất vấn" in response.text or "Interpellation" in response.text


def test_session_list_and_live_page_queries_do_not_grow(
    client, office, council, sitting, groups, constant_queries
):
    def add(rows):
        # Five speeches of one group and one more session, then 45 of another group and 20 sessions.
        first = rows.start == 0
        for _ in rows:
            Speech.objects.create(
                council=council,
                sitting=sitting,
                mandate=groups[0 if first else 1][1],
                kind="discussion" if first else "debate",
                venue="plenary",
            )
        term = sitting.session.term
        if first:
            SessionFactory(term=term, start_date=dt.date(2026, 12, 9), end_date=dt.date(2026, 12, 11))
            return
        for n in range(20):
            day = dt.date(2027, 1, 4) + dt.timedelta(days=7 * n)
            SessionFactory(term=term, start_date=day, end_date=day)

    def visit(url):
        def get():
            assert client.get(url).status_code == 200

        return get

    pages = {
        "session list": visit(reverse("sessions:session_list")),
        "live page": visit(reverse("sessions:sitting_live", args=[sitting.pk])),
    }
    constant_queries(add, pages)


def test_a_group_leader_sees_the_members_and_my_interpellations_show_commitments(
    client, login, council, sitting, groups
):
    from sessions import services as session_services
    from tests.council.factories import AgencyFactory

    user = login(Role.GROUP_LEADER)
    (group, leader), _ = groups
    leader.group_memberships.update(role="leader")
    delegate_services.delegate_update(leader.delegate, actor=None, user=user)
    slip = session_services.interpellation_draft(
        actor=None,
        council=council,
        term=sitting.session.term,
        askers=[leader],
        agency=AgencyFactory(council=council),
        respondent_title="Giám đốc Sở",
        question="Vì sao chậm giải ngân vốn đầu tư công?",
    )
    session_services.interpellation_submit(slip, actor=None, on=dt.date(2026, 7, 8))
    session_services.interpellation_assign(slip, actor=None, mode="oral")
    session_services.interpellation_answer(
        slip, actor=None, answered_on=dt.date(2026, 7, 9), answered_by="GĐ", text="Sẽ đẩy nhanh."
    )
    session_services.commitment_add(
        slip, actor=None, text="Giải ngân 95% vốn trước 31/01/2027", due_date=dt.date(2027, 1, 31)
    )
    response = client.get(reverse("sessions:my_participation"))
    assert [row.mandate for row in response.context["members"]] == [leader]
    assert "Giải ngân 95% vốn" in response.text


def test_a_speech_is_corrected_with_a_reason_and_the_history_keeps_the_old_values(
    client, office, sitting, groups
):
    speech = Speech.objects.create(
        council=sitting.council,
        sitting=sitting,
        mandate=groups[0][1],
        kind="discussion",
        venue="plenary",
        duration_seconds=60,
    )
    client.post(
        reverse("sessions:speech_correct", args=[speech.pk]),
        {"kind": "debate", "duration": "4", "reason": ""},
    )
    speech.refresh_from_db()
    assert speech.kind == "discussion"
    client.post(
        reverse("sessions:speech_correct", args=[speech.pk]),
        {"kind": "debate", "duration": "4", "reason": "Ghi nhầm"},
    )
    speech.refresh_from_db()
    assert (speech.kind, speech.duration_seconds) == ("debate", 240)
    latest = speech.history.first()
    assert latest.history_user == office and latest.history_change_reason == "Ghi nhầm"
