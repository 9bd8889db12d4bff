"""The duplicate finder at a province's scale: 100,000 petitions made of clauses of the labelled set's real
petitions, recombined with invented hamlet names, then the time to score one opinion against them all."""

import datetime as dt
import json
import random
import re
import statistics
import time
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from council.models import Council
from council.text import fold

from .features import features
from .index import is_indexed, rebuild_frequencies, synonyms_of, term_hash
from .matcher import Matcher
from .models import PetitionTerm
from .services import synonyms_load_defaults

SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "duplicate_petitions.json"
CODE = "bench-matching"
BATCH = 2000
SYLLABLES = [
    "Na",
    "Pa",
    "Khuổi",
    "Bản",
    "Tân",
    "Yên",
    "Phú",
    "Mỹ",
    "Hòa",
    "Bình",
    "An",
    "Thạnh",
    "Long",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Hưng",
    "Lợi",
    "Thuận",
    "Phong",
]


def _clauses() -> list[str]:
    texts = [item["text"] for item in json.loads(SET.read_text(encoding="utf-8"))]
    bodies = [re.split(r"đề nghị:|kiến nghị:|phản ánh:", t, maxsplit=1)[-1] for t in texts]
    return [c.strip() for body in bodies for c in re.split(r"[,;.]", body) if len(c.split()) >= 4]


def _texts(count: int, rng: random.Random) -> list[str]:
    clauses = _clauses()
    texts = []
    for _ in range(count):
        place = " ".join(rng.sample(SYLLABLES, 2))
        body = ", ".join(rng.sample(clauses, rng.randint(2, 4)))
        texts.append(
            f"Cử tri xã {place} đề nghị: {body} tại thôn {rng.choice(SYLLABLES)} {rng.randint(1, 30)}."
        )
    return texts


def load(count: int, *, out=print) -> Council:
    """Create the bench council with ``count`` indexed petitions (once; reused when already there)."""
    from ..models import Petition

    council = Council.objects.filter(code=CODE).first()
    if council is not None and Petition.objects.filter(council=council).count() >= count:
        return council
    if council is None:
        council = Council.objects.create(code=CODE, name="Bench matching", level=Council.Level.PROVINCE)
        synonyms_load_defaults(actor=None, council=council)
    synonyms = synonyms_of(council)
    rng = random.Random(2026)
    today = timezone.localdate()
    have = Petition.objects.filter(council=council).count()
    for start in range(have, count, BATCH):
        with transaction.atomic():
            batch = []
            for n, text in enumerate(_texts(min(BATCH, count - start), rng), start=start):
                terms = features(text, synonyms)
                batch.append(
                    Petition(
                        council=council,
                        code=f"BM{n:07d}",
                        title=text[:120],
                        text=text,
                        received_on=today - dt.timedelta(days=rng.randrange(700)),
                        search_text=fold(text),
                        match_terms="\n".join(sorted(terms)),
                    )
                )
            made = Petition.objects.bulk_create(batch)
            PetitionTerm.objects.bulk_create(
                PetitionTerm(council=council, petition_id=p.pk, term=term_hash(t))
                for p in made
                for t in p.match_terms.split("\n")
                if is_indexed(t)
            )
        out(f"  {start + len(batch)} petitions")
    rebuild_frequencies(council)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:  # bulk inserts leave no planner statistics nor visibility map
            cursor.execute("VACUUM ANALYZE voters_petition, voters_petitionterm, voters_termfrequency")
    return council


def measure(council: Council, *, queries: int = 200) -> dict:
    """Score ``queries`` new opinions one by one, as the meeting and merge pages do; p50/p95 in ms, and the
    p50 of a one-row query in the same run, the yardstick."""
    rng = random.Random(7)
    texts = _texts(queries, rng)
    Matcher(council).suggest(texts[0])  # warm: the frequencies snapshot and the connection
    timings, baseline = [], []
    for text in texts:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        baseline.append(1000 * (time.perf_counter() - started))
        started = time.perf_counter()
        Matcher(council).suggest(text)
        timings.append(1000 * (time.perf_counter() - started))
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "baseline_p50": statistics.median(baseline),
    }
