"""Study and exchange trips (founding conclusion II.3): the Office records them, with their delegates,
lessons and report, and follows up what is to be done after them on the follow-up spine."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from council.models import CouncilStatus, FollowUp, Role, SourceKind
from oversight import selectors, services
from oversight.models import StudyTrip, StudyTripFollowUp
from tests.council.factories import CommitteeFactory
from tests.dates import days
from tests.delegates.factories import DelegateFactory

START = dt.date(2026, 3, 10)


def _trip(council, n: int = 0, *, start=START, participants=(), actor=None) -> StudyTrip:
    return services.study_trip_create(
        actor=actor,
        council=council,
        title=f"Học tập kinh nghiệm giám sát chuyên đề {n}",
        host="HĐND tỉnh Quảng Ninh",
        place="Hạ Long",
        start_date=start,
        end_date=start + dt.timedelta(days=2),
        purpose="Trao đổi kinh nghiệm tổ chức phiên giải trình",
        participants=participants,
        lessons="Chọn vấn đề giải trình từ kiến nghị cử tri quá hạn.",
    )


@pytest.fixture
def trip(council):
    return _trip(council, participants=[DelegateFactory(council=council, full_name="Lê Thị Hoa")])


def test_a_trip_is_recorded_with_its_delegates_and_who_recorded_it(council, user_with_role):
    clerk = user_with_role(Role.OFFICE)
    delegate = DelegateFactory(council=council)
    trip = _trip(council, participants=[delegate], actor=clerk)
    assert list(trip.participants.all()) == [delegate]
    assert trip.created_by == clerk
    assert trip.history.latest().history_user == clerk


def test_a_trip_cannot_end_before_it_starts_nor_take_another_councils_delegate(council, other_council):
    with pytest.raises(ValidationError) as error:
        services.study_trip_create(
            actor=None,
            council=council,
            title="Chuyến đi sai ngày",
            host="HĐND TP. Hải Phòng",
            start_date=START,
            end_date=START - dt.timedelta(days=1),
            purpose="Học tập",
        )
    assert "end_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _trip(council, participants=[DelegateFactory(council=other_council)])
    assert "participants" in error.value.message_dict
    assert not StudyTrip.objects.exists()


def test_a_followup_item_is_tracked_on_the_spine_and_marked_done(council, trip, user_with_role):
    clerk = user_with_role(Role.OFFICE)
    committee = CommitteeFactory(council=council)
    item = services.study_trip_followup_add(
        trip, actor=clerk, text="Xây dựng quy trình phiên giải trình", due_date=days(30), committee=committee
    )
    followup = FollowUp.objects.of_sources([item]).get()
    assert followup.source_kind == SourceKind.OFFICE_TASK
    assert followup.agency.name == committee.name and not followup.agency.is_active
    assert followup.due_date == days(30) and followup.is_open
    (row,) = selectors.study_trip_items(trip)
    assert row.done_on is None

    services.study_trip_followup_done(item, actor=clerk, text="Đã ban hành quy trình")
    followup.refresh_from_db()
    assert followup.council_status == CouncilStatus.DONE and followup.closed_on is not None
    (row,) = selectors.study_trip_items(trip)
    assert row.done_on == followup.closed_on
    with pytest.raises(ValidationError):
        services.study_trip_followup_done(item, actor=clerk)


def test_a_followup_item_names_a_committee_or_a_body_not_both(council, trip):
    with pytest.raises(ValidationError) as error:
        services.study_trip_followup_add(
            trip,
            actor=None,
            text="Việc mơ hồ",
            due_date=days(30),
            committee=CommitteeFactory(council=council),
            responsible="Văn phòng",
        )
    assert "responsible" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.study_trip_followup_add(
            trip, actor=None, text="Việc trước chuyến đi", due_date=dt.date(2026, 1, 1)
        )
    assert "due_date" in error.value.message_dict
    assert not StudyTripFollowUp.objects.exists() and not FollowUp.objects.exists()


def test_study_trips_in_lists_the_trips_of_the_window_with_their_items(council, other_council):
    first = _trip(council, 1, start=dt.date(2026, 3, 30))  # ends 1 April: inside the second quarter too
    _trip(council, 2, start=dt.date(2026, 7, 1))
    _trip(other_council, 3, start=dt.date(2026, 4, 5))
    services.study_trip_followup_add(first, actor=None, text="Áp dụng bài học", due_date=dt.date(2026, 6, 30))
    (trip,) = selectors.study_trips_in(council, dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert trip == first
    assert [row.item.text for row in trip.items] == ["Áp dụng bài học"]
    assert trip.items[0].followup is not None


def test_the_office_records_a_trip_and_its_items_from_the_pages(client, office, council):
    delegate = DelegateFactory(council=council)
    report = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(
        reverse("oversight:study_trip_create"),
        {
            "title": "Học tập kinh nghiệm tại Đà Nẵng",
            "host": "HĐND TP. Đà Nẵng",
            "start_date": "10/03/2026",
            "end_date": "12/03/2026",
            "purpose": "Trao đổi kinh nghiệm chất vấn",
            "participants": [delegate.pk],
            "upload": report,
        },
    )
    trip = StudyTrip.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "oversight:study_trip_detail", args=[trip.pk]
    )
    assert trip.original_name == "bao-cao.pdf" and list(trip.participants.all()) == [delegate]
    url = reverse("oversight:study_trip_followup_add", args=[trip.pk])
    bad = client.post(url, {"text": "Áp dụng", "due_date": "99/99/2026"})
    assert bad.status_code == 200 and not StudyTripFollowUp.objects.exists()
    client.post(url, {"text": "Áp dụng cách chọn chủ đề chất vấn", "due_date": days(20).strftime("%d/%m/%Y")})
    item = StudyTripFollowUp.objects.get()
    client.post(reverse("oversight:study_trip_followup_done", args=[item.pk]), {"text": "Đã áp dụng"})
    assert FollowUp.objects.of_sources([item]).get().council_status == CouncilStatus.DONE
    page = client.get(reverse("oversight:study_trip_detail", args=[trip.pk])).content.decode()
    assert "Áp dụng cách chọn chủ đề chất vấn" in page and delegate.full_name in page
    assert f'id="trip-item-{item.pk}"' in page and "text-bg-success" in page  # shown as done
    assert client.get(reverse("oversight:study_trip_file", args=[trip.pk])).status_code == 200


def test_members_read_trips_but_only_the_office_changes_them(client, login, council, trip, other_council):
    login(Role.DELEGATE)
    assert client.get(reverse("oversight:study_trip_detail", args=[trip.pk])).status_code == 200
    assert (
        reverse("oversight:study_trip_followup_add", args=[trip.pk])
        not in client.get(reverse("oversight:study_trip_detail", args=[trip.pk])).content.decode()
    )
    assert client.get(reverse("oversight:study_trip_create")).status_code == 403
    response = client.post(
        reverse("oversight:study_trip_followup_add", args=[trip.pk]), {"text": "x", "due_date": "01/12/2026"}
    )
    assert response.status_code == 403 and not StudyTripFollowUp.objects.exists()
    login(Role.AGENCY)
    assert client.get(reverse("oversight:study_trip_list")).status_code == 403
    login(Role.OFFICE, other_council)
    assert client.get(reverse("oversight:study_trip_detail", args=[trip.pk])).status_code == 404


def test_the_list_filters_by_year_with_constant_queries(client, office, council, constant_queries):
    def add(rows):
        for n in rows:
            _trip(
                council,
                n,
                start=dt.date(2025 + n % 2, 3, 1) + dt.timedelta(days=n),
                participants=[DelegateFactory(council=council)],
            )

    def visit():
        response = client.get(reverse("oversight:study_trip_list"), {"year": 2026})
        assert response.status_code == 200
        return response.content.decode()

    html, _many = constant_queries(add, visit)
    assert "chuyên đề 1<" in html and "chuyên đề 0<" not in html
