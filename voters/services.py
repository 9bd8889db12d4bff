"""Writes for voters and citizens: meetings and their opinions, petitions from consolidation to closing,
citizen reception and letters. Every function validates first, is atomic and leaves history."""

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import AdminUnit, Agency, Council, CouncilStatus, FollowUp, User
from council.personal_data import searchable_text
from council.services import (
    followup_link_source,
    followup_open,
    followup_reopen,
    followup_verify,
    record_save,
    record_update,
)
from council.text import fold, normalize
from council.uploads import atomic_with_files, attach_file, replace_file
from council.workdays import rule_in_force

from .matching.index import index_petition, unindex_petition
from .models import (
    Channel,
    Competence,
    Letter,
    Petition,
    Reception,
    VoterMeeting,
    VoterOpinion,
)

PETITION_RULE = "petition-answer"
LETTER_RULES = {Letter.Kind.FEEDBACK: "letter-processing"}
LETTER_DEFAULT_RULE = "complaint-transfer"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
State = Petition.State


def _lock(model, obj):
    model.objects.select_for_update().filter(pk=obj.pk).values_list("pk", flat=True).first()
    obj.refresh_from_db()
    return obj


def current_unit(unit: AdminUnit | None) -> AdminUnit | None:
    """A commune merged away in 2025 maps to the unit it became part of (followed through later mergers)."""
    seen = set()
    while unit is not None and unit.valid_to is not None and unit.pk not in seen:
        seen.add(unit.pk)
        successor = unit.successors.order_by("-valid_from", "pk").first()
        if successor is None:
            break
        unit = successor
    return unit


# --- Voter meetings and opinions ------------------------------------------------------------------------


@atomic_with_files
def meeting_create(
    *, actor: User | None, council: Council, delegates=(), upload=None, **data: Any
) -> VoterMeeting:
    meeting = VoterMeeting(council=council, **data)
    attach_file(meeting, upload, prefix=f"voters/{council.pk}")
    record_save(meeting, actor=actor)
    meeting.delegates.set(delegates)
    return meeting


@atomic_with_files
def meeting_update(
    meeting: VoterMeeting, *, actor: User | None, delegates=None, upload=None, **data: Any
) -> VoterMeeting:
    replace_file(meeting, upload, prefix=f"voters/{meeting.council_id}", data=data)
    record_update(meeting, actor=actor, **data)
    if delegates is not None:
        meeting.delegates.set(delegates)
    return meeting


def _opinion_search_text(opinion: VoterOpinion) -> str:
    # Never a personal field (council/personal_data.py): those are searched only by who may see them.
    return fold(opinion.text)


@transaction.atomic
def opinion_add(*, actor: User | None, council: Council, channel: str, **data: Any) -> VoterOpinion:
    """Record one opinion; at a meeting it takes the meeting's date and commune unless given."""
    meeting = data.get("meeting")
    if meeting is not None:
        data.setdefault("received_on", meeting.date)
        if not data.get("admin_unit"):
            data["admin_unit"] = meeting.place
    reception = data.get("reception")
    if reception is not None:
        data.setdefault("received_on", reception.date)
    data["admin_unit"] = current_unit(data.get("admin_unit"))
    opinion = VoterOpinion(council=council, channel=channel, **data)
    opinion.text = normalize(opinion.text or "")
    opinion.search_text = _opinion_search_text(opinion)
    return record_save(opinion, actor=actor)


@transaction.atomic
def opinion_remove(opinion: VoterOpinion, *, actor: User | None) -> None:
    """Remove an opinion entered by mistake (only before it is part of a petition)."""
    opinion = _lock(VoterOpinion, opinion)
    if opinion.petition_id:
        raise ValidationError(_("This opinion is part of a petition; take it out of the petition first."))
    opinion._history_user = actor
    opinion.delete()


# --- Petitions: consolidation ---------------------------------------------------------------------------


def _new_code(council: Council, on: dt.date) -> str:
    for _attempt in range(20):
        code = f"KN{on:%y}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        if not Petition.objects.filter(code=code).exists():
            return code
    raise RuntimeError("Could not draw a free tracking code.")  # pragma: no cover - 32^6 codes a year


def _refresh_totals(petition: Petition, *, actor: User | None) -> Petition:
    """Recompute the count of voters and the date first received from the petition's opinions."""
    opinions = petition.opinions.all()
    totals = opinions.aggregate(voters=Sum("voters_count"))
    first = opinions.order_by("received_on").values_list("received_on", flat=True).first()
    petition.voters_count = max(totals["voters"] or 0, 1)
    if first is not None:
        petition.received_on = min(first, petition.received_on) if petition.received_on else first
    return record_save(petition, actor=actor, update_fields=["voters_count", "received_on"])


