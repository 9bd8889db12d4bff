"""Which petitions raise the same issue as a text, and which opinions of a round raise the same issue.

The score is the cosine of two petitions' terms, each term weighted by how rare it is among the council's
petitions (a word in every petition, "đề nghị", "cử tri", weighs nothing; "tín dụng đen" weighs a lot), pairs
of syllables counting more than single ones. Candidates come from the index: the petitions that share one of
the text's rarest pairs; only those are scored, so a province's 100,000 petitions cost a handful of queries.
"""

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from .features import Synonyms
from .index import COUNT_KEY, chunked, freshen, is_indexed, synonyms_of, term_hash
from .models import PetitionTerm, TermFrequency

THRESHOLD = 0.30  # a suggestion is shown from this score (chosen on tests/data: see the README)
GROUP_THRESHOLD = 0.30  # opinions of a round are proposed as one group from this average score
SINGLE_FACTOR = 0.5  # a single syllable weighs half as much as a pair of syllables
RARE_TERMS = 12  # the rarest pairs of a text that look up candidates
CANDIDATES = 60  # candidates per text scored exactly
SHORT_TEXT_TERMS = 6  # a text with fewer terms than this is judged with its score scaled down
WINDOW_DAYS = 730  # petitions received in the last two years are compared


@dataclass
class Match:
    score: float
    petition_id: int
    petition: object = None


