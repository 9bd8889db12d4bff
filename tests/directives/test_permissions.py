"""directives/permissions.py for every role: who reads directives, and who reports on which item."""

import datetime as dt

import pytest

from council.models import Role
from directives.models import Directive, DirectiveItem
from directives.permissions import can_read_directives, can_report_on_item, items_answered_by
from tests.conftest import ALL_ROLES
from tests.council.factories import CommitteeFactory

READERS = {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP, Role.COMMITTEE_HEAD, Role.GROUP_LEADER}
MANAGERS = {Role.OFFICE, Role.ADMIN}
Responsible = DirectiveItem.Responsible


@pytest.fixture
def directive(council):
    return Directive.objects.create(
        council=council,
        kind=Directive.Kind.CONCLUSION,
        symbol="01-KL/ĐĐ",
        issued_on=dt.date(2026, 1, 5),
        issuer="Đảng đoàn HĐND tỉnh",
        subject="Nâng cao chất lượng hoạt động giám sát",
    )


def _item(directive, **kwargs):
    return DirectiveItem.objects.create(directive=directive, section="I.1", text="Nhiệm vụ", **kwargs)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_reads_directives_and_reports_on_the_offices_items_as_it_should(
    role, council, other_council, directive, user_with_role
):
    user = user_with_role(role)
    office_item = _item(directive, responsible=Responsible.OFFICE)
    assert can_read_directives(user, council) == (role in READERS)
    assert can_report_on_item(user, office_item) == (role in MANAGERS)
    assert set(items_answered_by(user, council)) == ({office_item} if role in MANAGERS else set())
    assert not can_read_directives(user, other_council)


def test_a_committee_head_reports_on_their_committees_items_only(council, directive, user_with_role):
    head = user_with_role(Role.COMMITTEE_HEAD)
    own = _item(directive, responsible=Responsible.COMMITTEE, committee=head.roles.get().committee)
    other = _item(
        directive,
        responsible=Responsible.COMMITTEE,
        committee=CommitteeFactory(council=council, kind="economy_budget", name="Ban Kinh tế - Ngân sách"),
    )
    member = _item(directive, responsible=Responsible.MEMBER, member=head)
    assert can_report_on_item(head, own)
    assert not can_report_on_item(head, other)
    assert can_report_on_item(head, member)
    assert set(items_answered_by(head, council)) == {own, member}
