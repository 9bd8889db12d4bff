"""Load the benchmark's data set: a province and its communes over years of work, in bulk."""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count

from council.models import Council, FollowUp
from reports import bench, figures
from sessions.models import Speech
from voters.models import Petition


class Command(BaseCommand):
    help = (
        "Generate the benchmark data set (default: one province and 102 communes over 10 years, about "
        "100,000 petitions). Refuses a database that holds other councils unless --allow-mixed; does nothing "
        "when the set is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--councils", type=int, default=103, help="the province plus its communes")
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--allow-mixed", action="store_true", help="write into a database that holds non-bench councils"
        )

    def handle(self, *args, councils: int, years: int, seed: int, allow_mixed: bool, **options):
        if councils < 2 or years < 1 or years > 30:
            raise CommandError("--councils must be at least 2 (a province and a commune), --years 1 to 30.")
        if bench.holds_other_data() and not allow_mixed:
            raise CommandError(
                "This database holds councils that are not bench data (a real or demo installation). Use an "
                "empty database for the benchmark (make bench uses its own), or pass --allow-mixed if you "
                "mean it."
            )
        scale = bench.Scale(councils=councils, years=years, seed=seed)
        if bench.loaded(scale):
            self.stdout.write("The bench data set is already loaded; nothing to do.")
            return
        if Council.objects.filter(code__startswith=bench.PREFIX).exists():
            raise CommandError("A different bench data set is loaded: drop the database to generate another.")
        started = time.monotonic()
        self.stdout.write(f"Generating {councils} councils over {years} years (seed {seed}):")
        province = bench.Generator(scale, out=self.stdout.write).run(
            os.environ.get("BENCH_PASSWORD", "bench2026")
        )
        if connection.vendor == "postgresql":
            # Bulk inserts leave no planner statistics nor visibility map (VACUUM needs autocommit).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(
            f"Computing the province's dashboard figures ({time.monotonic() - started:.0f} s so far)"
        )
        figures.refresh(province)
        counts = {
            "petitions": Petition.objects.count(),
            "follow-ups": FollowUp.objects.count(),
            "speeches": Speech.objects.count(),
            "councils": Council.objects.filter(code__startswith=bench.PREFIX).count(),
        }
        by_kind = dict(FollowUp.objects.values_list("source_kind").annotate(n=Count("pk")))
        self.stdout.write(
            f"Done in {time.monotonic() - started:.0f} s: {counts}, follow-ups by source {by_kind}"
        )
