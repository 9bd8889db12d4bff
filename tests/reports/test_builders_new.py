"""The builders of the scoped and thematic periodic reports (issue 22): committee, delegate group,
citizen reception and letters, interpellation commitments, resolutions, the year's oversight and the
end-of-term review.

Each is built for hand-made records through ``builders.build`` with a report row of its kind: the figures
and rows are checked, the sentences for nothing to report (in English), the top-level headings against
the kind's declared sections, and the number of queries against the number of records."""

import datetime as dt
import io
import re

import pytest
from django.utils import translation

from council.models import FollowUp
from council.models.followups import CouncilStatus, SourceKind
from delegates.models import CommitteeMembership, GroupMeeting, GroupMembership
from directives.models import DirectiveItem
from oversight.models import Accountability, OversightActivity
from reports import builders
from reports.builders import (
    committee,
    delegate_group,
    interpellation,
    oversight_year,
    reception,
    resolutions,
    term_review,
)
from reports.kinds import declared_sections
from reports.models import Report
from reports.periods import Period
from reports.services import targets_seed
from sessions.models import Commitment, Interpellation, Resolution, ResolutionTask, Session, Speech
from tests.council.factories import AgencyFactory, CommitteeFactory, make_followup
from tests.delegates.factories import CommitteeMembershipFactory, GroupFactory, GroupMembershipFactory
from tests.directives.factories import DirectiveItemFactory
from tests.oversight.factories import (
    AccountabilityFactory,
    OversightActivityFactory,
    RecommendationFactory,
    SurveyVisitFactory,
)
from tests.sessions.factories import SessionFactory, SittingFactory
from tests.voters.factories import LetterFactory, PetitionFactory, ReceptionFactory, VoterOpinionFactory
from voters.models import Channel, Letter

pytestmark = pytest.mark.django_db

H2 = Period("H", 2026, 2)
YEAR = Period("Y", 2026)


def report_of(council, kind, period=H2, **scope) -> Report:
    code = scope.pop("code", period.code)
    start = scope.pop("start", period.start)
    end = scope.pop("end", period.end)
    return Report.objects.create(
        council=council, kind=kind, period=code, period_start=start, period_end=end, **scope
    )


def build(report):
    with translation.override("en"):
        return builders.build(report, progress=lambda *_a: None)


def headings(document) -> list[str]:
    return [s.heading for s in document.sections]


def declared(kind, module) -> list[str]:
    with translation.override("en"):
        assert [str(s) for s in module.SECTIONS] == declared_sections(kind)
        return declared_sections(kind)


def text(document, index: int) -> str:
    return " ".join(b for b in document.sections[index].blocks if isinstance(b, str))


def tables(document, index: int | None = None) -> list:
    blocks = document.appendix if index is None else document.sections[index].blocks
    return [b for b in blocks if not isinstance(b, str) and hasattr(b, "rows")]


def done(followup: FollowUp, on: dt.date) -> None:
    FollowUp.objects.filter(pk=followup.pk).update(
        council_status=CouncilStatus.DONE, closed_on=on, first_answered_on=on, agency_status="done"
    )


# ---------------------------------------------------------------- committee


@pytest.fixture
def committee_records(council, term):
    body = CommitteeFactory(council=council)
    CommitteeMembershipFactory(committee=body, role=CommitteeMembership.Role.HEAD, mandate__term=term)
    CommitteeMembershipFactory(committee=body, mandate__term=term)
    CommitteeMembershipFactory(committee=body, mandate__term=term, start_date=dt.date(2026, 8, 1))
    activity = OversightActivityFactory(
        council=council, committee=body, period_start=dt.date(2026, 7, 1), period_end=dt.date(2026, 8, 31)
    )
    OversightActivity.objects.filter(pk=activity.pk).update(state=OversightActivity.State.FIELDWORK)
    SurveyVisitFactory(activity=activity, date=dt.date(2026, 7, 20))
    kept = RecommendationFactory(activity=activity).followups.get()
    done(kept, dt.date(2026, 10, 1))
    RecommendationFactory(activity=activity)  # due 30/10/2026, unanswered: overdue
    AccountabilityFactory(
        council=council, body=Accountability.Body.COMMITTEE, committee=body, date=dt.date(2026, 9, 15)
    )
    petition = PetitionFactory(council=council, committee=body, received_on=dt.date(2026, 7, 10))
    make_followup(
        council,
        source=petition,
        source_kind=SourceKind.PETITION,
        assigned=dt.date(2026, 7, 12),
        due=dt.date(2026, 8, 12),
    )
    DirectiveItemFactory(
        directive__council=council, responsible=DirectiveItem.Responsible.COMMITTEE, committee=body
    )
    return body


