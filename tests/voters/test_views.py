import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from council.models import DeadlineRule, FollowUp, RateCounter, Role
from tests.conftest import ALL_ROLES
from tests.council.factories import AgencyFactory, DeadlineRuleFactory, RoleFactory, UserFactory
from tests.dates import days, today
from voters import services
from voters.intake.petitions import COLUMNS
from voters.models import Channel, Letter, Petition, VoterOpinion

pytestmark = pytest.mark.django_db
READERS = {
    Role.OFFICE,
    Role.ADMIN,
    Role.STANDING,
    Role.COMMITTEE_HEAD,
    Role.LEADERSHIP,
    Role.GROUP_LEADER,
    Role.DELEGATE,
}


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _petition(council, title, **extra):
    opinion = services.opinion_add(
        actor=None,
        council=council,
        channel=Channel.HOTLINE,
        received_on=days(-3),
        text=title,
    )
    return services.petition_create(actor=None, council=council, title=title, opinions=[opinion], **extra)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_voters_pages_by_role(client, login, council, meeting, role):
    login(role)
    petition = _petition(council, "Sạt lở bờ sông Tiền")
    letter = services.letter_create(
        actor=None,
        council=council,
        kind=Letter.Kind.COMPLAINT,
        received_on=today(),
        summary="Khiếu nại",
        sender_name="Lê Văn B",
    )
    expected = 200 if role in READERS else 403
    for name in (
        "voters:home",
        "voters:meeting_list",
        "voters:opinion_list",
        "voters:petition_list",
        "voters:reception_list",
        "voters:petition_report",
    ):
        assert client.get(reverse(name)).status_code == expected, name
    assert client.get(reverse("voters:meeting_detail", args=[meeting.pk])).status_code == expected
    assert client.get(reverse("voters:petition_detail", args=[petition.pk])).status_code == expected
    letters = 200 if role in {Role.OFFICE, Role.ADMIN, Role.STANDING} else 403
    assert client.get(reverse("voters:letter_detail", args=[letter.pk])).status_code == letters
    assert client.get(reverse("voters:petition_import")).status_code == (
        200 if role in {Role.OFFICE, Role.ADMIN} else 403
    )
    recorders = {Role.OFFICE, Role.ADMIN, Role.DELEGATE, Role.GROUP_LEADER}
    assert client.get(reverse("voters:meeting_create")).status_code == (200 if recorders & {role} else 403)