class Matcher:
    """Scores texts against one council's petitions; build one per request (its caches are per request)."""

    def __init__(self, council, *, today: dt.date | None = None, synonyms: Synonyms | None = None):
        self.council = council
        self.today = today or timezone.localdate()
        self.synonyms = synonyms if synonyms is not None else synonyms_of(council)
        self._df: dict[int, int] = {}
        self._count: int | None = None
        self._hashes: dict[str, int] = {}

    # --- Weights ------------------------------------------------------------------------------------------

    def terms(self, text: str) -> frozenset[str]:
        from .features import features

        return features(text, self.synonyms)

    def _hash(self, term: str) -> int:
        value = self._hashes.get(term)
        if value is None:
            value = self._hashes[term] = term_hash(term)
        return value

    def _load_counts(self, terms) -> None:
        if self._count is None:
            freshen(self.council)
            self._count = (
                TermFrequency.objects.filter(council=self.council, term=COUNT_KEY)
                .values_list("df", flat=True)
                .first()
                or 0
            )
        wanted = list({self._hash(t) for t in terms} - self._df.keys())
        for chunk in chunked(wanted):
            rows = TermFrequency.objects.filter(council=self.council, term__in=chunk).values_list(
                "term", "df"
            )
            self._df.update(rows)
        for value in wanted:
            self._df.setdefault(value, 1)

    def extra_counts(self, documents: list[frozenset[str]]) -> None:
        """Count a batch of texts (a round's opinions) into the frequencies, as if they were petitions."""
        self._load_counts({t for terms in documents for t in terms})
        self._count += len(documents)
        seen: dict[int, int] = defaultdict(int)
        for terms in documents:
            for term in terms:
                seen[self._hash(term)] += 1
        for value, n in seen.items():
            # A term counted once in the snapshot's absence (df 1 by default) is not counted twice.
            self._df[value] = self._df[value] + n if self._df[value] > 1 else n

    def weight(self, term: str) -> float:
        idf = math.log(1 + (self._count or 0) / self._df.get(self._hash(term), 1)) + 0.1
        return idf if is_indexed(term) else idf * SINGLE_FACTOR

    def _norm(self, terms) -> float:
        return math.sqrt(sum(self.weight(t) ** 2 for t in terms))

    def score(self, a: frozenset[str], b: frozenset[str], *, norm_a: float | None = None) -> float:
        shared = a & b
        if not shared:
            return 0.0
        norm_a = norm_a if norm_a is not None else self._norm(a)
        norm_b = self._norm(b)
        if not norm_a or not norm_b:
            return 0.0
        value = sum(self.weight(t) ** 2 for t in shared) / (norm_a * norm_b)
        shortest = min(len(a), len(b))
        if shortest < SHORT_TEXT_TERMS:  # a few words in common say little
            value *= shortest / SHORT_TEXT_TERMS
        return min(value, 1.0)

    # --- Petitions like a text ----------------------------------------------------------------------------

    def suggest_many(
        self, texts: list[str], *, exclude=(), limit: int = 5, threshold: float = THRESHOLD
    ) -> list[list[Match]]:
        """For each text, the council's petitions that most likely raise the same issue, best first."""
        from ..models import Petition

        queries = [self.terms(text) for text in texts]
        self._load_counts({t for terms in queries for t in terms})
        rare = [self._rarest(terms) for terms in queries]
        wanted = {self._hash(t) for terms in rare for t in terms}
        since = self.today - dt.timedelta(days=WINDOW_DAYS)
        postings: dict[int, list[int]] = defaultdict(list)
        for chunk in chunked(list(wanted)):
            rows = PetitionTerm.objects.filter(
                council=self.council, term__in=chunk, petition__received_on__gte=since
            ).values_list("term", "petition_id")
            for value, petition_id in rows:
                postings[value].append(petition_id)
        excluded = set(exclude)
        shortlists = []
        for terms in rare:
            votes: dict[int, float] = defaultdict(float)
            for term in terms:
                for petition_id in postings.get(self._hash(term), ()):
                    if petition_id not in excluded:
                        votes[petition_id] += self.weight(term) ** 2
            shortlists.append(sorted(votes, key=lambda pk: (-votes[pk], pk))[:CANDIDATES])
        candidates = {pk for shortlist in shortlists for pk in shortlist}
        stored = dict(
            Petition.objects.filter(pk__in=candidates).values_list("pk", "match_terms") if candidates else []
        )
        their_terms = {pk: frozenset(filter(None, value.split("\n"))) for pk, value in stored.items()}
        self._load_counts({t for terms in their_terms.values() for t in terms})
        results = []
        for terms, shortlist in zip(queries, shortlists, strict=True):
            norm = self._norm(terms)
            scored = [
                Match(round(self.score(terms, their_terms[pk], norm_a=norm), 3), pk)
                for pk in shortlist
                if pk in their_terms
            ]
            scored = [m for m in scored if m.score >= threshold]
            scored.sort(key=lambda m: (-m.score, m.petition_id))
            results.append(scored[:limit])
        return results

    def _rarest(self, terms: frozenset[str]) -> list[str]:
        indexed = [t for t in terms if is_indexed(t)]
        indexed.sort(key=lambda t: (self._df.get(self._hash(t), 1), t))
        return indexed[:RARE_TERMS]

    def suggest(self, text: str, *, exclude=(), limit: int = 5, threshold: float = THRESHOLD) -> list[Match]:
        return self.suggest_many([text], exclude=exclude, limit=limit, threshold=threshold)[0]

    # --- Opinions of a round that raise the same issue ----------------------------------------------------

    def group(self, items: list[tuple[object, str]], *, threshold: float = GROUP_THRESHOLD) -> list[list]:
        """Propose groups of the items ((key, text) pairs) that raise the same issue, in the items' order.

        Groups are merged greedily from the most alike pair while the average score between two groups stays
        at the threshold, so one loose pair does not chain unrelated opinions together."""
        documents = [self.terms(text) for _key, text in items]
        self.extra_counts(documents)
        norms = [self._norm(terms) for terms in documents]
        by_term: dict[str, list[int]] = defaultdict(list)
        for i, terms in enumerate(documents):
            for term in terms:
                if is_indexed(term):
                    by_term[term].append(i)
        pairs: dict[tuple[int, int], float] = {}
        for members in by_term.values():
            if len(members) > max(20, len(items) // 4):  # a pair in a quarter of the round is not evidence
                continue
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    if (i, j) not in pairs:
                        pairs[(i, j)] = self.score(documents[i], documents[j], norm_a=norms[i])
        group_of = list(range(len(items)))
        members_of: dict[int, list[int]] = {i: [i] for i in range(len(items))}
        for (i, j), value in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
            if value < threshold:
                break
            a, b = group_of[i], group_of[j]
            if a == b:
                continue
            total = sum(pairs.get((min(x, y), max(x, y)), 0.0) for x in members_of[a] for y in members_of[b])
            if total / (len(members_of[a]) * len(members_of[b])) < threshold:
                continue
            for x in members_of[b]:
                group_of[x] = a
            members_of[a].extend(members_of.pop(b))
        groups = sorted(members_of.values(), key=min)
        return [[items[i][0] for i in sorted(members)] for members in groups]


def petitions_like(council, text: str, *, exclude=(), limit: int = 5, today: dt.date | None = None) -> list:
    """The council's petitions that most likely raise the issue of ``text``, as (score, petition), best first."""
    from ..models import Petition

    matches = Matcher(council, today=today).suggest(text, exclude=exclude, limit=limit)
    petitions = Petition.objects.in_bulk([m.petition_id for m in matches])
    return [(m.score, petitions[m.petition_id]) for m in matches if m.petition_id in petitions]
