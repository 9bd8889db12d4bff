import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from council import services as core_services
from council.models import AdminUnit, CouncilStatus, DeadlineRule, FollowUp, SourceKind
from tests.council.factories import (
    AgencyFactory,
    CouncilFactory,
    DeadlineRuleFactory,
    FieldFactory,
    TermFactory,
)
from tests.dates import days, today
from tests.sessions.factories import SessionFactory
from voters import services
from voters.matching.matcher import petitions_like
from voters.models import Channel, Competence, Letter, Petition, VoterMeeting, VoterOpinion

pytestmark = pytest.mark.django_db
State = Petition.State


@pytest.fixture
def units(db):
    merged = AdminUnit.objects.create(
        code="29926", name="Xã Tân Hộ Cơ", level="commune", valid_to=dt.date(2025, 6, 30)
    )
    current = AdminUnit.objects.create(
        code="29927", name="Xã Tân Hồng", level="commune", valid_from=dt.date(2025, 7, 1)
    )
    current.predecessors.add(merged)
    return merged, current


@pytest.fixture
def session(council):
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    return SessionFactory(term=term, start_date=days(-40), end_date=days(-38))


@pytest.fixture
def meeting(council, units, session):
    return services.meeting_create(
        actor=None,
        council=council,
        kind=VoterMeeting.Kind.BEFORE_SESSION,
        session=session,
        date=days(-50),
        place=units[1],
        co_organiser="Ủy ban MTTQ Việt Nam xã Tân Hồng",
        attendance=120,
    )


@pytest.fixture
def rule(council):
    return DeadlineRuleFactory(
        council=council, code="petition-answer", days=30, day_type=DeadlineRule.DayType.CALENDAR
    )


def _opinion(council, meeting, text, voters=1):
    return services.opinion_add(
        actor=None, council=council, channel=Channel.MEETING, meeting=meeting, text=text, voters_count=voters
    )


def test_a_meeting_is_planned_at_most_a_year_ahead_and_needs_its_place(council, units, session):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            actor=None,
            council=council,
            kind=VoterMeeting.Kind.BEFORE_SESSION,
            session=session,
            date=days(400),
        )
    assert {"date", "place"} <= set(error.value.message_dict)
    assert not VoterMeeting.objects.exists()


def test_a_planned_meeting_takes_its_opinions_once_it_is_held(council, units, session):
    planned = services.meeting_create(
        actor=None,
        council=council,
        kind=VoterMeeting.Kind.BEFORE_SESSION,
        session=session,
        date=days(10),
        place=units[1],
    )
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        _opinion(council, planned, "Đề nghị sửa cầu Cái Tàu")
    assert "được ghi khi cuộc tiếp xúc diễn ra" in " ".join(error.value.messages)
    assert not VoterOpinion.objects.exists()


def test_an_opinion_takes_the_meetings_date_and_commune_and_needs_text(council, meeting):
    opinion = _opinion(council, meeting, "  Đề nghị nâng cấp tuyến đường liên ấp  ")
    assert opinion.received_on == meeting.date and opinion.admin_unit == meeting.place
    assert opinion.text == "Đề nghị nâng cấp tuyến đường liên ấp"
    with pytest.raises(ValidationError):
        _opinion(council, meeting, "   ")
    assert VoterOpinion.objects.count() == 1


def test_a_pre_merger_commune_maps_to_its_successor(council, meeting, units):
    merged, current = units
    opinion = services.opinion_add(
        actor=None,
        council=council,
        channel=Channel.HOTLINE,
        received_on=today(),
        text="Ngập úng",
        admin_unit=merged,
    )
    assert opinion.admin_unit == current


