"""Factories for directives, made through their services (an item opens the follow-up of the body
responsible for it)."""

import datetime as dt

import factory

from directives import services
from directives.models import Directive, DirectiveItem
from tests.council.factories import CouncilFactory, ServiceFactory


class DirectiveFactory(ServiceFactory):
    """A plan of the council's Party delegation, issued early in 2026."""

    class Meta:
        model = Directive

    service = staticmethod(services.directive_create)

    council = factory.SubFactory(CouncilFactory)
    kind = Directive.Kind.PLAN
    symbol = factory.Sequence(lambda n: f"{n + 12}-KH/ĐĐ")
    issued_on = dt.date(2026, 1, 5)
    issuer = "Đảng đoàn HĐND tỉnh"
    subject = factory.Sequence(lambda n: f"Kế hoạch nâng cao chất lượng hoạt động giám sát (lần {n})")


class DirectiveItemFactory(ServiceFactory):
    """A task of the directive the Office answers for, due at the end of June 2026."""

    class Meta:
        model = DirectiveItem

    service = staticmethod(services.item_add)

    directive = factory.SubFactory(DirectiveFactory)
    section = factory.Sequence(lambda n: f"II.{n + 1}")
    section_title = "Nhiệm vụ, giải pháp"
    text = factory.Sequence(
        lambda n: f"Tổng hợp kết quả giải quyết kiến nghị cử tri gửi Thường trực (việc {n})"
    )
    responsible = DirectiveItem.Responsible.OFFICE
    due_date = dt.date(2026, 6, 30)
