import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from delegates import services
from delegates.models import GroupMembership, Mandate
from tests.council.factories import CommitteeFactory, TermFactory, UserFactory
from tests.delegates.factories import DelegateFactory, GroupFactory, MandateFactory

pytestmark = pytest.mark.django_db


def test_delegate_create_normalises_and_folds_the_name(council):
    actor = UserFactory()
    decomposed = "Nguye\u0302\u0303n Thi\u0323 Ha\u0300"  # typed with combining marks
    delegate = services.delegate_create(actor=actor, council=council, full_name=decomposed, gender="female")
    assert delegate.full_name == "Nguyễn Thị Hà"
    assert delegate.name_folded == "nguyen thi ha"
    assert delegate.history.first().history_user == actor


def test_mandate_must_lie_within_its_term(council, term):
    delegate = DelegateFactory(council=council)
    with pytest.raises(ValidationError) as error:
        services.mandate_create(
            actor=None, council=council, delegate=delegate, term=term, start_date=dt.date(2025, 1, 1)
        )
    assert "start_date" in error.value.message_dict
    assert not Mandate.objects.exists()


def test_an_ended_mandate_needs_a_reason_and_vice_versa(council, term):
    delegate = DelegateFactory(council=council)
    with pytest.raises(ValidationError) as error:
        services.mandate_create(
            actor=None,
            council=council,
            delegate=delegate,
            term=term,
            start_date=term.start_date,
            end_date=dt.date(2027, 1, 1),
        )
    assert "end_reason" in error.value.message_dict


def test_one_mandate_per_delegate_and_term(council, term):
    mandate = MandateFactory(delegate__council=council, term=term)
    with pytest.raises(ValidationError):
        services.mandate_create(
            actor=None, council=council, delegate=mandate.delegate, term=term, start_date=term.start_date
        )
    assert Mandate.objects.count() == 1


def test_overlapping_group_memberships_are_refused(council, term):
    mandate = MandateFactory(delegate__council=council, term=term)
    first, second = GroupFactory(term=term), GroupFactory(term=term)
    services.group_membership_create(
        actor=None,
        council=council,
        group=first,
        mandate=mandate,
        start_date=term.start_date,
        end_date=dt.date(2027, 6, 30),
    )
    with pytest.raises(ValidationError) as error:
        services.group_membership_create(
            actor=None, council=council, group=second, mandate=mandate, start_date=dt.date(2027, 6, 1)
        )
    assert "start_date" in error.value.message_dict
    # The day after the first membership ends, a move to another group is fine.
    services.group_membership_create(
        actor=None, council=council, group=second, mandate=mandate, start_date=dt.date(2027, 7, 1)
    )
    assert GroupMembership.objects.count() == 2


def test_a_delegate_is_never_in_two_terms_groups_at_once(council):
    old_term = TermFactory(council=council, start_date=dt.date(2021, 6, 15), end_date=dt.date(2026, 4, 30))
    new_term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    delegate = DelegateFactory(council=council)
    old = MandateFactory(delegate=delegate, council=council, term=old_term, start_date=old_term.start_date)
    new = MandateFactory(delegate=delegate, council=council, term=new_term, start_date=new_term.start_date)
    services.group_membership_create(
        actor=None,
        council=council,
        group=GroupFactory(term=old_term),
        mandate=old,
        start_date=old_term.start_date,
    )
    with pytest.raises(ValidationError):
        services.group_membership_create(
            actor=None,
            council=council,
            group=GroupFactory(term=new_term),
            mandate=new,
            start_date=new_term.start_date,
        )
    assert GroupMembership.objects.count() == 1


def test_group_of_another_term_is_refused(council, term):
    other_term = TermFactory(council=council, start_date=dt.date(2021, 6, 15), end_date=dt.date(2026, 3, 31))
    mandate = MandateFactory(delegate__council=council, term=term)
    with pytest.raises(ValidationError) as error:
        services.group_membership_create(
            actor=None,
            council=council,
            group=GroupFactory(term=other_term),
            mandate=mandate,
            start_date=term.start_date,
        )
    assert "group" in error.value.message_dict


def test_a_group_has_one_leader_at_a_time(council, term):
    group = GroupFactory(term=term)
    first = MandateFactory(delegate__council=council, term=term)
    second = MandateFactory(delegate__council=council, term=term)
    services.group_membership_create(
        actor=None, council=council, group=group, mandate=first, role="leader", start_date=term.start_date
    )
    with pytest.raises(ValidationError) as error:
        services.group_membership_create(
            actor=None,
            council=council,
            group=group,
            mandate=second,
            role="leader",
            start_date=term.start_date,
        )
    assert "role" in error.value.message_dict


def test_membership_must_fall_within_the_mandate(council, term):
    mandate = MandateFactory(
        delegate__council=council,
        term=term,
        end_date=dt.date(2027, 12, 31),
        end_reason=Mandate.EndReason.RESIGNED,
    )
    with pytest.raises(ValidationError):
        services.group_membership_create(
            actor=None,
            council=council,
            group=GroupFactory(term=term),
            mandate=mandate,
            start_date=dt.date(2028, 1, 1),
        )


def test_ending_a_mandate_before_its_positions_end_is_refused(council, term):
    mandate = MandateFactory(delegate__council=council, term=term)
    services.group_membership_create(
        actor=None,
        council=council,
        group=GroupFactory(term=term),
        mandate=mandate,
        start_date=term.start_date,
    )
    with pytest.raises(ValidationError) as error:
        services.mandate_update(mandate, actor=None, end_date=dt.date(2028, 1, 1), end_reason="resigned")
    assert "end_date" in error.value.message_dict
    mandate.refresh_from_db()
    assert mandate.end_date is None


def test_position_end_records_the_date_and_the_actor(council, term):
    actor = UserFactory()
    mandate = MandateFactory(delegate__council=council, term=term)
    membership = services.group_membership_create(
        actor=None,
        council=council,
        group=GroupFactory(term=term),
        mandate=mandate,
        start_date=term.start_date,
    )
    services.position_end(membership, actor=actor, end_date=dt.date(2028, 5, 31))
    membership.refresh_from_db()
    assert membership.end_date == dt.date(2028, 5, 31)
    assert membership.history.first().history_user == actor


def test_committee_has_one_head_and_council_one_chair(council, term):
    committee = CommitteeFactory(council=council)
    heads = [MandateFactory(delegate__council=council, term=term) for _ in range(2)]
    services.committee_membership_create(
        actor=None,
        council=council,
        committee=committee,
        mandate=heads[0],
        role="head",
        start_date=term.start_date,
    )
    with pytest.raises(ValidationError):
        services.committee_membership_create(
            actor=None,
            council=council,
            committee=committee,
            mandate=heads[1],
            role="head",
            start_date=term.start_date,
        )
    services.standing_position_create(
        actor=None, council=council, mandate=heads[0], role="chair", start_date=term.start_date
    )
    with pytest.raises(ValidationError):
        services.standing_position_create(
            actor=None, council=council, mandate=heads[1], role="chair", start_date=term.start_date
        )
