"""Time the duplicate finder against a province's petitions (make bench runs it on PostgreSQL)."""

from django.core.management.base import BaseCommand

from voters.matching.bench import load, measure


class Command(BaseCommand):
    help = "Load (once) a council of N indexed petitions and time scoring one opinion against them."

    def add_arguments(self, parser):
        parser.add_argument("--petitions", type=int, default=100_000)
        parser.add_argument("--queries", type=int, default=200)

    def handle(self, *args, petitions, queries, **options):
        council = load(petitions, out=lambda line: self.stdout.write(line))
        result = measure(council, queries=queries)
        self.stdout.write(
            f"matching: {petitions} petitions, {queries} opinions: p50 = {result['p50']:.0f} ms, "
            f"p95 = {result['p95']:.0f} ms (a one-row query: p50 = {result['baseline_p50']:.2f} ms)"
        )
