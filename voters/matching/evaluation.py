"""Measuring the duplicate finder on a labelled set: what the merge page and the round page would show.

A set is a JSON list of {"text": ..., "cluster": an integer or null, "field": optional name, ...}; petitions
with the same cluster raise the same issue. Everything is loaded into a scratch council inside a transaction
that is rolled back, so measuring leaves nothing behind, even on a production database.
"""

import json
import secrets
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, Field

from .index import rebuild_frequencies
from .matcher import Matcher, page_options, page_text, petitions_like
from .services import synonyms_load_defaults

TITLE_LENGTH = 120


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    shown: int  # pairs suggested
    right: int  # of which raise the same issue
    expected: int  # pairs that raise the same issue

    @classmethod
    def per_page(cls, suggested: int, right: int, clustered: int, found: int) -> "Scores":
        precision = right / suggested if suggested else 0.0
        recall = found / clustered if clustered else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, suggested, right, clustered)

    @classmethod
    def of(cls, shown: set, expected: set) -> "Scores":
        right = len(shown & expected)
        precision = right / len(shown) if shown else 0.0
        recall = right / len(expected) if expected else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, len(shown), right, len(expected))


@dataclass
class Evaluation:
    items: int
    clusters: int
    suggestions: Scores  # per page: right suggestions of all shown; petitions whose page shows a sibling
    pairs: Scores  # per pair of one issue: shown on either petition's page
    groups: Scores
    top1: float  # share of clustered petitions whose best-ranked petition is a true sibling
    top5: float
    ms_mean: float
    ms_p95: float
    classification: dict = field(default_factory=dict)
    wrong: list = field(default_factory=list)  # (score, a, b) suggested pairs of different issues
    missed: list = field(default_factory=list)  # (a, b) pairs of one issue not suggested