def test_consolidation_counts_voters_and_keeps_every_source(council, meeting):
    first = _opinion(council, meeting, "Sạt lở bờ sông Tiền đoạn qua ấp 3", voters=12)
    second = services.opinion_add(
        actor=None,
        council=council,
        channel=Channel.HOTLINE,
        received_on=days(-5),
        text="Bờ sông Tiền sạt lở, đề nghị kè",
    )
    petition = services.petition_create(
        actor=None, council=council, title="Kè chống sạt lở bờ sông Tiền", opinions=[first, second]
    )
    assert petition.voters_count == 13 and petition.received_on == meeting.date
    assert set(petition.opinions.values_list("channel", flat=True)) == {"meeting", "hotline"}
    assert petition.code.startswith(f"KN{meeting.date:%y}-") and len(petition.code) == 11
    with pytest.raises(ValidationError):  # an opinion belongs to one petition only
        services.petition_create(actor=None, council=council, title="Lặp", opinions=[first])


def test_duplicates_are_found_without_accents(council, meeting):
    target = services.petition_create(
        actor=None,
        council=council,
        title="Sạt lở bờ sông Tiền",
        opinions=[_opinion(council, meeting, "Sạt lở bờ sông Tiền đoạn qua xã Tân Hồng, đề nghị sớm kè")],
    )
    services.petition_create(
        actor=None,
        council=council,
        title="Đường giao thông nông thôn",
        opinions=[_opinion(council, meeting, "Đường ấp 5 xuống cấp")],
    )
    found = petitions_like(council, "Cử tri phản ánh tình trạng sat lo bo song Tien, de nghi som ke")
    assert [p for _score, p in found] == [target]
    other = CouncilFactory(code="khac", name="HĐND khác")
    assert petitions_like(other, "Cử tri phản ánh tình trạng sat lo bo song Tien, de nghi som ke") == []


def test_merging_keeps_sources_and_counts_and_refuses_a_transferred_duplicate(council, meeting, rule):
    a = services.petition_create(
        actor=None,
        council=council,
        title="Sạt lở bờ sông Tiền",
        opinions=[_opinion(council, meeting, "Sạt lở bờ sông Tiền", voters=5)],
    )
    b = services.petition_create(
        actor=None,
        council=council,
        title="Kè bờ sông Tiền",
        opinions=[_opinion(council, meeting, "Đề nghị kè bờ sông Tiền", voters=3)],
    )
    services.petition_merge(a, actor=None, duplicate=b)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.voters_count == 8 and a.opinions.count() == 2
    assert b.state == State.MERGED and b.merged_into == a and b.opinions.count() == 0
    with pytest.raises(ValidationError):
        services.petition_merge(a, actor=None, duplicate=b)
    c = services.petition_create(
        actor=None, council=council, title="Sạt lở", opinions=[_opinion(council, meeting, "Sạt lở nữa")]
    )
    agency = AgencyFactory(council=council, name="Sở Nông nghiệp và Môi trường")
    services.petition_classify(c, actor=None, field=None, competence=Competence.PROVINCE, agency=agency)
    services.petition_transfer(c, actor=None)
    with pytest.raises(ValidationError):
        services.petition_merge(a, actor=None, duplicate=c)


def test_the_whole_workflow_from_transfer_to_closing(council, meeting, rule, session):
    agency = AgencyFactory(council=council, name="Sở Xây dựng")
    field = FieldFactory(council=council)
    petition = services.petition_create(
        actor=None,
        council=council,
        title="Nâng cấp đường ĐT 843",
        opinions=[_opinion(council, meeting, "Đường ĐT 843 hư hỏng")],
    )
    with pytest.raises(ValidationError):
        services.petition_transfer(petition, actor=None)  # not classified
    foreign = AgencyFactory(council=CouncilFactory(code="khac", name="HĐND khác"))
    with pytest.raises(ValidationError):
        services.petition_classify(
            petition, actor=None, field=field, competence=Competence.PROVINCE, agency=foreign
        )
    petition.refresh_from_db()
    assert petition.state == State.RECORDED and petition.agency is None
    services.petition_classify(
        petition, actor=None, field=field, competence=Competence.PROVINCE, agency=agency
    )
    followup = services.petition_transfer(petition, actor=None, assigned_date=dt.date(2026, 10, 1))
    assert followup.due_date == dt.date(2026, 10, 31) and followup.source == petition
    assert followup.source_kind == SourceKind.PETITION and followup.reference == petition.code
    with pytest.raises(ValidationError):
        services.petition_review(petition, actor=None, outcome=CouncilStatus.DONE)  # not answered yet
    core_services.followup_answer(followup, actor=None, status="done", text="Đã bố trí vốn sửa chữa năm 2027")
    services.petition_review(petition, actor=None, outcome=CouncilStatus.DONE, text="Trả lời đạt")
    followup.refresh_from_db()
    assert not followup.is_open
    services.petition_report(petition, actor=None, session=session)
    with pytest.raises(ValidationError):
        services.petition_inform(petition, actor=None, answer_summary="", publish=True)
    services.petition_inform(petition, actor=None, answer_summary="Đã bố trí vốn năm 2027.", publish=True)
    with pytest.raises(ValidationError):
        services.petition_conclude(petition, actor=None, outcome=State.ROADMAP)
    services.petition_conclude(petition, actor=None, outcome=State.UNRESOLVED)
    followup.refresh_from_db()
    assert followup.is_open  # re-monitored
    petition.refresh_from_db()
    assert petition.state == State.UNRESOLVED and petition.published and petition.session == session


