"""T2, T3 and T4 on hand-built cases."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from delegates.models import Mandate
from sessions import selectors, services
from sessions.models import Sitting, Speech
from tests.council.factories import TermFactory
from tests.delegates.factories import GroupFactory, GroupMembershipFactory, MandateFactory
from tests.sessions.factories import AgendaItemFactory, SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def term(council):
    return TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))


def _member(council, term, group, **kwargs):
    mandate = MandateFactory(delegate__council=council, term=term, **kwargs)
    GroupMembershipFactory(group=group, mandate=mandate, start_date=mandate.start_date)
    return mandate


def _speak(sitting, mandate, kind=Speech.Kind.DISCUSSION):
    return services.speech_log(actor=None, sitting=sitting, mandate=mandate, kind=kind, duration_seconds=300)


def test_t2_counts_plenary_contributions_per_group_and_flags_the_silent_one(council, term):
    first, second, third = (GroupFactory(term=term, name=f"Tổ {n}") for n in (1, 2, 3))
    a, b, c = (_member(council, term, g) for g in (first, second, third))
    session = SessionFactory(term=term)
    plenary = SittingFactory(session=session)
    in_groups = SittingFactory(session=session, kind=Sitting.Kind.GROUP_DISCUSSION)
    _speak(plenary, a)
    _speak(plenary, b, Speech.Kind.INTERPELLATION)
    _speak(in_groups, c)  # a group discussion does not count for T2
    services.speech_log(actor=None, sitting=plenary, official="Giám đốc Sở Y tế", kind=Speech.Kind.ANSWER)

    t2 = selectors.session_t2(session)
    assert [(g.group.name, g.speeches, g.met) for g in t2.groups] == [
        ("Tổ 1", 1, True),
        ("Tổ 2", 1, True),
        ("Tổ 3", 0, False),
    ]
    assert not t2.met and t2.met_count == 2
    assert [g.group for g in t2.missing] == [third]
    _speak(plenary, c, Speech.Kind.DEBATE)
    assert selectors.session_t2(session).met


def test_t2_follows_a_delegate_who_changes_group_mid_term(council, term):
    old_group, new_group = GroupFactory(term=term, name="Tổ cũ"), GroupFactory(term=term, name="Tổ mới")
    mandate = MandateFactory(delegate__council=council, term=term)
    GroupMembershipFactory(
        group=old_group, mandate=mandate, start_date=term.start_date, end_date=dt.date(2026, 12, 31)
    )
    GroupMembershipFactory(group=new_group, mandate=mandate, start_date=dt.date(2027, 1, 1))
    july = SessionFactory(term=term, start_date=dt.date(2026, 7, 8), end_date=dt.date(2026, 7, 10))
    next_july = SessionFactory(term=term, start_date=dt.date(2027, 7, 7), end_date=dt.date(2027, 7, 9))
    _speak(SittingFactory(session=july), mandate)
    _speak(SittingFactory(session=next_july), mandate)
    assert {g.group.name: g.met for g in selectors.session_t2(july).groups} == {
        "Tổ cũ": True,
        "Tổ mới": False,
    }
    assert {g.group.name: g.met for g in selectors.session_t2(next_july).groups} == {
        "Tổ cũ": False,
        "Tổ mới": True,
    }


def test_t3_counts_only_inside_each_mandate_including_a_by_election(council, term):
    group = GroupFactory(term=term)
    speaker = _member(council, term, group)
    silent = _member(council, term, group)
    elected_later = MandateFactory(
        delegate__council=council,
        term=term,
        start_date=dt.date(2027, 3, 1),
        start_reason=Mandate.StartReason.BY_ELECTION,
    )
    left = MandateFactory(
        delegate__council=council,
        term=term,
        end_date=dt.date(2026, 12, 31),
        end_reason=Mandate.EndReason.RESIGNED,
    )
    session = SessionFactory(term=term, start_date=dt.date(2027, 7, 7), end_date=dt.date(2027, 7, 9))
    sitting = SittingFactory(session=session)
    _speak(sitting, speaker)
    _speak(sitting, elected_later, Speech.Kind.INTERPELLATION)
    _speak(SittingFactory(session=session, kind=Sitting.Kind.GROUP_DISCUSSION), speaker)
    with pytest.raises(ValidationError):
        _speak(sitting, left)  # no longer a delegate on that day

    t3 = {row.mandate: (row.speeches, row.met) for row in selectors.term_t3(term)}
    assert t3[speaker] == (2, True)
    assert t3[silent] == (0, False)
    assert t3[elected_later] == (1, True)
    assert t3[left] == (0, False)


def test_answers_by_officials_do_not_count_as_contributions(council, term):
    mandate = _member(council, term, GroupFactory(term=term))
    sitting = SittingFactory(session=SessionFactory(term=term))
    services.speech_log(actor=None, sitting=sitting, mandate=mandate, kind=Speech.Kind.ANSWER)
    assert selectors.term_t3(term)[0].speeches == 0


def test_t4_prefers_actual_minutes_and_shows_the_trend(council, term):
    earlier = SessionFactory(term=term, start_date=dt.date(2026, 7, 8), end_date=dt.date(2026, 7, 10))
    later = SessionFactory(term=term, start_date=dt.date(2026, 12, 9), end_date=dt.date(2026, 12, 11))
    AgendaItemFactory(session=earlier, planned_presentation=60, planned_discussion=30)
    AgendaItemFactory(
        session=later,
        planned_presentation=60,
        planned_discussion=30,
        actual_presentation=40,
        actual_discussion=80,
    )
    trend = selectors.t4_trend(council)
    assert [(row.session, row.presentation, row.discussion) for row in trend] == [
        (earlier, 60, 30),
        (later, 40, 80),
    ]
    assert trend[1].discussion_share == 66.7


def test_speeches_outside_the_mandate_or_the_session_are_refused(council, term):
    mandate = _member(council, term, GroupFactory(term=term))
    session = SessionFactory(term=term)
    with pytest.raises(ValidationError) as error:
        SittingFactory.build(session=session, date=dt.date(2026, 8, 1)).full_clean()
    assert "date" in error.value.message_dict
    other_session = SessionFactory(term=term, start_date=dt.date(2026, 12, 9), end_date=dt.date(2026, 12, 11))
    with pytest.raises(ValidationError) as error:
        services.speech_log(
            actor=None,
            sitting=SittingFactory(session=session),
            mandate=mandate,
            kind="discussion",
            agenda_item=AgendaItemFactory(session=other_session),
        )
    assert "agenda_item" in error.value.message_dict
    assert not Speech.objects.exists()


def test_corrections_are_audited(council, term):
    from tests.council.factories import UserFactory

    clerk = UserFactory()
    speech = _speak(
        SittingFactory(session=SessionFactory(term=term)), _member(council, term, GroupFactory(term=term))
    )
    with pytest.raises(ValidationError):
        services.speech_correct(speech, actor=clerk, reason="", kind=Speech.Kind.DEBATE)
    services.speech_correct(speech, actor=clerk, reason="Ghi nhầm loại phát biểu", kind=Speech.Kind.DEBATE)
    latest = speech.history.first()
    assert latest.kind == Speech.Kind.DEBATE and latest.history_user == clerk
    assert latest.history_change_reason == "Ghi nhầm loại phát biểu"
    assert speech.history.last().kind == Speech.Kind.DISCUSSION
