"""Writes for directives: the directive, its items (each tracked as a follow-up of the body responsible),
progress reported by the responsible person, and the founding conclusion seeded as the first directive."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Agency, Council, FollowUp, User
from council.services import followup_answer, followup_open, record_save, record_update
from council.uploads import atomic_with_files, attach_file, replace_file

from . import founding
from .models import Directive, DirectiveItem
from .permissions import can_report_on_item

Responsible = DirectiveItem.Responsible


@atomic_with_files
def directive_create(*, actor: User | None, council: Council, upload=None, **data: Any) -> Directive:
    directive = Directive(council=council, **data)
    attach_file(directive, upload, prefix=f"directives/{council.pk}")
    return record_save(directive, actor=actor)


@atomic_with_files
def directive_update(directive: Directive, *, actor: User | None, upload=None, **data: Any) -> Directive:
    replace_file(directive, upload, prefix=f"directives/{directive.council_id}", data=data)
    return record_update(directive, actor=actor, **data)


def _body(item: DirectiveItem, *, actor: User | None) -> Agency:
    """The follow-up spine addresses an agency: the responsible body of the council stands in as one
    (inactive, so it is never offered where petitions or recommendations are addressed)."""
    council = item.directive.council
    kind = Agency.Kind.COUNCIL_OFFICE if item.responsible == Responsible.OFFICE else Agency.Kind.COUNCIL_BODY
    name = item.responsible_name[:200]
    body = Agency.objects.filter(council=council, name=name).first()
    if body is None:
        body = record_save(Agency(council=council, name=name, kind=kind, is_active=False), actor=actor)
    return body


def item_due_date(item: DirectiveItem, today: dt.date | None = None) -> dt.date:
    """The item's own due date, or for a standing task the end of the current year."""
    if item.due_date:
        return item.due_date
    today = today or timezone.localdate()
    return dt.date(max(today.year, item.directive.issued_on.year), 12, 31)


@transaction.atomic
def item_add(directive: Directive, *, actor: User | None, **data: Any) -> DirectiveItem:
    """Add an item and start tracking it as a follow-up of its responsible body."""
    data.setdefault("order", directive.items.count() + 1)
    item = record_save(DirectiveItem(directive=directive, **data), actor=actor)
    followup_open(
        actor=actor,
        council=directive.council,
        source=item,
        agency=_body(item, actor=actor),
        title=f"{item.section} {item.text}"[:300],
        description=_("%(directive)s — %(section)s %(title)s: %(text)s")
        % {"directive": directive, "section": item.section, "title": item.section_title, "text": item.text},
        assigned_date=directive.issued_on,
        due_date=item_due_date(item),
        reference=f"{directive.symbol} {item.section}".strip(),
    )
    return item


def item_followup(item: DirectiveItem) -> FollowUp | None:
    """The item's current follow-up: the open one, else the latest round."""
    followups = FollowUp.objects.of_sources([item])
    return followups.filter(closed_on__isnull=True).first() or followups.order_by("-due_date", "-pk").first()


@transaction.atomic
def item_report(
    item: DirectiveItem, *, actor: User, status: str, text: str, progress: int | None = None, files=()
) -> None:
    """The responsible person reports progress; the Office verifies it like any follow-up."""
    if not can_report_on_item(actor, item):
        raise ValidationError(_("Only the person or body responsible for this item reports on it."))
    followup = item_followup(item)
    if followup is None:
        raise ValidationError(_("This item is not tracked."))
    followup_answer(followup, actor=actor, status=status, text=text, progress=progress, files=files)


@transaction.atomic
def founding_seed(council: Council, *, actor: User | None, assign) -> Directive:
    """Record the founding conclusion with its items, once; ``assign(item)`` gives each item's responsible
    fields (a dict), so a real installation and the demo can each assign as they see fit."""
    directive = Directive.objects.filter(
        council=council, issuer=founding.ISSUER, issued_on=founding.ISSUED_ON
    ).first()
    if directive is not None:
        return directive
    directive = directive_create(
        actor=actor,
        council=council,
        kind=Directive.Kind.CONCLUSION,
        issued_on=founding.ISSUED_ON,
        issuer=founding.ISSUER,
        # The conclusion is the Party delegation's own ("Kết luận của Đảng đoàn HĐND tỉnh", signed on its
        # behalf by its deputy secretary), addressed to the council's Standing Committee to carry out.
        issuing_body=Directive.IssuingBody.PARTY_DELEGATION,
        subject=founding.SUBJECT,
    )
    for order, entry in enumerate(founding.founding_items(), start=1):
        item_add(
            directive,
            actor=actor,
            order=order,
            section=entry.section,
            section_title=entry.section_title[:200],
            text=entry.text,
            **assign(entry),
        )
    return directive


@transaction.atomic
def yearly_round(directive: Directive, *, actor: User | None, year: int) -> int:
    """Open this year's follow-up for each recurring item whose earlier round is done, so periodic tasks
    (a coordination agreement's yearly review, a task each session) are chased again. Returns how many."""
    opened = 0
    for item in directive.items.exclude(recurrence=DirectiveItem.Recurrence.ONCE):
        followups = FollowUp.objects.of_sources([item])
        if (
            followups.filter(closed_on__isnull=True).exists()
            or followups.filter(due_date__year=year).exists()
        ):
            continue
        followup_open(
            actor=actor,
            council=directive.council,
            source=item,
            agency=_body(item, actor=actor),
            title=f"{item.section} {item.text}"[:300],
            description=_("%(directive)s — %(section)s %(title)s: %(text)s (%(year)s)")
            % {
                "directive": directive,
                "section": item.section,
                "title": item.section_title,
                "text": item.text,
                "year": year,
            },
            assigned_date=dt.date(year, 1, 1),
            due_date=dt.date(year, 12, 31),
            reference=f"{directive.symbol} {item.section} {year}".strip(),
        )
        opened += 1
    return opened
