"""Writes to the council's reference data: terms, constituencies, committees, agencies, fields, the
working-day calendar, deadline rules and roles. A calendar change moves the open deadlines counted in
working days."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.models import (
    Agency,
    Committee,
    Constituency,
    Council,
    DeadlineRule,
    Field,
    Holiday,
    RoleAssignment,
    Term,
    User,
)

from .followup_deadlines import followups_recompute_due
from .records import assign_fields, record_create, record_delete, record_save, record_update


def term_create(*, actor: User | None, council: Council, **data: Any) -> Term:
    return record_create(Term, actor=actor, council=council, **data)


@transaction.atomic
def constituency_create(*, actor: User | None, council: Council, admin_units=(), **data: Any) -> Constituency:
    constituency = record_create(Constituency, actor=actor, council=council, **data)
    constituency.admin_units.set(admin_units)
    return constituency


@transaction.atomic
def constituency_update(constituency: Constituency, *, actor: User | None, admin_units=None, **data: Any):
    record_update(constituency, actor=actor, **data)
    if admin_units is not None:
        constituency.admin_units.set(admin_units)
    return constituency


def committee_create(*, actor: User | None, council: Council, **data: Any) -> Committee:
    return record_create(Committee, actor=actor, council=council, **data)


def agency_create(*, actor: User | None, council: Council, **data: Any) -> Agency:
    return record_create(Agency, actor=actor, council=council, **data)


def field_create(*, actor: User | None, council: Council, **data: Any) -> Field:
    return record_create(Field, actor=actor, council=council, **data)


def _calendar_changed(council: Council, actor: User | None, holiday: Holiday, verb: str) -> None:
    reason = f"{verb}: {holiday}"
    followups_recompute_due(council=council, actor=actor, reason=reason)


@transaction.atomic
def holiday_create(*, actor: User | None, council: Council, **data: Any) -> Holiday:
    """Add a day off (or make-up working day); open deadlines counted in working days move with it."""
    holiday = record_create(Holiday, actor=actor, council=council, **data)
    _calendar_changed(council, actor, holiday, _("Calendar changed, day added"))
    return holiday


@transaction.atomic
def holiday_update(holiday: Holiday, *, actor: User | None, **data: Any) -> Holiday:
    record_update(holiday, actor=actor, **data)
    _calendar_changed(holiday.council, actor, holiday, _("Calendar changed, day edited"))
    return holiday


@transaction.atomic
def holiday_delete(holiday: Holiday, *, actor: User | None) -> None:
    """Remove a calendar row (its history stays) and move the open deadlines back."""
    council = holiday.council
    record_delete(holiday, actor=actor)
    _calendar_changed(council, actor, holiday, _("Calendar changed, day removed"))


def _check_rule_versions(rule: DeadlineRule) -> None:
    """Two versions of one rule may not be in force on the same day, or deadlines become ambiguous."""
    versions = DeadlineRule.objects.filter(council=rule.council, code=rule.code).exclude(pk=rule.pk)
    for other in versions:
        starts_before_other_ends = other.valid_to is None or rule.valid_from <= other.valid_to
        ends_after_other_starts = rule.valid_to is None or rule.valid_to >= other.valid_from
        if starts_before_other_ends and ends_after_other_starts:
            raise ValidationError(
                {
                    "valid_from": _(
                        "Another version of rule “%(code)s” is in force from %(start)s; end it first "
                        "(set its “valid until”) so that only one version applies on any day."
                    )
                    % {"code": rule.code, "start": f"{other.valid_from:%d/%m/%Y}"}
                }
            )


@transaction.atomic
def deadline_rule_create(*, actor: User | None, council: Council, **data: Any) -> DeadlineRule:
    rule = DeadlineRule(council=council, **data)
    if rule.code and rule.valid_from:
        _check_rule_versions(rule)
    return record_save(rule, actor=actor)


@transaction.atomic
def deadline_rule_update(rule: DeadlineRule, *, actor: User | None, **data: Any) -> DeadlineRule:
    if not assign_fields(rule, data):
        return rule
    _check_rule_versions(rule)
    return record_save(rule, actor=actor, update_fields=list(data))


@transaction.atomic
def role_assign(
    *, actor: User | None, user: User, council: Council, role: str, committee=None, agency=None
) -> RoleAssignment:
    """Give a user a role in a council (idempotent)."""
    existing = RoleAssignment.objects.filter(
        user=user, council=council, role=role, committee=committee, agency=agency
    ).first()
    if existing:
        return existing
    assignment = RoleAssignment(user=user, council=council, role=role, committee=committee, agency=agency)
    return record_save(assignment, actor=actor)
