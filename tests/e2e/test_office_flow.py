"""The Office's first day, in a real browser: log in, create a group, add a delegate, find them."""

import pytest

from council.models import Role
from delegates.models import Delegate, GroupMembership, Mandate
from tests.council.factories import CouncilFactory, RoleFactory, TermFactory, UserFactory

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"


def test_office_creates_group_and_delegate_and_finds_them_in_the_directory(live_server, page):
    council = CouncilFactory(short_name="HĐND tỉnh Đồng Tháp")
    term = TermFactory(council=council, number=11, name="Khóa XI, nhiệm kỳ 2026–2031")
    clerk = UserFactory(username="chuyenvien", full_name="Trần Thị Mai")
    RoleFactory(user=clerk, council=council, role=Role.OFFICE)

    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert page.locator("h1").inner_text() == "Đăng nhập"
    page.fill("#id_username", "chuyenvien")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert "Trần Thị Mai" in page.inner_text("nav")

    # A new delegate group for the term.
    page.goto(f"{live_server.url}/groups/new/")
    page.select_option("#id_term", str(term.pk))
    page.fill("#id_name", "Tổ đại biểu số 3 – phường Sa Đéc")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/groups/*/")
    group_url = page.url

    # A delegate, typed as the clerk would, then a mandate from the delegate's page.
    page.goto(f"{live_server.url}/delegates/new/")
    page.fill("#id_full_name", "Huỳnh Thị Thanh Xuân")
    page.select_option("#id_gender", "female")
    page.fill("#id_birth_date", "09/02/1979")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/delegates/*/")
    page.click("a[href*='/mandates/new/']")
    page.select_option("#id_term", str(term.pk))
    page.select_option("#id_kind", "full_time")
    page.fill("#id_position", "Phó Trưởng ban Văn hóa - Xã hội")
    page.fill("#id_start_date", "01/04/2026")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/mandates/*/")
    mandate = Mandate.objects.get(delegate__full_name="Huỳnh Thị Thanh Xuân")

    # Into the group.
    page.goto(group_url)
    page.select_option("#member-mandate", str(mandate.pk))
    page.select_option("#member-role", "deputy")
    page.fill("#member-start_date", "01/04/2026")
    page.click("form[action*='/members/'] button")
    page.wait_for_selector("text=Huỳnh Thị Thanh Xuân")
    assert GroupMembership.objects.filter(mandate=mandate, role="deputy").exists()

    # The directory finds her without accents, as the results update while typing.
    page.goto(f"{live_server.url}/directory/")
    page.fill("#id_q", "huynh thi thanh")
    page.wait_for_function(
        "() => document.querySelector('#directory-results').innerText.includes('Huỳnh Thị Thanh Xuân')"
    )
    row = page.locator("#directory-results tbody tr").first
    assert "Tổ đại biểu số 3" in row.inner_text()
    assert page.locator("#directory-results tbody tr").count() == 1
    assert Delegate.objects.get().name_folded == "huynh thi thanh xuan"


def test_bad_input_is_shown_next_to_the_field_in_the_browser(live_server, page):
    council = CouncilFactory()
    RoleFactory(user=UserFactory(username="vanphong2"), council=council, role=Role.OFFICE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "vanphong2")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/terms/new/")
    page.fill("#id_number", "11")
    page.fill("#id_name", "Khóa XI")
    page.fill("#id_start_date", "01/04/2031")
    page.fill("#id_end_date", "01/04/2026")
    page.click("main form button[type=submit]")
    feedback = page.locator(".invalid-feedback, .alert-danger").first
    feedback.wait_for()
    assert feedback.inner_text().strip()
    assert not council.terms.exists()
