"""A committee head records a survey visit and a recommendation on their committee's oversight activity;
the recommendation reaches the agency's portal as an item to answer."""

import datetime as dt

import pytest
from django.utils import timezone

from council.models import FollowUp, Role
from oversight import services
from oversight.models import OversightActivity
from tests.council.factories import AgencyFactory, CommitteeFactory, CouncilFactory, RoleFactory, UserFactory

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"


def _log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_committee_head_records_a_survey_and_a_recommendation(live_server, page):
    council = CouncilFactory()
    committee = CommitteeFactory(council=council, kind="culture_society", name="Ban Văn hóa - Xã hội")
    other = CommitteeFactory(council=council, kind="economy_budget", name="Ban Kinh tế - Ngân sách")
    health = AgencyFactory(council=council, name="Sở Y tế")
    RoleFactory(
        user=UserFactory(username="truongban"), council=council, role=Role.COMMITTEE_HEAD, committee=committee
    )
    RoleFactory(user=UserFactory(username="coquan"), council=council, role=Role.AGENCY, agency=health)
    today = timezone.localdate()

    def activity(title, lead):
        return services.activity_create(
            actor=None,
            council=council,
            kind=OversightActivity.Kind.THEMATIC,
            title=title,
            lead_body=OversightActivity.LeadBody.COMMITTEE,
            committee=lead,
            period_start=today - dt.timedelta(days=30),
            period_end=today + dt.timedelta(days=60),
            agencies=[health],
        )

    ours = activity("Giám sát việc thực hiện chính sách bảo hiểm y tế", committee)
    activity("Giám sát thu ngân sách", other)

    _log_in(page, live_server, "truongban")
    page.goto(f"{live_server.url}/oversight/")
    assert page.locator("text=Giám sát thu ngân sách").count() == 0  # another committee's
    page.click("text=Giám sát việc thực hiện chính sách bảo hiểm y tế")

    page.click("summary:has-text('Ghi nhận khảo sát thực tế')")
    page.fill("#survey-date", (today - dt.timedelta(days=3)).strftime("%d/%m/%Y"))
    page.fill("#survey-place_detail", "Trạm y tế xã Tân Hồng")
    page.fill("#survey-findings", "Trạm thiếu 12 loại thuốc trong danh mục BHYT.")
    page.click("form:has(#survey-findings) button")
    page.wait_for_selector(".alert-success")
    assert page.locator("text=Trạm thiếu 12 loại thuốc trong danh mục BHYT.").count() == 1

    page.click("summary:has-text('Thêm kiến nghị')")
    page.fill("#recommendation-text", "Sở Y tế bảo đảm đủ thuốc BHYT tại các trạm y tế xã")
    page.select_option("#recommendation-agency", label="Sở Y tế")
    page.fill("#recommendation-due_date", (today + dt.timedelta(days=45)).strftime("%d/%m/%Y"))
    page.check("#recommendation-report_to_leadership")
    page.click("form:has(#recommendation-due_date) button")
    page.wait_for_selector(".alert-success")
    assert page.locator("#recommendations >> text=Sở Y tế bảo đảm đủ thuốc BHYT").count() == 1
    followup = FollowUp.objects.get(council=council)
    assert followup.source.activity == ours and followup.report_to_leadership

    _log_in(page, live_server, "coquan")
    page.goto(f"{live_server.url}/agency/")
    page.click("text=Sở Y tế bảo đảm đủ thuốc BHYT tại các trạm y tế xã")
    page.wait_for_selector("#id_status")
    assert "Giám sát việc thực hiện chính sách bảo hiểm y tế" in page.content()
