"""Writes to the institutional core. Views, forms, commands and tasks call these, nothing else."""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
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
from council.text import normalize

M = TypeVar("M", bound=models.Model)


def _normalise_text(instance: models.Model) -> None:
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, normalize(value))


def record_save(
    instance: M, *, actor: User | None, update_fields: list[str] | None = None, reason: str = ""
) -> M:
    """Validate and save one record, leaving a history row that names the actor."""
    _normalise_text(instance)
    instance.full_clean()
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.save(update_fields=update_fields)
    return instance


@transaction.atomic
def record_create(model: type[M], *, actor: User | None, council: Council, **data: Any) -> M:
    """Create a council-scoped record after full validation."""
    return record_save(model(council=council, **data), actor=actor)


def assign_fields(instance: models.Model, data: dict[str, Any]) -> list[str]:
    """Set the given attributes and return the names of those whose value changed."""
    changed = [name for name, value in data.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, data[name])
    return changed


@transaction.atomic
def record_update(instance: M, *, actor: User | None, **data: Any) -> M:
    """Change the given fields of a record; a no-op change writes nothing."""
    if not assign_fields(instance, data):
        return instance
    # Normalisation may touch other text fields, so save every field the form could have edited.
    return record_save(instance, actor=actor, update_fields=list(data))


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
    holiday._history_user = actor
    holiday.delete()
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


# The follow-up spine's services are re-exported here, so callers write ``services.followup_open``.
from .followups import (  # noqa: E402
    followup_add_evidence,
    followup_answer,
    followup_change_due,
    followup_correct,
    followup_escalate,
    followup_escalation_scheduled,
    followup_link_source,
    followup_note,
    followup_open,
    followup_reminders_run,
    followup_reopen,
    followup_verify,
    followups_recompute_due,
    followups_remind,
    milestone_add,
    milestone_done,
    next_escalation,
    outbox_send,
    plan_reminders,
)

__all__ = [
    "agency_create",
    "assign_fields",
    "committee_create",
    "constituency_create",
    "constituency_update",
    "deadline_rule_create",
    "deadline_rule_update",
    "field_create",
    "followup_add_evidence",
    "followup_answer",
    "followup_change_due",
    "followup_correct",
    "followup_escalate",
    "followup_escalation_scheduled",
    "followup_link_source",
    "followup_note",
    "followup_open",
    "followup_reminders_run",
    "followup_reopen",
    "followup_verify",
    "followups_recompute_due",
    "followups_remind",
    "holiday_create",
    "holiday_delete",
    "holiday_update",
    "milestone_add",
    "milestone_done",
    "next_escalation",
    "outbox_send",
    "plan_reminders",
    "record_create",
    "record_save",
    "record_update",
    "role_assign",
    "term_create",
]
