"""Consolidating a round of voter contact at once: the pending opinions of a session's voter meetings (or of a
period, through any channel) proposed as groups raising the same issue; the clerk arranges and confirms the
groups, and one action makes each confirmed group a petition or adds it to an existing one.

Nothing is merged or consolidated automatically: the duplicate finder only proposes groups and suggestions."""

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext as _

from council.models import Council, User
from council.text import fold, normalize

from . import services
from .matching.matcher import Matcher
from .models import Petition, VoterOpinion

TITLE_MAX = 300  # Petition.title's max_length
MAX_ROUND = 600  # opinions shown on one page; a larger round is narrowed by commune
SUGGESTIONS = 3  # existing petitions offered per group
WEAK = 0.4  # a suggestion scored below this is marked weak: the "a" key asks before choosing it

# --- Reads: the round and the proposed groups -----------------------------------------------------------


def round_opinions(
    council: Council,
    *,
    session=None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    unit=None,
) -> QuerySet:
    """The round's pending opinions: those of the session's voter meetings, or those received in the period
    through any channel; optionally of one commune."""
    qs = VoterOpinion.objects.for_council(council).pending()
    if session is not None:
        qs = qs.filter(meeting__session=session)
    else:
        qs = qs.filter(received_on__range=(since, until))
    if unit is not None:
        qs = qs.filter(admin_unit=unit)
    return (
        qs.with_channel_name()
        .select_related("meeting__place", "reception", "admin_unit")
        .order_by("received_on", "pk")
    )


def opinions_by_pk(council: Council, pks: Iterable[int]) -> dict[int, VoterOpinion]:
    """Opinions of the council by id (consolidated ones too, so that a refused group still shows them)."""
    qs = VoterOpinion.objects.for_council(council).filter(pk__in=list(pks)).with_channel_name()
    return {o.pk: o for o in qs.select_related("meeting__place", "reception", "admin_unit", "petition")}


def default_title(opinions: list[VoterOpinion]) -> str:
    """A subject for a new petition: the shortest opinion of the group, trimmed to a subject's length."""
    texts = [" ".join(o.text.split()) for o in opinions if o.text.strip()]
    if not texts:
        return ""
    text = min(texts, key=len)
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1].rstrip() + "…"


@dataclass
class Suggestion:
    """An existing petition a group likely repeats: weak below WEAK, and offered only if it takes opinions."""

    score: float
    petition: Petition

    @property
    def weak(self) -> bool:
        return self.score < WEAK

    @property
    def open(self) -> bool:
        return services.petition_accepts_opinions(self.petition)


@dataclass
class RoundGroup:
    """One group of the round as the page shows it: its opinions, the clerk's decisions and any errors."""

    number: int
    opinions: list[VoterOpinion]
    title: str = ""
    petition: str = ""  # the tracking code of an existing petition to add to; empty: a new petition
    confirmed: bool = False
    skipped: bool = False
    suggestions: list[Suggestion] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the page changed by itself, e.g. opinions taken out

    @property
    def voters(self) -> int:
        return sum(o.voters_count for o in self.opinions)

    @property
    def suggested_codes(self) -> set[str]:
        """The codes offered in the group's list (a petition that takes no more opinions is only shown)."""
        return {s.petition.code for s in self.suggestions if s.open}


def _unit(opinion: VoterOpinion) -> str:
    """The commune an opinion came from, evidence for the duplicate finder (read with the opinion)."""
    return opinion.admin_unit.name if opinion.admin_unit_id else ""


def propose_groups(council: Council, opinions: list[VoterOpinion]) -> list[RoundGroup]:
    """The duplicate finder's groups of the round, numbered from 1, each with a proposed subject."""
    if not opinions:
        return []
    by_pk = {o.pk: o for o in opinions}
    keys = Matcher(council).group([(o.pk, o.text) for o in opinions], units=[_unit(o) for o in opinions])
    groups = []
    for number, members in enumerate(keys, start=1):
        chosen = [by_pk[pk] for pk in members]
        groups.append(RoundGroup(number=number, opinions=chosen, title=default_title(chosen)))
    return groups


