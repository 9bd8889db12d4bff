"""Which petitions raise the same issue as a text, and which opinions of a round raise the same issue.

The score is the cosine of two petitions' terms, each term weighted by how rare it is among the council's
petitions (a word in every petition, "đề nghị", "cử tri", weighs nothing; "tín dụng đen" weighs a lot), pairs
of syllables counting more than single ones. Candidates come from the index: the petitions that share one of
the text's rarest pairs; only those are scored, so a province's 100,000 petitions cost a handful of queries.
"""

import datetime as dt
import functools
import math
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from .features import (
    COMMUNE_MARK,
    DOCUMENT_MARK,
    EVIDENCE_MARKS,
    PLACE_MARK,
    SYNONYM_JOINER,
    WORKS_TERMS,
    Synonyms,
    features,
)
from .index import COUNT_KEY, chunked, freshen, is_indexed, synonyms_of, term_hash
from .models import PetitionTerm, TermFrequency

THRESHOLD = 0.27  # a suggestion is shown from this score (chosen on tests/data: see the README)
LIMIT = 3  # suggestions shown per petition or opinion
GROUP_THRESHOLD = 0.15  # opinions of a round are proposed as one group from this average score
SINGLE_FACTOR = 0.8  # a single syllable weighs a little less than a pair of syllables
SYNONYM_FACTOR = 2.5  # a term from the Office's synonym list is an issue's name: it weighs more
# A pair of syllables holding a synonym ("cấp <GCNQSDĐ>") repeats the synonym's evidence: it weighs half a
# pair, so that one phrase of the list does not count three times over.
SYNONYM_PAIR_FACTOR = 0.5
FIELD_FACTOR = 0.5  # two petitions classified in different fields are less likely one issue
COMMUNE_FACTOR = 0.2  # works asked for by two different communes are two issues
PLACE_FACTOR = 0.1  # two petitions naming places, none in common, ask for different works
DOCUMENT_FACTOR = 0.2  # two petitions citing legal documents, none in common, are about different rules
RARE_TERMS = 40  # the rarest pairs of a text that look up candidates
COMMON_SHARE = 0.02  # a pair in more than this share of the petitions does not look up candidates
CANDIDATES = 60  # candidates per text scored exactly (those received in the window)
SHORT_TEXT_TERMS = 6  # a text with fewer terms than this is judged with its score scaled down
WINDOW_DAYS = 730  # petitions received in the last two years are compared


@dataclass
class Match:
    score: float
    petition_id: int


