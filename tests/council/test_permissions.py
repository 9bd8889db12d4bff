"""The permission idiom's core (council/permissions.py): the role context read once per request, the
council-wide predicates for every role, the follow-up fetcher that makes a forbidden record look missing,
and the role_required decorator."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from council import permissions
from council.models import Agency, Role
from tests.conftest import ALL_ROLES
from tests.council.factories import AgencyFactory, CommitteeFactory, RoleFactory, UserFactory, make_followup

MANAGERS = {Role.OFFICE, Role.ADMIN}
OVERVIEW = {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP}
FOLLOWUP_READERS = {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.COMMITTEE_HEAD, Role.LEADERSHIP}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_has_exactly_its_council_wide_rights(role, council, other_council, user_with_role):
    user = user_with_role(role)
    assert permissions.roles_in(user, council) == {role}
    assert permissions.is_member(user, council)
    assert permissions.can_manage_records(user, council) == (role in MANAGERS)
    assert permissions.can_read_overview(user, council) == (role in OVERVIEW)
    assert permissions.can_read_followups(user, council) == (role in FOLLOWUP_READERS)
    assert permissions.can_manage_followups(user, council) == (role in MANAGERS)
    assert permissions.can_see_internal(user, council) == (role in MANAGERS)
    assert permissions.can_use_agency_portal(user, council) == (role == Role.AGENCY)
    # Nothing carries over to another council.
    assert permissions.roles_in(user, other_council) == frozenset()
    assert not permissions.can_manage_records(user, other_council)
    assert not permissions.can_read_overview(user, other_council)
    assert not permissions.can_use_agency_portal(user, other_council)


def test_the_role_context_is_read_in_one_query_however_many_checks(
    council, other_council, django_assert_num_queries
):
    user = UserFactory()
    committee = CommitteeFactory(council=council)
    agency = AgencyFactory(council=other_council)
    RoleFactory(user=user, council=council, role=Role.COMMITTEE_HEAD, committee=committee)
    RoleFactory(user=user, council=council, role=Role.OFFICE, sees_protected_identities=True)
    RoleFactory(user=user, council=other_council, role=Role.AGENCY, agency=agency)
    with django_assert_num_queries(1):
        assert permissions.roles_in(user, council) == {Role.COMMITTEE_HEAD, Role.OFFICE}
        assert permissions.roles_in(user, other_council) == {Role.AGENCY}
        assert permissions.headed_committees(user, council) == [committee.pk]
        assert permissions.headed_committees(user, other_council) == []
        assert permissions.agency_ids_of(user, other_council) == [agency.pk]
        assert permissions.agency_ids_of(user, council) == []
        context = permissions.role_context(user)
        assert context.sees_protected_identities(council.pk)
        assert not context.sees_protected_identities(other_council.pk)
        assert sorted(context.council_ids()) == sorted([council.pk, other_council.pk])


def test_the_denouncer_flag_counts_only_on_an_office_or_administrator_role(council):
    user = UserFactory()
    RoleFactory(user=user, council=council, role=Role.STANDING, sees_protected_identities=True)
    assert not permissions.role_context(user).sees_protected_identities(council.pk)


def test_a_superuser_administers_every_council_and_anonymous_or_deactivated_users_nothing(council):
    superuser = UserFactory(is_superuser=True)
    assert permissions.roles_in(superuser, council) == {Role.ADMIN}
    assert permissions.can_manage_records(superuser, council)
    assert list(permissions.councils_for(superuser)) == [council]
    assert permissions.roles_in(AnonymousUser(), council) == frozenset()
    assert not permissions.councils_for(AnonymousUser()).exists()
    gone = RoleFactory(council=council, role=Role.OFFICE).user
    gone.is_active = False
    assert permissions.roles_in(gone, council) == frozenset()
    assert permissions.roles_in(superuser, None) == frozenset()


def test_can_manage_record_reads_the_records_council(council, other_council, user_with_role):
    office = user_with_role(Role.OFFICE)
    assert permissions.can_manage_record(office, make_followup(council))
    assert not permissions.can_manage_record(office, make_followup(other_council))
    assert not permissions.can_manage_record(user_with_role(Role.STANDING), make_followup(council))


def test_a_followup_of_another_agency_looks_missing_to_a_respondent(council, user_with_role):
    respondent = user_with_role(Role.AGENCY)
    own = make_followup(
        council, agency=Agency.objects.get(pk=permissions.agency_ids_of(respondent, council)[0])
    )
    other = make_followup(council)
    assert permissions.get_followup_for_user_or_404(respondent, council, own.pk) == own
    assert permissions.can_answer(respondent, own)
    assert not permissions.can_answer(respondent, other)
    with pytest.raises(Http404):
        permissions.get_followup_for_user_or_404(respondent, council, other.pk)
    with pytest.raises(Http404):
        permissions.get_followup_for_user_or_404(user_with_role(Role.DELEGATE), council, own.pk)
    reader = user_with_role(Role.LEADERSHIP)
    assert permissions.get_followup_for_user_or_404(reader, council, other.pk) == other


def test_role_required_refuses_without_the_role_and_without_a_council(council, user_with_role):
    @permissions.role_required(permissions.can_manage_records)
    def view(request):
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.council = council
    request.user = user_with_role(Role.OFFICE)
    assert view(request).content == b"ok"
    request.user = user_with_role(Role.DELEGATE)
    with pytest.raises(PermissionDenied):
        view(request)
    request.council = None
    with pytest.raises(PermissionDenied):
        view(request)


def test_require_refuses_only_what_the_predicate_refuses():
    permissions.require(True)
    with pytest.raises(PermissionDenied):
        permissions.require(False)
