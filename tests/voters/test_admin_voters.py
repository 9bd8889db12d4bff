"""The admin edits petitions, letters and meetings through the voters' services, and moves their workflow
only by actions that call those services."""

import unicodedata

import pytest
from django.core import mail
from django.urls import reverse

from council.models import FollowUp, FollowUpEvent, OutboxMail, SourceKind
from tests.admin_actions import ERROR, SUCCESS, change_url, levels, run_action
from tests.council.factories import AgencyFactory, CouncilFactory, DeadlineRuleFactory
from tests.dates import days, today
from voters import services
from voters.models import Channel, Competence, Letter, Petition, VoterMeeting, VoterOpinion

pytestmark = pytest.mark.django_db
State = Petition.State


@pytest.fixture
def admin_user(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@hdnd.vn", "x")
    client.force_login(user)
    return user


@pytest.fixture
def petition(council, meeting):
    opinion = services.opinion_add(
        actor=None, council=council, channel=Channel.MEETING, meeting=meeting, text="Đường ĐT 843 hư hỏng"
    )
    return services.petition_create(
        actor=None, council=council, title="Nâng cấp đường ĐT 843", opinions=[opinion]
    )


@pytest.fixture
def agency(council):
    DeadlineRuleFactory(council=council, code="petition-answer", days=30)
    return AgencyFactory(council=council, name="Sở Xây dựng", emails="vanphong@soxd.gov.vn")


def _petition_form(petition, **changes):
    data = {
        "title": petition.title,
        "text": petition.text,
        "received_on": f"{petition.received_on:%d/%m/%Y}",
        "admin_unit": petition.admin_unit_id or "",
        "field": petition.field_id or "",
        "contact_name": "",
        "contact_phone": "",
        "contact_email": "",
        "contact_address": "",
    }
    return {**data, **changes}


def test_the_change_form_edits_the_content_through_the_service_and_never_the_state(
    client, admin_user, petition
):
    response = client.post(
        change_url(petition),
        _petition_form(petition, title="Sửa chữa đường ĐT 843", state=State.CLOSED, voters_count=99),
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.title == "Sửa chữa đường ĐT 843"
    assert petition.state == State.RECORDED and petition.voters_count == 1
    assert "sua chua duong" in petition.search_text  # kept by petition_update, which the admin calls
    assert petition.history.latest().history_user == admin_user


def test_petitions_are_neither_added_nor_deleted_in_the_admin(client, admin_user, petition):
    assert client.get(reverse("admin:voters_petition_add")).status_code == 403
    assert (
        client.post(reverse("admin:voters_petition_delete", args=[petition.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Petition.objects.filter(pk=petition.pk).exists()


def test_transferring_opens_the_agencys_followup_and_mails_it(
    client, admin_user, petition, agency, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.petition_classify(
        petition, actor=None, field=None, competence=Competence.PROVINCE, agency=agency
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(client, Petition, "transfer", [petition], due_date="", override_reason="")
    assert response.status_code == 302 and levels(client) == {SUCCESS}
    petition.refresh_from_db()
    assert petition.state == State.TRANSFERRED
    followup = FollowUp.objects.get(source_kind=SourceKind.PETITION)
    assert followup.agency == agency and followup.reference == petition.code
    assert followup.events.get(kind=FollowUpEvent.Kind.CREATED).actor == admin_user
    assert OutboxMail.objects.filter(to__contains="vanphong@soxd.gov.vn").exists()
    assert any(m.to == ["vanphong@soxd.gov.vn"] for m in mail.outbox)


def test_a_step_out_of_turn_shows_the_error_and_changes_nothing(client, admin_user, petition, agency):
    response = run_action(client, Petition, "transfer", [petition], due_date="", override_reason="")
    assert response.status_code == 302 and levels(client) == {ERROR}
    run_action(client, Petition, "conclude", [petition], outcome=State.CLOSED, roadmap="")
    assert levels(client) == {ERROR}
    petition.refresh_from_db()
    assert petition.state == State.RECORDED
    assert not FollowUp.objects.exists()


def test_letters_move_only_by_the_action(client, admin_user, council, agency):
    DeadlineRuleFactory(council=council, code="complaint-transfer", days=10)
    letter = services.letter_create(
        actor=None,
        council=council,
        kind=Letter.Kind.COMPLAINT,
        received_on=today(),
        summary="Khiếu nại về bồi thường",
        sender_name="Trần Văn B",
    )
    response = client.post(
        change_url(letter),
        {
            "kind": Letter.Kind.COMPLAINT,
            "channel": letter.channel,
            "received_on": f"{today():%d/%m/%Y}",
            "summary": "Khiếu nại về bồi thường đất",
            "anonymous": "on",
            "state": Letter.State.CLOSED,
            "agency": agency.pk,
            "council": CouncilFactory().pk,
        },
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.summary == "Khiếu nại về bồi thường đất"
    assert (
        letter.anonymous and letter.sender_name == ""
    )  # letter_update forgets the sender of an anonymous letter
    assert letter.state == Letter.State.RECEIVED and letter.agency is None and letter.council == council

    run_action(client, Letter, "handle", [letter], to=Letter.State.TRANSFERRED, agency=agency.pk, note="")
    assert levels(client) == {ERROR}  # a letter is classified before it is transferred
    letter.refresh_from_db()
    assert letter.state == Letter.State.RECEIVED

    run_action(client, Letter, "handle", [letter], to=Letter.State.CLASSIFIED, agency="", note="")
    run_action(client, Letter, "handle", [letter], to=Letter.State.TRANSFERRED, agency=agency.pk, note="")
    letter.refresh_from_db()
    assert letter.state == Letter.State.TRANSFERRED and letter.agency == agency
    followup = FollowUp.objects.get(source_kind=SourceKind.LETTER)
    assert followup.events.get(kind=FollowUpEvent.Kind.CREATED).actor == admin_user


def test_opinions_are_only_read_in_the_admin(client, admin_user, petition):
    opinion = petition.opinions.get()
    assert client.get(change_url(opinion)).status_code == 200
    assert client.post(change_url(opinion), {"text": "Khác", "petition": ""}).status_code == 403
    opinion.refresh_from_db()
    assert opinion.petition == petition and opinion.text == "Đường ĐT 843 hư hỏng"
    assert client.get(reverse("admin:voters_voteropinion_add")).status_code == 403
    assert VoterOpinion.objects.count() == 1


def test_a_meeting_edited_in_the_admin_goes_through_its_service(client, admin_user, meeting):
    url = change_url(meeting)
    data = {
        "council": meeting.council_id,
        "kind": meeting.kind,
        "format": meeting.format,
        "date": f"{meeting.date:%d/%m/%Y}",
        "place": meeting.place_id,
        "place_detail": unicodedata.normalize("NFD", "Hội trường UBND xã"),  # as some keyboards send it
        "session": meeting.session_id,
        "attendance": 95,
        "notes": "",
        "co_organiser": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.attendance == 95
    assert meeting.place_detail == unicodedata.normalize(
        "NFC", "Hội trường UBND xã"
    )  # the service's record_save
    assert meeting.history.latest().history_user == admin_user


def test_a_meeting_the_service_refuses_is_not_saved_and_gives_no_500(client, admin_user, meeting):
    response = client.post(
        change_url(meeting),
        {
            "council": meeting.council_id,
            "kind": meeting.kind,
            "format": meeting.format,
            "date": f"{days(400):%d/%m/%Y}",  # beyond the year a meeting may be planned ahead
            "place": meeting.place_id,
            "session": meeting.session_id,
            "attendance": 95,
        },
    )
    assert response.status_code in (200, 302)
    meeting.refresh_from_db()
    assert meeting.attendance == 80 and meeting.date < today()
    assert VoterMeeting.objects.count() == 1
