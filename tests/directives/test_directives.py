import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from council.models import Agency, FollowUp, Role
from directives import founding, services
from directives.models import Directive, DirectiveItem
from directives.permissions import items_answered_by
from tests.conftest import ALL_ROLES
from tests.council.factories import CommitteeFactory, RoleFactory, UserFactory
from tests.dates import days, today

pytestmark = pytest.mark.django_db
R = DirectiveItem.Responsible


@pytest.fixture
def member(council):
    user = UserFactory(first_name="Lưu Hữu", last_name="Triều")
    RoleFactory(user=user, council=council, role=Role.STANDING)
    return user


@pytest.fixture
def directive(council):
    return services.directive_create(
        actor=None,
        council=council,
        kind=Directive.Kind.PLAN,
        symbol="12-KH/ĐĐ",
        issued_on=days(-60),
        issuer="Đảng đoàn HĐND tỉnh",
        subject="Kế hoạch thực hiện Kết luận",
    )


def test_the_founding_conclusion_is_seeded_with_every_objective_and_solution(council, member):
    directive = services.founding_seed(
        council, actor=None, assign=lambda entry: {"responsible": R.MEMBER, "member": member}
    )
    sections = list(directive.items.values_list("section", flat=True))
    assert sections.count("I.1") == 1 and {"I.1", "I.2", "I.3"} <= set(sections)
    text = founding.TEXT.read_text(encoding="utf-8")
    # Every "- " line of section II is an item, and II.5–II.7 (no lines) are items too.
    part_two = text.split("II. ĐỊNH HƯỚNG GIẢI PHÁP")[1].split("Giao Thường trực")[0]
    bullets = [line for line in part_two.splitlines() if line.strip().startswith("- ")]
    assert len([s for s in sections if s.startswith("II.")]) == len(bullets) + 3
    assert {f"II.{n}" for n in range(1, 8)} <= set(sections)
    assert FollowUp.objects.filter(source_type__model="directiveitem").count() == len(sections) == 22
    again = services.founding_seed(council, actor=None, assign=lambda entry: {"responsible": R.OFFICE})
    assert again == directive and DirectiveItem.objects.count() == 22


def test_bad_items_and_directives_are_refused(council, directive, other_council):
    with pytest.raises(ValidationError):
        services.item_add(
            directive, actor=None, section="II.1", text="Không ai chịu trách nhiệm", responsible=""
        )
    with pytest.raises(ValidationError):
        services.item_add(directive, actor=None, section="II.1", text="Ban nào?", responsible=R.COMMITTEE)
    with pytest.raises(ValidationError):
        services.item_add(
            directive,
            actor=None,
            section="II.1",
            text="Hạn trước ngày ban hành",
            responsible=R.OFFICE,
            due_date=directive.issued_on - dt.timedelta(days=1),
        )
    foreign = CommitteeFactory(council=other_council, kind="legal", name="Ban khác")
    with pytest.raises(ValidationError):
        services.item_add(
            directive,
            actor=None,
            section="II.1",
            text="Ban của HĐND khác",
            responsible=R.COMMITTEE,
            committee=foreign,
        )
    with pytest.raises(ValidationError):  # the same number from the same body in the same year
        services.directive_create(
            actor=None,
            council=council,
            kind=Directive.Kind.PLAN,
            symbol="12-kh/đđ",
            issued_on=directive.issued_on,
            issuer="Đảng đoàn HĐND tỉnh",
            subject="Trùng số",
        )
    assert not DirectiveItem.objects.exists() and Directive.objects.count() == 1


