"""Keeping the duplicate finder's data current: a petition's terms when it is written, the council's term
frequencies as a snapshot, everything again when the Office changes its synonyms."""

import hashlib
import logging
from collections import Counter
from collections.abc import Iterable

from django.db import DatabaseError, transaction
from django.db.models import F

from council.queue import enqueue

from .features import EVIDENCE_MARKS, Synonyms, features
from .models import PetitionTerm, Synonym, TermFrequency

logger = logging.getLogger(__name__)

COUNT_KEY = 0  # the TermFrequency row that holds the number of petitions counted
INLINE_REBUILD_LIMIT = 5_000  # up to this many petitions the snapshot is rebuilt at once, above it by a task
STALE_GROWTH = 1.2  # the snapshot is rebuilt once the petitions grew by a fifth
CHUNK = 5_000  # terms per IN (...) list


def term_hash(term: str) -> int:
    """A term as a signed 64-bit number (never 0, which keeps the count of petitions)."""
    value = int.from_bytes(hashlib.blake2b(term.encode(), digest_size=8).digest(), "big", signed=True)
    return value or 1


def is_indexed(term: str) -> bool:
    """Petitions are found by their pairs of syllables and synonym terms: a single syllable finds too many."""
    return (" " in term or "_" in term) and term[:1] not in EVIDENCE_MARKS