def test_a_committee_report_counts_its_members_oversight_petitions_and_tasks(council, committee_records):
    report = report_of(council, Report.Kind.COMMITTEE, committee=committee_records, scope="committee-1")
    document = build(report)
    assert headings(document) == declared(Report.Kind.COMMITTEE, committee)
    assert "3 members" in text(document, 0) and "1 member joined" in text(document, 0)
    oversight = tables(document, 1)[0]
    assert [row[1:] for row in oversight.rows] == [
        [
            oversight.rows[0][1],
            "Thematic oversight",
            dt.date(2026, 7, 1),
            dt.date(2026, 8, 31),
            "Fieldwork",
            2,
        ]
    ]
    assert "1 field survey" in text(document, 1) and "1 explanation session" in text(document, 1)
    assert "1 done" in text(document, 1) and "1 overdue" in text(document, 1)
    assert "1 voters' petition" in text(document, 2) and "1 overdue" in text(document, 2)
    assert "1 task" in text(document, 3)
    recommendations, items = document.appendix
    assert len(recommendations.rows) == 2 and recommendations.rows[0][3] == dt.date(2026, 10, 30)
    assert len(items.rows) == 1
    assert document.signer_name  # the head signs
    assert "overdue recommendation" in text(document, 4)


def test_a_committee_with_nothing_to_report_says_so(council):
    body = CommitteeFactory(council=council)
    document = build(report_of(council, Report.Kind.COMMITTEE, committee=body, scope=f"committee-{body.pk}"))
    assert "No member of the committee" in text(document, 0)
    assert "The membership did not change" in text(document, 0)
    assert "led no oversight activity" in text(document, 1)
    assert "no explanation session or hearing" in text(document, 1)
    assert "No voters' petition" in text(document, 2)
    assert "No task" in text(document, 3)
    assert document.appendix == [] and not re.search(r"\b0\b", text(document, 1))


def test_a_committee_report_runs_the_same_queries_for_few_or_many_records(
    council, committee_records, constant_queries
):
    activity = OversightActivity.objects.get(committee=committee_records)
    report = report_of(council, Report.Kind.COMMITTEE, committee=committee_records, scope="committee-1")

    def grow(rows):
        for _n in rows:
            RecommendationFactory(activity=activity)
            PetitionFactory(council=council, committee=committee_records, received_on=dt.date(2026, 7, 10))
            DirectiveItemFactory(
                directive__council=council,
                responsible=DirectiveItem.Responsible.COMMITTEE,
                committee=committee_records,
            )

    constant_queries(grow, lambda: build(report), few=2, many=5, warm_up=True)


# ---------------------------------------------------------------- delegate group


@pytest.fixture
def group_records(council, term):
    group = GroupFactory(term=term, name="Tổ Cao Lãnh")
    leader = GroupMembershipFactory(group=group, role=GroupMembership.Role.LEADER).mandate
    member = GroupMembershipFactory(group=group).mandate
    other = GroupMembershipFactory(group=GroupFactory(term=term)).mandate
    GroupMeeting.objects.create(
        group=group, kind=GroupMeeting.Kind.DISCUSSION, date=dt.date(2026, 7, 5), topic="Kỳ họp"
    )
    first = SessionFactory(term=term, start_date=dt.date(2026, 7, 8), end_date=dt.date(2026, 7, 10))
    second = SessionFactory(term=term, start_date=dt.date(2026, 11, 2), end_date=dt.date(2026, 11, 3))
    Session.objects.filter(pk__in=[first.pk, second.pk]).update(state=Session.State.CLOSED)
    for session, mandate, venue in (
        (first, leader, Speech.Venue.PLENARY),
        (first, member, Speech.Venue.PLENARY),
        (second, member, Speech.Venue.GROUP),
        (second, other, Speech.Venue.PLENARY),
    ):
        sitting = SittingFactory(session=session)
        Speech.objects.create(
            council=council, sitting=sitting, mandate=mandate, kind=Speech.Kind.DISCUSSION, venue=venue
        )
    opinion = VoterOpinionFactory(council=council, meeting__date=dt.date(2026, 7, 20), voters_count=3)
    opinion.meeting.delegates.add(leader)
    VoterOpinionFactory(council=council, meeting__date=dt.date(2026, 7, 21))  # another group's meeting
    DirectiveItemFactory(directive__council=council, responsible=DirectiveItem.Responsible.GROUP, group=group)
    return group


