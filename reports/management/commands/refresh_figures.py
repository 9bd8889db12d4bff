"""Recompute councils' figures now, as the nightly run does, and (--timing) say how long each took."""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from council.models import Council
from reports import figures


class Command(BaseCommand):
    help = (
        "Recompute the stored dashboard figures of every council (--all), of the councils named (--council "
        "CODE, repeatable) or of a sample (--provinces N --communes N, spread over the councils in order), "
        "every window, as the nightly run does. --timing prints each council's time, the median and maximum "
        "by level, and what the whole country (the councils in this database) would take at those times "
        "against the nightly window."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="every council")
        parser.add_argument("--council", action="append", default=[], help="a council's code (repeatable)")
        parser.add_argument("--provinces", type=int, default=0, help="a sample of this many provinces")
        parser.add_argument("--communes", type=int, default=0, help="a sample of this many communes")
        parser.add_argument("--timing", action="store_true", help="print the times and the extrapolation")

    def handle(
        self, *args, all: bool, council: list[str], provinces: int, communes: int, timing: bool, **opts
    ):
        if provinces < 0 or communes < 0:
            raise CommandError("--provinces and --communes must be 0 or more.")
        if sum((all, bool(council), bool(provinces or communes))) != 1:
            raise CommandError("Give exactly one of --all, --council CODE or --provinces/--communes N.")
        chosen = self._councils(all, council, provinces, communes)
        times: dict[str, list[float]] = {}
        total_started = time.monotonic()
        for item in chosen:
            started = time.monotonic()
            count = figures.refresh(item, everything=True)
            took = time.monotonic() - started
            times.setdefault(item.level, []).append(took)
            if timing:
                self.stdout.write(f"{item.code}\t{item.level}\t{count} figures\t{took:.3f} s")
        elapsed = time.monotonic() - total_started
        self.stdout.write(f"Refreshed {len(chosen)} councils in {elapsed:.1f} s.")
        if timing:
            self._summary(times)

    def _councils(self, all: bool, codes: list[str], provinces: int, communes: int) -> list[Council]:
        if all:
            return list(Council.objects.order_by("pk"))
        if codes:
            found = {c.code: c for c in Council.objects.filter(code__in=codes)}
            missing = [code for code in codes if code not in found]
            if missing:
                raise CommandError(f"No council with the code {', '.join(missing)}.")
            return [found[code] for code in codes]
        chosen = []
        for level, wanted in ((Council.Level.PROVINCE, provinces), (Council.Level.COMMUNE, communes)):
            ids = list(Council.objects.filter(level=level).order_by("pk").values_list("pk", flat=True))
            if wanted > len(ids):
                raise CommandError(f"Only {len(ids)} councils of level {level} here; asked for {wanted}.")
            # Spread over the list (the first, then every len/wanted-th), not the first N of one province.
            picked = [ids[i * len(ids) // wanted] for i in range(wanted)]
            chosen += list(Council.objects.filter(pk__in=picked).order_by("pk"))
        return chosen

    def _summary(self, times: dict[str, list[float]]) -> None:
        counts = dict(Council.objects.values_list("level").annotate(n=Count("pk")).values_list("level", "n"))
        whole = 0.0
        for level, spent in sorted(times.items()):
            mean = statistics.fmean(spent)
            self.stdout.write(
                f"{level}: {len(spent)} measured, p50 {statistics.median(spent):.3f} s, "
                f"p90 {_percentile(spent, 0.9):.3f} s, max {max(spent):.3f} s, mean {mean:.3f} s; "
                f"{counts.get(level, 0)} in this database -> {counts.get(level, 0) * mean / 60:.1f} min"
            )
            whole += counts.get(level, 0) * mean
        councils = sum(counts.get(level, 0) for level in times)
        window = figures.NIGHTLY_WINDOW.total_seconds()
        steps = max(1, -(-councils // figures.NIGHTLY_CHUNK))
        self.stdout.write(
            f"All {councils} councils of the measured levels, one at a time: {whole / 60:.1f} min of work "
            f"(extrapolated from the means); the nightly run spreads it over {window / 3600:g} h "
            f"({steps} steps of {figures.NIGHTLY_CHUNK} councils, one every {window / steps:.0f} s): "
            f"the figures worker is busy {100 * whole / window:.0f}% of the window"
            + ("." if whole <= window else ", so the run lasts the work itself, past the window.")
        )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
