"""“Chưa đạt” means one thing: not yet met while the window is open; “Không đạt” once it has closed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from council.models import Role
from council.quota import FAILED, MET, NO_DATA, OPEN, quota_status
from delegates import services as delegate_services
from sessions.models import Session, Speech
from tests.council.factories import TermFactory
from tests.dates import days
from tests.delegates.factories import GroupFactory, GroupMembershipFactory, MandateFactory
from tests.sessions.factories import SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db
OPEN_TEXT, FAILED_TEXT = "Chưa đạt (còn trong kỳ)", "Không đạt"


def test_one_rule_for_every_quota():
    assert quota_status(True, window_open=True) == MET == quota_status(True, window_open=False)
    assert quota_status(False, window_open=True) == OPEN
    assert quota_status(False, window_open=False) == FAILED
    assert quota_status(None, window_open=False) == NO_DATA


@pytest.fixture
def term(council):
    return TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))


@pytest.fixture
def rows(council, term):
    """Two groups of one member each."""
    made = []
    for name in ("Tổ 1", "Tổ 2"):
        group = GroupFactory(term=term, name=name)
        mandate = MandateFactory(delegate__council=council, term=term)
        GroupMembershipFactory(group=group, mandate=mandate)
        made.append((group, mandate))
    return made


def _session(council, term, rows, *, start, end, state):
    """A session at which only the first group's member spoke in the plenary."""
    session = SessionFactory(term=term, start_date=start, end_date=end, state=state)
    sitting = SittingFactory(session=session, date=start)
    Speech.objects.create(
        council=council, sitting=sitting, mandate=rows[0][1], kind="debate", venue="plenary"
    )
    return session


def test_a_session_still_in_progress_says_not_yet_met_and_a_closed_one_not_met(
    client, login, council, term, rows
):
    login(Role.STANDING)
    running = _session(
        council,
        term,
        rows,
        start=days(-1),
        end=days(1),
        state="in_session",
    )
    page = client.get(reverse("sessions:session_dashboard", args=[running.pk])).text
    assert OPEN_TEXT in page and "quota-open" in page and "quota-failed" not in page
    closed = _session(
        council, term, rows, start=dt.date(2026, 7, 8), end=dt.date(2026, 7, 10), state=Session.State.CLOSED
    )
    page = client.get(reverse("sessions:session_dashboard", args=[closed.pk])).text
    assert FAILED_TEXT in page and "quota-failed" in page and OPEN_TEXT not in page
    # The panel's summary says it the same way: did not (session over), not "have not yet".
    assert "Các Tổ đại biểu không có ý kiến tại hội trường (kỳ họp đã kết thúc)" in page


def test_my_participation_lists_my_voter_meetings_and_says_what_counts_for_t2(
    client, login, council, term, rows
):
    from voters import services as voter_services
    from voters.models import VoterMeeting

    user = login(Role.DELEGATE)
    session = _session(
        council, term, rows, start=dt.date(2026, 7, 8), end=dt.date(2026, 7, 10), state=Session.State.CLOSED
    )
    (_group, mine), (_other_group, other) = rows
    delegate_services.delegate_update(mine.delegate, actor=None, user=user)
    attended = voter_services.meeting_create(
        actor=None,
        council=council,
        kind=VoterMeeting.Kind.BEFORE_SESSION,
        format=VoterMeeting.Format.ONLINE,
        session=session,
        date=dt.date(2026, 6, 20),
        attendance=80,
        delegates=[mine],
    )
    voter_services.meeting_create(
        actor=None,
        council=council,
        kind=VoterMeeting.Kind.AFTER_SESSION,
        format=VoterMeeting.Format.ONLINE,
        session=session,
        date=dt.date(2026, 7, 20),
        attendance=60,
        delegates=[other],
    )
    response = client.get(reverse("sessions:my_participation"))
    assert response.context["voter_meetings"] == [attended]
    page = response.text
    assert reverse("voters:meeting_detail", args=[attended.pk]) in page
    assert "Cách tính T2" in page and "phiên họp toàn thể" in page
    # My group spoke at the closed session: met; T3 for me: I spoke, met.
    assert response.context["t3_status"] == MET


def test_my_t3_is_not_yet_met_while_the_term_runs(client, login, council, term):
    user = login(Role.DELEGATE)
    mandate = MandateFactory(delegate__council=council, term=term)
    delegate_services.delegate_update(mandate.delegate, actor=None, user=user)
    response = client.get(reverse("sessions:my_participation"))
    assert response.context["t3_status"] == OPEN and OPEN_TEXT in response.text
    assert "text-bg-danger" not in response.text.split("T3")[1].split("</div></div>")[0]


def test_the_participation_overview_and_the_scorecard_use_the_same_words(client, login, council, term, rows):
    from reports.dashboards import STATUS_LABELS

    _session(
        council, term, rows, start=dt.date(2026, 7, 8), end=dt.date(2026, 7, 10), state=Session.State.CLOSED
    )
    login(Role.LEADERSHIP)
    page = client.get(reverse("reports:participation_overview")).text
    # The group that did not speak at a closed session failed; delegates at zero still have the term.
    assert FAILED_TEXT in page and OPEN_TEXT in page
    with translation.override("vi"):
        assert str(STATUS_LABELS[OPEN]) == OPEN_TEXT and str(STATUS_LABELS[FAILED]) == FAILED_TEXT
