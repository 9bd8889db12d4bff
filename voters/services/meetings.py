"""Writes for voter meetings and the opinions recorded at them (or at a reception, or sent in)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.events import announce
from council.models import Council, User
from council.services import (
    record_delete,
    record_save,
    record_update,
)
from council.text import normalize
from council.uploads import atomic_with_files, attach_file, replace_file

from ..models import (
    VoterMeeting,
    VoterOpinion,
)
from .common import _lock, current_unit

# Delegates recorded at a meeting held within these days are told (an archive typed in later is not).
RECENT_MEETING = dt.timedelta(days=30)


@atomic_with_files
def meeting_create(
    *, actor: User | None, council: Council, delegates=(), upload=None, **data: Any
) -> VoterMeeting:
    meeting = VoterMeeting(council=council, **data)
    attach_file(meeting, upload, prefix=f"voters/{council.pk}")
    record_save(meeting, actor=actor)
    meeting.delegates.set(delegates)
    _announce_scheduled(meeting, list(delegates))
    return meeting


@atomic_with_files
def meeting_update(
    meeting: VoterMeeting, *, actor: User | None, delegates=None, upload=None, **data: Any
) -> VoterMeeting:
    replace_file(meeting, upload, prefix=f"voters/{meeting.council_id}", data=data)
    record_update(meeting, actor=actor, **data)
    if delegates is not None:
        before = set(meeting.delegates.values_list("pk", flat=True))
        meeting.delegates.set(delegates)
        _announce_scheduled(meeting, [mandate for mandate in delegates if mandate.pk not in before])
    return meeting


def _announce_scheduled(meeting: VoterMeeting, added: list) -> None:
    """Tell the delegates just put down for a planned meeting, or recorded at a recent one (they can add what
    voters raised); a meeting of long ago typed in from the archive tells nobody."""
    if added and meeting.date >= timezone.localdate() - RECENT_MEETING:
        announce("voter_meeting.scheduled", meeting, mandates=added)


@transaction.atomic
def opinion_add(*, actor: User | None, council: Council, channel: str, **data: Any) -> VoterOpinion:
    """Record one opinion; at a meeting it takes the meeting's date and commune unless given."""
    meeting = data.get("meeting")
    if meeting is not None:
        if not meeting.is_held():
            raise ValidationError(
                _("The meeting is planned for %(date)s: its opinions are recorded once it is held.")
                % {"date": f"{meeting.date:%d/%m/%Y}"}
            )
        data.setdefault("received_on", meeting.date)
        if not data.get("admin_unit"):
            data["admin_unit"] = meeting.place
    reception = data.get("reception")
    if reception is not None:
        data.setdefault("received_on", reception.date)
    data["admin_unit"] = current_unit(data.get("admin_unit"))
    opinion = VoterOpinion(council=council, channel=channel, **data)
    opinion.text = normalize(opinion.text or "")
    return record_save(opinion, actor=actor)


@transaction.atomic
def opinion_remove(opinion: VoterOpinion, *, actor: User | None) -> None:
    """Remove an opinion entered by mistake (only before it is part of a petition)."""
    opinion = _lock(VoterOpinion, opinion)
    if opinion.petition_id:
        raise ValidationError(_("This opinion is part of a petition; take it out of the petition first."))
    record_delete(opinion, actor=actor)
