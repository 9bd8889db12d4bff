"""Writes for consultations on draft resolutions: prepared, opened, closed with a summary and the responses
counted per channel, and linked to the resolution adopted from the draft. Every change leaves history."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.models import Council, User
from council.services import record_delete, record_save, record_update
from council.uploads import atomic_with_files, attach_file, replace_file

from ..consultations import Consultation, ConsultationResponseCount
from ..models import OutreachChannel
from .common import _lock

Status = Consultation.Status


def _check_channels(council_id: int, channels) -> list[OutreachChannel]:
    channels = list(channels)
    if any(c.council_id != council_id for c in channels):
        raise ValidationError({"channels": _("This belongs to another council.")})
    return channels


@atomic_with_files
def consultation_create(
    *, actor: User | None, council: Council, channels=(), upload=None, **data: Any
) -> Consultation:
    """Prepare a consultation on a draft (planned until the Office opens it)."""
    channels = _check_channels(council.pk, channels)
    consultation = Consultation(council=council, created_by=actor, status=Status.PLANNED, **data)
    attach_file(consultation, upload, prefix=f"voters/{council.pk}/consultations")
    record_save(consultation, actor=actor)
    consultation.channels.set(channels)
    return consultation


@atomic_with_files
def consultation_update(
    consultation: Consultation, *, actor: User | None, channels=None, upload=None, **data: Any
) -> Consultation:
    """Change a consultation's draft, dates, committee or channels (a channel taken off loses its count)."""
    data.pop("status", None)  # moves through consultation_open / consultation_close only
    replace_file(consultation, upload, prefix=f"voters/{consultation.council_id}/consultations", data=data)
    record_update(consultation, actor=actor, **data)
    if channels is not None:
        channels = _check_channels(consultation.council_id, channels)
        if consultation.status == Status.CLOSED and not channels:
            raise ValidationError({"channels": _("A closed consultation keeps the channels it counted.")})
        consultation.channels.set(channels)
        for row in consultation.response_counts.exclude(channel__in=channels):
            record_delete(row, actor=actor)
    return consultation


@transaction.atomic
def consultation_open(consultation: Consultation, *, actor: User | None) -> Consultation:
    """Open a planned consultation to the people: it needs at least one channel to go out through."""
    consultation = _lock(Consultation, consultation)
    if consultation.status != Status.PLANNED:
        raise ValidationError(_("Only a planned consultation can be opened."))
    if not consultation.channels.exists():
        raise ValidationError({"channels": _("Choose the channels the consultation goes out through first.")})
    consultation.status = Status.OPEN
    return record_save(consultation, actor=actor, update_fields=["status"])


def _save_counts(consultation: Consultation, counts: Mapping, *, actor: User | None) -> None:
    used = {c.pk: c for c in consultation.channels.all()}
    for channel, count in counts.items():
        channel_id = getattr(channel, "pk", channel)
        if channel_id not in used:
            raise ValidationError(_("Count responses only for the channels the consultation used."))
        if count is None or int(count) < 0:
            raise ValidationError(_("A number of responses is zero or more."))
    existing = {row.channel_id: row for row in consultation.response_counts.all()}
    for channel, count in counts.items():
        channel_id = getattr(channel, "pk", channel)
        row = existing.get(channel_id)
        if row is None:
            record_save(
                ConsultationResponseCount(consultation=consultation, channel=used[channel_id], count=count),
                actor=actor,
            )
        elif row.count != count:
            record_update(row, actor=actor, count=count)


@transaction.atomic
def consultation_counts_save(
    consultation: Consultation, *, actor: User | None, counts: Mapping
) -> Consultation:
    """Record the responses each channel has brought in so far (``{channel: count}``)."""
    consultation = _lock(Consultation, consultation)
    if consultation.status == Status.PLANNED:
        raise ValidationError(_("Responses are counted once the consultation is open."))
    _save_counts(consultation, counts, actor=actor)
    return consultation


@transaction.atomic
def consultation_close(
    consultation: Consultation, *, actor: User | None, summary: str, counts: Mapping
) -> Consultation:
    """Close an open consultation: a summary of the responses and a count for every channel used."""
    consultation = _lock(Consultation, consultation)
    if consultation.status != Status.OPEN:
        raise ValidationError(_("Only an open consultation can be closed."))
    summary = (summary or "").strip()
    errors = {}
    if not summary:
        errors["summary"] = _("Summarise the responses before closing the consultation.")
    used = set(consultation.channels.values_list("pk", flat=True))
    given = {getattr(c, "pk", c) for c, n in counts.items() if n is not None}
    if not used or used - given:
        errors["counts"] = _("Give the number of responses of every channel used (0 if none).")
    if errors:
        raise ValidationError(errors)
    _save_counts(consultation, counts, actor=actor)
    consultation.status = Status.CLOSED
    consultation.summary = summary
    return record_save(consultation, actor=actor, update_fields=["status", "summary"])


@transaction.atomic
def consultation_link_resolution(
    consultation: Consultation, *, actor: User | None, resolution
) -> Consultation:
    """Name the resolution adopted from the consulted draft (or none, to unlink)."""
    consultation = _lock(Consultation, consultation)
    if resolution is not None and resolution.council_id != consultation.council_id:
        raise ValidationError({"resolution": _("This belongs to another council.")})
    if resolution is not None and consultation.status != Status.CLOSED:
        raise ValidationError(_("Link the adopted resolution once the consultation is closed."))
    return record_update(consultation, actor=actor, resolution=resolution)
