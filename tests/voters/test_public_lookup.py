"""The citizen's lookup by tracking code: each step with its date, the due date and the published answer,
never personal data or internal texts; and the code the agency portal shows is one the lookup accepts."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from council.models import CouncilStatus, DeadlineRule, FollowUp, Role
from council.services import followup_answer, followup_note
from tests.council.factories import AgencyFactory, DeadlineRuleFactory, FieldFactory, RoleFactory, UserFactory
from tests.dates import days, today
from tests.sessions.factories import SessionFactory
from voters import services
from voters.models import Petition

pytestmark = pytest.mark.django_db
CONTACT = {
    "name": "Nguyễn Văn Bình",
    "phone": "0912345678",
    "email": "binh@example.vn",
    "address": "Số 12 ấp Tân Phú",
}


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


def _day(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency(council):
    DeadlineRuleFactory(
        council=council, code="petition-answer", days=30, day_type=DeadlineRule.DayType.CALENDAR
    )
    return AgencyFactory(council=council, name="Sở Xây dựng")


def _submitted(council, title="Đèn đường ấp 3 hư đã hai tháng"):
    return services.public_submit(
        council=council, admin_unit=None, title=title, text=f"{title}, đề nghị sửa.", consent=True, **CONTACT
    )


def _transferred(council, agency, *, days_ago: int) -> Petition:
    petition = _submitted(council)
    services.petition_classify(
        petition, actor=None, field=FieldFactory(council=council), competence="province", agency=agency
    )
    services.petition_transfer(petition, actor=None, assigned_date=today() - dt.timedelta(days=days_ago))
    petition.refresh_from_db()
    return petition


def _lookup(client, council, code: str) -> str:
    response = client.get(reverse("voters:public_lookup", args=[council.code]), {"code": code})
    assert response.status_code == 200
    return response.content.decode()


def test_the_lookup_shows_each_step_with_its_date_the_due_date_and_the_published_answer(
    client, council, agency
):
    petition = _transferred(council, agency, days_ago=20)
    followup = FollowUp.objects.get(source_id=petition.pk, source_type__model="petition")
    followup.internal_note = "Ghi chú nội bộ: ông Bình hay khiếu nại"
    followup.save(update_fields=["internal_note"])
    followup_note(followup, actor=None, text="Đã gọi điện nhắc chuyên viên Trần Thị C")
    followup_answer(followup, actor=None, status="done", text="Sở đã thay 12 bóng đèn, kinh phí 30 triệu")
    services.petition_review(petition, actor=None, outcome=CouncilStatus.DONE, text="Ban thẩm tra: đạt")
    term_session = SessionFactory(term__council=council, start_date=days(-2), end_date=days(-1))
    services.petition_report(petition, actor=None, session=term_session)
    services.petition_inform(
        petition, actor=None, answer_summary="Đèn đường ấp 3 đã được thay mới toàn bộ.", publish=True
    )
    services.petition_conclude(petition, actor=None, outcome=Petition.State.CLOSED)
    followup.refresh_from_db()

    # Typed as a citizen would, in lower case with spaces instead of the dash.
    html = _lookup(client, council, " " + petition.code.lower().replace("-", " ") + " ")
    steps = re.search(r'<ol[^>]*id="petition-steps">(.*?)</ol>', html, re.S).group(1)
    shown = [
        (re.sub(r"<[^>]+>", "", date).strip(), label.strip())
        for date, label in re.findall(
            r'<span class="col-4[^"]*">(.*?)</span><span class="col">(.*?)</span>', steps
        )
    ]
    State = Petition.State
    assert shown == [
        (_day(petition.received_on), _vi("Received")),
        # Entered in the register today, but it was classified by the time it was transferred.
        (_day(days(-20)), _vi(State.CLASSIFIED.label)),
        (_day(days(-20)), _vi(State.TRANSFERRED.label)),
        (_day(today()), _vi("The agency answered")),
        (_day(today()), _vi(State.REVIEWED.label)),
        (_day(today()), _vi(State.REPORTED.label)),
        (_day(today()), _vi(State.INFORMED.label)),
        (_day(today()), str(State.CLOSED.label)),
    ]
    due = re.search(r'id="petition-due">(.*?)</dd>', html, re.S).group(1)
    assert _day(followup.due_date) in due and _day(today()) in due
    assert "Đèn đường ấp 3 đã được thay mới toàn bộ." in html
    # Never who submitted, nor what the agency, the committee or the Office wrote for themselves.
    for secret in [
        *CONTACT.values(),
        "Ghi chú nội bộ",
        "Trần Thị C",
        "Sở đã thay 12 bóng đèn",
        "Ban thẩm tra",
    ]:
        assert secret not in html


def test_an_unanswered_petition_past_its_due_date_is_marked_overdue(client, council, agency):
    petition = _transferred(council, agency, days_ago=45)
    followup = FollowUp.objects.get(source_id=petition.pk, source_type__model="petition")
    assert followup.due_date < today()
    due = re.search(r'id="petition-due">(.*?)</dd>', _lookup(client, council, petition.code), re.S).group(1)
    assert _day(followup.due_date) in due and _vi("Overdue") in due


def test_a_petition_not_yet_transferred_has_no_due_date_and_an_unpublished_answer_stays_hidden(
    client, council, agency
):
    fresh = _submitted(council, "Trường học ấp 5 xuống cấp")
    html = _lookup(client, council, fresh.code)
    assert 'id="petition-due"' not in html and _day(fresh.received_on) in html
    petition = _transferred(council, agency, days_ago=3)
    followup = FollowUp.objects.get(source_id=petition.pk, source_type__model="petition")
    followup_answer(followup, actor=None, status="done", text="Đã xử lý")
    services.petition_review(petition, actor=None, outcome=CouncilStatus.DONE)
    session = SessionFactory(term__council=council, start_date=today(), end_date=today())
    services.petition_report(petition, actor=None, session=session)
    services.petition_inform(petition, actor=None, answer_summary="Câu trả lời chưa công bố", publish=False)
    assert "Câu trả lời chưa công bố" not in _lookup(client, council, petition.code)


def test_the_code_on_the_agency_portal_is_one_the_public_lookup_accepts(client, council, agency):
    petition = _transferred(council, agency, days_ago=5)
    followup = FollowUp.objects.get(source_id=petition.pk, source_type__model="petition")
    user = UserFactory()
    RoleFactory(user=user, council=council, role=Role.AGENCY, agency=agency)
    client.force_login(user)
    portal = client.get(reverse("council:agency_home")).content.decode()
    item = client.get(reverse("council:agency_item", args=[followup.pk])).content.decode()
    client.logout()
    shown = set(re.findall(r"KN\d\d-[A-Z0-9]{6}", portal)) | set(re.findall(r"KN\d\d-[A-Z0-9]{6}", item))
    assert shown == {petition.code}
    for code in shown:
        html = _lookup(client, council, code)
        assert petition.title in html


def test_a_petition_followup_carried_over_takes_its_petitions_code_on_the_portal_and_in_the_lookup(
    client, council, agency
):
    from django.core.exceptions import ValidationError

    from council.services import followup_open
    from voters.models import Channel

    carried = followup_open(
        actor=None,
        council=council,
        agency=agency,
        title="Cử tri đề nghị nâng cấp đường ĐT 845",
        description="Đường ĐT 845 xuống cấp, đề nghị sửa chữa.",
        assigned_date=days(-10),
        due_date=days(20),
        source_kind="petition",
        reference="KN-2026-0001",  # the old register's number, which no citizen can look up
    )
    opinion = services.opinion_add(
        actor=None,
        council=council,
        channel=Channel.HOTLINE,
        received_on=days(-12),
        text="x",
    )
    petition = services.petition_adopt_followup(carried, actor=None, opinions=[opinion])
    carried.refresh_from_db()
    assert carried.source == petition and carried.reference == petition.code
    assert petition.state == Petition.State.TRANSFERRED and petition.agency == agency
    assert carried.history.first().history_change_reason == f"KN-2026-0001 → {petition.code}"
    with pytest.raises(ValidationError):
        services.petition_adopt_followup(carried, actor=None, opinions=[])

    user = UserFactory()
    RoleFactory(user=user, council=council, role=Role.AGENCY, agency=agency)
    client.force_login(user)
    portal = client.get(reverse("council:agency_home")).content.decode()
    client.logout()
    assert "KN-2026-0001" not in portal and petition.code in portal
    html = _lookup(client, council, petition.code.replace("-", ""))
    assert petition.title in html and _day(days(20)) in html


@pytest.mark.parametrize(
    "typed",
    ["{code}", "{lower}", " {lower} ", "{bare}", "{spaced}", "{dashed}", "KN 26 {suffix}", "{code}\t"],
)
def test_the_lookup_accepts_the_code_however_it_is_typed(client, council, typed):
    petition = _submitted(council)
    prefix, suffix = petition.code.split("-")
    code = typed.format(
        code=petition.code,
        lower=petition.code.lower(),
        bare=prefix + suffix,
        spaced=f"{prefix} {suffix[:3]} {suffix[3:]}".lower(),
        dashed=f"{prefix}–{suffix}",  # an en dash, as a word processor writes it
        suffix=suffix,
    )
    assert petition.title in _lookup(client, council, code)