def test_a_group_report_shows_its_meetings_voter_contact_and_t2_per_session(council, group_records):
    report = report_of(council, Report.Kind.DELEGATE_GROUP, group=group_records, scope="group-1")
    document = build(report)
    assert headings(document) == declared(Report.Kind.DELEGATE_GROUP, delegate_group)
    assert "2 members" in text(document, 0)
    assert "met 1 time" in text(document, 1)
    assert "1 voter meeting" in text(document, 2) and "1 opinion" in text(document, 2)
    assert "1 of the 2 sessions" in text(document, 3)
    rows = tables(document, 3)[0].rows
    assert [r[3:6] for r in rows] == [[2, 2, 2], [0, 0, 1]]
    assert [r[6] for r in rows] == ["Met", "Not met"]
    assert "No member was invited" in text(document, 4)
    assert "1 task" in text(document, 5) and len(document.appendix[0].rows) == 1


def test_a_group_with_nothing_to_report_says_so(council, term):
    group = GroupFactory(term=term)
    document = build(report_of(council, Report.Kind.DELEGATE_GROUP, group=group, scope=f"group-{group.pk}"))
    assert "No member of the group" in text(document, 0)
    assert "no meeting of its own" in text(document, 1)
    assert "No voter meeting" in text(document, 2)
    assert "held no session" in text(document, 3)
    assert "No task" in text(document, 5)


def test_a_group_report_runs_the_same_queries_for_few_or_many_records(
    council, group_records, constant_queries
):
    report = report_of(council, Report.Kind.DELEGATE_GROUP, group=group_records, scope="group-1")
    session = Session.objects.filter(term=group_records.term).first()
    mandate = group_records.memberships.first().mandate

    def grow(rows):
        for n in rows:
            GroupMeeting.objects.create(
                group=group_records,
                kind=GroupMeeting.Kind.WORKING,
                date=dt.date(2026, 8, 1),
                topic=f"Họp {n}",
            )
            Speech.objects.create(
                council=council,
                sitting=SittingFactory(session=session),
                mandate=mandate,
                kind=Speech.Kind.DEBATE,
                venue=Speech.Venue.PLENARY,
            )
            VoterOpinionFactory(council=council, meeting__date=dt.date(2026, 9, 1)).meeting.delegates.add(
                mandate
            )

    constant_queries(grow, lambda: build(report), few=2, many=5, warm_up=True)


# ---------------------------------------------------------------- citizen reception and letters


@pytest.fixture
def reception_records(council):
    held = ReceptionFactory(council=council, date=dt.date(2026, 7, 15))
    ReceptionFactory(council=council, date=dt.date(2026, 6, 15))  # before the period
    VoterOpinionFactory(
        council=council,
        channel=Channel.RECEPTION,
        meeting=None,
        reception=held,
        received_on=held.date,
        voters_count=4,
    )
    agency = AgencyFactory(council=council, name="Sở Tài nguyên và Môi trường")
    complaint = LetterFactory(council=council, received_on=dt.date(2026, 7, 20))
    denunciation = LetterFactory(
        council=council,
        kind=Letter.Kind.DENUNCIATION,
        received_on=dt.date(2026, 8, 2),
        sender_name="Người Tố Cáo Bí Mật",
        sender_address="Số 9 đường Bí Mật",
    )
    LetterFactory(council=council, received_on=dt.date(2026, 8, 3), duplicate_of=complaint)
    LetterFactory(council=council, kind=Letter.Kind.FEEDBACK, received_on=dt.date(2026, 9, 1))
    for letter, due in ((complaint, dt.date(2026, 8, 20)), (denunciation, dt.date(2027, 3, 1))):
        make_followup(
            council,
            agency=agency,
            source=letter,
            source_kind=SourceKind.LETTER,
            assigned=letter.received_on,
            due=due,
            title=f"Đơn số {letter.pk}",
        )
    return {"complaint": complaint, "denunciation": denunciation}