def test_opinions_are_typed_one_after_another_with_htmx(client, office, council, meeting):
    url = reverse("voters:meeting_opinion_add", args=[meeting.pk])
    response = client.post(
        url, {"text": "Đề nghị nạo vét kênh Tháp Mười", "voters_count": "15"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Đề nghị nạo vét kênh Tháp Mười" in html
    assert 'hx-swap-oob="true"' in html and 'id="voters-total"' in html
    opinion = VoterOpinion.objects.get()
    assert opinion.meeting == meeting and opinion.voters_count == 15 and opinion.admin_unit == meeting.place
    bad = client.post(url, {"text": "   ", "voters_count": "1"}, HTTP_HX_REQUEST="true")
    assert (
        bad["HX-Retarget"] == "#opinion-entry" and _vi("Write what the voters said.") in bad.content.decode()
    )
    assert VoterOpinion.objects.count() == 1


def test_a_planned_meeting_says_so_and_takes_no_opinion_yet(client, office, council, meeting):
    planned = services.meeting_update(meeting, actor=None, date=days(9))
    page = client.get(reverse("voters:meeting_detail", args=[planned.pk])).content.decode()
    assert 'id="meeting-planned"' in page and 'id="opinion-entry"' not in page
    assert 'id="opinion-import-link"' not in page
    response = client.post(
        reverse("voters:meeting_opinion_add", args=[planned.pk]), {"text": "Ý kiến sớm", "voters_count": "1"}
    )
    assert response.status_code in (302, 422)
    assert not VoterOpinion.objects.exists()


def test_a_delegate_records_opinions_only_at_meetings_they_attended(client, login, council, meeting):
    user = login(Role.DELEGATE)
    url = reverse("voters:meeting_opinion_add", args=[meeting.pk])
    assert client.post(url, {"text": "Ý kiến", "voters_count": "1"}).status_code == 403
    from tests.delegates.factories import MandateFactory

    mandate = MandateFactory(delegate__council=council, delegate__user=user, term=meeting.session.term)
    meeting.delegates.add(mandate)
    assert client.post(url, {"text": "Ý kiến", "voters_count": "1"}).status_code == 302
    assert VoterOpinion.objects.count() == 1


def test_consolidating_ticked_opinions_makes_a_petition(client, office, council, meeting):
    a = services.opinion_add(
        actor=None,
        council=council,
        channel=Channel.MEETING,
        meeting=meeting,
        text="Sạt lở bờ sông Tiền ấp 1",
        voters_count=4,
    )
    b = services.opinion_add(
        actor=None,
        council=council,
        channel=Channel.MEETING,
        meeting=meeting,
        text="Bờ sông Tiền sạt lở ấp 2",
        voters_count=2,
    )
    url = reverse("voters:meeting_consolidate", args=[meeting.pk])
    client.post(url, {"opinions": [a.pk, b.pk]})  # neither a subject nor a petition
    assert not Petition.objects.exists()
    response = client.post(url, {"opinions": [a.pk, b.pk], "title": "Kè chống sạt lở bờ sông Tiền"})
    petition = Petition.objects.get()
    assert (
        response.url == reverse("voters:petition_detail", args=[petition.pk]) and petition.voters_count == 6
    )
    c = services.opinion_add(
        actor=None,
        council=council,
        channel=Channel.MEETING,
        meeting=meeting,
        text="Sạt lở ấp 3",
        voters_count=3,
    )
    client.post(url, {"opinions": [c.pk], "petition": "KN00-NOTHIS"})
    c.refresh_from_db()
    assert c.petition is None
    client.post(url, {"opinions": [c.pk], "petition": f" {petition.code.lower()} "})
    petition.refresh_from_db()
    assert petition.voters_count == 9 and petition.opinions.count() == 3


def test_merge_and_workflow_through_the_page(client, office, council):
    DeadlineRuleFactory(
        council=council, code="petition-answer", days=30, day_type=DeadlineRule.DayType.CALENDAR
    )
    target = _petition(council, "Sạt lở bờ sông Tiền đoạn qua xã Tân Hồng")
    duplicate = _petition(council, "Sat lo bo song Tien doan qua xa Tan Hong")
    page = client.get(reverse("voters:petition_detail", args=[target.pk])).content.decode()
    assert duplicate.code in page  # suggested as a likely duplicate
    client.post(reverse("voters:petition_action", args=[target.pk, "merge"]), {"duplicate": duplicate.pk})
    duplicate.refresh_from_db()
    assert duplicate.merged_into == target
    agency = AgencyFactory(council=council, name="Sở Nông nghiệp và Môi trường")
    foreign = AgencyFactory(council=AgencyFactory().council)
    client.post(
        reverse("voters:petition_action", args=[target.pk, "classify"]),
        {"competence": "province", "agency": foreign.pk},
    )
    target.refresh_from_db()
    assert target.state == Petition.State.RECORDED
    client.post(
        reverse("voters:petition_action", args=[target.pk, "classify"]),
        {"competence": "province", "agency": agency.pk},
    )
    client.post(reverse("voters:petition_action", args=[target.pk, "transfer"]), {})
    target.refresh_from_db()
    assert target.state == Petition.State.TRANSFERRED
    followup = FollowUp.objects.get(source_type__model="petition")
    assert followup.agency == agency and followup.reference == target.code


def test_a_denouncers_identity_is_seen_only_by_authorised_office_staff(client, council, login):
    letter = services.letter_create(
        actor=None,
        council=council,
        kind=Letter.Kind.DENUNCIATION,
        received_on=today(),
        summary="Tố cáo cán bộ địa chính nhận tiền",
        sender_name="Người Tố Cáo Bí Mật",
        sender_phone="0909000111",
    )
    url = reverse("voters:letter_detail", args=[letter.pk])
    for role in (Role.OFFICE, Role.STANDING, Role.LEADERSHIP):
        client.logout()
        login(role)
        html = client.get(url).content.decode()
        assert "Người Tố Cáo Bí Mật" not in html and "0909000111" not in html, role
    client.logout()
    login(Role.OFFICE)
    edit = client.get(reverse("voters:letter_update", args=[letter.pk])).content.decode()
    assert "Người Tố Cáo Bí Mật" not in edit and "sender_name" not in edit
    client.post(
        reverse("voters:letter_update", args=[letter.pk]),
        {"channel": "post", "received_on": today().strftime("%d/%m/%Y"), "summary": "Tố cáo (đã sửa)"},
    )
    letter.refresh_from_db()
    assert letter.sender_name == "Người Tố Cáo Bí Mật" and letter.summary == "Tố cáo (đã sửa)"
    authorised = UserFactory()
    RoleFactory(user=authorised, council=council, role=Role.OFFICE, sees_protected_identities=True)
    client.force_login(authorised)
    assert "Người Tố Cáo Bí Mật" in client.get(url).content.decode()
    # Transferred, the agency's item carries the content only.
    agency = AgencyFactory(council=council, name="Thanh tra tỉnh")
    DeadlineRuleFactory(council=council, code="complaint-transfer", days=10)
    services.letter_handle(letter, actor=None, to=Letter.State.CLASSIFIED)
    services.letter_handle(letter, actor=None, to=Letter.State.TRANSFERRED, agency=agency)
    respondent = UserFactory()
    RoleFactory(user=respondent, council=council, role=Role.AGENCY, agency=agency)
    client.force_login(respondent)
    followup = FollowUp.objects.get(source_type__model="letter")
    item = client.get(reverse("council:agency_item", args=[followup.pk])).content.decode()
    assert "Tố cáo (đã sửa)" in item and "Người Tố Cáo Bí Mật" not in item and "0909000111" not in item


# --- Public pages ---------------------------------------------------------------------------------------


def _submission(unit, **overrides):
    return {
        "name": "Nguyễn Văn A",
        "phone": "0912 345 678",
        "email": "",
        "address": "Ấp 3, xã Tân Hồng",
        "admin_unit": unit.pk,
        "title": "Đèn đường ấp 3 hư",
        "text": "Đèn đường ấp 3 hư đã hai tháng, đề nghị sửa.",
        "consent": "on",
        **overrides,
    }


def test_a_citizen_submits_and_follows_a_petition_without_logging_in(client, council, unit):
    url = reverse("voters:public_submit", args=[council.code])
    assert client.get(url).status_code == 200
    response = client.post(url, _submission(unit))
    petition = Petition.objects.get()
    assert petition.code in response.content.decode() and petition.contact_name == "Nguyễn Văn A"
    lookup = client.get(reverse("voters:public_lookup", args=[council.code]), {"code": petition.code.lower()})
    html = lookup.content.decode()
    assert petition.title in html and "Nguyễn Văn A" not in html and "0912" not in html
    missing = client.get(
        reverse("voters:public_lookup", args=[council.code]), {"code": "KN26-ZZZZZZ"}
    ).content.decode()
    assert _vi("No petition has this code. Check the code you received.") in missing


@pytest.mark.parametrize(
    "overrides",
    [
        {"name": "", "text": ""},
        {"text": "x" * 5001},
        {"name": "\x00\x07\u202e", "title": "\u200b"},
        {"phone": "abc"},
    ],
)
def test_bad_public_submissions_are_refused_and_nothing_is_written(client, council, unit, overrides):
    response = client.post(
        reverse("voters:public_submit", args=[council.code]), _submission(unit, **overrides)
    )
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not Petition.objects.exists() and not VoterOpinion.objects.exists()


def test_the_honeypot_and_the_rate_limit(client, council, unit):
    url = reverse("voters:public_submit", args=[council.code])
    client.post(url, _submission(unit, website="http://spam.example"))
    assert not Petition.objects.exists()
    RateCounter.objects.all().delete()
    statuses = [client.post(url, _submission(unit, title=f"Kiến nghị {n}")).status_code for n in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]
    assert Petition.objects.count() == 5


def test_the_public_answers_show_published_answers_only(client, council, unit):
    shown = _petition(council, "Nâng cấp đường ĐT 845", admin_unit=unit)
    shown.answer_summary, shown.published = "Đã bố trí vốn năm 2027.", True
    shown.save()
    _petition(council, "Kiến nghị chưa công bố")
    html = client.get(reverse("voters:public_answers", args=[council.code])).content.decode()
    assert "Đã bố trí vốn năm 2027." in html and "Kiến nghị chưa công bố" not in html


junk = st.one_of(
    st.text(max_size=60), st.sampled_from(["", " ", "\x00", "<script>", "0" * 30, "٣٣٣", "KN26-ABC234"])
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=junk, phone=junk, title=junk, text=junk, unit_value=junk)
def test_public_submissions_never_fail(client, council, unit, name, phone, title, text, unit_value):
    RateCounter.objects.all().delete()  # the examples share one database: each starts with a fresh allowance
    response = client.post(
        reverse("voters:public_submit", args=[council.code]),
        {
            "name": name,
            "phone": phone,
            "address": "Ấp 1",
            "admin_unit": unit_value,
            "title": title,
            "text": text,
        },
    )
    assert response.status_code == 200
    assert (
        client.get(reverse("voters:public_lookup", args=[council.code]), {"code": title}).status_code == 200
    )


# --- Excel ----------------------------------------------------------------------------------------------


def _sheet(rows, header=None) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    with translation.override("vi"):
        sheet.append(header or [str(h) for _k, h in COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("kien-nghi.xlsx", buffer.getvalue())


def _row(title, *, date="05/10/2026", unit="Xã Tân Hồng", channel="Đường dây nóng", external=""):
    return ["", external, date, channel, title, f"{title} — nội dung", unit, "", "", "", "", 3, ""]


def _upload(client, url, upload):
    """Upload a file; its check runs as a task (on commit): the job page it leads to, or the refused form."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {"file": upload})
    return client.get(response.url) if response.status_code == 302 else response


def test_import_is_all_or_nothing_with_row_errors(client, office, council, unit):
    url = reverse("voters:petition_import")
    rows = [_row(f"Kiến nghị {n}") for n in range(60)]
    rows[55] = _row("Ngày sai", date="31/02/2026")
    rows[10] = _row("Xã lạ", unit="Xã Không Có")
    html = _upload(client, url, _sheet(rows)).content.decode()
    assert not Petition.objects.exists()
    assert "57" in html and "31/02/2026" in html and "Xã Không Có" in html and "12" in html
    with translation.override("vi"):
        first = str(COLUMNS[0][1])
    wrong = _upload(client, url, _sheet([_row("A")], header=[first, "Sai cột"])).content.decode()
    assert "Sai cột" in wrong and not Petition.objects.exists()


def _import(client, url, upload):
    """Upload a file, then confirm its preview."""
    page = _upload(client, url, upload)
    job, preview = page.context["job"], page.context["preview"]
    if not (preview["created"] or preview["changed"]):
        return page  # nothing to write: the confirm button is disabled
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("voters:petition_import_job", args=[job.pk]), {"digest": preview["digest"]})
    return client.get(reverse("voters:petition_import_job", args=[job.pk]))


def test_import_is_idempotent_and_round_trips_with_the_export(client, office, council, unit):
    url = reverse("voters:petition_import")
    rows = [_row("Sạt lở bờ sông Tiền"), _row("Đường ấp 5 xuống cấp", external="SO-2025-17")]
    _import(client, url, _sheet(rows))
    assert Petition.objects.count() == 2
    first = Petition.objects.get(external_id="SO-2025-17")
    assert first.admin_unit == unit and first.voters_count == 3 and first.received_on == dt.date(2026, 10, 5)
    _import(client, url, _sheet(rows))
    assert Petition.objects.count() == 2
    exported = client.get(reverse("voters:petition_export"))
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(exported.content))
    assert workbook.active.max_row == 3
    _import(client, url, SimpleUploadedFile("export.xlsx", exported.content))
    assert Petition.objects.count() == 2


def test_a_huge_or_fake_spreadsheet_is_refused(client, office, council, unit, settings):
    url = reverse("voters:petition_import")
    html = _upload(client, url, SimpleUploadedFile("x.xlsx", b"MZ\x90 not a workbook")).content.decode()
    assert not Petition.objects.exists() and "alert-danger" in html
    from voters.intake import cells as spreadsheets

    original = spreadsheets.MAX_ROWS
    spreadsheets.MAX_ROWS = 20
    try:
        html = _upload(client, url, _sheet([_row(f"K {n}") for n in range(25)])).content.decode()
    finally:
        spreadsheets.MAX_ROWS = original
    assert not Petition.objects.exists() and "20" in html


# --- Query counts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["voters:petition_list", "voters:opinion_list", "voters:meeting_list"])
def test_lists_run_the_same_queries_for_few_and_many(
    client, office, council, meeting, name, constant_queries
):
    def add(rows):
        for i in rows:
            _petition(council, f"Kiến nghị {i}")
            services.opinion_add(
                actor=None, council=council, channel=Channel.MEETING, meeting=meeting, text=f"Ý kiến {i}"
            )

    def visit():
        assert client.get(reverse(name)).status_code == 200

    constant_queries(add, visit, few=3, many=23)


def test_the_public_answers_and_the_report_run_constant_queries(
    client, office, council, unit, constant_queries
):
    def visit(url):
        def get():
            assert client.get(url).status_code == 200

        return get

    def add(rows):
        for i in rows:
            p = _petition(council, f"Đã trả lời {i}", admin_unit=unit)
            p.published, p.answer_summary = True, "Trả lời"
            p.save()

    pages = {
        "public answers": visit(reverse("voters:public_answers", args=[council.code])),
        "petition report": visit(reverse("voters:petition_report")),
    }
    constant_queries(add, pages, few=2, many=17)


def test_every_voters_list_exports_its_filtered_rows(client, office, council, meeting):
    services.opinion_add(
        actor=None, council=council, channel=Channel.MEETING, meeting=meeting, text="Sạt lở bờ sông"
    )
    services.opinion_add(
        actor=None, council=council, channel=Channel.HOTLINE, received_on=today(), text="Đèn đường hư"
    )
    services.letter_create(
        actor=None,
        council=council,
        kind=Letter.Kind.DENUNCIATION,
        received_on=today(),
        summary="Tố cáo",
        sender_name="Người Bí Mật",
    )
    response = client.get(reverse("voters:opinion_xlsx"), {"channel": "hotline"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2 and sheet.cell(2, 3).value == "Đèn đường hư"
    letters = load_workbook(io.BytesIO(client.get(reverse("voters:letter_xlsx")).content)).active
    assert letters.max_row == 2
    assert all("Người Bí Mật" not in str(c.value) for row in letters.iter_rows() for c in row)
    for name in ("voters:meeting_xlsx", "voters:reception_xlsx"):
        assert client.get(reverse(name)).status_code == 200


def test_behind_a_proxy_each_citizen_has_their_own_limit(client, council, unit, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    url = reverse("voters:public_submit", args=[council.code])
    for n in range(5):
        client.post(url, _submission(unit, title=f"A {n}"), HTTP_X_REAL_IP="203.0.113.7")
    assert client.post(url, _submission(unit, title="A 6"), HTTP_X_REAL_IP="203.0.113.7").status_code == 429
    assert client.post(url, _submission(unit, title="B 1"), HTTP_X_REAL_IP="198.51.100.9").status_code == 200


def test_a_typed_opinion_shows_the_petition_it_likely_repeats(client, office, council, meeting):
    earlier = _petition(council, "Sạt lở bờ sông Tiền đoạn qua xã Tân Hồng")
    response = client.post(
        reverse("voters:meeting_opinion_add", args=[meeting.pk]),
        {"text": "sat lo bo song tien xa tan hong", "voters_count": "2"},
        HTTP_HX_REQUEST="true",
    )
    assert earlier.code in response.content.decode()


def test_fixes_from_the_qa_pass(client, login, council, meeting, unit):
    # The petition's edit page is not taken for an action.
    petition = _petition(council, "Đèn đường ấp 3 hư")
    login(Role.OFFICE)
    assert client.get(reverse("voters:petition_update", args=[petition.pk])).status_code == 200
    # A delegate edits only the meetings they attended.
    client.logout()
    login(Role.DELEGATE)
    assert client.get(reverse("voters:meeting_update", args=[meeting.pk])).status_code == 403
    # A submitter's contact details stay in the Office's box.
    online = services.public_submit(
        council=council,
        name="Trần Thị Riêng Tư",
        phone="0909123456",
        email="",
        address="Ấp 1",
        admin_unit=unit,
        title="Kiến nghị trực tuyến",
        text="Nội dung",
        consent=True,
    )
    client.logout()
    login(Role.LEADERSHIP)
    page = client.get(reverse("voters:petition_detail", args=[online.pk])).content.decode()
    assert "Trần Thị Riêng Tư" not in page and "0909123456" not in page
    # Codes are read however they are typed.
    lookup = reverse("voters:public_lookup", args=[council.code])
    spaced = " " + online.code.lower().replace("-", " ") + " "
    assert online.title in client.get(lookup, {"code": spaced}).content.decode()
    # The public search reads what the page shows only.
    online.published, online.answer_summary = True, "Đã sửa đèn."
    online.save()
    answers = reverse("voters:public_answers", args=[council.code])
    assert "Kiến nghị trực tuyến" in client.get(answers, {"q": "da sua den"}).content.decode()
    assert "Kiến nghị trực tuyến" not in client.get(answers, {"q": "noi dung"}).content.decode()


def test_refused_attempts_do_not_use_up_the_allowance(client, council, unit):
    url = reverse("voters:public_submit", args=[council.code])
    for _attempt in range(3):
        client.post(url, _submission(unit, phone="abc"))
    statuses = [client.post(url, _submission(unit, title=f"K {n}")).status_code for n in range(5)]
    assert statuses == [200] * 5 and Petition.objects.count() == 5
    assert client.post(url, _submission(unit, title="K 6")).status_code == 429


def test_a_letter_offers_only_the_next_states(client, office, council):
    letter = services.letter_create(
        actor=None,
        council=council,
        kind=Letter.Kind.FEEDBACK,
        received_on=today(),
        summary="Phản ánh",
        sender_name="A",
    )
    html = client.get(reverse("voters:letter_detail", args=[letter.pk])).content.decode()
    assert 'value="classified"' in html and 'value="closed"' not in html


def test_leadership_readers_never_see_who_a_citizen_is(client, login, council, meeting):
    services.opinion_add(
        actor=None,
        council=council,
        meeting=meeting,
        channel=Channel.MEETING,
        received_on=meeting.date,
        text="Đề nghị sửa cầu",
        voter_name="Lê Văn Tám",
        voter_address="Ấp 3",
    )
    letter = services.letter_create(
        actor=None,
        council=council,
        kind=Letter.Kind.COMPLAINT,
        received_on=today(),
        summary="Khiếu nại",
        sender_name="Trần Thị Bảy",
        sender_phone="0909000111",
    )
    login(Role.LEADERSHIP)
    page = client.get(reverse("voters:meeting_detail", args=[meeting.pk])).text
    assert "Đề nghị sửa cầu" in page and "Lê Văn Tám" not in page and "Ấp 3" not in page
    # Letters name people in their very subject: leadership readers see them only as counts.
    assert client.get(reverse("voters:letter_detail", args=[letter.pk])).status_code == 403
    drill = client.get(
        reverse("reports:figure_detail", args=["letters"]), {"from": "2026-01-01", "to": "2026-12-31"}
    )
    assert drill.context["shown"] == 1 and reverse("voters:letter_detail", args=[letter.pk]) not in drill.text
    login(Role.STANDING)
    assert "Lê Văn Tám" in client.get(reverse("voters:meeting_detail", args=[meeting.pk])).text
    assert "Trần Thị Bảy" in client.get(reverse("voters:letter_detail", args=[letter.pk])).text
