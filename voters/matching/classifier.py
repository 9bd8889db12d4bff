"""The council's classifier of petitions: trained on its own classified petitions (nightly and by a task),
read to suggest a field and a level of competence. A suggestion is only ever shown: the clerk decides."""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from council.models import Council, Field

from .classify import accuracy, cross_validate, fit_temperature, predict_terms, train_terms
from .features import Synonyms, features
from .index import synonyms_of
from .models import ClassifierModel

logger = logging.getLogger(__name__)

MIN_LABELLED = 20  # fewer classified petitions teach nothing reliable: no model, no suggestion
MIN_LABELS = 2
MAX_TRAINING = 20_000  # the most recent classified petitions are enough, and keep a nightly run short
SURE_FROM = 0.4  # a suggestion less likely than this is not shown
_CACHE_SIZE = 64
_loaded: dict[tuple[int, str], dict] = {}  # (row pk, trained_at) → model data: a page view reads no JSON


def _labelled(council):
    from ..models import Petition

    return (
        Petition.objects.filter(council=council)
        .exclude(state__in=[Petition.State.RECORDED, Petition.State.MERGED])
        .order_by("-received_on", "-pk")
    )


def _documents(rows, synonyms: Synonyms) -> list[frozenset[str]]:
    # The stored terms are the same features of the same text (index.petition_terms); only unindexed ones are
    # computed here.
    return [
        frozenset(t for t in terms.split("\n") if t) if terms else features(f"{title}\n{text}", synonyms)
        for title, text, terms in rows
    ]


def classifier_train(council: Council | int) -> dict[str, ClassifierModel | None]:
    """Train the council's field and competence models on its classified petitions and replace the stored
    ones; a kind with too few labelled petitions (or a single label) has its model removed."""
    council_id = council if isinstance(council, int) else council.pk
    synonyms = synonyms_of(council_id)
    labelled = _labelled(council_id).filter(Q(field__isnull=False) | ~Q(competence=""))
    rows = list(labelled.values_list("title", "text", "match_terms", "field_id", "competence")[:MAX_TRAINING])
    documents = _documents([row[:3] for row in rows], synonyms)
    trained: dict[str, dict | None] = {}
    for kind, column in ((ClassifierModel.Kind.FIELD.value, 3), (ClassifierModel.Kind.COMPETENCE.value, 4)):
        chosen = [n for n, row in enumerate(rows) if row[column]]
        labels = [str(rows[n][column]) for n in chosen]
        if len(chosen) < MIN_LABELLED or len(set(labels)) < MIN_LABELS:
            trained[kind] = None
            continue
        docs = [documents[n] for n in chosen]
        held_out = cross_validate(docs, labels)
        trained[kind] = {
            "data": train_terms(docs, labels, temperature=fit_temperature(held_out)),
            "trained_on": len(chosen),
            "accuracy": accuracy(held_out),
        }
    now = timezone.now()
    result: dict[str, ClassifierModel | None] = {}
    with transaction.atomic():
        for kind, values in trained.items():
            if values is None:
                ClassifierModel.objects.filter(council_id=council_id, kind=kind).delete()
                result[kind] = None
                continue
            result[kind], _created = ClassifierModel.objects.update_or_create(
                council_id=council_id, kind=kind, defaults={**values, "trained_at": now}
            )
    logger.info(
        "Classifier of council %s trained: %s",
        council_id,
        {
            kind: (row.trained_on, round(row.accuracy or 0, 3)) if row else None
            for kind, row in result.items()
        },
    )
    return result


def classifier_train_all() -> int:
    """Train every council's classifier (the nightly run); return how many councils."""
    councils = list(Council.objects.values_list("pk", flat=True))
    for council_id in councils:
        try:
            classifier_train(council_id)
        except Exception:  # one council's bad data must not leave the others untrained
            logger.exception("Classifier of council %s not trained", council_id)
    return len(councils)


# --- Suggestions --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Guess:
    value: object  # a Field, or a Competence value
    label: str
    confidence: float

    @property
    def percent(self) -> int:
        return round(100 * self.confidence)

    @property
    def sure(self) -> bool:
        return self.confidence >= SURE_FROM


def _models(council: Council) -> dict[str, dict]:
    """The council's stored models by kind (one query, a second only for a model not read before)."""
    rows = list(ClassifierModel.objects.filter(council=council).values_list("pk", "kind", "trained_at"))
    missing = [pk for pk, _kind, at in rows if (pk, at.isoformat()) not in _loaded]
    if missing:
        if len(_loaded) + len(missing) > _CACHE_SIZE:
            _loaded.clear()
        for pk, data in ClassifierModel.objects.filter(pk__in=missing).values_list("pk", "data"):
            at = next(at for row_pk, _kind, at in rows if row_pk == pk)
            _loaded[(pk, at.isoformat())] = data
    return {kind: _loaded[(pk, at.isoformat())] for pk, kind, at in rows if (pk, at.isoformat()) in _loaded}


def _guess(council: Council, kind: str, data: dict, terms) -> tuple[str | None, float]:
    try:
        return predict_terms(data, terms)
    except (KeyError, TypeError, ValueError, AttributeError, ZeroDivisionError):
        # A stored model this code cannot read (another version wrote it): no suggestion, never a broken page.
        logger.exception("Classifier %s of council %s unreadable", kind, getattr(council, "pk", council))
        return None, 0.0


def suggest_classifications(council: Council, texts: list[str]) -> list[dict] | None:
    """For each text, {"field": Guess | None, "competence": Guess | None}; None when the council has no model.

    A guess below SURE_FROM is kept (``guess.sure`` is false): the caller shows it as unsure or not at all."""
    from ..models import Competence

    models = _models(council)
    if not models:
        return None
    synonyms = synonyms_of(council)
    found = []
    for text in texts:
        terms = features(text, synonyms)
        found.append({kind: _guess(council, kind, data, terms) for kind, data in models.items()})
    field_ids = {int(row["field"][0]) for row in found if row.get("field", (None,))[0]}
    fields = Field.objects.filter(council=council).in_bulk(field_ids) if field_ids else {}
    results = []
    for row in found:
        result: dict = {"field": None, "competence": None}
        label, confidence = row.get("field", (None, 0.0))
        if label and int(label) in fields:
            field = fields[int(label)]
            result["field"] = Guess(field, field.name, confidence)
        label, confidence = row.get("competence", (None, 0.0))
        if label in Competence.values:
            result["competence"] = Guess(label, str(Competence(label).label), confidence)
        results.append(result)
    return results


def suggest_classification(council: Council, text: str) -> dict | None:
    """The field and the level of competence the council's classifier suggests for ``text`` (see above)."""
    results = suggest_classifications(council, [text])
    return results[0] if results is not None else None