def test_a_reception_report_counts_letters_by_kind_and_never_names_a_citizen(council, reception_records):
    document = build(report_of(council, Report.Kind.RECEPTION, Period("Q", 2026, 3)))
    assert headings(document) == declared(Report.Kind.RECEPTION, reception)
    assert "1 citizen reception" in text(document, 0) and "by 4 citizens" in text(document, 0)
    received = text(document, 1)
    assert "3 letters" in received and "Complaint 1" in received and "Denunciation 1" in received
    assert "1 letter repeated" in received
    by_agency = tables(document, 3)[0]
    assert by_agency.rows == [[1, "Sở Tài nguyên và Môi trường", 2, 0, 0, 1, 1, 0]]
    overdue = document.appendix[0]
    assert [r[1] for r in overdue.rows] == [f"Complaint, letter no. {reception_records['complaint'].pk}"]
    everything = repr(document)
    for secret in ("Bí Mật", "Trần Văn Khiếu", "Ấp Tân Hòa", "bồi thường"):
        assert secret not in everything


def test_a_reception_report_with_nothing_to_report_says_so(council):
    document = build(report_of(council, Report.Kind.RECEPTION, Period("Q", 2026, 3)))
    assert "No citizen reception" in text(document, 0)
    assert "No letter was received" in text(document, 1)
    assert "no letter to handle" in text(document, 2)
    assert "No letter transferred" in text(document, 3)
    assert document.appendix == []


def test_a_reception_report_runs_the_same_queries_for_few_or_many_records(
    council, reception_records, constant_queries
):
    report = report_of(council, Report.Kind.RECEPTION, Period("Q", 2026, 3))

    def grow(rows):
        for n in rows:
            letter = LetterFactory(council=council, received_on=dt.date(2026, 7, 1 + n))
            make_followup(
                council,
                source=letter,
                source_kind=SourceKind.LETTER,
                assigned=letter.received_on,
                due=dt.date(2026, 8, 1),
            )

    constant_queries(grow, lambda: build(report), few=2, many=5, warm_up=True)


# ---------------------------------------------------------------- interpellation commitments


def commitment(council, term, session, agency, *, due, text="Hoàn thành cấp thuốc"):
    slip = Interpellation.objects.create(
        council=council,
        term=term,
        session=session,
        agency=agency,
        respondent_title="Giám đốc Sở Y tế",
        question="Vì sao thiếu thuốc?",
        state=Interpellation.State.CONCLUDED,
        satisfaction=Interpellation.Satisfaction.PARTLY,
        submitted_on=session.start_date if session else dt.date(2026, 9, 1),
    )
    promise = Commitment.objects.create(interpellation=slip, text=text)
    return make_followup(
        council,
        agency=agency,
        source=promise,
        source_kind=SourceKind.COMMITMENT,
        assigned=slip.submitted_on,
        due=due,
        title=text,
    )


@pytest.fixture
def interpellation_records(council, term):
    earlier = SessionFactory(term=term, start_date=dt.date(2026, 7, 8), end_date=dt.date(2026, 7, 10))
    upcoming = SessionFactory(term=term, start_date=dt.date(2026, 12, 9), end_date=dt.date(2026, 12, 11))
    health = AgencyFactory(council=council, name="Sở Y tế")
    kept = commitment(council, term, earlier, health, due=dt.date(2026, 9, 30))
    done(kept, dt.date(2026, 9, 25))
    commitment(council, term, earlier, health, due=dt.date(2026, 10, 31))  # overdue
    commitment(council, term, None, health, due=dt.date(2027, 3, 31))  # between sessions, not yet due
    commitment(council, term, upcoming, health, due=dt.date(2027, 1, 15))  # at this session: not counted
    return upcoming


def test_an_interpellation_report_lists_the_earlier_commitments_by_agency(council, interpellation_records):
    report = report_of(council, Report.Kind.INTERPELLATION, session=interpellation_records, code="session-x")
    document = build(report)
    assert headings(document) == declared(Report.Kind.INTERPELLATION, interpellation)
    assert "3 interpellations" in text(document, 0) and "1 of them was put between" in text(document, 0)
    assert "3 commitments" in text(document, 1) and "1 of the 2 commitments that had fallen due" in text(
        document, 1
    )
    assert tables(document, 2)[0].rows == [[1, "Sở Y tế", 3, 1, 0, 1, 1, 0]]
    listing = document.appendix[0]
    assert [r[3] for r in listing.rows] == ["Session 1", "Session 1", "Between sessions"] or len(
        listing.rows
    ) == 3
    assert [r[5] for r in listing.rows] == [dt.date(2026, 9, 30), dt.date(2026, 10, 31), dt.date(2027, 3, 31)]


