"""Writes to delegates, mandates, groups and positions, with the rules forms alone cannot check."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.models import Council, User
from council.services import assign_fields, record_save
from council.text import fold, normalize

from ..models import (
    CommitteeMembership,
    Delegate,
    DelegateGroup,
    GroupMembership,
    Mandate,
    StandingPosition,
)
from ..models.positions import DatedMembership


@transaction.atomic
def delegate_create(*, actor: User | None, council: Council, **data: Any) -> Delegate:
    delegate = Delegate(council=council, **data)
    delegate.name_folded = fold(normalize(delegate.full_name))
    return record_save(delegate, actor=actor)


@transaction.atomic
def delegate_update(delegate: Delegate, *, actor: User | None, **data: Any) -> Delegate:
    if not assign_fields(delegate, data):
        return delegate
    delegate.name_folded = fold(normalize(delegate.full_name))
    return record_save(delegate, actor=actor, update_fields=[*data, "name_folded"])


def _check_mandate_overlap(mandate: Mandate) -> None:
    # A delegate holds one seat per term; the constraint backs this, the message explains it.
    clash = Mandate.objects.filter(delegate_id=mandate.delegate_id, term_id=mandate.term_id).exclude(
        pk=mandate.pk
    )
    if clash.exists():
        raise ValidationError({"term": _("This delegate already has a mandate in this term.")})


def _check_positions_fit(mandate: Mandate) -> None:
    """Refuse to shorten a mandate so that a position it carries falls outside it."""
    if not mandate.pk:
        return
    for related in ("group_memberships", "committee_memberships", "standing_positions"):
        for position in getattr(mandate, related).all():
            if position.start_date < mandate.start_date or (
                mandate.end_date and (position.end_date is None or position.end_date > mandate.end_date)
            ):
                raise ValidationError(
                    {
                        "end_date": _(
                            "Positions of this mandate (%(position)s) fall outside these dates; "
                            "end or change them first."
                        )
                        % {"position": position}
                    }
                )


@transaction.atomic
def mandate_create(*, actor: User | None, council: Council, **data: Any) -> Mandate:
    mandate = Mandate(council=council, **data)
    Delegate.objects.select_for_update().filter(pk=mandate.delegate_id).first()
    _check_mandate_overlap(mandate)
    return record_save(mandate, actor=actor)


@transaction.atomic
def mandate_update(mandate: Mandate, *, actor: User | None, **data: Any) -> Mandate:
    if not assign_fields(mandate, data):
        return mandate
    Delegate.objects.select_for_update().filter(pk=mandate.delegate_id).first()
    _check_mandate_overlap(mandate)
    _check_positions_fit(mandate)
    return record_save(mandate, actor=actor, update_fields=list(data))


@transaction.atomic
def group_create(*, actor: User | None, council: Council, **data: Any) -> DelegateGroup:
    admin_units = data.pop("admin_units", None)
    group = record_save(DelegateGroup(council=council, **data), actor=actor)
    if admin_units is not None:
        group.admin_units.set(admin_units)
    return group


@transaction.atomic
def group_update(group: DelegateGroup, *, actor: User | None, **data: Any) -> DelegateGroup:
    admin_units = data.pop("admin_units", None)
    if assign_fields(group, data):
        record_save(group, actor=actor, update_fields=list(data))
    if admin_units is not None:
        group.admin_units.set(admin_units)
    return group


def _check_overlaps(membership: DatedMembership, siblings, message: str) -> None:
    for other in siblings:
        if other.pk != membership.pk and membership.overlaps(other):
            raise ValidationError({"start_date": message % {"other": other}})


def _check_group_membership(membership: GroupMembership) -> None:
    # One group at a time per delegate, across every term: a delegate is never in two groups at once.
    delegate_id = membership.mandate.delegate_id
    Delegate.objects.select_for_update().filter(pk=delegate_id).first()
    siblings = GroupMembership.objects.filter(mandate__delegate_id=delegate_id).select_related(
        "group", "mandate__delegate"
    )
    _check_overlaps(
        membership, siblings, _("The delegate is already in a group for overlapping dates: %(other)s.")
    )
    if membership.role in (GroupMembership.Role.LEADER, GroupMembership.Role.DEPUTY):
        same_role = GroupMembership.objects.filter(
            group_id=membership.group_id, role=membership.role
        ).select_related("group", "mandate__delegate")
        for other in same_role:
            if other.pk != membership.pk and membership.overlaps(other):
                raise ValidationError(
                    {
                        "role": _("The group already has a %(role)s for these dates: %(other)s.")
                        % {"role": membership.get_role_display().lower(), "other": other.mandate.delegate}
                    }
                )


@transaction.atomic
def group_membership_create(*, actor: User | None, council: Council, **data: Any) -> GroupMembership:
    membership = GroupMembership(council=council, **data)
    membership.full_clean()
    _check_group_membership(membership)
    return record_save(membership, actor=actor)


@transaction.atomic
def group_membership_update(
    membership: GroupMembership, *, actor: User | None, **data: Any
) -> GroupMembership:
    if not assign_fields(membership, data):
        return membership
    membership.full_clean()
    _check_group_membership(membership)
    return record_save(membership, actor=actor, update_fields=list(data))


@transaction.atomic
def committee_membership_create(*, actor: User | None, council: Council, **data: Any) -> CommitteeMembership:
    membership = CommitteeMembership(council=council, **data)
    membership.full_clean()
    siblings = CommitteeMembership.objects.filter(
        committee_id=membership.committee_id, mandate_id=membership.mandate_id
    ).select_related("committee", "mandate__delegate")
    _check_overlaps(
        membership, siblings, _("The delegate already sits on this committee for these dates: %(other)s.")
    )
    if membership.role == CommitteeMembership.Role.HEAD:
        heads = CommitteeMembership.objects.filter(
            committee_id=membership.committee_id, role=CommitteeMembership.Role.HEAD
        ).select_related("committee", "mandate__delegate")
        _check_overlaps(membership, heads, _("The committee already has a head for these dates: %(other)s."))
    return record_save(membership, actor=actor)


@transaction.atomic
def standing_position_create(*, actor: User | None, council: Council, **data: Any) -> StandingPosition:
    position = StandingPosition(council=council, **data)
    position.full_clean()
    siblings = StandingPosition.objects.filter(mandate_id=position.mandate_id).select_related(
        "mandate__delegate"
    )
    _check_overlaps(
        position, siblings, _("The delegate already holds a Standing Committee seat then: %(other)s.")
    )
    if position.role == StandingPosition.Role.CHAIR:
        chairs = StandingPosition.objects.filter(
            council=council, role=StandingPosition.Role.CHAIR
        ).select_related("mandate__delegate")
        _check_overlaps(position, chairs, _("The council already has a chair for these dates: %(other)s."))
    return record_save(position, actor=actor)


@transaction.atomic
def position_end(position: DatedMembership, *, actor: User | None, end_date) -> DatedMembership:
    """End a group, committee or Standing Committee position on a date."""
    if position.end_date is not None:
        raise ValidationError(_("This position has already ended."))
    position.end_date = end_date
    return record_save(position, actor=actor, update_fields=["end_date"])
