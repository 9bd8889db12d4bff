import datetime as dt

import factory

from council.models import (
    AdminUnit,
    Agency,
    Committee,
    Constituency,
    Council,
    DeadlineRule,
    Field,
    Holiday,
    RoleAssignment,
    Term,
    User,
)


class ServiceFactory(factory.django.DjangoModelFactory):
    """A factory whose ``create`` goes through the app's service, as the pages do (validation, search text,
    follow-ups, codes): the subclass names it ``service = staticmethod(services.thing_create)`` and declares
    the service's arguments; ``actor`` is None, as in the services' own tests."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return cls.service(actor=None, **kwargs)


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    code = factory.Sequence(lambda n: f"council-{n}")
    name = factory.Sequence(lambda n: f"Hội đồng nhân dân tỉnh Thử Nghiệm {n}")
    short_name = factory.Sequence(lambda n: f"HĐND tỉnh {n}")
    level = Council.Level.PROVINCE
    place_name = "Đồng Tháp"


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    council = factory.SubFactory(CouncilFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"Khóa {o.number}")
    start_date = dt.date(2026, 4, 1)
    end_date = dt.date(2031, 3, 31)


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    council = factory.SubFactory(CouncilFactory)
    kind = Committee.Kind.ECONOMY_BUDGET
    name = "Ban Kinh tế - Ngân sách"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Sở Thử Nghiệm {n}")
    kind = Agency.Kind.DEPARTMENT
    emails = "vanphong@so.gov.vn"


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field

    council = factory.SubFactory(CouncilFactory)
    code = factory.Sequence(lambda n: f"field-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class HolidayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Holiday

    council = factory.SubFactory(CouncilFactory)
    date = factory.Sequence(lambda n: dt.date(2026, 1, 1) + dt.timedelta(days=n))
    name = "Nghỉ lễ"


class DeadlineRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeadlineRule

    council = factory.SubFactory(CouncilFactory)
    code = factory.Sequence(lambda n: f"rule-{n}")
    name = factory.Sequence(lambda n: f"Quy tắc {n}")
    days = 15
    day_type = DeadlineRule.DayType.WORKING
    anchor = DeadlineRule.Anchor.TRANSFER
    valid_from = dt.date(2021, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.PostGenerationMethodCall("set_password", "matkhau-2026")

    @factory.post_generation
    def finish(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    council = factory.SubFactory(CouncilFactory)
    role = "office"


class ConstituencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Constituency

    term = factory.SubFactory(TermFactory)
    council = factory.SelfAttribute("term.council")
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"Đơn vị bầu cử số {o.number}")


def make_followup(council, *, agency=None, assigned=dt.date(2026, 5, 4), due=dt.date(2026, 6, 1), **kwargs):
    """Open a follow-up through the service, as every app does."""
    from council import services

    agency = agency or AgencyFactory(council=council)
    return services.followup_open(
        actor=kwargs.pop("actor", None),
        council=council,
        agency=agency,
        title=kwargs.pop("title", "Nâng cấp tuyến đường ĐT 845"),
        description=kwargs.pop(
            "description", "Trả lời kiến nghị của cử tri về tiến độ nâng cấp tuyến đường."
        ),
        assigned_date=assigned,
        due_date=due if "rule" not in kwargs else kwargs.pop("due_date", None),
        **kwargs,
    )


class AdminUnitFactory(factory.django.DjangoModelFactory):
    """A commune of Đồng Tháp as it stands after the July 2025 merger (units are national reference data)."""

    class Meta:
        model = AdminUnit

    code = factory.Sequence(lambda n: f"99{n:03d}")
    name = factory.Iterator(["Xã Tân Hồng", "Xã Thường Lạc", "Xã Tân Hộ Cơ", "Xã Tháp Mười", "Xã Mỹ Thọ"])
    level = AdminUnit.Level.COMMUNE
    valid_from = dt.date(2025, 7, 1)