def test_an_interpellation_report_with_no_commitment_says_so(council, term):
    session = SessionFactory(term=term, start_date=dt.date(2026, 12, 9), end_date=dt.date(2026, 12, 11))
    document = build(report_of(council, Report.Kind.INTERPELLATION, session=session, code="session-y"))
    assert "No interpellation was put" in text(document, 0)
    assert "No commitment" in text(document, 1)
    assert document.appendix == []


def test_an_interpellation_report_runs_the_same_queries_for_few_or_many(
    council, term, interpellation_records, constant_queries
):
    report = report_of(council, Report.Kind.INTERPELLATION, session=interpellation_records, code="session-x")
    earlier = Session.objects.get(term=term, start_date=dt.date(2026, 7, 8))
    agency = AgencyFactory(council=council)

    def grow(rows):
        for n in rows:
            commitment(council, term, earlier, agency, due=dt.date(2026, 10, 1), text=f"Cam kết {n}")

    constant_queries(grow, lambda: build(report), few=2, many=5, warm_up=True)


# ---------------------------------------------------------------- resolutions


def resolution_with_tasks(council, session, symbol, dues, agency):
    resolution = Resolution.objects.create(
        council=council,
        session=session,
        symbol=symbol,
        number=int(symbol.split("/")[0]),
        year=2026,
        kind=Resolution.Kind.NORMATIVE,
        title=f"Nghị quyết {symbol}",
        adopted_on=session.end_date,
    )
    followups = []
    for n, due in enumerate(dues):
        task = ResolutionTask.objects.create(resolution=resolution, text=f"Nhiệm vụ {symbol} {n}")
        followups.append(
            make_followup(
                council,
                agency=agency,
                source=task,
                source_kind=SourceKind.RESOLUTION_TASK,
                assigned=session.end_date,
                due=due,
                title=task.text,
                reference=symbol,
            )
        )
    return resolution, followups


def test_a_resolutions_report_counts_the_tasks_and_lists_the_overdue(council, term):
    session = SessionFactory(term=term, start_date=dt.date(2026, 7, 8), end_date=dt.date(2026, 7, 10))
    agency = AgencyFactory(council=council, name="Sở Tài chính")
    _resolution, (first, _late, _later) = resolution_with_tasks(
        council,
        session,
        "05/2026/NQ-HĐND",
        [dt.date(2026, 9, 1), dt.date(2026, 10, 1), dt.date(2027, 6, 1)],
        agency,
    )
    done(first, dt.date(2026, 8, 20))
    document = build(report_of(council, Report.Kind.RESOLUTIONS, YEAR))
    assert headings(document) == declared(Report.Kind.RESOLUTIONS, resolutions)
    assert "adopted 1 resolution" in text(document, 0)
    assert "3 tasks" in text(document, 1) and "1 of the 2 tasks that had fallen due" in text(document, 1)
    assert tables(document, 2)[0].rows == [[1, "Sở Tài chính", 3, 1, 0, 1, 1, 0]]
    overdue = document.appendix[0]
    assert [(r[1], r[2], r[4]) for r in overdue.rows] == [
        ("Nhiệm vụ 05/2026/NQ-HĐND 1", "05/2026/NQ-HĐND", dt.date(2026, 10, 1))
    ]


def test_a_resolutions_report_with_nothing_to_report_says_so(council):
    document = build(report_of(council, Report.Kind.RESOLUTIONS, YEAR))
    assert "adopted no resolution" in text(document, 0)
    assert "No task" in text(document, 1)
    assert "No resolution of the council was amended" in text(document, 3)
    assert "%" not in text(document, 1)


def test_a_resolutions_report_runs_the_same_queries_for_few_or_many(council, term, constant_queries):
    session = SessionFactory(term=term, start_date=dt.date(2026, 7, 8), end_date=dt.date(2026, 7, 10))
    agency = AgencyFactory(council=council)
    report = report_of(council, Report.Kind.RESOLUTIONS, YEAR)

    def grow(rows):
        for n in rows:
            resolution_with_tasks(council, session, f"{n + 10}/2026/NQ-HĐND", [dt.date(2026, 9, 1)], agency)

    constant_queries(grow, lambda: build(report), few=2, many=5, warm_up=True)


# ---------------------------------------------------------------- the year's oversight


