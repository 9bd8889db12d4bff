"""Writes for the quality of resolutions: recording, correcting and removing what later happened to a
resolution (amended, replaced, annulled, suspended, a legal review finding), each with its history row."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.models import User
from council.services import record_delete, record_save, record_update

from ..models import Resolution, ResolutionQualityEvent


def _same_council(resolution: Resolution, amended_by: Resolution | None) -> None:
    if amended_by is not None and amended_by.council_id != resolution.council_id:
        raise ValidationError({"amended_by": _("This belongs to another council.")})


@transaction.atomic
def resolution_quality_record(
    resolution: Resolution, *, actor: User | None, amended_by: Resolution | None = None, **data: Any
) -> ResolutionQualityEvent:
    """Record that the resolution was amended, replaced, annulled, suspended or found at fault in review."""
    _same_council(resolution, amended_by)
    event = ResolutionQualityEvent(resolution=resolution, amended_by=amended_by, recorded_by=actor, **data)
    return record_save(event, actor=actor)


@transaction.atomic
def resolution_quality_update(
    event: ResolutionQualityEvent, *, actor: User | None, **data: Any
) -> ResolutionQualityEvent:
    data.pop("resolution", None)  # an event stays with the resolution it was recorded on
    _same_council(event.resolution, data.get("amended_by"))
    return record_update(event, actor=actor, **data)


@transaction.atomic
def resolution_quality_remove(event: ResolutionQualityEvent, *, actor: User | None, reason: str = "") -> None:
    """Remove an event recorded by mistake; its history keeps it, with who removed it and why."""
    record_delete(event, actor=actor, reason=reason)
