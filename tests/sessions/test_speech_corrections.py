"""Speech durations are kept to the second; corrections change only what the clerk changed, with a reason."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from delegates import services as delegate_services
from sessions import services
from sessions.forms import SpeechCorrectForm, SpeechForm, format_duration, parse_duration
from sessions.models import Speech
from tests.council.factories import TermFactory
from tests.delegates.factories import GroupFactory, GroupMembershipFactory, MandateFactory
from tests.sessions.factories import SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sitting(council):
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    return SittingFactory(session=SessionFactory(term=term))


@pytest.fixture
def delegates(council, sitting):
    term = sitting.session.term
    made = []
    for name, person in (("Tổ 1 – Cao Lãnh", "Lê Thị Hoà"), ("Tổ 2 – Sa Đéc", "Đặng Văn Dũng")):
        mandate = MandateFactory(delegate__council=council, delegate__full_name=person, term=term)
        GroupMembershipFactory(group=GroupFactory(term=term, name=name), mandate=mandate)
        made.append(mandate)
    return made


@pytest.fixture
def speech(sitting, delegates):
    return services.speech_log(
        actor=None, sitting=sitting, mandate=delegates[0], kind="discussion", duration_seconds=90
    )


# --- Parsing -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1:30", 90), ("0:09", 9), ("90:00", 5400), ("1:00:05", 3605), ("5", 300), ("4.5", 270), ("4,5", 270)],
)
def test_durations_are_read_to_the_second(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["1.30", "1:5", "1:60", "-1", "abc", ":30", "1::2", "١:٣٠", "99999999"])
def test_ambiguous_or_bad_durations_are_refused(text):
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize("seconds", [0, 9, 59, 60, 90, 3599, 86400])
def test_a_shown_duration_reads_back_to_the_same_seconds(seconds):
    assert parse_duration(format_duration(seconds)) == seconds


# --- Service -----------------------------------------------------------------------------------------------


def test_correcting_only_the_kind_keeps_the_seconds(speech, office):
    services.speech_correct(speech, actor=office, reason="Nhầm loại phát biểu", kind="debate")
    speech.refresh_from_db()
    assert (speech.kind, speech.duration_seconds) == ("debate", 90)


def test_a_correction_changes_the_speaker_with_its_reason_in_the_history(speech, delegates, office):
    services.speech_correct(speech, actor=office, reason="Chọn nhầm đại biểu", mandate=delegates[1])
    speech.refresh_from_db()
    assert speech.mandate == delegates[1] and speech.duration_seconds == 90
    latest, before = speech.history.all()[:2]
    assert (latest.mandate_id, before.mandate_id) == (delegates[1].pk, delegates[0].pk)
    assert latest.history_user == office and latest.history_change_reason == "Chọn nhầm đại biểu"


def test_a_delegate_replacing_an_official_clears_the_official(sitting, delegates, office):
    speech = services.speech_log(
        actor=None, sitting=sitting, official="Giám đốc Sở Y tế", kind="answer", duration_seconds=75
    )
    services.speech_correct(speech, actor=office, reason="Đại biểu phát biểu", mandate=delegates[0])
    speech.refresh_from_db()
    assert (speech.mandate, speech.official, speech.duration_seconds) == (delegates[0], "", 75)


@pytest.mark.parametrize(
    "change",
    [
        {"duration_seconds": -1},
        {"duration_seconds": 24 * 3600 + 1},
        {"duration_seconds": "90"},
        {"kind": "speech-of-nobody"},
        {"mandate": None, "official": ""},
    ],
)
def test_a_bad_correction_is_refused_and_changes_nothing(speech, office, change):
    with pytest.raises(ValidationError):
        services.speech_correct(speech, actor=office, reason="Sửa", **change)
    speech.refresh_from_db()
    assert (speech.kind, speech.duration_seconds, speech.mandate_id) == ("discussion", 90, speech.mandate_id)
    assert speech.history.count() == 1


def test_a_correction_refuses_a_delegate_without_a_mandate_that_day(speech, council, sitting, office):
    gone = MandateFactory(
        delegate__council=council,
        term=sitting.session.term,
        end_date=dt.date(2026, 6, 30),
        end_reason="resigned",
    )
    with pytest.raises(ValidationError):
        services.speech_correct(speech, actor=office, reason="Sửa", mandate=gone)
    assert Speech.objects.get().mandate_id != gone.pk


def test_a_correction_refuses_a_delegate_of_another_council(speech, other_council, office):
    stranger = MandateFactory(delegate__council=other_council, term=TermFactory(council=other_council))
    with pytest.raises(ValidationError):
        services.speech_correct(speech, actor=office, reason="Sửa", mandate=stranger)


def test_a_correction_without_a_reason_is_refused(speech, office):
    with pytest.raises(ValidationError):
        services.speech_correct(speech, actor=office, reason="  ", kind="debate")
    assert Speech.objects.get().kind == "discussion"


# --- Forms -------------------------------------------------------------------------------------------------


def test_the_correction_form_shows_the_seconds_and_keeps_them_when_unchanged(speech):
    form = SpeechCorrectForm(speech=speech)
    assert 'value="1:30"' in str(form["duration"])
    bound = SpeechCorrectForm(
        {"mandate": speech.mandate_id, "official": "", "kind": "debate", "duration": "1:30", "reason": "x"},
        speech=speech,
    )
    assert bound.is_valid(), bound.errors
    assert bound.changes()["duration_seconds"] == 90


def test_a_speech_under_ten_seconds_is_logged_only_when_confirmed(sitting, delegates):
    data = {"mandate": delegates[0].pk, "kind": "discussion", "duration": "0:00"}
    form = SpeechForm(data, sitting=sitting)
    assert not form.is_valid() and form.short_refused
    form = SpeechForm({**data, "duration": ""}, sitting=sitting)
    assert not form.is_valid() and form.short_refused
    form = SpeechForm({**data, "short_ok": "on"}, sitting=sitting)
    assert form.is_valid() and form.cleaned_data["duration"] == 0


# --- Views -------------------------------------------------------------------------------------------------


def test_the_live_page_logs_a_speech_to_the_second(client, office, sitting, delegates):
    response = client.post(
        reverse("sessions:sitting_live", args=[sitting.pk]),
        {"mandate": delegates[0].pk, "kind": "discussion", "duration": "1:30"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert Speech.objects.get().duration_seconds == 90
    assert "1:30" in response.text


def test_the_live_page_refuses_a_silent_zero_speech(client, office, sitting, delegates):
    response = client.post(
        reverse("sessions:sitting_live", args=[sitting.pk]),
        {"mandate": delegates[0].pk, "kind": "discussion", "duration": "0:04"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and not Speech.objects.exists()
    warning = response.text.split('id="short-warning"')[1].split(">")[0]
    assert "hidden" not in warning and 'role="alert"' in warning
    assert "10" in response.text.split('id="short-warning-text">')[1].split("<")[0]
    client.post(
        reverse("sessions:sitting_live", args=[sitting.pk]),
        {"mandate": delegates[0].pk, "kind": "discussion", "duration": "0:04", "short_ok": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert Speech.objects.get().duration_seconds == 4


def test_the_correction_form_is_loaded_into_the_row(client, office, speech, delegates):
    response = client.get(reverse("sessions:speech_correct", args=[speech.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "<html" not in response.text
    assert 'value="1:30"' in response.text and delegates[1].delegate.full_name in response.text
    assert f'id="c{speech.pk}-kind"' in response.text


def test_a_correction_by_htmx_swaps_only_the_row_and_keeps_the_seconds(client, office, speech, delegates):
    response = client.post(
        reverse("sessions:speech_correct", args=[speech.pk]),
        {
            "mandate": speech.mandate_id,
            "official": "",
            "kind": "debate",
            "duration": "1:30",
            "reason": "Nhầm",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "<html" not in response.text
    assert response.text.lstrip().startswith(f'<li class="list-group-item" id="speech-{speech.pk}">')
    assert 'id="live-t2" hx-swap-oob="true"' in response.text
    speech.refresh_from_db()
    assert (speech.kind, speech.duration_seconds) == ("debate", 90)


def test_a_correction_by_htmx_changes_the_speaker(client, office, speech, delegates):
    response = client.post(
        reverse("sessions:speech_correct", args=[speech.pk]),
        {"mandate": delegates[1].pk, "kind": "discussion", "duration": "1:30", "reason": "Chọn nhầm"},
        HTTP_HX_REQUEST="true",
    )
    assert delegates[1].delegate.full_name in response.text
    speech.refresh_from_db()
    assert speech.mandate == delegates[1]
    assert speech.history.first().history_change_reason == "Chọn nhầm"


@pytest.mark.parametrize(
    "bad",
    [
        {"duration": "1.30"},
        {"duration": "abc"},
        {"duration": "99999:00"},
        {"reason": ""},
        {"mandate": "99999999999999999999"},
        {"mandate": "", "official": ""},
        {"kind": "nonsense"},
    ],
)
def test_a_bad_correction_by_htmx_shows_the_error_in_the_row_and_changes_nothing(client, office, speech, bad):
    data = {
        "mandate": speech.mandate_id,
        "official": "",
        "kind": "debate",
        "duration": "2:00",
        "reason": "Sửa",
    }
    response = client.post(
        reverse("sessions:speech_correct", args=[speech.pk]), {**data, **bad}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="speech-{speech.pk}"' in response.text and '<details class="mt-1" open>' in response.text
    assert "text-danger" in response.text or "invalid-feedback" in response.text
    speech.refresh_from_db()
    assert (speech.kind, speech.duration_seconds) == ("discussion", 90)


def test_a_correction_without_htmx_redirects_to_the_live_page(client, office, speech):
    response = client.post(
        reverse("sessions:speech_correct", args=[speech.pk]),
        {"kind": "debate", "duration": "1:30", "reason": "Nhầm"},
    )
    assert response.status_code == 302
    speech.refresh_from_db()
    assert (speech.kind, speech.duration_seconds) == ("debate", 90)


def test_a_speech_of_another_council_cannot_be_corrected(client, login, other_council, speech):
    login("office", other_council)
    response = client.post(
        reverse("sessions:speech_correct", args=[speech.pk]),
        {"kind": "debate", "duration": "1:00", "reason": "x"},
    )
    assert response.status_code == 404


def test_removing_by_htmx_swaps_the_row(client, office, speech):
    response = client.post(
        reverse("sessions:speech_remove", args=[speech.pk]), {"reason": "Ghi trùng"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and not Speech.objects.exists()
    assert 'hx-swap-oob="true"' in response.text


def test_my_participation_shows_each_speech_to_the_second(client, login, speech):
    user = login("delegate")
    delegate_services.delegate_update(speech.mandate.delegate, actor=None, user=user)
    response = client.get(reverse("sessions:my_participation"))
    assert response.context["speeches"] == [speech]
    assert "1:30" in response.text