def test_the_oversight_year_report_counts_missions_recommendations_and_targets(
    council, term, committee_records
):
    targets_seed(council, actor=None)
    document = build(report_of(council, Report.Kind.OVERSIGHT_YEAR, YEAR))
    assert headings(document) == declared(Report.Kind.OVERSIGHT_YEAR, oversight_year)
    assert "No oversight programme for 2026" in text(document, 0)
    assert "1 oversight activity was under way" in text(document, 1) and "No re-oversight" in text(
        document, 1
    )
    assert "1 field survey" in text(document, 2)
    assert "2 recommendations to the agencies" in text(document, 3)
    targets = tables(document, 4)[0]
    assert {r[1] for r in targets.rows} == {"T5.1", "T5.2", "T5.3", "T5.4", "T5.5", "T5.6", "T6.1", "T6.2"}
    activities, overdue = document.appendix
    assert activities.rows[0][-1] == 2 and len(overdue.rows) == 1


def test_the_oversight_year_report_with_nothing_says_so(council):
    document = build(report_of(council, Report.Kind.OVERSIGHT_YEAR, YEAR))
    assert "No oversight activity was under way" in text(document, 1)
    assert "No field survey" in text(document, 2) and "No explanation session or hearing" in text(document, 2)
    assert "made no recommendation" in text(
        document, 3
    ) and "No oversight recommendation had fallen due" in text(document, 3)
    assert "No oversight target" in text(document, 4)
    assert document.appendix == []


def test_the_oversight_year_report_runs_the_same_queries_for_few_or_many(
    council, committee_records, constant_queries
):
    activity = OversightActivity.objects.get(committee=committee_records)
    report = report_of(council, Report.Kind.OVERSIGHT_YEAR, YEAR)

    def grow(rows):
        for _n in rows:
            RecommendationFactory(activity=activity)
            SurveyVisitFactory(activity=activity, date=dt.date(2026, 8, 1))

    constant_queries(grow, lambda: build(report), few=2, many=5, warm_up=True)


# ---------------------------------------------------------------- end of term


def test_the_term_review_assesses_every_target_over_the_term(council, term, committee_records):
    targets_seed(council, actor=None)
    document = build(
        report_of(
            council,
            Report.Kind.TERM_REVIEW,
            term=term,
            code=f"term-{term.pk}",
            start=term.start_date,
            end=term.end_date,
        )
    )
    assert headings(document) == declared(Report.Kind.TERM_REVIEW, term_review)
    assert "1 oversight activity" in text(document, 2) and "1 field survey" in text(document, 2)
    targets = tables(document, 5)[0]
    rows = {r[1]: r for r in targets.rows}
    assert len(rows) == 18
    # A yearly target shows each year of the term; T5.4 (an explanation session a year) was met in 2026 only.
    assert rows["T5.4"][3].startswith("2026: 1; 2027: 0") and rows["T5.4"][5] == "Not yet met (still open)"
    assert rows["T6.1"][3] == 1 and rows["T6.1"][5] == "Met"
    figures = {r[0]: r[1] for r in document.appendix[0].rows}
    assert figures["Field surveys"] == 1 and figures["Oversight activities"] == 1


def test_the_term_review_of_an_empty_term_says_so(council, term):
    document = build(
        report_of(
            council,
            Report.Kind.TERM_REVIEW,
            term=term,
            code=f"term-{term.pk}",
            start=term.start_date,
            end=term.end_date,
        )
    )
    assert "held no session" in text(document, 0) and "No resolution was adopted" in text(document, 0)
    assert "No interpellation" in text(document, 1) and "No commitment" in text(document, 1)
    assert "No oversight activity" in text(document, 2)
    assert "No voter meeting" in text(document, 3)
    assert "No target" in text(document, 5)


def test_the_term_review_runs_the_same_queries_for_few_or_many(council, term, constant_queries):
    targets_seed(council, actor=None)
    report = report_of(
        council,
        Report.Kind.TERM_REVIEW,
        term=term,
        code=f"term-{term.pk}",
        start=term.start_date,
        end=term.end_date,
    )

    def grow(rows):
        for n in rows:
            PetitionFactory(council=council, received_on=dt.date(2026, 7, 1 + n))
            LetterFactory(council=council, received_on=dt.date(2026, 7, 1 + n))

    constant_queries(grow, lambda: build(report), few=2, many=5, warm_up=True)


# ---------------------------------------------------------------- rendering


def test_each_new_kind_renders_to_pdf(council, committee_records):
    from reports.documents.pdf import render_pdf

    pdf = render_pdf(build(report_of(council, Report.Kind.COMMITTEE, committee=committee_records, scope="c")))
    assert pdf[:4] == b"%PDF" and io.BytesIO(pdf).getbuffer().nbytes > 1000