def _search_text(petition: Petition) -> str:
    return fold(f"{petition.code} {petition.title} {petition.text}")


def _check_opinions(council: Council, opinions: list[VoterOpinion]) -> None:
    if not opinions:
        raise ValidationError(_("Choose at least one opinion."))
    for opinion in opinions:
        if opinion.council_id != council.pk:
            raise ValidationError(_("This belongs to another council."))
        if opinion.petition_id:
            raise ValidationError(
                _("The opinion “%(text)s” is already part of petition %(code)s.")
                % {"text": opinion.text[:60], "code": opinion.petition.code}
            )


@transaction.atomic
def petition_create(
    *,
    actor: User | None,
    council: Council,
    title: str,
    text: str = "",
    opinions: Iterable[VoterOpinion] = (),
    received_on: dt.date | None = None,
    **data: Any,
) -> Petition:
    """Consolidate opinions (or a single submission) into a new petition with its own tracking code."""
    opinions = list(opinions)
    if opinions:
        _check_opinions(council, opinions)
    on = received_on or min((o.received_on for o in opinions), default=None) or timezone.localdate()
    admin_unit = data.pop("admin_unit", None) or next(
        (o.admin_unit for o in opinions if o.admin_unit_id), None
    )
    fields = {o.field for o in opinions if o.field_id}
    if data.get("field") is None and len(fields) == 1:
        data["field"] = fields.pop()  # the opinions' own field, as the minutes named it
    petition = Petition(
        council=council,
        code=_new_code(council, on),
        title=title,
        text=text or "\n".join(o.text for o in opinions),
        received_on=on,
        admin_unit=current_unit(admin_unit),
        created_by=actor,
        **data,
    )
    _normalise(petition)
    petition.search_text = _search_text(petition)
    try:
        with transaction.atomic():
            record_save(petition, actor=actor)
    except IntegrityError as error:  # the same external id imported twice at once
        raise ValidationError(_("A petition with this external id already exists.")) from error
    for opinion in opinions:
        opinion.petition = petition
        record_save(opinion, actor=actor, update_fields=["petition"])
    if opinions:
        _refresh_totals(petition, actor=actor)
    index_petition(petition)
    return petition


def _normalise(petition: Petition) -> None:
    petition.title = normalize(petition.title or "")
    petition.text = normalize(petition.text or "")
    if not petition.title:
        raise ValidationError({"title": _("Give the petition a short subject.")})
    if not petition.text:
        raise ValidationError({"text": _("Write what the voters petition.")})


@transaction.atomic
def petition_update(petition: Petition, *, actor: User | None, reason: str = "", **data: Any) -> Petition:
    if "admin_unit" in data:
        data["admin_unit"] = current_unit(data["admin_unit"])
    assign_keys = list(data)
    for key, value in data.items():
        setattr(petition, key, value)
    _normalise(petition)
    petition.search_text = _search_text(petition)
    record_save(
        petition, actor=actor, update_fields=[*assign_keys, "title", "text", "search_text"], reason=reason
    )
    index_petition(petition)
    return petition


# A petition whose answer was reviewed, reported or given to voters takes no more opinions: new voters raising
# the issue again make a new petition (the answer they get may differ), never one already counted as answered.
ANSWERED = (State.REVIEWED, State.REPORTED, State.INFORMED, State.CLOSED)


def petition_accepts_opinions(petition: Petition) -> bool:
    return petition.state not in (*ANSWERED, State.MERGED)


def _check_accepts(petition: Petition) -> None:
    if petition.state == State.MERGED:
        raise ValidationError(
            _("This petition was merged into %(code)s.") % {"code": petition.merged_into.code}
        )
    if not petition_accepts_opinions(petition):
        raise ValidationError(
            _(
                "Petition %(code)s is already answered (%(state)s): record the new voters' opinions as a new "
                "petition."
            )
            % {"code": petition.code, "state": petition.get_state_display()}
        )


def merge_direction(petition: Petition, other: Petition, *, transferred: set[int]) -> str:
    """How two likely duplicates can be merged: "here" (the other into this one), "there" (this one into the
    other), or "" (neither: an answered petition takes no more, and one already with an agency stays).
    ``transferred``: ids of the petitions with a follow-up."""
    if petition_accepts_opinions(petition) and _movable(other, transferred):
        return "here"
    if petition_accepts_opinions(other) and _movable(petition, transferred):
        return "there"
    return ""


