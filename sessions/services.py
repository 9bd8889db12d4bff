"""Writes for sessions: sittings, agenda, and the speeches the Office logs live."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from council.models import Council, FollowUp, User
from council.models.followups import EscalationStep
from council.services import assign_fields, followup_escalation_scheduled, followup_open, record_save
from council.uploads import atomic_with_files, attach_file
from council.workdays import apply_rule, rule_in_force
from delegates.models import Mandate

from .models import (
    AgendaItem,
    Commitment,
    DelegateVote,
    Interpellation,
    InterpellationAnswer,
    Resolution,
    ResolutionTask,
    Session,
    SessionDocument,
    Sitting,
    Speech,
    Vote,
)


@transaction.atomic
def session_create(*, actor: User | None, council: Council, **data: Any) -> Session:
    return record_save(Session(council=council, **data), actor=actor)


@transaction.atomic
def sitting_create(*, actor: User | None, council: Council, **data: Any) -> Sitting:
    return record_save(Sitting(council=council, **data), actor=actor)


@transaction.atomic
def agenda_item_create(*, actor: User | None, council: Council, **data: Any) -> AgendaItem:
    return record_save(AgendaItem(council=council, **data), actor=actor)


@transaction.atomic
def speech_log(
    *,
    actor: User | None,
    sitting: Sitting,
    kind: str,
    mandate=None,
    official: str = "",
    agency=None,
    agenda_item: AgendaItem | None = None,
    duration_seconds: int = 0,
    venue: str | None = None,
    summary: str = "",
) -> Speech:
    """Record one speech at a sitting (the venue follows the sitting unless given)."""
    if duration_seconds < 0:
        raise ValidationError({"duration_seconds": _("The duration cannot be negative.")})
    speech = Speech(
        council_id=sitting.council_id,
        sitting=sitting,
        kind=kind,
        mandate=mandate,
        official=official,
        agency=agency,
        agenda_item=agenda_item,
        duration_seconds=duration_seconds,
        venue=venue or sitting.venue,
        summary=summary,
    )
    return record_save(speech, actor=actor)


CORRECTABLE = ("kind", "duration_seconds", "mandate", "official", "agenda_item")


@transaction.atomic
def speech_correct(speech: Speech, *, actor: User | None, reason: str, **data: Any) -> Speech:
    """Correct a logged speech afterwards (its speaker, kind, length or item); the history keeps the old
    values, the actor and the reason. Only the fields given change: a duration not given keeps its seconds."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the speech record is corrected.")})
    unknown = set(data) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"speech_correct cannot change {sorted(unknown)}")
    if "duration_seconds" in data:
        seconds = data["duration_seconds"]
        if isinstance(seconds, bool) or not isinstance(seconds, int):
            raise ValidationError({"duration_seconds": _("The duration is a whole number of seconds.")})
        if seconds < 0:
            raise ValidationError({"duration_seconds": _("The duration cannot be negative.")})
    if data.get("mandate") is not None:
        # A delegate replaces an official: the speaker is one or the other, never both.
        data["official"] = ""
    Speech.objects.select_for_update().filter(pk=speech.pk).values_list("pk", flat=True).first()
    changed = assign_fields(speech, data)
    if not changed:
        return speech
    return record_save(speech, actor=actor, update_fields=changed, reason=reason)


