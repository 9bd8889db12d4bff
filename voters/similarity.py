"""Likely duplicates among petitions: accent-insensitive similarity of their folded text.

The score is the Jaccard similarity of character trigrams of the folded words (the measure PostgreSQL's
pg_trgm uses); a short query against a much longer text is scored by how much of the query the text holds
(pg_trgm's word similarity). It is computed in Python so SQLite and PostgreSQL suggest the same petitions. A council
holds a few thousand recent petitions at most, so scoring them all takes milliseconds.
"""

from council.text import fold

THRESHOLD = 0.4
SHORT_QUERY_GRAMS = 60  # a search phrase of a few words, not a whole petition


def trigrams(text: str) -> frozenset[str]:
    grams: set[str] = set()
    for word in fold(text).split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def word_similarity(query: frozenset[str], text: frozenset[str]) -> float:
    """How much of the query is found in the text: a short query finds a long petition that contains it."""
    if not query:
        return 0.0
    return len(query & text) / len(query)


def best_matches(query: str, candidates, *, limit: int = 5, threshold: float = THRESHOLD):
    """The ``limit`` best (score, key) pairs among ``candidates`` — (key, text) pairs — above the threshold."""
    wanted = trigrams(query)
    scored = []
    for key, text in candidates:
        grams = trigrams(text)
        score = similarity(wanted, grams)
        if len(wanted) <= SHORT_QUERY_GRAMS and 2 * len(wanted) <= len(grams):
            # A short query ("sat lo bo song tien") is judged by how much of it the longer text contains.
            score = max(score, 0.9 * word_similarity(wanted, grams))
        if score >= threshold:
            scored.append((round(score, 3), key))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return scored[:limit]
