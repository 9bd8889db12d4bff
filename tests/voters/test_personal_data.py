"""Issue 15, "Seen by those who must not": each finding, and the registry that now decides them all."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook

from council import personal_data
from council.models import Attachment, FollowUp, OutboxMail, Role
from council.uploads import get_private_storage
from tests.council.factories import AgencyFactory, DeadlineRuleFactory, RoleFactory, TermFactory
from tests.dates import today
from tests.delegates.factories import MandateFactory
from voters import services
from voters.models import Channel, Letter, Petition, VoterMeeting, VoterOpinion

pytestmark = pytest.mark.django_db
NAME, ADDRESS = "Nguyễn Văn Riêngtư", "Số 9 đường Bí Mật 0987654321"


@pytest.fixture
def meeting(council):
    return services.meeting_create(
        actor=None, council=council, kind=VoterMeeting.Kind.THEMATIC, format="online", date=today()
    )


@pytest.fixture
def opinion(council, meeting):
    return services.opinion_add(
        actor=None,
        council=council,
        channel=Channel.MEETING,
        meeting=meeting,
        text="Đề nghị sửa cầu Cái Tàu",
        voter_name=NAME,
        voter_address=ADDRESS,
    )


def test_an_opinions_page_shows_its_voter_only_to_who_may_see_citizens(client, login, opinion):
    url = reverse("voters:opinion_detail", args=[opinion.pk])
    for role in (Role.LEADERSHIP, Role.DELEGATE, Role.GROUP_LEADER, Role.COMMITTEE_HEAD):
        login(role)
        page = client.get(url).text
        assert "Đề nghị sửa cầu Cái Tàu" in page, role
        assert NAME not in page and ADDRESS not in page, role
        assert "— ẩn —" in page, role
    for role in (Role.OFFICE, Role.STANDING):
        login(role)
        page = client.get(url).text
        assert NAME in page and ADDRESS in page, role


def test_a_delegate_sees_the_voters_of_a_meeting_they_attended(client, council, meeting, opinion):
    user = RoleFactory(council=council, role=Role.DELEGATE).user
    term = TermFactory(council=council)
    mandate = MandateFactory(delegate__council=council, delegate__user=user, term=term)
    client.force_login(user)
    assert NAME not in client.get(reverse("voters:meeting_detail", args=[meeting.pk])).text
    meeting.delegates.add(mandate)
    assert NAME in client.get(reverse("voters:meeting_detail", args=[meeting.pk])).text
    assert NAME in client.get(reverse("voters:opinion_detail", args=[opinion.pk])).text


def test_the_opinions_export_and_search_hide_voters_from_leadership(client, login, opinion):
    login(Role.LEADERSHIP)
    workbook = load_workbook(io.BytesIO(client.get(reverse("voters:opinion_xlsx")).content))
    cells = " ".join(str(c.value) for row in workbook.active.iter_rows() for c in row)
    assert "Đề nghị sửa cầu" in cells and NAME not in cells
    detail = f'href="{reverse("voters:opinion_detail", args=[opinion.pk])}"'
    # The address used to be in the opinion's search text: now nobody finds it by a value they cannot see.
    assert detail not in client.get(reverse("voters:opinion_list"), {"q": "bi mat"}).text
    assert detail in client.get(reverse("voters:opinion_list"), {"q": "sua cau"}).text
    login(Role.OFFICE)
    assert detail in client.get(reverse("voters:opinion_list"), {"q": "bi mat"}).text


def test_a_public_submission_keeps_the_citizen_on_the_petition_only(council):
    petition = services.public_submit(
        council=council,
        name=NAME,
        phone="0987654321",
        email="riengtu@example.vn",
        address=ADDRESS,
        admin_unit=None,
        title="Đèn đường",
        text="Đèn đường ấp 3 không sáng",
        consent=True,
    )
    opinion = petition.opinions.get()
    assert opinion.voter_name == "" and opinion.voter_address == ""
    assert NAME not in opinion.search_text.lower()
    assert (petition.contact_name, petition.contact_address) == (NAME, ADDRESS)


@pytest.fixture
def letter_followup(council):
    DeadlineRuleFactory(council=council, code="complaint-transfer")
    agency = AgencyFactory(council=council)
    letter = services.letter_create(
        actor=None,
        council=council,
        kind=Letter.Kind.COMPLAINT,
        received_on=today(),
        sender_name=NAME,
        summary=f"Đơn khiếu nại của ông {NAME} về việc thu hồi đất",
    )
    services.letter_handle(letter, actor=None, to=Letter.State.CLASSIFIED)
    services.letter_handle(letter, actor=None, to=Letter.State.TRANSFERRED, agency=agency)
    return FollowUp.objects.get(source_id=letter.pk, source_kind="letter")


def test_a_letters_followup_does_not_carry_the_citizen_to_leadership(client, login, council, letter_followup):
    assert NAME not in letter_followup.title and "thu hồi đất" not in letter_followup.title
    assert "riengtu" not in letter_followup.search_text
    login(Role.LEADERSHIP)
    page = client.get(reverse("council:followup_detail", args=[letter_followup.pk])).text
    assert letter_followup.title in page and NAME not in page
    listing = client.get(reverse("council:followup_list"), {"q": "Riêngtư"}).text
    assert reverse("council:followup_detail", args=[letter_followup.pk]) not in listing
    export = client.get(reverse("council:followup_list"), {"format": "xlsx"})
    cells = " ".join(
        str(c.value) for row in load_workbook(io.BytesIO(export.content)).active.iter_rows() for c in row
    )
    assert letter_followup.title in cells and NAME not in cells
    # The agency that must answer reads the complaint; the Office too.
    agency_user = RoleFactory(council=council, role=Role.AGENCY, agency=letter_followup.agency).user
    client.force_login(agency_user)
    assert NAME in client.get(reverse("council:agency_item", args=[letter_followup.pk])).text
    login(Role.OFFICE)
    assert NAME in client.get(reverse("council:followup_detail", args=[letter_followup.pk])).text
    # The Office still finds it by the letter's content (accents and case aside); leadership does not.
    assert (
        reverse("council:followup_detail", args=[letter_followup.pk])
        in client.get(reverse("council:followup_list"), {"q": "thu hoi dat"}).text
    )
    # The agency's mail carries the content it must answer.
    assert any(NAME in mail.body for mail in OutboxMail.objects.filter(dedupe_key__startswith="assigned:"))


def test_leadership_cannot_download_evidence(client, login, letter_followup):
    path = get_private_storage().save("test/evidence.pdf", ContentFile(b"%PDF-1.4 " + NAME.encode()))
    attachment = Attachment.objects.create(
        followup=letter_followup,
        kind="evidence",
        path=path,
        original_name="bien-ban.pdf",
        content_type="application/pdf",
        size=20,
    )
    url = reverse("council:attachment_download", args=[attachment.pk])
    login(Role.LEADERSHIP)
    assert client.get(reverse("council:followup_detail", args=[letter_followup.pk])).status_code == 200
    assert client.get(url).status_code == 404
    assert url not in client.get(reverse("council:followup_detail", args=[letter_followup.pk])).text
    login(Role.OFFICE)
    assert client.get(url).status_code == 200


def test_files_follow_their_records_page(client, login, council, meeting):
    """coquan: the meeting page 403 and its minutes 403 too (they were 200)."""
    path = get_private_storage().save("test/minutes.pdf", ContentFile(b"%PDF-1.4 minutes"))
    VoterMeeting.objects.filter(pk=meeting.pk).update(
        path=path, original_name="bien-ban.pdf", content_type="application/pdf", size=16
    )
    login(Role.AGENCY)
    assert client.get(reverse("voters:meeting_detail", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("voters:meeting_minutes", args=[meeting.pk])).status_code in (403, 404)
    login(Role.OFFICE)
    assert client.get(reverse("voters:meeting_minutes", args=[meeting.pk])).status_code == 200


def test_a_letter_is_named_without_its_content(council):
    letter = services.letter_create(
        actor=None,
        council=council,
        kind=Letter.Kind.COMPLAINT,
        received_on=today(),
        sender_name="A",
        summary=NAME,
    )
    assert NAME not in str(letter)


def test_outside_a_request_nothing_personal_is_shown(opinion):
    """Reports, mail and tasks render with no viewer unless they say who reads: the registry fails closed."""
    assert personal_data.current().value(opinion, "voter_name") == personal_data.MASK
    with personal_data.active(personal_data.Redactor.for_roles([Role.OFFICE])):
        assert personal_data.current().value(opinion, "voter_name") == NAME


def test_every_marked_field_exists():
    from django.apps import apps

    for mark in personal_data.MARKS:
        model = apps.get_model(mark.model)
        for name in mark.fields:
            model._meta.get_field(name)
        # A field personal only on some records says so of a queryset too (search narrows by it).
        assert (mark.when is None) == (mark.where is None), mark
    assert personal_data.mark_of(Petition, "contact_phone").category is personal_data.CITIZEN
    assert personal_data.mark_of(VoterOpinion, "voter_name") is not None


def test_a_letter_is_found_by_its_content_only_by_who_may_read_it(client, login, council):
    letter = services.letter_create(
        actor=None,
        council=council,
        kind=Letter.Kind.COMPLAINT,
        received_on=today(),
        sender_name=NAME,
        summary="Khiếu nại về bồi thường đất ở ấp Bình Thạnh",
    )
    assert letter.search_text == ""  # the stored search text holds no personal value
    login(Role.STANDING)
    found = client.get(reverse("voters:letter_list"), {"q": "boi thuong dat"}).text
    assert f'href="{reverse("voters:letter_detail", args=[letter.pk])}"' in found