@transaction.atomic
def speech_remove(speech: Speech, *, actor: User | None, reason: str) -> None:
    """Remove a speech logged by mistake; the history keeps it, with who removed it and why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the speech record is removed.")})
    speech._history_user = actor
    speech._change_reason = reason
    speech.delete()


# --- Interpellations ------------------------------------------------------------------------------------

WRITTEN_ANSWER_RULE = "interpellation-written-answer"


@transaction.atomic
def interpellation_draft(
    *,
    actor: User | None,
    council: Council,
    term,
    askers,
    agency,
    respondent_title: str,
    question: str,
    from_followup=None,
    **data: Any,
) -> Interpellation:
    """Write an interpellation slip (a delegate for themselves, or the Office for delegates). A slip drafted
    from an overdue follow-up moves that item's escalation ladder to the interpellation step."""
    if not askers:
        raise ValidationError({"askers": _("Name at least one delegate who asks.")})
    for mandate in askers:
        if mandate.term_id != term.pk or mandate.council_id != council.pk:
            raise ValidationError(
                {"askers": _("%(delegate)s has no mandate in this term.") % {"delegate": mandate.delegate}}
            )

    slip = record_save(
        Interpellation(
            council=council,
            term=term,
            agency=agency,
            respondent_title=respondent_title,
            question=question,
            created_by=actor,
            **data,
        ),
        actor=actor,
    )
    slip.askers.set(askers)
    if from_followup is not None:
        if from_followup.council_id != council.pk:
            raise ValidationError(_("This belongs to another council."))
        followup_escalation_scheduled(
            from_followup,
            actor=actor,
            step=EscalationStep.INTERPELLATION,
            text=_("Interpellation drafted: %(question)s") % {"question": question[:200]},
        )
    return slip


def _slip(interpellation: Interpellation) -> Interpellation:
    Interpellation.objects.select_for_update().filter(pk=interpellation.pk).values_list(
        "pk", flat=True
    ).first()
    interpellation.refresh_from_db()
    return interpellation


def _require_state(slip: Interpellation, *states: str) -> None:
    if slip.state not in states:
        raise ValidationError(
            _("Not possible while the interpellation is “%(state)s”.") % {"state": slip.get_state_display()}
        )


@transaction.atomic
def interpellation_submit(interpellation: Interpellation, *, actor: User | None, on) -> Interpellation:
    slip = _slip(interpellation)
    _require_state(slip, Interpellation.State.DRAFT)
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    slip.state = Interpellation.State.SUBMITTED
    slip.submitted_on = on
    return record_save(slip, actor=actor, update_fields=["state", "submitted_on"])


@transaction.atomic
def interpellation_assign(interpellation: Interpellation, *, actor: User | None, mode: str) -> Interpellation:
    """Group for an oral answer at the sitting, or assign a written answer due by the rule in force."""
    slip = _slip(interpellation)
    _require_state(slip, Interpellation.State.SUBMITTED)
    slip.mode = mode
    fields = ["mode", "state"]
    if mode == Interpellation.Mode.WRITTEN:
        rule = rule_in_force(slip.council, WRITTEN_ANSWER_RULE, slip.submitted_on)
        if rule is None:
            raise ValidationError(
                _("No deadline rule “%(code)s” is in force on %(date)s; add it under deadline rules.")
                % {"code": WRITTEN_ANSWER_RULE, "date": f"{slip.submitted_on:%d/%m/%Y}"}
            )
        slip.rule, slip.answer_due = rule, apply_rule(rule, slip.submitted_on)
        slip.state = Interpellation.State.WRITTEN
        fields += ["rule", "answer_due"]
    else:
        slip.state = Interpellation.State.ORAL
    return record_save(slip, actor=actor, update_fields=fields)


@transaction.atomic
def interpellation_reject(
    interpellation: Interpellation, *, actor: User | None, reason: str
) -> Interpellation:
    slip = _slip(interpellation)
    _require_state(slip, Interpellation.State.SUBMITTED)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the interpellation is not accepted.")})
    slip.state = Interpellation.State.REJECTED
    return record_save(slip, actor=actor, update_fields=["state"], reason=reason)


