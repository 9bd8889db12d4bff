import datetime as dt

import pytest

from council.models import FollowUp
from council.models.followups import SourceKind
from delegates.models import GroupMembership
from reports.periods import Period
from sessions import services as session_services
from sessions.models import Session, Speech
from tests.council.factories import AgencyFactory, FieldFactory, make_followup
from tests.delegates.factories import GroupFactory, GroupMembershipFactory
from tests.sessions.factories import AgendaItemFactory, SessionFactory, SittingFactory
from voters import services as voter_services
from voters.models import Petition

Q2 = Period("Q", 2026, 2)


def answered(followup: FollowUp, on: dt.date) -> FollowUp:
    """Back-date an agency's first answer (the services stamp today; these records are historical)."""
    FollowUp.objects.filter(pk=followup.pk).update(first_answered_on=on, agency_status="done")
    followup.refresh_from_db()
    return followup


@pytest.fixture
def records(council, term):
    """A quarter of hand-built records (2026-Q2) and a few outside it, with the figures they must give."""
    health, roads = (
        FieldFactory(council=council, name="Y tế"),
        FieldFactory(council=council, name="Giao thông"),
    )
    agency = AgencyFactory(council=council, name="Sở Y tế")

    def petition(title, on, field, **extra):
        return voter_services.petition_create(
            actor=None,
            council=council,
            title=title,
            text=f"Cử tri kiến nghị: {title}.",
            received_on=on,
            field=field,
            **extra,
        )

    inside = [
        petition("Thiếu bác sĩ ở trạm y tế xã", dt.date(2026, 4, 3), health),
        petition("Thuốc bảo hiểm y tế", dt.date(2026, 5, 12), health),
        petition("Sửa đường ĐT 845", dt.date(2026, 6, 30), roads),
    ]
    petition("Ngoài kỳ: quý I", dt.date(2026, 3, 31), roads)
    merged = petition("Trùng lặp", dt.date(2026, 5, 2), health)
    Petition.objects.filter(pk=merged.pk).update(state=Petition.State.MERGED)

    def petition_item(due, **kw):
        return make_followup(
            council,
            agency=agency,
            assigned=dt.date(2026, 3, 1),
            due=due,
            source_kind=SourceKind.PETITION,
            **kw,
        )

    on_time = answered(petition_item(dt.date(2026, 4, 20)), dt.date(2026, 4, 18))
    late = answered(petition_item(dt.date(2026, 5, 20)), dt.date(2026, 6, 2))
    unanswered = petition_item(dt.date(2026, 6, 10))
    petition_item(dt.date(2026, 8, 1))  # due after the quarter: counts nowhere in it

    # Two groups of one delegate; only group A speaks in the plenary of the quarter's session.
    group_a, group_b = GroupFactory(term=term, name="Tổ 1"), GroupFactory(term=term, name="Tổ 2")
    speaker = GroupMembershipFactory(group=group_a, role=GroupMembership.Role.LEADER).mandate
    GroupMembershipFactory(group=group_b, role=GroupMembership.Role.LEADER)
    session = SessionFactory(
        term=term, start_date=dt.date(2026, 5, 5), end_date=dt.date(2026, 5, 6), state=Session.State.CLOSED
    )
    SessionFactory(term=term, start_date=dt.date(2026, 6, 25), end_date=dt.date(2026, 6, 25))  # only planned
    sitting = SittingFactory(session=session)
    session_services.speech_log(
        actor=None, sitting=sitting, mandate=speaker, kind=Speech.Kind.DISCUSSION, duration_seconds=300
    )
    AgendaItemFactory(session=session, planned_presentation=10, planned_discussion=30)
    AgendaItemFactory(session=session, planned_presentation=20, planned_discussion=0, actual_discussion=20)
    return {
        "petitions": inside,
        "fields": {"Y tế": 2, "Giao thông": 1},
        "answers_due": [on_time, late, unanswered],
        "on_time": [on_time],
        "overdue": [unanswered],
        "session": session,
    }


@pytest.fixture
def party_secretary(council, term):
    """The Party delegation's secretary over the whole term: the council can issue Party-form reports."""
    from delegates.models import PartyDelegationMember
    from tests.delegates.factories import DelegateFactory

    return PartyDelegationMember.objects.create(
        council=council,
        term=term,
        delegate=DelegateFactory(council=council, full_name="Nguyễn Văn Bí Thư"),
        position=PartyDelegationMember.Position.SECRETARY,
        start_date=term.start_date,
    )
