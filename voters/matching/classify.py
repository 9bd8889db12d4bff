"""Suggesting a petition's field and level of competence from the council's own classified petitions.

A nearest-centroid classifier over the duplicate finder's terms (features.py): each petition is a vector of
its terms weighted by rarity (idf) and scaled to length 1; a label's centroid is the normalised sum of its
petitions; a text gets the label whose centroid is closest (cosine). Its confidence is a softmax of the
cosines with a temperature chosen by cross-validation.

Chosen on tests/data/duplicate_petitions.json (184 petitions of a province, 15 fields, 3 levels; 5-fold
cross-validation; field / level): the centroid 0.83 / 0.81, multinomial Naive Bayes (Laplace alpha 1 to 0.03)
0.73-0.82 / 0.79-0.80, complement Naive Bayes 0.81-0.82 / 0.80-0.81, k nearest neighbours (k 1, 5, 10)
0.70-0.80 / 0.76-0.80, logistic regression 0.79-0.82 / 0.79; single syllables alone lost 3-8 points. With a
petition's duplicates kept out of its training folds the centroid stays ahead on the field (0.64-0.70 against
0.52-0.62), and it needs no tuning and no iterations.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from .features import NO_SYNONYMS, Synonyms, features

FOLDS = 5
DEFAULT_TEMPERATURE = (
    0.03  # the best on tests/data; a council's own data may choose another (fit_temperature)
)
TEMPERATURES = (0.015, 0.02, 0.03, 0.04, 0.05, 0.07, 0.1)
MAX_TERMS_PER_LABEL = 3000  # a centroid keeps its heaviest terms: the stored model stays small at any size
DIGITS = 5  # weights are stored rounded: the model is JSON

Terms = frozenset[str]


def _idf(documents: Sequence[Terms]) -> dict[str, float]:
    df: Counter = Counter()
    for terms in documents:
        df.update(terms)
    count = len(documents)
    return {term: math.log(1 + count / n) for term, n in df.items()}


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def train_terms(
    documents: Sequence[Terms], labels: Sequence[str], *, temperature: float = DEFAULT_TEMPERATURE
) -> dict:
    """Learn the centroids of ``labels`` from the documents' terms; return the model as a JSON-able dict."""
    if len(documents) != len(labels):
        raise ValueError("as many labels as documents")
    idf = _idf(documents)
    sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for terms, label in zip(documents, labels, strict=True):
        for term, weight in _unit({t: idf[t] for t in terms}).items():
            sums[str(label)][term] += weight
    centroids = {}
    for label, vector in sums.items():
        heaviest = sorted(vector.items(), key=lambda item: (-item[1], item[0]))[:MAX_TERMS_PER_LABEL]
        centroids[label] = {t: round(w, DIGITS) for t, w in _unit(dict(heaviest)).items()}
    kept = {t for centroid in centroids.values() for t in centroid}
    return {
        "kind": "centroid",
        "temperature": temperature,
        "idf": {t: round(w, DIGITS) for t, w in idf.items() if t in kept},
        "centroids": centroids,
        "counts": dict(Counter(str(label) for label in labels)),
    }


def train(
    texts: Iterable[str], labels: Sequence[str], *, synonyms: Synonyms = NO_SYNONYMS, temperature=None
) -> dict:
    """Learn to label texts like ``texts``; the temperature is fitted by cross-validation unless given."""
    documents = [features(text, synonyms) for text in texts]
    if temperature is None:
        temperature = fit_temperature(cross_validate(documents, labels))
    return train_terms(documents, labels, temperature=temperature)


def scores(model: dict, terms: Terms) -> dict[str, float]:
    """The cosine of the text with each label's centroid (empty when the model knows none of its terms)."""
    idf = model["idf"]
    query = _unit({t: idf[t] for t in terms if t in idf})
    if not query:
        return {}
    return {
        label: sum(w * centroid.get(t, 0.0) for t, w in query.items())
        for label, centroid in model["centroids"].items()
    }


