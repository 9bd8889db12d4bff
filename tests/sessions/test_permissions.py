"""sessions/permissions.py for every role: who sees which slip (a draft is its authors'), who may ask, and
who takes which step of a slip."""

import datetime as dt

import pytest
from django.http import Http404

from council.models import Role
from delegates import services as delegate_services
from sessions import services
from sessions.permissions import (
    can_ask_with,
    can_edit_slip,
    can_take_slip_action,
    get_interpellation_for_user_or_404,
    interpellations_visible_to,
)
from tests.conftest import ALL_ROLES
from tests.council.factories import AgencyFactory, TermFactory
from tests.delegates.factories import MandateFactory

MANAGERS = {Role.OFFICE, Role.ADMIN}
ASKERS = {Role.DELEGATE, Role.GROUP_LEADER}


@pytest.fixture
def term(council):
    return TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))


def _draft(council, term, mandate):
    return services.interpellation_draft(
        actor=None,
        council=council,
        term=term,
        askers=[mandate],
        agency=AgencyFactory(council=council),
        respondent_title="Giám đốc Sở Xây dựng",
        question="Khi nào khởi công nâng cấp tuyến ĐT 845?",
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_sees_and_acts_on_someone_elses_draft_as_it_should(role, council, term, user_with_role):
    user = user_with_role(role)
    draft = _draft(council, term, MandateFactory(delegate__council=council, term=term))
    visible = set(interpellations_visible_to(user, council))
    assert visible == ({draft} if role in MANAGERS else set())
    if role not in MANAGERS:
        with pytest.raises(Http404):
            get_interpellation_for_user_or_404(user, council, draft.pk)
    assert can_edit_slip(user, draft) == (role in MANAGERS)
    for action in ("submit", "assign", "assess"):
        assert can_take_slip_action(user, draft, action) == (role in MANAGERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_a_delegate_or_group_leader_asks_in_their_own_name(role, council, term, user_with_role):
    user = user_with_role(role)
    mandate = MandateFactory(delegate__council=council, term=term)
    assert not can_ask_with(user, mandate)  # not theirs
    delegate_services.delegate_update(mandate.delegate, actor=None, user=user)
    mandate.refresh_from_db()
    assert can_ask_with(user, mandate) == (role in ASKERS)
    assert not can_ask_with(user, None)


def test_the_author_sees_edits_and_submits_their_draft_and_others_see_it_once_submitted(
    council, term, user_with_role
):
    author = user_with_role(Role.DELEGATE)
    reader = user_with_role(Role.DELEGATE)
    mandate = MandateFactory(delegate__council=council, term=term)
    delegate_services.delegate_update(mandate.delegate, actor=None, user=author)
    draft = _draft(council, term, mandate)
    assert get_interpellation_for_user_or_404(author, council, draft.pk) == draft
    assert can_take_slip_action(author, draft, "submit")
    assert not can_take_slip_action(author, draft, "assign")
    assert can_take_slip_action(author, draft, "assess")  # an asker assesses the answer
    assert not set(interpellations_visible_to(reader, council))
    services.interpellation_submit(draft, actor=author, on=dt.date(2026, 7, 1))
    assert set(interpellations_visible_to(reader, council)) == {draft}
    assert not can_edit_slip(author, draft)
    assert not can_take_slip_action(reader, draft, "assess")