def _movable(petition: Petition, transferred: set[int]) -> bool:
    """Whether a petition can be merged into another: not with an agency, not answered."""
    return petition.pk not in transferred and petition_accepts_opinions(petition)


@transaction.atomic
def petition_attach(petition: Petition, *, actor: User | None, opinions: Iterable[VoterOpinion]) -> Petition:
    """Add more opinions to an existing petition: the count of voters grows."""
    petition = _lock(Petition, petition)
    opinions = list(opinions)
    _check_opinions(petition.council, opinions)
    _check_accepts(petition)
    for opinion in opinions:
        opinion.petition = petition
        record_save(opinion, actor=actor, update_fields=["petition"])
    return _refresh_totals(petition, actor=actor)


@transaction.atomic
def petition_merge(target: Petition, *, actor: User | None, duplicate: Petition) -> Petition:
    """Merge a duplicate into the target: every source opinion moves over, the voters are counted once more,
    and the duplicate keeps its code (a citizen who has it is shown where it went)."""
    target, duplicate = _lock(Petition, target), _lock(Petition, duplicate)
    if target.pk == duplicate.pk:
        raise ValidationError(_("A petition cannot be merged into itself."))
    if target.council_id != duplicate.council_id:
        raise ValidationError(_("This belongs to another council."))
    if State.MERGED in (target.state, duplicate.state):
        raise ValidationError(_("A petition that was already merged cannot be merged again."))
    _check_accepts(target)
    if (
        duplicate.state in ANSWERED
        or FollowUp.objects.filter(source_type__model="petition", source_id=duplicate.pk).exists()
    ):
        raise ValidationError(
            _(
                "Petition %(code)s is already with an agency (%(state)s): open %(code)s and merge %(other)s into "
                "it instead."
            )
            % {"code": duplicate.code, "state": duplicate.get_state_display(), "other": target.code}
        )
    moved = list(duplicate.opinions.all())
    for opinion in moved:
        opinion.petition = target
        record_save(opinion, actor=actor, update_fields=["petition"])
    if not moved:  # a petition recorded without opinions (e.g. imported) still counts its voters
        target.voters_count += duplicate.voters_count
        record_save(target, actor=actor, update_fields=["voters_count"])
    duplicate.state = State.MERGED
    duplicate.merged_into = target
    record_save(duplicate, actor=actor, update_fields=["state", "merged_into"], reason=f"→ {target.code}")
    unindex_petition(duplicate)
    if moved:
        _refresh_totals(target, actor=actor)
    if duplicate.received_on < target.received_on:
        target.received_on = duplicate.received_on
        record_save(target, actor=actor, update_fields=["received_on"])
    return target


# --- Petitions: classification, transfer and the rest of the workflow ----------------------------------


@transaction.atomic
def petition_classify(
    petition: Petition,
    *,
    actor: User | None,
    field,
    competence: str,
    admin_unit=None,
    committee=None,
    agency=None,
    reason: str = "",
) -> Petition:
    petition = _lock(Petition, petition)
    if petition.state not in (State.RECORDED, State.CLASSIFIED):
        raise ValidationError(_("Only a petition not yet transferred can be classified."))
    if competence not in Competence.values:
        raise ValidationError({"competence": _("Choose the level of competence.")})
    if competence != Competence.CENTRAL and agency is None:
        raise ValidationError({"agency": _("Choose the agency responsible for answering.")})
    petition.field, petition.competence, petition.committee, petition.agency = (
        field,
        competence,
        committee,
        agency,
    )
    if admin_unit is not None:
        petition.admin_unit = current_unit(admin_unit)
    petition.state = State.CLASSIFIED
    return record_save(
        petition,
        actor=actor,
        update_fields=["field", "competence", "committee", "agency", "admin_unit", "state"],
        reason=reason,
    )


@transaction.atomic
def petition_transfer(
    petition: Petition,
    *,
    actor: User | None,
    assigned_date: dt.date | None = None,
    due_date: dt.date | None = None,
    override_reason: str = "",
) -> FollowUp | None:
    """Transfer a classified petition to its agency (a follow-up with the rule's deadline); a central matter
    goes to the National Assembly delegation instead."""
    petition = _lock(Petition, petition)
    if petition.state != State.CLASSIFIED:
        raise ValidationError(_("Classify the petition before transferring it."))
    if petition.competence == Competence.CENTRAL:
        petition.state = State.TO_NA_DELEGATION
        record_save(petition, actor=actor, update_fields=["state"])
        return None
    agency = petition.agency
    if agency is None or agency.council_id != petition.council_id:
        raise ValidationError({"agency": _("Choose an agency of this council.")})
    assigned = assigned_date or timezone.localdate()
    rule = rule_in_force(petition.council, PETITION_RULE, assigned)
    followup = followup_open(
        actor=actor,
        council=petition.council,
        source=petition,
        agency=agency,
        title=petition.title,
        description=petition.text,
        field=petition.field,
        assigned_date=assigned,
        rule=rule if (due_date is None or override_reason) else None,
        due_date=due_date,
        override_reason=override_reason,
        reference=petition.code,
    )
    petition.state = State.TRANSFERRED
    record_save(petition, actor=actor, update_fields=["state"])
    return followup


