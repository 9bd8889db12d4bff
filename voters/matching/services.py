"""The Office's synonym list: validated so that no entry makes every petition look alike; every change
indexes the council's petitions again (by a task)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.models import Council, User
from council.queue import enqueue
from council.services import record_delete, record_save
from council.text import fold

from .features import STOP_SYLLABLES, lower_words
from .index import COUNT_KEY, term_hash
from .models import Synonym, TermFrequency

DEFAULTS = Path(__file__).resolve().parent.parent / "data" / "synonyms.txt"
MIN_LETTERS = 2  # "a" or "x" would join every text that has it
TOO_COMMON = 0.25  # a variant found in more than this share of the petitions would make them all alike
TOO_COMMON_FROM = 40  # ... judged once the council has this many petitions


def default_groups() -> list[list[str]]:
    """The synonym list a council starts with (voters/data/synonyms.txt)."""
    groups = []
    for line in DEFAULTS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            groups.append([part.strip() for part in line.split(";") if part.strip()])
    return groups


def _variant_problem(variant: str) -> str | None:
    words = [fold(w) for w in lower_words(variant)]
    if not words:
        return _("“%(v)s” has no letters.")
    if len(words) == 1 and len(words[0]) < MIN_LETTERS:
        return _("“%(v)s” is a single character: it would make every petition that has it look alike.")
    if all(w in STOP_SYLLABLES or w.isdigit() for w in words):
        return _(
            "“%(v)s” is in nearly every petition (“đề nghị”, “cử tri”, …): it would make them all alike."
        )
    return None


def _key(variant: str) -> str:
    """A variant as compared with the others: "vay nặng lãi" and "vay nang lai" are the same entry."""
    return " ".join(fold(w) for w in lower_words(variant))


def _check(council: Council, phrases: str, *, instance: Synonym | None) -> str:
    variants = Synonym(phrases=phrases).variants()
    if len(variants) < 2:
        raise ValidationError({"phrases": _("Give at least two words or phrases, separated by semicolons.")})
    errors = [problem % {"v": v} for v in variants if (problem := _variant_problem(v))]
    keys = [_key(v) for v in variants]
    if len(set(keys)) < len(keys):
        errors.append(_("The same word is given twice."))
    others = Synonym.objects.filter(council=council)
    if instance is not None and instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    taken = {_key(v): row for row in others for v in row.variants()}
    errors.extend(
        _("“%(v)s” is already in the group “%(group)s”.") % {"v": v, "group": taken[key]}
        for v, key in zip(variants, keys, strict=True)
        if key in taken
    )
    counted = (
        TermFrequency.objects.filter(council=council, term=COUNT_KEY).values_list("df", flat=True).first()
    )
    if counted and counted >= TOO_COMMON_FROM:
        for v in variants:
            words = [fold(w) for w in lower_words(v)]
            term = " ".join(words[:2]) if len(words) > 1 else words[0]
            df = TermFrequency.objects.filter(council=council, term=term_hash(term)).values_list(
                "df", flat=True
            )
            share = (df.first() or 0) / counted
            if share > TOO_COMMON:
                errors.append(
                    _("“%(v)s” is in %(share)s%% of the council's petitions: it would make them look alike.")
                    % {"v": v, "share": round(100 * share)}
                )
    if errors:
        raise ValidationError({"phrases": errors})
    return "; ".join(variants)


def _reindex(council: Council) -> None:
    enqueue("voters.tasks.match_reindex_task", council.pk)


@transaction.atomic
def synonym_create(*, actor: User | None, council: Council, phrases: str, note: str = "") -> Synonym:
    synonym = Synonym(council=council, phrases=_check(council, phrases, instance=None), note=note)
    record_save(synonym, actor=actor)
    _reindex(council)
    return synonym


@transaction.atomic
def synonym_update(synonym: Synonym, *, actor: User | None, phrases: str, note: str = "") -> Synonym:
    synonym.phrases = _check(synonym.council, phrases, instance=synonym)
    synonym.note = note
    record_save(synonym, actor=actor, update_fields=["phrases", "note"])
    _reindex(synonym.council)
    return synonym


@transaction.atomic
def synonym_delete(synonym: Synonym, *, actor: User | None) -> None:
    council = synonym.council
    record_delete(synonym, actor=actor)
    _reindex(council)


@transaction.atomic
def synonyms_load_defaults(*, actor: User | None, council: Council) -> int:
    """Add the groups of the default list the council does not have yet; return how many were added."""
    added = 0
    for group in default_groups():
        try:
            with transaction.atomic():
                synonym = Synonym(council=council, phrases=_check(council, "; ".join(group), instance=None))
                record_save(synonym, actor=actor)
        except ValidationError:
            continue  # the council already has one of its words in a group of its own
        added += 1
    if added:
        _reindex(council)
    return added