def attach_suggestions(council: Council, groups: list[RoundGroup]) -> None:
    """Give each group the existing petitions its opinions most likely repeat, best first (a fixed number of
    queries for the whole round: one suggest_many over every text, one read of the petitions)."""
    opinions = [o for g in groups for o in g.opinions]
    if not opinions:
        return
    found = iter(
        Matcher(council).suggest_many(
            [o.text for o in opinions],
            fields=[o.field_id for o in opinions],
            units=[_unit(o) for o in opinions],
            limit=SUGGESTIONS,
        )
    )
    best_by_group = []
    for group in groups:
        best: dict[int, float] = {}
        for _opinion in group.opinions:
            for match in next(found):
                best[match.petition_id] = max(best.get(match.petition_id, 0.0), match.score)
        best_by_group.append(sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:SUGGESTIONS])
    wanted = {pk for best in best_by_group for pk, _score in best}
    petitions = Petition.objects.filter(pk__in=wanted).exclude(state=Petition.State.MERGED).in_bulk()
    for group, best in zip(groups, best_by_group, strict=True):
        group.suggestions = [Suggestion(score, petitions[pk]) for pk, score in best if pk in petitions]


# --- The write: every confirmed group at once -------------------------------------------------------------


@dataclass
class GroupPlan:
    """A confirmed group: its opinions (ids) and either a new petition's subject or an existing one's code."""

    key: str
    opinions: list[int]
    title: str = ""
    petition: str = ""


@dataclass
class RoundResult:
    created: list[Petition] = field(default_factory=list)
    attached: list[tuple[Petition, int]] = field(default_factory=list)  # (petition, opinions added)

    @property
    def opinions_attached(self) -> int:
        return sum(n for _petition, n in self.attached)


def clean_code(value: str) -> str:
    return normalize(value or "").upper().replace(" ", "")


