"""Writes about the processing of personal data: publishing the council's processing notice."""

from __future__ import annotations

from django.db import transaction

from ..models import Council, ProcessingNotice, User
from ..privacy import default_texts, notice_current
from ..text import normalize
from .records import record_save


@transaction.atomic
def processing_notice_publish(*, council: Council, actor: User | None, **texts: str) -> ProcessingNotice:
    """Publish the notice as a new version (the earlier ones stay, with the petitions that consented to them).

    Texts identical to the version in force publish nothing: that version is returned."""
    Council.objects.select_for_update().get(pk=council.pk)
    current = notice_current(council)
    texts = {name: normalize(texts.get(name, "")).strip() for name in ProcessingNotice.TEXT_FIELDS}
    if current is not None and all(getattr(current, k) == v for k, v in texts.items()):
        return current
    notice = ProcessingNotice(
        council=council, version=(current.version + 1) if current else 1, published_by=actor, **texts
    )
    return record_save(notice, actor=actor)


def processing_notice_in_force(*, council: Council) -> ProcessingNotice:
    """The version in force, publishing the default text as version 1 if the council has none yet."""
    return notice_current(council) or processing_notice_publish(
        council=council, actor=None, **default_texts()
    )
