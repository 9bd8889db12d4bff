"""A province with its communes over years of work, generated fast for the load benchmark (``seed_bench``).

Rows are written with ``bulk_create`` (no history rows: this is a measuring set, not an archive), with the
relations the app relies on: every follow-up has its source, every speech a mandate of the sitting's term,
every petition its opinions. A seeded generator makes the same data set for the same arguments and day.

The generator is put together from ``institutions`` (councils, delegates, sessions, users) and ``records``
(petitions, letters, interpellations, oversight with their follow-ups); ``scale`` holds its size and words.
"""

import datetime as dt
import random

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from council.models import Council
from oversight.models import Recommendation
from sessions.models import Commitment
from voters.models import Petition

from .institutions import Institutions
from .records import Records
from .scale import (
    FAMILY,
    GIVEN,
    MIDDLE,
    PREFIX,
    PROVINCE_CODE,
    CountryScale,
    Scale,
    holds_other_data,
    loaded,
    loaded_kind,
    province_loaded,
)

__all__ = [
    "PREFIX",
    "PROVINCE_CODE",
    "CountryScale",
    "Generator",
    "Scale",
    "holds_other_data",
    "loaded",
    "loaded_kind",
    "province_loaded",
]


class Generator(Institutions, Records):
    """Writes the bench data set in one transaction: the institutions first, then the records of work."""

    def __init__(self, scale: Scale, out=None):
        self.scale = scale
        self.rng = random.Random(scale.seed)
        self.first_year = scale.until.year - scale.years + 1
        self.start = dt.date(self.first_year, 1, 1)
        self.out = out or (lambda message: None)
        self.types = {
            name: ContentType.objects.get_for_model(model)
            for name, model in (
                ("petition", Petition),
                ("recommendation", Recommendation),
                ("commitment", Commitment),
            )
        }

    def day(self, start: dt.date | None = None, end: dt.date | None = None) -> dt.date:
        start, end = start or self.start, end or self.scale.until
        return start + dt.timedelta(days=self.rng.randrange(max(1, (end - start).days + 1)))

    def name(self) -> tuple[str, str]:
        family, middle, given = self.rng.choice(FAMILY), self.rng.choice(MIDDLE), self.rng.choice(GIVEN)
        return f"{family} {middle} {given}", "female" if middle in ("Thị", "Ngọc", "Kim") else "male"

    @transaction.atomic
    def run(self, password: str, *, users: bool = True) -> Council:
        councils = self.councils()
        self.out(f"  councils {len(councils)}")
        self.reference(councils)
        self.delegates(councils)
        self.out(f"  mandates {sum(len(v) for v in self.mandates.values())}")
        self.sessions(councils)
        self.petitions(councils)
        self.letters(councils)
        self.interpellations(councils)
        self.oversight(councils)
        if users:
            self.users(councils, password)
        return councils[0]
