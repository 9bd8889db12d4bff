"""A Standing Committee member reports progress on their item of the founding conclusion; the directive's
overview shows it as reported and waiting for the Office's check."""

import pytest

from council.models import Role
from directives import services
from directives.models import DirectiveItem
from tests.council.factories import CouncilFactory, RoleFactory, UserFactory

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"


def test_a_member_reports_progress_and_the_overview_changes(live_server, page):
    council = CouncilFactory()
    member = UserFactory(username="thuongtruc", first_name="Lưu Hữu", last_name="Triều")
    RoleFactory(user=member, council=council, role=Role.STANDING)
    directive = services.founding_seed(
        council,
        actor=None,
        assign=lambda entry: (
            {"responsible": DirectiveItem.Responsible.MEMBER, "member": member}
            if entry.section == "I.1"
            else {"responsible": DirectiveItem.Responsible.OFFICE}
        ),
    )
    item = directive.items.get(section="I.1")

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "thuongtruc")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("main .alert a[href='/directives/mine/']").count() == 1  # the home page points to it
    page.goto(f"{live_server.url}/directives/{directive.pk}/")
    assert page.inner_text("#count-to-verify") == "0"

    page.goto(f"{live_server.url}/directives/mine/")
    assert page.locator("section.card").count() == 1
    page.click(f"#item-{item.pk} summary")
    page.select_option(f"#item-{item.pk}-status", "done")
    page.fill(f"#item-{item.pk}-text", "Năm nay đã gửi 2 báo cáo chủ động tới Ban Thường vụ Tỉnh ủy.")
    page.fill(f"#item-{item.pk}-progress", "100")
    page.click(f"#item-{item.pk} form button")
    page.wait_for_selector(".alert-success")

    page.goto(f"{live_server.url}/directives/{directive.pk}/")
    assert page.inner_text("#count-to-verify") == "1"
    assert "100%" in page.inner_text(f"#item-{item.pk}")