def chunked(values: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def synonyms_of(council) -> Synonyms:
    """The council's synonym list, ready to apply (one query)."""
    rows = Synonym.objects.filter(council=council).order_by("pk")
    return Synonyms.from_groups(row.variants() for row in rows)


def petition_terms(petition, synonyms: Synonyms) -> frozenset[str]:
    unit = petition.admin_unit.name if petition.admin_unit_id else ""
    return features(f"{petition.title}\n{petition.text}", synonyms, unit=unit)


def index_petition(petition, *, synonyms: Synonyms | None = None) -> None:
    """Store a petition's terms and count them in the council's frequencies; a merged petition is taken out
    of the index (it is never suggested)."""
    from ..models import Petition

    if synonyms is None:
        synonyms = synonyms_of(petition.council_id)
    before = _stored_terms(petition)
    terms = petition_terms(petition, synonyms)
    petition.match_terms = "\n".join(sorted(terms))
    Petition.objects.filter(pk=petition.pk).update(match_terms=petition.match_terms)
    PetitionTerm.objects.filter(petition=petition.pk).delete()
    if petition.state == Petition.State.MERGED:
        _count_after_commit(petition.council_id, removed=before)
        return
    PetitionTerm.objects.bulk_create(
        PetitionTerm(council_id=petition.council_id, petition_id=petition.pk, term=term_hash(term))
        for term in sorted(terms)
        if is_indexed(term)
    )
    _count_after_commit(petition.council_id, removed=before, added=terms)


def unindex_petition(petition) -> None:
    """Take a petition out of the index and of the frequencies (it was merged into another)."""
    PetitionTerm.objects.filter(petition=petition.pk).delete()
    _count_after_commit(petition.council_id, removed=_stored_terms(petition))


def _stored_terms(petition) -> frozenset[str] | None:
    """The terms the petition was counted with (None: it was not counted)."""
    return frozenset(filter(None, petition.match_terms.split("\n"))) if petition.match_terms else None


def _count_after_commit(council_id: int, *, removed: frozenset[str] | None, added=None) -> None:
    """Keep the frequencies current between nightly recounts: a petition written today finds, and is found by,
    yesterday's. Applied once the write is committed, each change a single statement, in term order, so two
    clerks' writes never deadlock on the counts (a count lost in a race is mended by the nightly recount)."""
    removed, added = removed or frozenset(), frozenset(added or ())
    changes = {term_hash(t): 1 for t in added - removed}
    changes.update({term_hash(t): -1 for t in removed - added})
    if (removed == frozenset()) != (not added):  # counted now and not before, or the other way round
        changes[COUNT_KEY] = 1 if added else -1
    if not changes:
        return
    transaction.on_commit(lambda: _apply_counts(council_id, changes))


def _apply_counts(council_id: int, changes: dict[int, int]) -> None:
    if not TermFrequency.objects.filter(council_id=council_id, term=COUNT_KEY).exists():
        return  # no snapshot yet: the first suggestion asked for counts everything
    for delta in (1, -1):
        terms = sorted(t for t, d in changes.items() if d == delta)
        for chunk in chunked(terms):
            TermFrequency.objects.filter(council_id=council_id, term__in=chunk).update(df=F("df") + delta)
            if delta > 0:
                known = set(
                    TermFrequency.objects.filter(council_id=council_id, term__in=chunk).values_list(
                        "term", flat=True
                    )
                )
                TermFrequency.objects.bulk_create(
                    [TermFrequency(council_id=council_id, term=t, df=1) for t in chunk if t not in known],
                    ignore_conflicts=True,
                )


def indexed_petitions(council):
    from ..models import Petition

    return Petition.objects.filter(council=council).exclude(state=Petition.State.MERGED)


@transaction.atomic
def rebuild_frequencies(council) -> int:
    """Count in how many petitions each term occurs; return the number of petitions counted. Two recounts of
    one council wait for each other (the council's row is locked), so they never insert the same rows."""
    from council.models import Council

    Council.objects.select_for_update().filter(pk=_pk(council)).values_list("pk", flat=True).first()
    counts: Counter = Counter()
    total = 0
    for terms in indexed_petitions(council).values_list("match_terms", flat=True).iterator(chunk_size=2000):
        total += 1
        counts.update(term_hash(term) for term in terms.split("\n") if term)
    TermFrequency.objects.filter(council=council).delete()
    rows = [TermFrequency(council_id=_pk(council), term=COUNT_KEY, df=total)]
    rows.extend(TermFrequency(council_id=_pk(council), term=t, df=n) for t, n in counts.items())
    TermFrequency.objects.bulk_create(rows, batch_size=5000)
    return total


def reindex_council(council) -> int:
    """Index every petition of the council again (after a change of synonyms) and recount; return how many."""
    synonyms = synonyms_of(council)
    count = 0
    for petition in (
        indexed_petitions(council)
        .select_related("admin_unit")
        .only("pk", "council", "title", "text", "state", "admin_unit__name")
        .iterator(2000)
    ):
        with transaction.atomic():
            index_petition(petition, synonyms=synonyms)
        count += 1
    rebuild_frequencies(council)
    return count


def _pk(council) -> int:
    return council if isinstance(council, int) else council.pk


def freshen(council) -> None:
    """Rebuild the snapshot when it is missing or the petitions outgrew it: at once for a council of ordinary
    size, by a task above that (the stale snapshot serves meanwhile; new terms count as rare)."""
    counted = (
        TermFrequency.objects.filter(council=council, term=COUNT_KEY).values_list("df", flat=True).first()
    )
    current = indexed_petitions(council).count()
    if counted is not None and current <= counted * STALE_GROWTH + 10:
        return
    if current <= INLINE_REBUILD_LIMIT:
        try:
            with transaction.atomic():
                rebuild_frequencies(council)
        except DatabaseError:  # e.g. a read-only replica, or a lock given up: suggest from what is there
            logger.warning("The duplicate finder's counts could not be rebuilt now", exc_info=True)
        return
    enqueue("voters.tasks.match_frequencies_task", _pk(council))


def nightly() -> int:
    """Index the petitions written without terms (older data, direct loads) and recount every council."""
    from council.models import Council

    from ..models import Petition

    synonyms: dict[int, Synonyms] = {}
    missing = Petition.objects.exclude(state=Petition.State.MERGED).filter(match_terms="")
    for petition in (
        missing.select_related("admin_unit")
        .only("pk", "council", "title", "text", "state", "admin_unit__name")
        .iterator(2000)
    ):
        if petition.council_id not in synonyms:
            synonyms[petition.council_id] = synonyms_of(petition.council_id)
        with transaction.atomic():
            index_petition(petition, synonyms=synonyms[petition.council_id])
    councils = list(Council.objects.values_list("pk", flat=True))
    for council_id in councils:
        rebuild_frequencies(council_id)
    return len(councils)