class Matcher:
    """Scores texts against one council's petitions; build one per request (its caches are per request)."""

    def __init__(self, council, *, today: dt.date | None = None, synonyms: Synonyms | None = None):
        self.council = council
        self.today = today or timezone.localdate()
        self.synonyms = synonyms if synonyms is not None else synonyms_of(council)
        self._df: dict[int, int] = {}
        self._count: int | None = None
        self._hashes: dict[str, int] = {}
        # Valid while the counts are: cleared whenever they change.
        self._weights: dict[tuple[str, int], float] = {}

    # --- Weights ------------------------------------------------------------------------------------------

    def terms(self, text: str, unit: str = "") -> frozenset[str]:
        return features(text, self.synonyms, unit=unit or "")

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
            self._df.setdefault(value, 0)
        if wanted:
            self._weights.clear()

    def extra_counts(self, documents: list[frozenset[str]]) -> None:
        """Count a batch of texts (a round's opinions) into the frequencies, as if they were petitions."""
        self._load_counts({t for terms in documents for t in terms})
        self._count += len(documents)
        seen: dict[int, int] = defaultdict(int)
        for terms in documents:
            for term in terms:
                seen[self._hash(term)] += 1
        for value, n in seen.items():
            self._df[value] += n
        self._weights.clear()

    def weight(self, term: str, *, extra: int = 0) -> float:
        """How much sharing ``term`` says: nothing for a place mark or a term only one text has (it cannot be
        shared, and would only dilute the score), more the rarer it is. ``extra``: texts that have the term
        besides the counted petitions (a new opinion being compared)."""
        key = (term, extra)
        known = self._weights.get(key)
        if known is not None:
            return known
        self._weights[key] = value = self._weigh(term, extra)
        return value

    def _weigh(self, term: str, extra: int) -> float:
        if term[:1] in EVIDENCE_MARKS:
            return 0.0
        having = self._df.get(self._hash(term), 0) + extra
        if having < 2:
            return 0.0
        idf = math.log(1 + ((self._count or 0) + extra) / having) + 0.1
        if SYNONYM_JOINER in term:
            return idf * (SYNONYM_PAIR_FACTOR if " " in term else SYNONYM_FACTOR)
        return idf if is_indexed(term) else idf * SINGLE_FACTOR

    def _norm(self, terms, *, extra: int = 0) -> float:
        return math.sqrt(sum(self.weight(t, extra=extra) ** 2 for t in terms))

    def score(
        self,
        a: frozenset[str],
        b: frozenset[str],
        *,
        norm_a: float | None = None,
        counted_a: bool = True,
        fields: tuple = (None, None),
    ) -> float:
        """The cosine of two texts' weighted terms (``b`` one of the counted petitions; ``a`` too if
        ``counted_a``), with their fields, communes and named places as evidence."""
        shared = a & b
        if not shared:
            return 0.0
        extra = 0 if counted_a else 1  # a text not counted yet has its own terms once more
        norm_a = norm_a if norm_a is not None else self._norm(a, extra=extra)
        norm_b = math.sqrt(sum(self.weight(t, extra=extra if t in shared else 0) ** 2 for t in b))
        if not norm_a or not norm_b:
            return 0.0
        value = sum(self.weight(t, extra=extra) ** 2 for t in shared) / (norm_a * norm_b)
        return _with_evidence(value, a, b, fields)

    @staticmethod
    def _pair(documents, weights, norms, i: int, j: int) -> float:
        if not norms[i] or not norms[j]:
            return 0.0
        squares = weights[i]
        value = sum(squares[t] for t in documents[i] & documents[j]) / (norms[i] * norms[j])
        return _with_evidence(value, documents[i], documents[j], (None, None))

    # --- Petitions like a text ----------------------------------------------------------------------------

    def suggest_many(
        self,
        texts: list[str],
        *,
        exclude=(),
        fields: list | None = None,
        units: list | None = None,
        counted: bool = False,
        limit: int = LIMIT,
        threshold: float | None = None,
    ) -> list[list[Match]]:
        """For each text, the council's petitions that most likely raise the same issue, best first.

        ``fields``, ``units``: each text's field id and commune name where known; ``counted``: the texts are
        petitions of the council, already in its frequencies. Six queries whatever the number of texts."""
        from ..models import Petition

        threshold = THRESHOLD if threshold is None else threshold
        units = units or [""] * len(texts)
        queries = [self.terms(text, unit) for text, unit in zip(texts, units, strict=True)]
        fields = fields or [None] * len(texts)
        self._load_counts({t for terms in queries for t in terms})
        rare = [self._rarest(terms, counted=counted) for terms in queries]
        wanted = {self._hash(t) for terms in rare for t in terms}
        since = self.today - dt.timedelta(days=WINDOW_DAYS)
        postings: dict[int, list[int]] = defaultdict(list)
        for chunk in chunked(list(wanted)):
            rows = PetitionTerm.objects.filter(council=self.council, term__in=chunk).values_list(
                "term", "petition_id"
            )
            for value, petition_id in rows:
                postings[value].append(petition_id)
        excluded = set(exclude)
        shortlists = []
        for terms in rare:
            votes: dict[int, float] = defaultdict(float)
            for term in terms:
                vote = self.weight(term, extra=0 if counted else 1) ** 2
                for petition_id in postings.get(self._hash(term), ()):
                    if petition_id not in excluded:
                        votes[petition_id] += vote
            shortlists.append(sorted(votes, key=lambda pk: (-votes[pk], pk))[:CANDIDATES])
        candidates = {pk for shortlist in shortlists for pk in shortlist}
        stored = {
            pk: (frozenset(filter(None, value.split("\n"))), field_id)
            for pk, value, field_id in (
                Petition.objects.filter(pk__in=candidates, received_on__gte=since).values_list(
                    "pk", "match_terms", "field_id"
                )
                if candidates
                else []
            )
        }
        self._load_counts({t for terms, _field in stored.values() for t in terms})
        results = []
        for terms, field_id, shortlist in zip(queries, fields, shortlists, strict=True):
            norm = self._norm(terms, extra=0 if counted else 1)
            scored = [
                Match(
                    round(
                        self.score(
                            terms,
                            stored[pk][0],
                            norm_a=norm,
                            counted_a=counted,
                            fields=(field_id, stored[pk][1]),
                        ),
                        3,
                    ),
                    pk,
                )
                for pk in shortlist
                if pk in stored
            ]
            scored = [m for m in scored if m.score >= threshold]
            scored.sort(key=lambda m: (-m.score, m.petition_id))
            results.append(scored[:limit])
        return results

    def _rarest(self, terms: frozenset[str], *, counted: bool) -> list[str]:
        """The text's pairs that some other petition has, rarest first, leaving out the common ones."""
        own = 1 if counted else 0
        common = max(50, COMMON_SHARE * (self._count or 0))
        usable = [t for t in terms if is_indexed(t) and own < self._df.get(self._hash(t), 0) <= common + own]
        usable.sort(key=lambda t: (self._df.get(self._hash(t), 0), t))
        return usable[:RARE_TERMS]

    def suggest(self, text: str, **options) -> list[Match]:
        return self.suggest_many([text], **options)[0]

    # --- Opinions of a round that raise the same issue ----------------------------------------------------

    def group(
        self,
        items: list[tuple[object, str]],
        *,
        units: list | None = None,
        threshold: float | None = None,
    ) -> list[list]:
        """Propose groups of the items ((key, text) pairs; ``units``, their communes' names) that raise the
        same issue, in the items' order.

        Groups are merged greedily from the most alike pair while the average score between two groups stays
        at the threshold, so one loose pair does not chain unrelated opinions together."""
        threshold = GROUP_THRESHOLD if threshold is None else threshold
        units = units or [""] * len(items)
        documents = [self.terms(text, unit) for (_key, text), unit in zip(items, units, strict=True)]
        self.extra_counts(documents)
        # Every text of the round is counted: each term's weight is the same in every pair, computed once.
        weights = [{t: self.weight(t) ** 2 for t in terms} for terms in documents]
        norms = [math.sqrt(sum(squares.values())) for squares in weights]
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
                        pairs[(i, j)] = self._pair(documents, weights, norms, i, j)
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