def petition_followup(petition: Petition) -> FollowUp | None:
    return (
        FollowUp.objects.filter(source_type__model="petition", source_id=petition.pk)
        .select_related("agency")
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def petition_review(petition: Petition, *, actor: User | None, outcome: str, text: str = "") -> Petition:
    """The lead committee reviews the agency's answer (the council's verification of the follow-up)."""
    petition = _lock(Petition, petition)
    followup = petition_followup(petition)
    if petition.state != State.TRANSFERRED or followup is None:
        raise ValidationError(_("Only a transferred petition has an answer to review."))
    if not followup.first_answered_on:
        raise ValidationError(_("The agency has not answered yet."))
    followup_verify(followup, actor=actor, outcome=outcome, text=text, close=outcome == CouncilStatus.DONE)
    petition.state = State.REVIEWED
    return record_save(petition, actor=actor, update_fields=["state"])


@transaction.atomic
def petition_report(petition: Petition, *, actor: User | None, session) -> Petition:
    petition = _lock(Petition, petition)
    if petition.state not in (State.REVIEWED, State.TO_NA_DELEGATION):
        raise ValidationError(_("Report a petition at a session once its answer is reviewed."))
    if session.council_id != petition.council_id:
        raise ValidationError({"session": _("This belongs to another council.")})
    petition.session, petition.state = session, State.REPORTED
    return record_save(petition, actor=actor, update_fields=["session", "state"])


@transaction.atomic
def petition_inform(
    petition: Petition, *, actor: User | None, answer_summary: str, publish: bool
) -> Petition:
    """Voters were informed of the answer; what they were told may be published for the public lookup."""
    petition = _lock(Petition, petition)
    if petition.state != State.REPORTED:
        raise ValidationError(_("Voters are informed after the petition is reported at a session."))
    if publish and not normalize(answer_summary):
        raise ValidationError({"answer_summary": _("Write the answer to publish.")})
    petition.state, petition.answer_summary, petition.published = State.INFORMED, answer_summary, publish
    return record_save(petition, actor=actor, update_fields=["state", "answer_summary", "published"])


@transaction.atomic
def petition_conclude(petition: Petition, *, actor: User | None, outcome: str, roadmap: str = "") -> Petition:
    """Close the petition as resolved, keep it in progress on a roadmap, or keep monitoring it unresolved."""
    petition = _lock(Petition, petition)
    if petition.state not in (State.INFORMED, State.ROADMAP, State.UNRESOLVED):
        raise ValidationError(_("A petition is concluded once voters were informed."))
    if outcome not in (State.CLOSED, State.ROADMAP, State.UNRESOLVED):
        raise ValidationError({"outcome": _("Choose how the petition ends.")})
    if outcome == State.ROADMAP and not normalize(roadmap):
        raise ValidationError({"roadmap": _("Describe the roadmap: what will be done, by when.")})
    followup = petition_followup(petition)
    if outcome == State.UNRESOLVED and followup is not None and not followup.is_open:
        followup_reopen(followup, actor=actor, reason=_("Unresolved petition, monitored again."))
    petition.state, petition.roadmap = outcome, roadmap or petition.roadmap
    return record_save(petition, actor=actor, update_fields=["state", "roadmap"])


@transaction.atomic
def petition_adopt_followup(
    followup: FollowUp, *, actor: User | None, opinions: Iterable[VoterOpinion], title: str = ""
) -> Petition:
    """Register the petition behind a follow-up that was opened before the petition was recorded here
    (carried over from an old register): the petition is recorded as transferred to the follow-up's agency,
    and the follow-up takes its tracking code, the code the public lookup accepts."""
    if followup.source_kind != Petition.FOLLOWUP_SOURCE_KIND or followup.source_id is not None:
        raise ValidationError(_("This follow-up is not a petition waiting for its record."))
    petition = petition_create(
        actor=actor,
        council=followup.council,
        title=title or followup.title,
        text=followup.description,
        opinions=opinions,
        field=followup.field,
        agency=followup.agency,
        competence=Competence.PROVINCE,
        state=State.TRANSFERRED,
    )
    followup_link_source(followup, actor=actor, source=petition, reference=petition.code)
    return petition


# --- Public submissions ---------------------------------------------------------------------------------


@transaction.atomic
def public_submit(
    *, council: Council, name: str, phone: str, email: str, address: str, admin_unit, title: str, text: str
) -> Petition:
    """A citizen's online petition: recorded as an opinion of the web channel and a petition with a code.

    The citizen's name and contact are kept once, on the petition (where only those allowed see them), never
    copied into the opinion, which every voter reader lists."""
    today = timezone.localdate()
    opinion = opinion_add(
        actor=None,
        council=council,
        channel=Channel.WEB,
        received_on=today,
        text=text,
        admin_unit=admin_unit,
    )
    return petition_create(
        actor=None,
        council=council,
        title=title,
        text=text,
        opinions=[opinion],
        received_on=today,
        contact_name=name,
        contact_phone=phone,
        contact_email=email,
        contact_address=address,
    )


# --- Citizen reception and letters ---------------------------------------------------------------------


@transaction.atomic
def reception_create(*, actor: User | None, council: Council, hosts=(), **data: Any) -> Reception:
    reception = record_save(Reception(council=council, **data), actor=actor)
    reception.hosts.set(hosts)
    return reception


@transaction.atomic
def reception_update(reception: Reception, *, actor: User | None, hosts=None, **data: Any) -> Reception:
    record_update(reception, actor=actor, **data)
    if hosts is not None:
        reception.hosts.set(hosts)
    return reception


def _letter_text(letter: Letter) -> str:
    return fold(letter.summary)


@transaction.atomic
def letter_create(*, actor: User | None, council: Council, **data: Any) -> Letter:
    letter = Letter(council=council, **data)
    if letter.anonymous:
        letter.sender_name = letter.sender_address = letter.sender_phone = ""
    letter.admin_unit = current_unit(letter.admin_unit)
    # The content names the sender: it is searched only by who may read it (Redactor.search_q).
    letter.search_text = searchable_text(letter, ["summary"])
    return record_save(letter, actor=actor)


@transaction.atomic
def letter_update(letter: Letter, *, actor: User | None, **data: Any) -> Letter:
    for key, value in data.items():
        setattr(letter, key, value)
    if letter.anonymous:
        letter.sender_name = letter.sender_address = letter.sender_phone = ""
    # The content names the sender: it is searched only by who may read it (Redactor.search_q).
    letter.search_text = searchable_text(letter, ["summary"])
    return record_save(letter, actor=actor)


def letter_followup_title(letter: Letter) -> str:
    """The subject of a letter's follow-up: its kind, date and commune, never its content."""
    where = f" — {letter.admin_unit.name}" if letter.admin_unit_id else ""
    return _("%(kind)s received %(date)s (letter no. %(number)s)%(where)s") % {
        "kind": letter.get_kind_display(),
        "date": f"{letter.received_on:%d/%m/%Y}",
        "number": letter.pk,
        "where": where,
    }


@transaction.atomic
def letter_handle(
    letter: Letter, *, actor: User | None, to: str, agency: Agency | None = None, note: str = ""
) -> Letter:
    """Move a letter along: classified, sender guided, transferred (a follow-up), archived, result, closed."""
    letter = _lock(Letter, letter)
    if to not in Letter.NEXT_STATES.get(letter.state, ()):
        raise ValidationError(
            _("From “%(state)s” the letter cannot move to “%(to)s”.")
            % {
                "state": letter.get_state_display(),
                "to": Letter.State(to).label if to in Letter.State.values else to,
            }
        )
    fields = ["state"]
    if to == Letter.State.TRANSFERRED:
        if agency is None or agency.council_id != letter.council_id:
            raise ValidationError({"agency": _("Choose an agency of this council.")})
        today = timezone.localdate()
        code = LETTER_RULES.get(letter.kind, LETTER_DEFAULT_RULE)
        followup_open(
            actor=actor,
            council=letter.council,
            source=letter,
            agency=agency,
            # The subject is neutral (it is listed, searched and exported for every follow-up reader); the
            # content names the citizen, so it is marked personal (council/personal_data.py) and shown only
            # to the Office, the Standing Committee and the agency that must answer it. A denouncer's
            # identity never travels with the item.
            title=letter_followup_title(letter),
            description=letter.summary,
            assigned_date=today,
            rule=rule_in_force(letter.council, code, today),
        )
        letter.agency = agency
        fields.append("agency")
    letter.state = to
    return record_save(letter, actor=actor, update_fields=fields, reason=note)
