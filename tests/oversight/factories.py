"""Factories for oversight, each record made through its service (a recommendation opens its follow-up,
an explanation session's conclusion too). Activities run from May to August 2026, like the year's
thematic oversight of health insurance the tests describe."""

import datetime as dt

import factory

from oversight import services
from oversight.models import (
    Accountability,
    AccountabilityConclusion,
    ActivityDocument,
    DelegationMember,
    OversightActivity,
    OversightProgram,
    Recommendation,
    SurveyVisit,
)
from tests.council.factories import AgencyFactory, CommitteeFactory, CouncilFactory, ServiceFactory
from tests.dates import today
from tests.delegates.factories import MandateFactory


class CultureCommitteeFactory(CommitteeFactory):
    """The council's culture and society committee: one per council, so made once and then reused."""

    class Meta:
        django_get_or_create = ("council", "kind")

    kind = "culture_society"
    name = "Ban Văn hóa - Xã hội"


class OversightProgramFactory(ServiceFactory):
    class Meta:
        model = OversightProgram

    service = staticmethod(services.program_create)

    council = factory.SubFactory(CouncilFactory)
    year = factory.Sequence(lambda n: 2026 + n)
    title = factory.LazyAttribute(lambda o: f"Chương trình giám sát năm {o.year}")
    resolution = factory.LazyAttribute(lambda o: f"{o.year - 2025:02d}/{o.year - 1}/NQ-HĐND")


class OversightActivityFactory(ServiceFactory):
    """A thematic oversight led by the culture and society committee (pass ``agencies=[...]`` to oversee)."""

    class Meta:
        model = OversightActivity

    service = staticmethod(services.activity_create)

    council = factory.SubFactory(CouncilFactory)
    kind = OversightActivity.Kind.THEMATIC
    title = factory.Sequence(lambda n: f"Giám sát việc thực hiện chính sách bảo hiểm y tế (đợt {n})")
    lead_body = OversightActivity.LeadBody.COMMITTEE
    committee = factory.SubFactory(CultureCommitteeFactory, council=factory.SelfAttribute("..council"))
    period_start = dt.date(2026, 5, 1)
    period_end = dt.date(2026, 8, 31)
    scope = "Việc cấp thẻ, khám chữa bệnh và cấp thuốc bảo hiểm y tế tại tuyến xã."


class DelegationMemberFactory(ServiceFactory):
    """A delegate of the council in the activity's delegation."""

    class Meta:
        model = DelegationMember

    service = staticmethod(services.member_add)

    activity = factory.SubFactory(OversightActivityFactory)
    role = DelegationMember.Role.MEMBER
    mandate = factory.SubFactory(
        MandateFactory, delegate__council=factory.SelfAttribute("...activity.council")
    )


class ActivityDocumentFactory(ServiceFactory):
    """The activity's plan, filed without a file (the Office attaches the signed copy later)."""

    class Meta:
        model = ActivityDocument

    service = staticmethod(services.document_add)

    activity = factory.SubFactory(OversightActivityFactory)
    kind = ActivityDocument.Kind.PLAN
    symbol = factory.Sequence(lambda n: f"{n + 10}/KH-VHXH")
    title = factory.LazyAttribute(lambda o: f"Kế hoạch {o.activity.title[0].lower()}{o.activity.title[1:]}")
    issued_on = factory.SelfAttribute("activity.period_start")


class SurveyVisitFactory(ServiceFactory):
    """A field survey within the activity's period, at the latest today."""

    class Meta:
        model = SurveyVisit

    service = staticmethod(services.survey_add)

    activity = factory.SubFactory(OversightActivityFactory)
    date = factory.LazyAttribute(lambda o: min(o.activity.period_end, today()))
    place_detail = "Trạm y tế xã Tân Hồng"
    participants = "Đoàn giám sát, đại diện Sở Y tế và Bảo hiểm xã hội tỉnh"
    findings = "Trạm y tế thiếu thuốc danh mục bảo hiểm y tế; người bệnh phải tự mua ngoài."


class RecommendationFactory(ServiceFactory):
    """A recommendation to an agency; the service opens its follow-up (create only: ``agency`` and the
    dates belong to the follow-up, not to the recommendation)."""

    class Meta:
        model = Recommendation

    service = staticmethod(services.recommendation_add)

    activity = factory.SubFactory(OversightActivityFactory)
    text = factory.Sequence(
        lambda n: f"Bảo đảm đủ thuốc bảo hiểm y tế cho trạm y tế tuyến xã (kiến nghị {n})"
    )
    conclusion = "Nhiều trạm y tế xã thiếu thuốc trong danh mục."
    agency = factory.SubFactory(AgencyFactory, council=factory.SelfAttribute("..activity.council"))
    assigned_date = factory.SelfAttribute("activity.period_end")
    due_date = factory.LazyAttribute(lambda o: o.assigned_date + dt.timedelta(days=60))


class AccountabilityFactory(ServiceFactory):
    """An explanation session held by the Standing Committee."""

    class Meta:
        model = Accountability

    service = staticmethod(services.accountability_create)

    council = factory.SubFactory(CouncilFactory)
    kind = Accountability.Kind.EXPLANATION
    topic = factory.Sequence(lambda n: f"Tình trạng thiếu thuốc bảo hiểm y tế tại trạm y tế xã (phiên {n})")
    body = Accountability.Body.STANDING
    date = dt.date(2026, 9, 15)
    summoned = "Giám đốc Sở Y tế\nGiám đốc Bảo hiểm xã hội tỉnh"


class AccountabilityConclusionFactory(ServiceFactory):
    """A conclusion of the session; the service follows it up with the agency (create only)."""

    class Meta:
        model = AccountabilityConclusion

    service = staticmethod(services.accountability_conclude)

    session = factory.SubFactory(AccountabilityFactory)
    text = factory.Sequence(lambda n: f"Sở Y tế hoàn thành đấu thầu thuốc trước quý IV (kết luận {n})")
    agency = factory.SubFactory(AgencyFactory, council=factory.SelfAttribute("..session.council"))
    due_date = factory.LazyAttribute(lambda o: o.session.date + dt.timedelta(days=45))