def _with_evidence(value: float, a: frozenset[str], b: frozenset[str], fields: tuple) -> float:
    """A cosine adjusted for what else is known: the texts' lengths, fields, named places, communes and cited
    documents. Two texts that share no pair of syllables nor a synonym share only loose words: no match."""
    if not any(is_indexed(t) for t in a & b):
        return 0.0
    shortest = min(len(a), len(b))
    if shortest < SHORT_TEXT_TERMS:  # a few words in common say little
        value *= shortest / SHORT_TEXT_TERMS
    if None not in fields and fields[0] != fields[1]:
        value *= FIELD_FACTOR
    places_a, communes_a, works_a, documents_a = _evidence(a)
    places_b, communes_b, works_b, documents_b = _evidence(b)
    if _apart(places_a, places_b):
        value *= PLACE_FACTOR
    if documents_a and documents_b and not documents_a & documents_b:
        value *= DOCUMENT_FACTOR
    if works_a and works_b and _apart(communes_a, communes_b):
        value *= COMMUNE_FACTOR
    return min(value, 1.0)


@functools.lru_cache(maxsize=8192)
def _evidence(terms: frozenset[str]) -> tuple:
    """The places and communes a text names (each as a set of words), whether it asks for works, and the legal
    documents it cites."""
    places = tuple(frozenset(t[1:].split()) for t in terms if t[:1] == PLACE_MARK)
    communes = tuple(frozenset(t[1:].split()) for t in terms if t[:1] == COMMUNE_MARK)
    documents = frozenset(t[1:] for t in terms if t[:1] == DOCUMENT_MARK)
    return places, communes, bool(terms & WORKS_TERMS), documents


def petitions_like(council, text: str, *, today: dt.date | None = None, **options) -> list:
    """The council's petitions that most likely raise the issue of ``text``, as (score, petition), best first.
    Options as for ``Matcher.suggest_many``."""
    from ..models import Petition

    matches = Matcher(council, today=today).suggest(text, **options)
    petitions = Petition.objects.in_bulk([m.petition_id for m in matches])
    return [(m.score, petitions[m.petition_id]) for m in matches if m.petition_id in petitions]


def page_text(petition) -> str:
    """What a petition's page compares: its subject and text."""
    return f"{petition.title}\n{petition.text}"


def page_options(petition) -> dict:
    """How a petition's page asks for the petitions like it: not itself, its field and commune as evidence."""
    unit = petition.admin_unit.name if petition.admin_unit_id else ""
    return {"exclude": [petition.pk], "fields": [petition.field_id], "units": [unit], "counted": True}


def _apart(named_a: tuple, named_b: tuple) -> bool:
    """Both texts name something of a kind (places, communes) and none in common ("kênh Xáng" and "kênh Xáng
    Lấp Vò" are one: a name within the other)."""
    if not named_a or not named_b:
        return False
    return not any(x <= y or y <= x for x in named_a for y in named_b)
