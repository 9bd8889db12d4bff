import datetime as dt

import factory

from sessions.models import AgendaItem, Session, Sitting
from tests.council.factories import TermFactory


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    term = factory.SubFactory(TermFactory)
    council = factory.SelfAttribute("term.council")
    number = factory.Sequence(lambda n: n + 1)
    start_date = dt.date(2026, 7, 8)
    end_date = dt.date(2026, 7, 10)


class SittingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sitting

    session = factory.SubFactory(SessionFactory)
    council = factory.SelfAttribute("session.council")
    kind = Sitting.Kind.PLENARY
    date = factory.SelfAttribute("session.start_date")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    council = factory.SelfAttribute("session.council")
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Tờ trình số {n}")