def read_items(path: str | Path) -> list[dict]:
    """Read and check a labelled set; a clear message for every way it can be wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ValidationError(_("The file %(path)s does not exist.") % {"path": path}) from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(_("The file is not valid JSON: %(error)s") % {"error": error}) from error
    except OSError as error:
        raise ValidationError(_("The file could not be read: %(error)s") % {"error": error}) from error
    return check_items(data)


def check_items(data) -> list[dict]:
    if not isinstance(data, list):
        raise ValidationError(_("The file must hold a list of petitions, each with “text” and “cluster”."))
    if not data:
        raise ValidationError(_("The set is empty: there is nothing to measure."))
    errors = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            errors.append(_("Item %(n)s is not an object with “text” and “cluster”.") % {"n": number})
            continue
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            errors.append(_("Item %(n)s has no “text”.") % {"n": number})
        cluster = item.get("cluster", "missing")
        if cluster is not None and (isinstance(cluster, bool) or not isinstance(cluster, int)):
            errors.append(_("Item %(n)s: “cluster” must be an integer or null.") % {"n": number})
        label = item.get("field")
        if label is not None and (not isinstance(label, str) or len(label) > 150):
            errors.append(_("Item %(n)s: “field” must be a name.") % {"n": number})
    if not errors:
        sizes = Counter(item["cluster"] for item in data if item["cluster"] is not None)
        errors.extend(
            _("Cluster %(c)s has a single petition: a cluster joins two or more.") % {"c": c}
            for c, n in sorted(sizes.items())
            if n == 1
        )
        if not sizes:
            errors.append(_("No two petitions share a cluster: there is no duplicate to find."))
    if errors:
        raise ValidationError(errors[:20])
    return data


def evaluate(items: list[dict], *, with_classification: bool = True) -> Evaluation:
    """Load the set into a scratch council, measure, and roll everything back."""
    items = check_items(items)
    with transaction.atomic():
        evaluation = _measure(items, with_classification=with_classification)
        transaction.set_rollback(True)
    return evaluation


def _title(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _measure(items: list[dict], *, with_classification: bool) -> Evaluation:
    from ..services import petition_create

    code = f"eval-{secrets.token_hex(4)}"
    council = Council.objects.create(code=code, name=code, level=Council.Level.PROVINCE)
    synonyms_load_defaults(actor=None, council=council)
    fields = {}
    for name in sorted({item["field"] for item in items if item.get("field")}):
        fields[name] = Field.objects.create(council=council, code=f"f{len(fields)}", name=name)
    today = timezone.localdate()
    # The round page first: the texts as one round's opinions, in a council with no petitions yet.
    groups = Matcher(council, today=today).group([(i, item["text"]) for i, item in enumerate(items)])
    petitions = [
        petition_create(
            actor=None,
            council=council,
            title=_title(item["text"]),
            text=item["text"],
            received_on=today,
            field=fields.get(item.get("field")),
        )
        for item in items
    ]
    rebuild_frequencies(council)  # as the nightly task does
    cluster_of = {p.pk: item["cluster"] for p, item in zip(petitions, items, strict=True)}
    index_of = {p.pk: i for i, p in enumerate(petitions)}
    expected = {
        frozenset((a.pk, b.pk))
        for a, b in combinations(petitions, 2)
        if cluster_of[a.pk] is not None and cluster_of[a.pk] == cluster_of[b.pk]
    }

    shown: dict[frozenset, float] = {}
    timings = []
    suggested = right = found_sibling = 0
    for petition in petitions:  # what each petition's page suggests
        started = time.perf_counter()
        found = petitions_like(council, page_text(petition), today=today, **page_options(petition))
        timings.append(1000 * (time.perf_counter() - started))
        same = [
            cluster_of[other.pk] is not None and cluster_of[other.pk] == cluster_of[petition.pk]
            for _s, other in found
        ]
        suggested += len(found)
        right += sum(same)
        found_sibling += any(same)
        for score, other in found:
            pair = frozenset((petition.pk, other.pk))
            shown[pair] = max(score, shown.get(pair, 0.0))
    ranked = Matcher(council, today=today).suggest_many(
        [page_text(p) for p in petitions],
        exclude=(),
        fields=[p.field_id for p in petitions],
        units=["" for _p in petitions],
        counted=True,
        limit=6,
        threshold=0.0,
    )
    top1 = top5 = clustered = 0
    for petition, matches in zip(petitions, ranked, strict=True):
        if cluster_of[petition.pk] is None:
            continue
        clustered += 1
        siblings = [m for m in matches if m.petition_id != petition.pk][:5]  # itself is not excluded here
        hits = [cluster_of[m.petition_id] == cluster_of[petition.pk] for m in siblings]
        top1 += bool(hits[:1] and hits[0])
        top5 += any(hits)

    grouped = {
        frozenset(petitions[i].pk for i in pair) for group in groups for pair in combinations(group, 2)
    }

    evaluation = Evaluation(
        items=len(items),
        clusters=len({c for c in cluster_of.values() if c is not None}),
        suggestions=Scores.per_page(suggested, right, clustered, found_sibling),
        pairs=Scores.of(set(shown), expected),
        groups=Scores.of(grouped, expected),
        top1=top1 / clustered if clustered else 0.0,
        top5=top5 / clustered if clustered else 0.0,
        ms_mean=statistics.fmean(timings),
        ms_p95=sorted(timings)[max(0, int(len(timings) * 0.95) - 1)],
    )
    evaluation.wrong = sorted(
        (
            (score, *sorted(index_of[pk] for pk in pair))
            for pair, score in shown.items()
            if pair not in expected
        ),
        reverse=True,
    )
    evaluation.missed = sorted(tuple(sorted(index_of[pk] for pk in pair)) for pair in expected - set(shown))
    if with_classification:
        evaluation.classification = _classification(items)
    return evaluation


def _classification(items: list[dict]) -> dict:
    labelled = [item for item in items if item.get("field")]
    if not labelled:
        return {}
    try:
        from .classify import classification_accuracy
    except ImportError:  # the classifier is optional to the measure of duplicates
        return {}
    return classification_accuracy(labelled)
