"""Every factory builds a record its model accepts: one of each is created and ``full_clean()``ed."""

import pytest
from factory import SubFactory

from tests.council import factories as council
from tests.delegates import factories as delegates
from tests.directives import factories as directives
from tests.oversight import factories as oversight
from tests.reports import factories as reports
from tests.sessions import factories as sessions
from tests.voters import factories as voters

pytestmark = pytest.mark.django_db

FACTORIES = [
    council.CouncilFactory,
    council.TermFactory,
    council.CommitteeFactory,
    council.AgencyFactory,
    council.FieldFactory,
    council.HolidayFactory,
    council.DeadlineRuleFactory,
    council.UserFactory,
    council.RoleFactory,
    council.ConstituencyFactory,
    council.AdminUnitFactory,
    delegates.DelegateFactory,
    delegates.MandateFactory,
    delegates.GroupFactory,
    delegates.GroupMembershipFactory,
    delegates.CommitteeMembershipFactory,
    sessions.SessionFactory,
    sessions.SittingFactory,
    sessions.AgendaItemFactory,
    voters.VoterMeetingFactory,
    voters.VoterOpinionFactory,
    voters.PetitionFactory,
    voters.ReceptionFactory,
    voters.LetterFactory,
    voters.MediaProductFactory,
    voters.OutreachEventFactory,
    oversight.OversightProgramFactory,
    oversight.OversightActivityFactory,
    oversight.DelegationMemberFactory,
    oversight.ActivityDocumentFactory,
    oversight.SurveyVisitFactory,
    oversight.RecommendationFactory,
    oversight.AccountabilityFactory,
    oversight.AccountabilityConclusionFactory,
    directives.DirectiveFactory,
    directives.DirectiveItemFactory,
    reports.KpiTargetFactory,
    reports.FigureSummaryFactory,
    reports.ReportFactory,
]


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_each_factory_makes_a_valid_record(factory):
    record = factory()
    record.full_clean()
    assert type(record)._default_manager.filter(pk=record.pk).exists()


def test_two_records_of_each_new_factory_live_side_by_side_in_one_council(council):
    # The council's own factories make one committee per kind, as a council has; these make many.
    new = [
        f for f in FACTORIES if f.__module__.split(".")[1] in ("voters", "oversight", "directives", "reports")
    ]
    for factory in new:
        in_council = isinstance(factory._meta.declarations.get("council"), SubFactory)
        first, second = (factory(council=council) if in_council else factory() for _ in range(2))
        second.full_clean()
        assert first.pk != second.pk


def test_the_service_factories_leave_what_the_services_do(council):
    petition = voters.PetitionFactory(council=council)
    assert petition.code.startswith("KN") and petition.search_text
    recommendation = oversight.RecommendationFactory(activity__council=council)
    assert recommendation.followups.get().agency.council == council
    item = directives.DirectiveItemFactory(directive__council=council)
    assert item.followups.get().due_date == item.due_date


def test_a_report_can_be_made_generated_or_issued(council):
    draft = reports.ReportFactory(council=council, generated=True)
    issued = reports.ReportFactory(council=council, issued=True)
    for report in (draft, issued):
        report.full_clean()
    assert draft.state == "draft" and draft.subject.startswith("Báo cáo kết quả hoạt động")
    assert issued.state == "issued" and issued.number.endswith("/BC-HĐND") and issued.issued_on
