import pytest

from council.models import Role
from tests.council.factories import CouncilFactory, RoleFactory, TermFactory

ALL_ROLES = [r.value for r in Role]


@pytest.fixture
def council(db):
    return CouncilFactory()


@pytest.fixture
def other_council(db):
    return CouncilFactory()


@pytest.fixture
def term(council):
    return TermFactory(council=council)


@pytest.fixture
def user_with_role(council):
    """Make a user holding one role in the council (committee heads and agencies get their link)."""

    def make(role: str, target_council=None):
        from tests.council.factories import AgencyFactory, CommitteeFactory

        target = target_council or council
        extra = {}
        if role == Role.COMMITTEE_HEAD:
            extra["committee"] = CommitteeFactory(council=target, kind="legal", name="Ban Pháp chế")
        if role == Role.AGENCY:
            extra["agency"] = AgencyFactory(council=target)
        return RoleFactory(council=target, role=role, **extra).user

    return make


@pytest.fixture
def login(client, user_with_role):
    """Log the test client in as a fresh user with the given role; return the user."""

    def do(role: str, target_council=None):
        user = user_with_role(role, target_council)
        client.force_login(user)
        return user

    return do


@pytest.fixture
def office(login):
    return login(Role.OFFICE)
