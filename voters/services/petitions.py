"""Writes that make petitions: opinions consolidated into a petition with its tracking code, more opinions
attached, duplicates merged, and a citizen's online submission."""

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, FollowUp, User
from council.services import (
    processing_notice_in_force,
    record_save,
)
from council.text import normalize

from ..matching.index import index_petition, unindex_petition
from ..models import (
    Channel,
    Petition,
    VoterOpinion,
)
from .common import _lock, current_unit
from .meetings import opinion_add

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
State = Petition.State


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
    record_save(petition, actor=actor, update_fields=[*assign_keys, "title", "text"], reason=reason)
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
    if duplicate.state in ANSWERED or FollowUp.objects.of_sources([duplicate]).exists():
        raise ValidationError(
            _(
                "Petition %(code)s is already with an agency (%(state)s): open %(code)s and merge "
                "%(other)s into it instead."
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


# --- Public submissions ---------------------------------------------------------------------------------


@transaction.atomic
@transaction.atomic
def public_submit(
    *,
    council: Council,
    name: str,
    phone: str,
    email: str,
    address: str,
    admin_unit,
    title: str,
    text: str,
    consent: bool,
    notice_version: int | None = None,
) -> Petition:
    """A citizen's online petition: recorded as an opinion of the web channel and a petition with a code.

    The citizen's name and contact are kept once, on the petition (where only those allowed see them), never
    copied into the opinion, which every voter reader lists. Nothing is recorded without the citizen's
    consent to the processing notice in force, whose version is kept with the time of consent (a notice
    published while the citizen was writing is refused: they consented to another text)."""
    if not consent:
        raise ValidationError(
            {
                "consent": _(
                    "Your petition cannot be recorded without your consent to the processing of your "
                    "personal data: tick the box after reading the notice."
                )
            }
        )
    notice = processing_notice_in_force(council=council)
    if notice_version is not None and notice_version != notice.version:
        raise ValidationError(
            {
                "consent": _(
                    "The notice on the processing of personal data was updated while you were writing. "
                    "Please read it again and tick the box."
                )
            }
        )
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
        consent_at=timezone.now(),
        notice=notice,
    )
