"""A delegate self-assesses a commitment of their action programme; the Standing Committee rates it, and
rates the delegate's year on the evaluation page beside the facts."""

import datetime as dt

import pytest
from django.utils import timezone

from council.models import Role
from delegates import services as delegate_services
from delegates.models import Assessment, CommitmentAssessment, DelegateEvaluation, Rating
from tests.council.factories import CouncilFactory, RoleFactory, TermFactory, UserFactory
from tests.delegates.factories import MandateFactory

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"


def _log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_self_assessment_then_standing_committee_rating(live_server, page):
    council = CouncilFactory()
    year = timezone.localdate().year
    term = TermFactory(council=council, start_date=dt.date(year - 1, 4, 1), end_date=dt.date(year + 4, 3, 31))
    delegate_user = UserFactory(username="daibieu")
    mandate = MandateFactory(
        delegate__council=council, delegate__user=delegate_user, term=term, start_date=dt.date(year - 1, 4, 1)
    )
    RoleFactory(user=delegate_user, council=council, role=Role.DELEGATE)
    RoleFactory(user=UserFactory(username="thuongtruc"), council=council, role=Role.STANDING)
    program = delegate_services.program_save(mandate, actor=None, summary="Chương trình hành động khóa XI")
    commitment = delegate_services.commitment_add(
        program, actor=None, text="Kiến nghị đầu tư tuyến đường ĐT 845 đoạn qua xã Tân Hồng"
    )
    delegate_services.criterion_create(
        actor=None, council=council, order=1, text="Tham gia kỳ họp", max_points=10
    )

    # The delegate assesses their own commitment.
    _log_in(page, live_server, "daibieu")
    page.goto(f"{live_server.url}/mandates/{mandate.pk}/programme/")
    page.click(f"#commitment-{commitment.pk} ~ details summary")
    page.select_option(f"#year-{commitment.pk}-self", str(year))
    page.select_option(f"#status-{commitment.pk}-self", Assessment.KEPT)
    page.fill(f"#evidence-{commitment.pk}-self", "UBND tỉnh đã phê duyệt chủ trương đầu tư tháng 6.")
    page.click(f"form:has(#evidence-{commitment.pk}-self) button")
    page.wait_for_selector(".alert-success")
    assert page.locator(f"#status-{commitment.pk}-standing").count() == 0  # no Standing Committee form here

    # The Standing Committee rates the same commitment, then the delegate's year.
    _log_in(page, live_server, "thuongtruc")
    page.goto(f"{live_server.url}/mandates/{mandate.pk}/programme/")
    assert "UBND tỉnh đã phê duyệt chủ trương đầu tư tháng 6." in page.content()
    page.click(f"#commitment-{commitment.pk} ~ details summary")
    page.select_option(f"#status-{commitment.pk}-standing", Assessment.IN_PROGRESS)
    page.fill(f"#evidence-{commitment.pk}-standing", "Chưa bố trí vốn.")
    page.click(f"form:has(#evidence-{commitment.pk}-standing) button")
    page.wait_for_selector(".alert-success")
    assert set(CommitmentAssessment.objects.values_list("by", "status")) == {
        ("self", Assessment.KEPT),
        ("standing", Assessment.IN_PROGRESS),
    }

    page.goto(f"{live_server.url}/evaluations/{mandate.pk}/{year}/")
    page.select_option("#id_standing-rating", Rating.GOOD)
    page.fill("input[name^='standing-c']", "8")
    page.fill("#id_standing-comment", "Hoàn thành tốt nhiệm vụ.")
    page.click("form[action$='/standing/'] button")
    page.wait_for_selector(".alert-success")
    evaluation = DelegateEvaluation.objects.get(mandate=mandate, year=year)
    assert evaluation.standing_rating == Rating.GOOD and evaluation.scores.get().points == 8