def snippet(opinion: VoterOpinion) -> str:
    text = " ".join(opinion.text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def _check(council: Council, plans: list[GroupPlan]):
    """Every error of every group, keyed by the group's key; the opinions and target petitions, locked."""
    errors: dict[str, list[str]] = defaultdict(list)
    wanted = [pk for plan in plans for pk in plan.opinions]
    # Locked: a clerk consolidating the same opinions from a meeting's page waits, then is refused here.
    found = {o.pk: o for o in VoterOpinion.objects.select_for_update().filter(pk__in=wanted)}
    codes_of = dict(
        Petition.objects.filter(pk__in={o.petition_id for o in found.values() if o.petition_id}).values_list(
            "pk", "code"
        )
    )
    codes = {clean_code(plan.petition) for plan in plans if clean_code(plan.petition)}
    targets = {
        p.code: p for p in Petition.objects.select_for_update().filter(council=council, code__in=codes)
    }
    merged_into = dict(
        Petition.objects.filter(
            pk__in={p.merged_into_id for p in targets.values() if p.merged_into_id}
        ).values_list("pk", "code")
    )
    seen: set[int] = set()
    for plan in plans:
        problems = errors[plan.key]
        if not plan.opinions:
            problems.append(_("This group has no opinions."))
        for pk in plan.opinions:
            opinion = found.get(pk)
            if pk in seen:
                problems.append(_("An opinion cannot be in two groups."))
            seen.add(pk)
            if opinion is None or opinion.council_id != council.pk:
                problems.append(_("An opinion of this group no longer exists; load the round again."))
            elif opinion.petition_id:
                problems.append(
                    _("The opinion “%(text)s” is already part of petition %(code)s.")
                    % {"text": snippet(opinion), "code": codes_of.get(opinion.petition_id, "?")}
                )
            elif opinion.spot_answer:
                problems.append(
                    _("The opinion “%(text)s” was answered on the spot; it is not consolidated.")
                    % {"text": snippet(opinion)}
                )
        code = clean_code(plan.petition)
        if code:
            target = targets.get(code)
            if target is None:
                problems.append(_("No petition of this council has the code %(code)s.") % {"code": code})
            elif target.state == Petition.State.MERGED:
                problems.append(
                    _("Petition %(code)s was merged into %(into)s; add the group to %(into)s instead.")
                    % {"code": code, "into": merged_into.get(target.merged_into_id, "?")}
                )
            elif not services.petition_accepts_opinions(target):
                problems.append(
                    _("Petition %(code)s is already answered (%(state)s): make the group a new petition.")
                    % {"code": code, "state": target.get_state_display()}
                )
        else:
            title = normalize(plan.title or "")
            if not title:
                problems.append(_("Give the petition a short subject."))
            elif len(title) > TITLE_MAX:
                problems.append(
                    _("The subject is at most %(max)s characters (it has %(n)s).")
                    % {"max": TITLE_MAX, "n": len(title)}
                )
    return {key: value for key, value in errors.items() if value}, found, targets


@transaction.atomic
def round_consolidate(*, actor: User | None, council: Council, groups: Iterable[GroupPlan]) -> RoundResult:
    """Make each confirmed group a petition, or add it to the existing petition chosen for it.

    Everything is checked first and written all or nothing: on any error no group is consolidated, and the
    ValidationError maps each failing group's key to its messages."""
    plans = list(groups)
    if not plans:
        raise ValidationError(_("Confirm at least one group to consolidate."))
    errors, found, targets = _check(council, plans)
    if errors:
        raise ValidationError(errors)
    result = RoundResult()
    for plan in plans:
        opinions = [found[pk] for pk in plan.opinions]
        code = clean_code(plan.petition)
        try:
            if code:
                petition = services.petition_attach(targets[code], actor=actor, opinions=opinions)
                result.attached.append((petition, len(opinions)))
            else:
                petition = services.petition_create(
                    actor=actor, council=council, title=normalize(plan.title), opinions=opinions
                )
                result.created.append(petition)
        except ValidationError as error:
            # Raised out of the atomic block: the groups written before this one are undone too.
            raise ValidationError({plan.key: error.messages}) from error
    return result


def round_problems(council: Council, plans: list[GroupPlan]) -> dict[str, list[str]]:
    """The errors round_consolidate would give these groups now, keyed by group (writes nothing)."""
    if not plans:
        return {}
    with transaction.atomic():  # the check locks its rows, which needs a transaction on PostgreSQL
        errors, _found, _targets = _check(council, plans)
    return errors


def take_out_unavailable(council: Council, groups: list[RoundGroup]) -> list[tuple[VoterOpinion, str]]:
    """Take out of the groups every opinion that can no longer be consolidated (consolidated meanwhile, e.g.
    in another tab, answered on the spot, or deleted); note it on its group. Returns each opinion taken out
    with where it went (a petition's code, or empty). Groups left empty are dropped by the caller."""
    fresh = opinions_by_pk(council, [o.pk for g in groups for o in g.opinions])
    removed = []
    for group in groups:
        kept = []
        for opinion in group.opinions:
            now = fresh.get(opinion.pk)
            if now is not None and not now.petition_id and not now.spot_answer:
                kept.append(now)
                continue
            code = now.petition.code if now is not None and now.petition_id else ""
            removed.append((opinion, code))
            group.notes.append(
                _("Taken out: “%(text)s” is already part of petition %(code)s.")
                % {"text": snippet(opinion), "code": code}
                if code
                else _("Taken out: “%(text)s” can no longer be consolidated.") % {"text": snippet(opinion)}
            )
        group.opinions = kept
    return removed


# --- Any petition to merge into another -----------------------------------------------------------------

MERGE_SEARCH_LIMIT = 10
PREFIX_MIN = 4  # a shorter word is too often inside another ("tin" in "tinh")


def petitions_to_merge(council: Council, petition: Petition, query: str) -> list[Petition]:
    """The council's petitions whose code, subject or text hold every word typed as a whole word (accents
    ignored; the last word, while typed, may be the start of one if it has at least PREFIX_MIN characters),
    those holding the words in the order typed first, then newest first: never a merged one, never the
    petition itself (one query).

    Whole words, because folded Vietnamese is full of short words inside others ("tin" in "tinh")."""
    words = re.findall(r"[a-z0-9]+", fold(query))[:8]
    if not words:
        return []
    qs = Petition.objects.for_council(council).exclude(pk=petition.pk).exclude(state=Petition.State.MERGED)
    for n, word in enumerate(words, start=1):
        end = "" if n == len(words) and len(word) >= PREFIX_MIN else "([^a-z0-9]|$)"
        # The plain "contains" narrows cheaply first; the pattern (the same on SQLite and PostgreSQL) then
        # holds the word to its boundaries.
        qs = qs.filter(search_text__contains=word, search_text__regex=f"(^|[^a-z0-9]){word}{end}")
    phrase = " ".join(words)
    qs = qs.annotate(
        in_order=Case(
            When(search_text__contains=phrase, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    )
    return list(
        qs.select_related("admin_unit").order_by("in_order", "-received_on", "-pk")[:MERGE_SEARCH_LIMIT]
    )