def probabilities(cosines: dict[str, float], temperature: float) -> dict[str, float]:
    if not cosines:
        return {}
    top = max(cosines.values())
    raw = {label: math.exp((value - top) / temperature) for label, value in cosines.items()}
    total = sum(raw.values())
    return {label: value / total for label, value in raw.items()}


def predict_terms(model: dict, terms: Terms) -> tuple[str | None, float]:
    chances = probabilities(scores(model, terms), model["temperature"])
    if not chances:
        return None, 0.0
    label = max(chances, key=lambda key: (chances[key], key))
    return label, chances[label]


def predict(model: dict, text: str, *, synonyms: Synonyms = NO_SYNONYMS) -> tuple[str | None, float]:
    """The likeliest label of ``text`` and its probability (0..1); ``(None, 0.0)`` when no term is known."""
    return predict_terms(model, features(text, synonyms))


# --- Measuring ----------------------------------------------------------------------------------------------


def folds(count: int, k: int = FOLDS, groups: Sequence | None = None) -> list[list[int]]:
    """Deterministic folds of ``range(count)``; the items of one group (a petition and its duplicates) share a
    fold, so that a text is never judged by its own copy."""
    if groups is None:
        return [[i for i in range(count) if i % k == f] for f in range(k)]
    order = list(dict.fromkeys(groups))
    fold_of = {group: n % k for n, group in enumerate(order)}
    return [[i for i in range(count) if fold_of[groups[i]] == f] for f in range(k)]


def cross_validate(
    documents: Sequence[Terms], labels: Sequence[str], *, k: int = FOLDS, groups: Sequence | None = None
) -> list[tuple[dict[str, float], str]]:
    """For each document, the cosines a model trained without its fold gives it, with its true label."""
    results = []
    for test in folds(len(documents), min(k, len(documents)), groups):
        held = set(test)
        kept = [i for i in range(len(documents)) if i not in held]
        if not kept:
            continue
        model = train_terms([documents[i] for i in kept], [labels[i] for i in kept])
        results.extend((scores(model, documents[i]), str(labels[i])) for i in test)
    return results


def accuracy(results: Sequence[tuple[dict[str, float], str]]) -> float | None:
    if not results:
        return None
    right = sum(1 for cosines, label in results if cosines and max(cosines, key=cosines.get) == label)
    return right / len(results)


def fit_temperature(results: Sequence[tuple[dict[str, float], str]]) -> float:
    """The temperature whose probabilities were the most honest on held-out texts (least log loss)."""

    def loss(temperature: float) -> float:
        total = 0.0
        for cosines, label in results:
            chance = probabilities(cosines, temperature).get(label, 0.0)
            total -= math.log(max(chance, 1e-6))
        return total

    if not results:
        return DEFAULT_TEMPERATURE
    return min(TEMPERATURES, key=lambda t: (loss(t), t))


def classification_accuracy(items: Iterable[dict]) -> dict:
    """5-fold cross-validated accuracy of labelled texts' field and (where given) level of competence.

    ``items`` are dicts with "text", "field" (a name) and optionally "competence" and "cluster" (texts raising
    the same issue). Besides the plain figures, "unseen" gives those with a text's cluster kept out of its
    training folds: how the model does on an issue the council has not classified before."""
    items = [item for item in items if (item.get("text") or "").strip()]
    documents = [features(item["text"]) for item in items]
    groups = [
        ("cluster", item["cluster"]) if item.get("cluster") is not None else ("text", n)
        for n, item in enumerate(items)
    ]
    has_clusters = any(item.get("cluster") is not None for item in items)
    result: dict = {"n": len(items), "unseen": {}}
    for kind in ("field", "competence"):
        chosen = [n for n, item in enumerate(items) if item.get(kind)]
        if len({items[n][kind] for n in chosen}) < 2:
            result[kind] = result["unseen"][kind] = None
            continue
        docs = [documents[n] for n in chosen]
        labels = [str(items[n][kind]) for n in chosen]
        result[kind] = accuracy(cross_validate(docs, labels))
        result["unseen"][kind] = (
            accuracy(cross_validate(docs, labels, groups=[groups[n] for n in chosen]))
            if has_clusters
            else None
        )
    return result
