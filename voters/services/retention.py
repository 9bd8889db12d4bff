"""Retention of citizens' personal data (Law 91/2025/QH15 art. on storage limitation; Decree 13/2023/NĐ-CP).

A citizen's contact data — the fields the registry marks ``contact`` (council/personal_data.py): an online
petitioner's name, phone, e-mail and address, a voter's name and address on an opinion, a letter's sender
(a denouncer's identity among them: the same fields, of the protected category) — are anonymised
``PERSONAL_DATA_RETENTION_DAYS`` after the matter is closed. The content (petition text, opinion, letter,
answers), the figures (voters counted, states, dates, fields, communes) and the tracking code are kept.

When a matter is closed, and since when (its last recorded change, so never earlier than the closing):
- a petition resolved (``closed``), or merged into one that is;
- a letter closed or archived as ineligible;
- an opinion whose petition or letter is, or one answered on the spot and never consolidated (counted from
  the day received).

Each record is saved through ``record_save`` (a history row naming the reason), then its earlier history
rows are cleared of the same fields: the values are gone from the audit trail too, which still says who did
what, when."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from council.personal_data import contact_fields
from council.services import record_save

from ..models import Letter, Petition, VoterOpinion

logger = logging.getLogger(__name__)

# What an anonymised name reads (a letter must name its sender unless anonymous); other fields are emptied.
ANONYMISED = "—"
REASON = "Personal data anonymised: the retention period after the matter was closed ended"
BATCH = 500


@dataclass(frozen=True)
class Kind:
    code: str
    model: type
    label: str


def _erased(model) -> dict[str, str]:
    names = contact_fields(model)
    return {name: (ANONYMISED if name.endswith("_name") else "") for name in names}


def _holding_contact(model) -> Q:
    """Records with at least one contact field still holding a value (not yet anonymised)."""
    q = Q()
    for name, erased in _erased(model).items():
        q |= ~Q(**{name: erased}) & ~Q(**{name: ""})
    return q


def _last_change(model):
    history = model.history.model
    return Subquery(
        history.objects.filter(id=OuterRef("pk"))
        .exclude(history_change_reason=REASON)  # anonymising is not a change of the matter
        .values("id")
        .annotate(last=Max("history_date"))
        .values("last")[:1]
    )


def cutoff_now() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)


def closed_petitions(cutoff: dt.datetime) -> QuerySet[Petition]:
    """Petitions whose matter closed before ``cutoff``: resolved, or merged into a petition that is."""
    resolved = Petition.objects.filter(state=Petition.State.CLOSED).annotate(closed_at=_last_change(Petition))
    done = resolved.filter(closed_at__lt=cutoff)
    return Petition.objects.filter(
        Q(pk__in=done.values("pk")) | Q(state=Petition.State.MERGED, merged_into__in=done.values("pk"))
    )


def closed_letters(cutoff: dt.datetime) -> QuerySet[Letter]:
    ended = (Letter.State.CLOSED, Letter.State.ARCHIVED)
    rows = Letter.objects.filter(state__in=ended).annotate(closed_at=_last_change(Letter))
    return Letter.objects.filter(pk__in=rows.filter(closed_at__lt=cutoff).values("pk"))


def closed_opinions(cutoff: dt.datetime) -> QuerySet[VoterOpinion]:
    petitions = closed_petitions(cutoff)
    letters = closed_letters(cutoff)
    answered_on_the_spot = Q(petition=None, letter=None, received_on__lt=timezone.localdate(cutoff)) & ~Q(
        spot_answer=""
    )
    return VoterOpinion.objects.filter(
        Q(Exists(petitions.filter(pk=OuterRef("petition_id"))))
        | Q(Exists(letters.filter(pk=OuterRef("letter_id"))))
        | answered_on_the_spot
    )


def due(cutoff: dt.datetime | None = None) -> dict[str, QuerySet]:
    """Per kind, the records whose contact data are due for anonymisation (and still hold some)."""
    cutoff = cutoff or cutoff_now()
    letters = closed_letters(cutoff).filter(_holding_contact(Letter))
    return {
        "petitions": closed_petitions(cutoff).filter(_holding_contact(Petition)),
        "opinions": closed_opinions(cutoff).filter(_holding_contact(VoterOpinion)),
        "letters": letters.exclude(kind=Letter.Kind.DENUNCIATION),
        # A denouncer's identity: the registry's protected category, the same fields and the same rule.
        "protected identities": letters.filter(kind=Letter.Kind.DENUNCIATION),
    }


def anonymise_record(record, *, reason: str = REASON, actor=None) -> list[str]:
    """Anonymise one record's contact fields and clear them from its history rows; the fields changed."""
    model = type(record)
    erased = _erased(model)
    changed = [name for name, value in erased.items() if getattr(record, name) not in (value, "")]
    if not changed:
        return []
    for name, value in erased.items():
        setattr(record, name, value)
    record_save(record, actor=actor, update_fields=list(erased), reason=reason)
    model.history.filter(id=record.pk).update(**erased)
    return changed


def personal_data_anonymise(*, dry_run: bool = False, cutoff: dt.datetime | None = None) -> dict[str, int]:
    """Anonymise every record due (all councils); the number of records per kind (counted only when
    ``dry_run``). A record that fails validation is left as it was and logged, and the others go on."""
    counts: dict[str, int] = {}
    # Every kind's records are found before any is changed.
    plan = {
        kind: (records.model, list(records.values_list("pk", flat=True)))
        for kind, records in due(cutoff).items()
    }
    for kind, (model, pks) in plan.items():
        if dry_run:
            counts[kind] = len(pks)
            continue
        done = 0
        for pk in pks:
            try:
                with transaction.atomic():
                    record = model.objects.select_for_update().get(pk=pk)
                    if anonymise_record(record):
                        done += 1
            except ValidationError:
                logger.warning("Could not anonymise %s %s: it fails validation", model.__name__, pk)
        counts[kind] = done
    return counts
