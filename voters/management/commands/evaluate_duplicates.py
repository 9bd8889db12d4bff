"""Measure the duplicate finder on a labelled set of petitions (nothing is kept in the database)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from voters.matching.evaluation import evaluate, read_items


class Command(BaseCommand):
    help = (
        "Load FILE.json (a list of {text, cluster}) into a scratch council, rolled back afterwards, "
        "and print the precision, recall and F1 of what the merge and round pages would suggest "
        "at the default settings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="A JSON list of objects with “text” and “cluster” (integer or null)."
        )
        parser.add_argument(
            "--show", type=int, default=0, help="Also print this many wrong and missed pairs."
        )

    def handle(self, *args, file, show, **options):
        try:
            items = read_items(file)
            result = evaluate(items)
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        out = self.stdout.write
        out(f"set: {result.items} petitions, {result.clusters} clusters")
        s = result.suggestions
        out(
            f"merge page: precision={s.precision:.2f} recall={s.recall:.2f} f1={s.f1:.2f} (suggestions shown "
            f"{s.shown}, right {s.right}; petitions with a sibling shown, of {s.expected} clustered)"
        )
        for name, scores in (("pairs", result.pairs), ("round groups", result.groups)):
            out(
                f"{name}: precision={scores.precision:.2f} recall={scores.recall:.2f} f1={scores.f1:.2f} "
                f"(pairs shown {scores.shown}, right {scores.right}, of {scores.expected} to find)"
            )
        out(f"ranking: top1={result.top1:.2f} top5={result.top5:.2f}")
        out(f"time per query: mean {result.ms_mean:.1f} ms, p95 {result.ms_p95:.1f} ms")
        if result.classification:
            c = result.classification
            competence = c.get("competence")
            out(
                f"classification ({c.get('n')} petitions, 5-fold): field accuracy={c['field']:.2f}"
                + (f" competence accuracy={competence:.2f}" if competence is not None else "")
            )
            unseen = c.get("unseen") or {}
            if unseen.get("field") is not None:
                out(
                    "classification of issues not seen in training (each cluster kept out of its own folds): "
                    f"field accuracy={unseen['field']:.2f}"
                    + (
                        f" competence accuracy={unseen['competence']:.2f}"
                        if unseen.get("competence") is not None
                        else ""
                    )
                )
        if show:
            texts = [item["text"] for item in items]
            for score, a, b in result.wrong[:show]:
                out(f"WRONG {score:.2f}: [{a}] {texts[a][:90]}\n            [{b}] {texts[b][:90]}")
            for a, b in result.missed[:show]:
                out(f"MISSED: [{a}] {texts[a][:90]}\n        [{b}] {texts[b][:90]}")
        s = result.suggestions
        out(
            f"duplicates: precision={s.precision:.2f} recall={s.recall:.2f} f1={s.f1:.2f}"
            f" top1={result.top1:.2f}"
        )
