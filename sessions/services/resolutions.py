"""Writes for resolutions: the resolution, its vote (by counts or by roll call, and corrections of either)
with the adoption dates it settles, and the tasks it assigns."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from council.models import Council, FollowUp, User
from council.services import assign_fields, followup_open, record_save
from delegates.models import Mandate

from ..models import (
    DelegateVote,
    Resolution,
    ResolutionTask,
    Vote,
)


@transaction.atomic
def resolution_create(*, actor: User | None, council: Council, **data: Any) -> Resolution:
    return record_save(Resolution(council=council, **data), actor=actor)


def delegates_in_office(council: Council, on) -> int:
    """How many delegates hold a mandate on a day: the base of the majority rule."""
    return Mandate.objects.filter(council=council).active_on(on).count()


COUNTED = (DelegateVote.Choice.APPROVE, DelegateVote.Choice.REJECT, DelegateVote.Choice.ABSTAIN)
# Dates a resolution has only once adopted; a failed vote leaves them all empty.
ADOPTION_DATES = ("adopted_on", "signed_on", "effective_on", "published_on")


def _counts(vote: Vote) -> dict[str, int]:
    return {"approve": vote.approve, "reject": vote.reject, "abstain": vote.abstain}


def _count_differences(entered: dict[str, int], recorded: dict[str, int]) -> str:
    """ "approve: 45 entered, 47 recorded; …" for each count that differs."""
    return "; ".join(
        _("%(choice)s: %(entered)s entered, %(recorded)s recorded")
        % {
            "choice": DelegateVote.Choice(key).label.lower(),
            "entered": entered[key],
            "recorded": recorded[key],
        }
        for key in recorded
        if entered.get(key, 0) != recorded[key]
    )


def _sync_adoption(resolution: Resolution, vote: Vote, *, actor: User | None, reason: str) -> None:
    """A passed vote adopts the resolution on the vote's day; a failed one leaves its adoption dates empty."""
    if vote.passed and resolution.adopted_on is None:
        resolution.adopted_on = vote.voted_on
        record_save(resolution, actor=actor, update_fields=["adopted_on"], reason=reason)
    elif not vote.passed:
        cleared = [name for name in ADOPTION_DATES if getattr(resolution, name) is not None]
        for name in cleared:
            setattr(resolution, name, None)
        if cleared:
            record_save(resolution, actor=actor, update_fields=cleared, reason=reason)


def _locked_vote(vote: Vote) -> Vote:
    Vote.objects.select_for_update().filter(pk=vote.pk).values_list("pk", flat=True).first()
    vote.refresh_from_db()
    return vote


@transaction.atomic
def resolution_vote(
    resolution: Resolution,
    *,
    actor: User | None,
    voted_on,
    approve: int,
    reject: int = 0,
    abstain: int = 0,
    ballots: dict | None = None,
) -> Vote:
    """Record the vote, storing the number of delegates in office that day; passed = approve > half of them.

    A passed vote adopts the resolution on the vote's day; a failed one clears any adoption date entered
    beforehand. ``ballots`` (mandate → choice), when the voting system gives them, must agree with the counts.
    """
    # Locked first: two batches of the hall system sent at once record one vote, the other is refused.
    Resolution.objects.select_for_update().filter(pk=resolution.pk).values_list("pk", flat=True).first()
    if Vote.objects.filter(resolution=resolution).exists():
        raise ValidationError(_("This resolution already has its vote recorded."))
    if resolution.adopted_on and voted_on != resolution.adopted_on:
        raise ValidationError(
            _("The vote is the adoption: it took place on %(date)s.")
            % {"date": f"{resolution.adopted_on:%d/%m/%Y}"}
        )
    session = resolution.session
    if session is not None and not session.start_date <= voted_on <= session.end_date:
        raise ValidationError(
            {
                "voted_on": _("The vote takes place during the session (%(start)s – %(end)s).")
                % {"start": f"{session.start_date:%d/%m/%Y}", "end": f"{session.end_date:%d/%m/%Y}"}
            }
        )
    total = delegates_in_office(resolution.council, voted_on)
    vote = record_save(
        Vote(
            resolution=resolution,
            voted_on=voted_on,
            approve=approve,
            reject=reject,
            abstain=abstain,
            delegates_total=total,
        ),
        actor=actor,
    )
    _sync_adoption(
        resolution,
        vote,
        actor=actor,
        reason=_("Adopted by the vote.") if vote.passed else _("The vote did not pass: not adopted."),
    )
    if ballots:
        everyone = dict.fromkeys(mandates_in_office_at(vote), DelegateVote.Choice.ABSENT)
        vote_roll_call(vote, actor=actor, ballots={**everyone, **ballots})
    return vote


@transaction.atomic
def vote_correct(
    vote: Vote, *, actor: User | None, reason: str, approve: int, reject: int, abstain: int
) -> Vote:
    """Correct the counts of a recorded vote, with a reason kept in its history.

    The stored number of delegates in office does not change; whether the resolution passed follows the new
    counts, and its adoption date with it. A correction that no longer matches an entered roll call is
    refused: correct the roll call and the totals together on the roll-call page.
    """
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the vote is corrected.")})
    vote = _locked_vote(vote)
    new = {"approve": approve, "reject": reject, "abstain": abstain}
    roll_call = roll_call_counts(vote)
    if roll_call is not None and roll_call != new:
        raise ValidationError(
            _(
                "The roll call entered for this vote does not give these counts (%(diff)s). Correct the roll "
                "call and the totals together on the roll-call page."
            )
            % {"diff": _count_differences(roll_call, new)}
        )
    return _correct_counts(vote, actor=actor, reason=reason, counts=new)