def test_items_are_tracked_and_reported_only_by_those_responsible(client, council, directive, member):
    head = UserFactory()
    committee = CommitteeFactory(council=council, kind="economy_budget", name="Ban Kinh tế - Ngân sách")
    RoleFactory(user=head, council=council, role=Role.COMMITTEE_HEAD, committee=committee)
    mine = services.item_add(
        directive,
        actor=None,
        section="I.1",
        text="Ít nhất 2 báo cáo chủ động mỗi năm",
        responsible=R.MEMBER,
        member=member,
    )
    theirs = services.item_add(
        directive,
        actor=None,
        section="II.2",
        text="Tái giám sát định kỳ",
        responsible=R.COMMITTEE,
        committee=committee,
        due_date=days(-1),
    )
    followup = services.item_followup(theirs)
    assert followup.is_overdue(today()) and followup.agency.kind == Agency.Kind.COUNCIL_BODY
    assert not followup.agency.is_active  # never offered as an agency elsewhere
    assert list(items_answered_by(member, council)) == [mine]
    assert list(items_answered_by(head, council)) == [theirs]
    with pytest.raises(ValidationError):
        services.item_report(theirs, actor=member, status="in_progress", text="Không phải việc của tôi")
    client.force_login(member)
    assert (
        client.post(
            reverse("directives:directive_item_report", args=[theirs.pk]), {"status": "done", "text": "x"}
        ).status_code
        == 403
    )
    page = client.get(reverse("directives:my_items")).content.decode()
    assert mine.text in page and theirs.text not in page
    client.post(
        reverse("directives:directive_item_report", args=[mine.pk]),
        {"status": "in_progress", "text": "Đã gửi báo cáo tháng 4", "progress": "50"},
    )
    tracked = services.item_followup(mine)
    assert tracked.progress == 50 and tracked.events.filter(kind="progress").exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_directive_pages_by_role(client, login, council, directive, role):
    login(role)
    readers = {
        Role.OFFICE,
        Role.ADMIN,
        Role.STANDING,
        Role.LEADERSHIP,
        Role.COMMITTEE_HEAD,
        Role.GROUP_LEADER,
    }
    expected = 200 if role in readers else 403
    assert client.get(reverse("directives:directive_list")).status_code == expected
    assert client.get(reverse("directives:directive_detail", args=[directive.pk])).status_code == expected
    assert client.get(reverse("directives:my_items")).status_code == 200
    managers = {Role.OFFICE, Role.ADMIN}
    item = {"section": "II.1", "text": "Việc mới", "responsible": "office"}
    status = client.post(reverse("directives:directive_item_add", args=[directive.pk]), item).status_code
    assert status == (302 if role in managers else 403 if role in readers else 403)


def test_the_overview_changes_when_progress_is_closed_and_queries_stay_constant(
    client, office, council, directive, member, constant_queries
):
    def add(rows):
        # Three items of a member, then ten more of the Office.
        for n in rows:
            if n < 3:
                services.item_add(
                    directive,
                    actor=None,
                    section=f"II.{n}",
                    text=f"Việc {n}",
                    responsible=R.MEMBER,
                    member=member,
                )
            else:
                services.item_add(
                    directive,
                    actor=None,
                    section=f"II.{n - 3}",
                    text=f"Việc thêm {n - 3}",
                    responsible=R.OFFICE,
                )

    def page():
        return client.get(reverse("directives:directive_detail", args=[directive.pk])).content.decode()

    _few, html = constant_queries(add, page, few=3, many=13)
    assert "Việc thêm 9" in html


def test_a_coordination_agreement_runs_its_periodic_tasks_year_after_year(client, office, council):
    agreement = services.directive_create(
        actor=None,
        council=council,
        kind=Directive.Kind.COORDINATION,
        symbol="01/QCPH-HĐND-UBND",
        issued_on=dt.date(today().year - 1, 3, 1),
        issuer="Thường trực HĐND tỉnh và UBND tỉnh",
        subject="Quy chế phối hợp giữa Thường trực HĐND và UBND tỉnh",
        partners="Ủy ban nhân dân tỉnh",
    )
    yearly = services.item_add(
        agreement,
        actor=None,
        section="Điều 5",
        text="Sơ kết việc thực hiện Quy chế phối hợp",
        responsible=R.OFFICE,
        recurrence=DirectiveItem.Recurrence.YEARLY,
        due_date=dt.date(today().year - 1, 12, 31),
    )
    services.item_add(agreement, actor=None, section="Điều 9", text="Ký quy chế", responsible=R.OFFICE)
    assert services.yearly_round(agreement, actor=None, year=today().year) == 0  # last year's round is open
    from council import services as core

    core.followup_answer(services.item_followup(yearly), actor=None, status="done", text="Đã sơ kết")
    core.followup_verify(services.item_followup(yearly), actor=None, outcome="done", close=True)
    response = client.post(reverse("directives:directive_yearly_round", args=[agreement.pk]))
    assert response.status_code == 302
    current = services.item_followup(yearly)
    assert current.is_open and current.due_date == dt.date(today().year, 12, 31)
    assert FollowUp.objects.filter(source_type__model="directiveitem", source_id=yearly.pk).count() == 2
    assert services.yearly_round(agreement, actor=None, year=today().year) == 0  # once a year
    page = client.get(reverse("directives:review"), {"year": today().year}).content.decode()
    assert "Sơ kết việc thực hiện Quy chế phối hợp" in page and "Ký quy chế" not in page


def test_a_closed_item_offers_no_report_form(client, council, directive, member):
    from council import services as core

    item = services.item_add(
        directive, actor=None, section="I.1", text="Báo cáo chủ động", responsible=R.MEMBER, member=member
    )
    core.followup_answer(services.item_followup(item), actor=None, status="done", text="Đã xong")
    core.followup_verify(services.item_followup(item), actor=None, outcome="done", close=True)
    client.force_login(member)
    page = client.get(reverse("directives:my_items")).content.decode()
    assert item.text in page and f'action="/directive-items/{item.pk}/report/"' not in page
