import datetime as dt

import factory

from council.text import fold
from delegates.models import CommitteeMembership, Delegate, DelegateGroup, GroupMembership, Mandate
from tests.council.factories import CommitteeFactory, CouncilFactory, TermFactory


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    council = factory.SubFactory(CouncilFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    name_folded = factory.LazyAttribute(lambda o: fold(o.full_name))
    gender = Delegate.Gender.MALE


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    delegate = factory.SubFactory(DelegateFactory)
    council = factory.SelfAttribute("delegate.council")
    term = factory.SubFactory(TermFactory, council=factory.SelfAttribute("..council"))
    start_date = factory.SelfAttribute("term.start_date")
    kind = Mandate.Kind.PART_TIME


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegateGroup

    term = factory.SubFactory(TermFactory)
    council = factory.SelfAttribute("term.council")
    name = factory.Sequence(lambda n: f"Tổ đại biểu số {n}")


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(GroupFactory)
    council = factory.SelfAttribute("group.council")
    mandate = factory.SubFactory(
        MandateFactory,
        delegate__council=factory.SelfAttribute("...council"),
        term=factory.SelfAttribute("..group.term"),
    )
    start_date = factory.SelfAttribute("mandate.start_date")


class CommitteeMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMembership

    committee = factory.SubFactory(CommitteeFactory)
    council = factory.SelfAttribute("committee.council")
    mandate = factory.SubFactory(MandateFactory, delegate__council=factory.SelfAttribute("...council"))
    start_date = factory.LazyAttribute(lambda o: max(o.mandate.start_date, dt.date(2026, 4, 1)))
