"""Factories for the voters app, each record made through its service as the pages make it (the service
folds the search text, draws a petition's tracking code, indexes it for the duplicate finder).

``build()`` gives an unsaved record without the service's work; ``create()`` (the default) goes through it.
"""

import factory

from tests.council.factories import AdminUnitFactory, CouncilFactory, ServiceFactory
from tests.dates import days
from voters import communications, services
from voters.models import (
    Channel,
    Letter,
    MediaProduct,
    OutreachEvent,
    Petition,
    Reception,
    VoterMeeting,
    VoterOpinion,
)


class VoterMeetingFactory(ServiceFactory):
    """A thematic voter meeting held ten days ago in a commune, co-organised with the Fatherland Front."""

    class Meta:
        model = VoterMeeting

    service = staticmethod(services.meeting_create)

    council = factory.SubFactory(CouncilFactory)
    kind = VoterMeeting.Kind.THEMATIC
    date = factory.LazyFunction(lambda: days(-10))
    place = factory.SubFactory(AdminUnitFactory)
    place_detail = "Hội trường Ủy ban nhân dân xã"
    co_organiser = factory.LazyAttribute(lambda o: f"Ủy ban MTTQ Việt Nam {o.place.name.lower()}")
    attendance = 80


class VoterOpinionFactory(ServiceFactory):
    """An opinion voters raised at a meeting (pass ``channel`` and ``meeting=None`` for another way in)."""

    class Meta:
        model = VoterOpinion

    service = staticmethod(services.opinion_add)

    council = factory.SubFactory(CouncilFactory)
    channel = Channel.MEETING
    meeting = factory.SubFactory(VoterMeetingFactory, council=factory.SelfAttribute("..council"))
    received_on = factory.LazyAttribute(lambda o: o.meeting.date if o.meeting else days(-3))
    text = factory.Sequence(lambda n: f"Đề nghị sửa chữa cống thoát nước khu chợ ấp {n}, mưa lớn là ngập.")
    voters_count = 1


class PetitionFactory(ServiceFactory):
    """A petition recorded from one submission (pass ``opinions=[...]`` to consolidate opinions instead)."""

    class Meta:
        model = Petition

    service = staticmethod(services.petition_create)

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Nâng cấp đường giao thông nông thôn liên ấp số {n}")
    text = factory.LazyAttribute(lambda o: f"Cử tri kiến nghị: {o.title.lower()} vì mặt đường xuống cấp.")
    received_on = factory.LazyFunction(lambda: days(-3))


class ReceptionFactory(ServiceFactory):
    """A citizen reception day held by the Standing Committee."""

    class Meta:
        model = Reception

    service = staticmethod(services.reception_create)

    council = factory.SubFactory(CouncilFactory)
    date = factory.LazyFunction(lambda: days(-7))
    host = Reception.Host.STANDING
    place_detail = "Trụ sở Tiếp công dân tỉnh"


class LetterFactory(ServiceFactory):
    """A complaint received by post, with its sender."""

    class Meta:
        model = Letter

    service = staticmethod(services.letter_create)

    council = factory.SubFactory(CouncilFactory)
    kind = Letter.Kind.COMPLAINT
    channel = Channel.POST
    received_on = factory.LazyFunction(lambda: days(-5))
    sender_name = factory.Sequence(lambda n: f"Trần Văn Khiếu {n}")
    sender_address = "Ấp Tân Hòa, xã Tân Hồng"
    summary = "Khiếu nại việc bồi thường đất khi mở rộng tuyến đường ĐT 842."


class MediaProductFactory(ServiceFactory):
    """A special page the council commissioned in the provincial newspaper."""

    class Meta:
        model = MediaProduct

    service = staticmethod(communications.media_create)

    council = factory.SubFactory(CouncilFactory)
    kind = MediaProduct.Kind.NEWSPAPER
    outlet = "Báo Đồng Tháp"
    topic = factory.Sequence(lambda n: f"Chuyên trang Hội đồng nhân dân với cử tri số {n}")
    published_on = factory.LazyFunction(lambda: days(-14))
    cost = 15_000_000


class OutreachEventFactory(ServiceFactory):
    """A meeting the council held with young people of a commune."""

    class Meta:
        model = OutreachEvent

    service = staticmethod(communications.event_create)

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Đối thoại với thanh niên về việc làm lần {n}")
    date = factory.LazyFunction(lambda: days(-20))
    place = "Nhà văn hóa xã Tân Hồng"
    attendance = 120