def _correct_counts(vote: Vote, *, actor: User | None, reason: str, counts: dict[str, int]) -> Vote:
    changed = assign_fields(vote, counts)
    if not changed:
        raise ValidationError(_("These are the counts already recorded: nothing to correct."))
    record_save(vote, actor=actor, update_fields=changed, reason=reason)
    resolution = Resolution.objects.select_for_update().get(pk=vote.resolution_id)
    tasks = (
        FollowUp.objects.of_sources(ResolutionTask.objects.filter(resolution=resolution)).open().count()
        if not vote.passed
        else 0
    )
    if tasks:
        # Its tasks are already followed up with agencies; a resolution not adopted assigns nothing.
        raise ValidationError(
            _(
                "With these counts the resolution did not pass, but it already assigns %(count)s tasks "
                "followed up with agencies. Close those follow-ups first."
            )
            % {"count": tasks}
        )
    _sync_adoption(resolution, vote, actor=actor, reason=reason)
    return vote


def mandates_in_office_at(vote: Vote) -> list[Mandate]:
    """The mandates in office on the day of the vote, by name: the rows of its roll call."""
    return list(
        Mandate.objects.filter(council_id=vote.resolution.council_id)
        .active_on(vote.voted_on)
        .select_related("delegate")
        .order_by("delegate__name_folded", "pk")
    )


def roll_call_counts(vote: Vote) -> dict[str, int] | None:
    """The counts an entered roll call gives, or None when no roll call is entered."""
    choices = list(vote.ballots.values_list("choice", flat=True))
    if not choices:
        return None
    return {choice: choices.count(choice) for choice in COUNTED}


@transaction.atomic
def vote_roll_call(
    vote: Vote,
    *,
    actor: User | None,
    ballots: dict,
    correct_totals: bool = False,
    reason: str = "",
) -> list[DelegateVote]:
    """Enter or change how each delegate in office voted (mandate → choice), all or nothing.

    Every delegate in office on the vote's day has a choice, and the choices must give the recorded counts;
    otherwise nothing is saved and the error shows the difference. With ``correct_totals`` (and a reason) the
    recorded counts are corrected to the roll call's instead, in the same transaction.
    """
    vote = _locked_vote(vote)
    in_office = {m.pk: m for m in mandates_in_office_at(vote)}
    errors = []
    for mandate, choice in ballots.items():
        if mandate.pk not in in_office:
            errors.append(
                _("%(delegate)s did not hold a mandate on %(date)s.")
                % {"delegate": mandate.delegate, "date": f"{vote.voted_on:%d/%m/%Y}"}
            )
        elif choice not in DelegateVote.Choice.values:
            errors.append(_("%(delegate)s: choose how they voted.") % {"delegate": mandate.delegate})
    chosen = {m.pk for m in ballots}
    missing = [m for pk, m in in_office.items() if pk not in chosen]
    if missing:
        errors.append(
            _("%(count)s delegates have no choice yet: %(names)s.")
            % {"count": len(missing), "names": ", ".join(str(m.delegate) for m in missing[:10])}
        )
    if errors:
        raise ValidationError(errors)
    entered = {str(key): sum(1 for c in ballots.values() if c == key) for key in COUNTED}
    recorded = _counts(vote)
    if entered != recorded:
        if not correct_totals:
            raise ValidationError(
                _("The roll call does not match the recorded totals (%(diff)s). Nothing was saved.")
                % {"diff": _count_differences(entered, recorded)}
            )
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the recorded totals are corrected.")})
        _correct_counts(vote, actor=actor, reason=reason, counts=entered)
    elif correct_totals:
        raise ValidationError(_("The roll call already gives the recorded totals: untick the correction."))
    return _save_ballots(vote, ballots, actor=actor, reason=reason or _("Roll call entered."))


def _save_ballots(vote: Vote, ballots: dict, *, actor: User | None, reason: str) -> list[DelegateVote]:
    existing = {b.mandate_id: b for b in vote.ballots.all()}
    created, changed = [], []
    for mandate, choice in ballots.items():
        ballot = existing.get(mandate.pk)
        if ballot is None:
            created.append(DelegateVote(vote=vote, mandate=mandate, choice=choice))
        elif ballot.choice != choice:
            ballot.choice = choice
            changed.append(ballot)
    if created:
        bulk_create_with_history(created, DelegateVote, default_user=actor, default_change_reason=reason)
    if changed:
        bulk_update_with_history(
            changed, DelegateVote, ["choice"], default_user=actor, default_change_reason=reason
        )
    return created + changed


@transaction.atomic
def resolution_task_add(
    resolution: Resolution, *, actor: User | None, text: str, agency, due_date
) -> ResolutionTask:
    vote = Vote.objects.filter(resolution=resolution).first()
    if vote is None or not vote.passed:
        raise ValidationError(_("Only a passed resolution assigns tasks: record its vote first."))
    task = record_save(ResolutionTask(resolution=resolution, text=text), actor=actor)
    followup_open(
        actor=actor,
        council=resolution.council,
        source=task,
        agency=agency,
        title=text[:300],
        description=_("Task assigned by resolution %(symbol)s: %(title)s")
        % {"symbol": resolution.symbol, "title": resolution.title},
        assigned_date=resolution.effective_on or resolution.adopted_on,
        due_date=due_date,
        field=resolution.field,
        reference=resolution.symbol,
    )
    return task
