"""Load the benchmark's data set in bulk: a province and its communes, or the whole country."""

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
        "Generate the benchmark data set: --scale province (default: one province and 102 communes over 10 "
        "years, about 100,000 petitions) or --scale country (34 provinces and 3,321 communes, about "
        "1,000,000 petitions, written province by province: an interrupted load resumes where it stopped). "
        "Refuses a database that holds other councils unless --allow-mixed; does nothing when the set is "
        "already there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["province", "country"], default="province")
        parser.add_argument("--councils", type=int, default=103, help="the province plus its communes")
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--provinces",
            type=int,
            default=bench.scale.COUNTRY_PROVINCES,
            help="--scale country: the number of provinces (34)",
        )
        parser.add_argument(
            "--communes",
            type=int,
            default=bench.scale.COUNTRY_COMMUNES,
            help="--scale country: the number of communes shared among them (3,321)",
        )
        parser.add_argument(
            "--allow-mixed", action="store_true", help="write into a database that holds non-bench councils"
        )

    def handle(self, *args, scale: str, councils: int, years: int, seed: int, allow_mixed: bool, **options):
        if councils < 2 or years < 1 or years > 30:
            raise CommandError("--councils must be at least 2 (a province and a commune), --years 1 to 30.")
        if scale == "country" and not (1 <= options["provinces"] <= options["communes"]):
            raise CommandError("--provinces must be at least 1 and no more than --communes.")
        if bench.holds_other_data() and not allow_mixed:
            raise CommandError(
                "This database holds councils that are not bench data (a real or demo installation). Use an "
                "empty database for the benchmark (make bench uses its own), or pass --allow-mixed if you "
                "mean it."
            )
        password = os.environ.get("BENCH_PASSWORD", "bench2026")
        started = time.monotonic()
        if scale == "country":
            country = bench.CountryScale(
                provinces=options["provinces"], communes=options["communes"], years=years, seed=seed
            )
            provinces = self.country(country, password, started)
            if provinces is None:
                return
        else:
            one = bench.Scale(councils=councils, years=years, seed=seed)
            if bench.loaded(one):
                self.stdout.write("The bench data set is already loaded; nothing to do.")
                return
            if bench.loaded_kind() is not None:
                raise CommandError(
                    "A different bench data set is loaded: drop the database to generate another."
                )
            self.stdout.write(f"Generating {councils} councils over {years} years (seed {seed}):")
            provinces = [bench.Generator(one, out=self.stdout.write).run(password)]
        self.analyze()
        self.stdout.write(f"Computing the dashboard figures ({time.monotonic() - started:.0f} s so far)")
        province = Council.objects.get(code=bench.PROVINCE_CODE)
        # The councils whose pages the benchmark reads: the province and its first commune.
        for council in [province, *Council.objects.filter(parent=province).order_by("code")[:1]]:
            figures.refresh(council)
        counts = {
            "petitions": Petition.objects.count(),
            "follow-ups": FollowUp.objects.count(),
            "speeches": Speech.objects.count(),
            "councils": Council.objects.filter(code__startswith=bench.PREFIX).count(),
        }
        by_kind = dict(FollowUp.objects.values_list("source_kind").annotate(n=Count("pk")))
        size = ""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
                size = f", database size {cursor.fetchone()[0]}"
        self.stdout.write(
            f"Done in {time.monotonic() - started:.0f} s: {counts}, follow-ups by source {by_kind}{size}"
        )

    def country(self, country: "bench.CountryScale", password: str, started: float) -> list | None:
        """Writes the provinces not yet written, each in its own transaction; None when all were there."""
        if bench.loaded_kind() == "province":
            raise CommandError("A different bench data set is loaded: drop the database to generate another.")
        scales = [country.province(i) for i in range(country.provinces)]
        todo = [s for s in scales if not bench.province_loaded(s)]
        if not todo:
            self.stdout.write("The country bench data set is already loaded; nothing to do.")
            return None
        self.stdout.write(
            f"Generating {country.provinces} provinces and {country.communes} communes over {country.years} "
            f"years (seed {country.seed}, about {country.petitions:,} petitions); "
            f"{len(scales) - len(todo)} provinces already loaded."
        )
        written = []
        for n, scale in enumerate(todo, start=1):
            began = time.monotonic()
            written.append(bench.Generator(scale).run(password, users=scale.index == 0))
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"  province {scale.tag} ({scale.councils} councils, {scale.petitions:,} petitions) in "
                f"{time.monotonic() - began:.0f} s; {n}/{len(todo)} done, {elapsed:.0f} s so far, about "
                f"{elapsed / n * (len(todo) - n):.0f} s left"
            )
        return written

    def analyze(self) -> None:
        if connection.vendor == "postgresql":
            # Bulk inserts leave no planner statistics nor visibility map (VACUUM needs autocommit).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
