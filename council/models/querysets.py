import datetime as dt

from django.db import models
from django.db.models import Q


def active_q(day: dt.date, prefix: str = "") -> Q:
    """The one definition of "active on a day" for a dated row (``start_date``, optional ``end_date``, both
    inclusive); ``prefix`` reaches it through a relation (``"mandate__"``)."""
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


class CouncilQuerySet(models.QuerySet):
    """Rows that belong to one council; every council-scoped model uses this manager."""

    def for_council(self, council):
        return self.filter(council=council)


class DatedQuerySet(CouncilQuerySet):
    """Rows held from a start date to an optional end date: mandates, memberships, positions."""

    def active_on(self, day: dt.date):
        return self.filter(active_q(day))