def test_a_central_matter_goes_to_the_national_assembly_delegation(council, meeting):
    petition = services.petition_create(
        actor=None,
        council=council,
        title="Sửa Luật Đất đai",
        opinions=[_opinion(council, meeting, "Đề nghị sửa Luật Đất đai")],
    )
    services.petition_classify(petition, actor=None, field=None, competence=Competence.CENTRAL)
    assert services.petition_transfer(petition, actor=None) is None
    petition.refresh_from_db()
    assert petition.state == State.TO_NA_DELEGATION and not FollowUp.objects.exists()


def test_a_public_submission_gets_a_code_and_keeps_contact_details(council, units):
    petition = services.public_submit(
        council=council,
        name="Nguyễn Văn A",
        phone="0912345678",
        email="a@example.vn",
        address="Ấp 3, xã Tân Hồng",
        admin_unit=units[0],
        title="Đèn đường hư",
        text="Đèn đường ấp 3 hư đã 2 tháng",
        consent=True,
    )
    assert petition.contact_phone == "0912345678" and petition.admin_unit == units[1]
    assert petition.opinions.get().channel == Channel.WEB


def test_letters_protect_anonymity_and_move_through_their_states(council, rule):
    DeadlineRuleFactory(council=council, code="complaint-transfer", days=10)
    with pytest.raises(ValidationError):
        services.letter_create(
            actor=None, council=council, kind=Letter.Kind.COMPLAINT, received_on=today(), summary="Khiếu nại"
        )
    anonymous = services.letter_create(
        actor=None,
        council=council,
        kind=Letter.Kind.DENUNCIATION,
        received_on=today(),
        summary="Tố cáo cán bộ địa chính",
        anonymous=True,
        sender_name="Bị xoá",
    )
    assert anonymous.sender_name == ""
    agency = AgencyFactory(council=council, name="Thanh tra tỉnh")
    with pytest.raises(ValidationError):
        services.letter_handle(
            anonymous, actor=None, to=Letter.State.TRANSFERRED, agency=agency
        )  # skips classifying
    services.letter_handle(anonymous, actor=None, to=Letter.State.CLASSIFIED)
    services.letter_handle(anonymous, actor=None, to=Letter.State.TRANSFERRED, agency=agency)
    followup = FollowUp.objects.get(source_kind=SourceKind.LETTER)
    assert followup.agency == agency and "Tố cáo cán bộ địa chính" in followup.description


def test_a_new_minutes_file_replaces_the_old_one(council, meeting, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    services.meeting_update(
        meeting,
        actor=None,
        upload=SimpleUploadedFile("bien-ban.pdf", pdf, content_type="application/pdf"),
        attendance=130,
    )
    meeting.refresh_from_db()
    assert meeting.original_name == "bien-ban.pdf" and meeting.size == len(pdf) and meeting.attendance == 130
    assert (tmp_path / meeting.path).read_bytes() == pdf
