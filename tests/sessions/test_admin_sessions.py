"""The admin moves an interpellation only through its services and saves sessions through theirs."""

import datetime as dt
import unicodedata

import pytest
from django.urls import reverse

from council.models import DeadlineRule
from sessions import services
from sessions.models import Interpellation, Session, Sitting, Speech
from tests.admin_actions import ERROR, SUCCESS, change_url, inline_management, levels, run_action
from tests.council.factories import AgencyFactory, DeadlineRuleFactory, TermFactory
from tests.delegates.factories import MandateFactory
from tests.sessions.factories import SessionFactory

pytestmark = pytest.mark.django_db
State = Interpellation.State


@pytest.fixture
def admin_user(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@hdnd.vn", "x")
    client.force_login(user)
    return user


@pytest.fixture
def term(council):
    return TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))


@pytest.fixture
def slip(council, term):
    slip = services.interpellation_draft(
        actor=None,
        council=council,
        term=term,
        askers=[MandateFactory(delegate__council=council, term=term)],
        agency=AgencyFactory(council=council, name="Sở Y tế"),
        respondent_title="Giám đốc Sở Y tế",
        question="Vì sao tình trạng thiếu thuốc bảo hiểm y tế kéo dài?",
    )
    return services.interpellation_submit(slip, actor=None, on=dt.date(2026, 8, 24))


def test_the_change_form_cannot_change_an_interpellations_state_or_due_date(client, admin_user, slip):
    assert client.get(change_url(slip)).status_code == 200
    response = client.post(change_url(slip), {"state": State.CONCLUDED, "answer_due": "01/09/2026"})
    assert response.status_code == 403
    slip.refresh_from_db()
    assert slip.state == State.SUBMITTED and slip.answer_due is None
    assert client.get(reverse("admin:council_sessions_interpellation_add")).status_code == 403


def test_assigning_a_written_answer_takes_the_due_date_of_the_rule(client, admin_user, council, slip):
    DeadlineRuleFactory(
        council=council,
        code="interpellation-written-answer",
        days=20,
        day_type=DeadlineRule.DayType.CALENDAR,
        valid_from=dt.date(2026, 3, 1),
    )
    response = run_action(client, Interpellation, "assign", [slip], mode=Interpellation.Mode.WRITTEN)
    assert response.status_code == 302 and levels(client) == {SUCCESS}
    slip.refresh_from_db()
    assert slip.state == State.WRITTEN and slip.answer_due == dt.date(2026, 9, 13)
    assert slip.history.latest().history_user == admin_user


def test_an_action_the_state_does_not_allow_shows_the_error_and_changes_nothing(client, admin_user, slip):
    run_action(client, Interpellation, "conclude", [slip], conclusion="Kết luận của chủ tọa")
    assert levels(client) == {ERROR}
    slip.refresh_from_db()
    assert slip.state == State.SUBMITTED and slip.conclusion == ""

    run_action(client, Interpellation, "reject", [slip], reason="Không thuộc thẩm quyền")
    slip.refresh_from_db()
    assert slip.state == State.REJECTED
    assert slip.history.latest().history_change_reason == "Không thuộc thẩm quyền"


def test_sessions_and_sittings_are_added_through_their_services(client, admin_user, council, term):
    url = reverse("admin:council_sessions_session_add")
    response = client.post(
        url,
        {
            **inline_management(client, url),
            "council": council.pk,
            "term": term.pk,
            "number": 3,
            "kind": Session.Kind.REGULAR,
            "title": unicodedata.normalize("NFD", "Kỳ họp thường lệ giữa năm"),
            "state": Session.State.PLANNED,
            "start_date": "08/07/2026",
            "end_date": "10/07/2026",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(council=council, number=3)
    assert session.title == unicodedata.normalize("NFC", "Kỳ họp thường lệ giữa năm")
    assert session.history.latest().history_user == admin_user

    response = client.post(
        reverse("admin:council_sessions_sitting_add"),
        {"council": council.pk, "session": session.pk, "kind": Sitting.Kind.PLENARY, "date": "08/07/2026"},
    )
    assert response.status_code == 302
    assert Sitting.objects.get(session=session).history.latest().history_user == admin_user


def test_a_sessions_sittings_are_listed_on_its_page_not_edited_there(client, admin_user, council):
    session = SessionFactory(term__council=council)
    page = client.get(change_url(session))
    assert page.status_code == 200
    assert not any(inline.has_add_permission for inline in page.context["inline_admin_formsets"])


def test_speeches_are_only_read_in_the_admin(client, admin_user):
    assert client.get(reverse("admin:council_sessions_speech_add")).status_code == 403
    assert Speech.objects.count() == 0