@atomic_with_files
def interpellation_answer(
    interpellation: Interpellation,
    *,
    actor: User | None,
    answered_on,
    answered_by: str,
    text: str,
    upload=None,
) -> InterpellationAnswer:
    """Record an answer (oral at the sitting or the written reply, with its file)."""
    slip = _slip(interpellation)
    _require_state(
        slip, Interpellation.State.ORAL, Interpellation.State.WRITTEN, Interpellation.State.DISPUTED
    )
    answer = InterpellationAnswer(
        interpellation=slip, answered_on=answered_on, mode=slip.mode, answered_by=answered_by, text=text
    )
    if answered_on > timezone.localdate():
        raise ValidationError({"answered_on": _("The date cannot be in the future.")})
    attach_file(answer, upload, prefix=f"interpellations/{slip.council_id}")
    record_save(answer, actor=actor)
    slip.state = Interpellation.State.ANSWERED
    record_save(slip, actor=actor, update_fields=["state"])
    return answer


@transaction.atomic
def interpellation_assess(
    interpellation: Interpellation, *, actor: User | None, satisfaction: str
) -> Interpellation:
    """The asking delegate's verdict on the answer; an unsatisfied one disputes it."""
    slip = _slip(interpellation)
    _require_state(slip, Interpellation.State.ANSWERED)
    slip.satisfaction = satisfaction
    # Only a fully satisfied delegate accepts; a partly satisfied one still disputes the answer.
    slip.state = (
        Interpellation.State.ACCEPTED
        if satisfaction == Interpellation.Satisfaction.SATISFIED
        else Interpellation.State.DISPUTED
    )
    return record_save(slip, actor=actor, update_fields=["satisfaction", "state"])


@transaction.atomic
def interpellation_conclude(
    interpellation: Interpellation, *, actor: User | None, conclusion: str
) -> Interpellation:
    slip = _slip(interpellation)
    _require_state(
        slip, Interpellation.State.ANSWERED, Interpellation.State.ACCEPTED, Interpellation.State.DISPUTED
    )
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Write the chair's conclusion.")})
    slip.conclusion = conclusion
    slip.state = Interpellation.State.CONCLUDED
    return record_save(slip, actor=actor, update_fields=["conclusion", "state"])


@transaction.atomic
def commitment_add(
    interpellation: Interpellation, *, actor: User | None, text: str, due_date, agency=None
) -> Commitment:
    """Record a promise made in an answer and open its follow-up with the responding agency."""
    slip = _slip(interpellation)
    if not slip.answers.exists():
        raise ValidationError(_("A commitment is made in an answer: record the answer first."))
    commitment = record_save(Commitment(interpellation=slip, text=text), actor=actor)
    last_answer = slip.answers.order_by("-answered_on", "-pk").first()
    followup_open(
        actor=actor,
        council=slip.council,
        source=commitment,
        agency=agency or slip.agency,
        title=text[:300],
        description=_("Commitment of %(who)s in answer to the interpellation: %(question)s")
        % {"who": slip.respondent_title, "question": slip.question},
        assigned_date=last_answer.answered_on,
        due_date=due_date,
        field=slip.field,
    )
    return commitment


# --- Resolutions ----------------------------------------------------------------------------------------


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
    """A passed vote adopts the resolution on the vote's day; a failed one leaves it without adoption dates."""
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
                "With these counts the resolution did not pass, but it already assigns %(count)s tasks followed "
                "up with agencies. Close those follow-ups first."
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
    entered = {key: sum(1 for c in ballots.values() if c == key) for key in COUNTED}
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


# --- Documents sent to delegates ------------------------------------------------------------------------

DOCUMENTS_RULE = "session-documents-to-delegates"


def documents_deadline(session: Session):
    """The last day documents may reach delegates, by the rule in force at the session's opening."""
    rule = rule_in_force(session.council, DOCUMENTS_RULE, session.start_date)
    return apply_rule(rule, session.start_date) if rule else None


@atomic_with_files
def document_add(*, actor: User | None, session: Session, upload=None, **data: Any) -> SessionDocument:
    """Record a document sent to delegates, with its file stored privately under a generated name."""
    document = SessionDocument(council=session.council, session=session, **data)
    attach_file(document, upload, prefix=f"sessions/{session.council_id}")
    return record_save(document, actor=actor)
