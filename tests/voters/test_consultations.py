"""Consultations of the people on draft resolutions: prepared, opened, closed with a summary and the responses
of every channel counted, linked to the resolution adopted; the Office keeps them, the leadership reads."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from council.models import Role
from reports import metrics
from reports.metrics import Window
from sessions import services as session_services
from sessions.models import Resolution
from tests.dates import today
from voters import selectors, services
from voters.models import Channel, Consultation, ConsultationResponseCount, OutreachChannel

pytestmark = pytest.mark.django_db


def _channels(council):
    services.channels_ensure_builtin(council=council)
    return {c.code: c for c in OutreachChannel.objects.filter(council=council)}


def _consultation(
    council, *, title="Dự thảo Nghị quyết về học phí", codes=(Channel.WEB, Channel.POST), **data
):
    channels = _channels(council)
    return services.consultation_create(
        actor=None,
        council=council,
        title=title,
        start_date=data.pop("start_date", today() - dt.timedelta(days=30)),
        end_date=data.pop("end_date", today() - dt.timedelta(days=1)),
        channels=[channels[c] for c in codes],
        **data,
    )


def _resolution(council, symbol="05/2026/NQ-HĐND"):
    return session_services.resolution_create(
        actor=None,
        council=council,
        symbol=symbol,
        kind=Resolution.Kind.NORMATIVE,
        title="Quy định mức học phí",
        adopted_on=dt.date(2026, 12, 1),
    )


def test_the_office_runs_a_consultation_from_draft_to_resolution(client, office, council):
    channels = _channels(council)
    response = client.post(
        reverse("voters:consultation_create"),
        {
            "title": "Dự thảo Nghị quyết về học phí",
            "start_date": (today() - dt.timedelta(days=20)).strftime("%d/%m/%Y"),
            "end_date": (today() - dt.timedelta(days=1)).strftime("%d/%m/%Y"),
            "channels": [channels[Channel.WEB].pk, channels[Channel.POST].pk],
        },
    )
    consultation = Consultation.objects.get(council=council)
    assert response.status_code == 302 and consultation.status == Consultation.Status.PLANNED
    assert consultation.created_by is not None
    client.post(reverse("voters:consultation_open", args=[consultation.pk]))
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.OPEN
    web, post = channels[Channel.WEB], channels[Channel.POST]
    # Closing without a summary, or without every channel's count, is refused and changes nothing.
    refused = client.post(
        reverse("voters:consultation_close", args=[consultation.pk]),
        {f"count_{web.pk}": 120, f"count_{post.pk}": 8},
    )
    assert refused.status_code == 200 and refused.context["close_form"].errors["summary"]
    refused = client.post(
        reverse("voters:consultation_close", args=[consultation.pk]),
        {"summary": "Đa số đồng ý", f"count_{web.pk}": 120},
    )
    assert refused.status_code == 200 and refused.context["close_form"].errors[f"count_{post.pk}"]
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.OPEN and not ConsultationResponseCount.objects.exists()
    closed = client.post(
        reverse("voters:consultation_close", args=[consultation.pk]),
        {"summary": "Đa số đồng ý; đề nghị mở rộng đối tượng", f"count_{web.pk}": 120, f"count_{post.pk}": 8},
    )
    assert closed.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CLOSED and consultation.summary.startswith("Đa số")
    resolution = _resolution(council)
    client.post(
        reverse("voters:consultation_resolution", args=[consultation.pk]), {"resolution": resolution.pk}
    )
    consultation.refresh_from_db()
    assert consultation.resolution == resolution
    page = client.get(reverse("voters:consultation_detail", args=[consultation.pk]))
    assert page.context["counts"].total == 128
    assert [(c.code, n) for c, n in page.context["counts"].rows] == [(Channel.POST, 8), (Channel.WEB, 120)]
    assert consultation.history.count() >= 4  # created, opened, closed, linked: each with its actor


def test_services_refuse_what_does_not_fit(council, other_council):
    consultation = _consultation(council)
    with pytest.raises(ValidationError):
        services.consultation_close(consultation, actor=None, summary="x", counts={})  # not open
    consultation_empty = _consultation(council, title="Không kênh", codes=())
    with pytest.raises(ValidationError):
        services.consultation_open(consultation_empty, actor=None)
    services.consultation_open(consultation, actor=None)
    web = OutreachChannel.objects.get(council=council, code=Channel.WEB)
    zalo = OutreachChannel.objects.get(council=council, code=Channel.ZALO)
    with pytest.raises(ValidationError):  # a channel the consultation did not use
        services.consultation_counts_save(consultation, actor=None, counts={zalo: 3})
    with pytest.raises(ValidationError):
        services.consultation_counts_save(consultation, actor=None, counts={web: -1})
    other = _channels(other_council)[Channel.WEB]
    with pytest.raises(ValidationError):
        services.consultation_update(consultation, actor=None, channels=[other])
    with pytest.raises(ValidationError):
        services.consultation_link_resolution(consultation, actor=None, resolution=_resolution(other_council))
    with pytest.raises(ValidationError):
        _consultation(
            council, title="Ngày ngược", start_date=today(), end_date=today() - dt.timedelta(days=3)
        )
    assert not ConsultationResponseCount.objects.exists()
    assert consultation.channels.count() == 2


def test_a_channel_taken_off_loses_its_count(council):
    consultation = _consultation(council)
    services.consultation_open(consultation, actor=None)
    web = OutreachChannel.objects.get(council=council, code=Channel.WEB)
    post = OutreachChannel.objects.get(council=council, code=Channel.POST)
    services.consultation_counts_save(consultation, actor=None, counts={web: 10, post: 2})
    services.consultation_update(consultation, actor=None, channels=[web])
    assert selectors.consultation_counts(consultation).total == 10


def _closed(council, title, counts, *, end):
    consultation = _consultation(council, title=title, start_date=end - dt.timedelta(days=20), end_date=end)
    services.consultation_open(consultation, actor=None)
    channels = list(consultation.channels.order_by("pk"))
    return services.consultation_close(
        consultation, actor=None, summary="Tóm tắt", counts=dict(zip(channels, counts, strict=True))
    )


def test_closed_consultations_and_their_responses_are_figures(council):
    _closed(council, "Dự thảo A", (100, 5), end=today() - dt.timedelta(days=3))
    _closed(council, "Dự thảo B", (20, 0), end=today() - dt.timedelta(days=10))
    _closed(council, "Dự thảo cũ", (999, 1), end=today() - dt.timedelta(days=400))
    _consultation(council, title="Đang chuẩn bị")
    window = Window(today() - dt.timedelta(days=60), today())
    assert metrics.get("consultations_closed").evaluate(council, window) == {"n": 2}
    assert metrics.get("consultation_responses").evaluate(council, window) == {"n": 125}
    rows = metrics.get("consultation_responses").rows(council, window)
    assert [r.label for r in rows] == ["Dự thảo B", "Dự thảo A"]
    found = selectors.consultations_in(council, window.start, window.end)
    assert [(c.title, c.responses) for c in found] == [("Dự thảo B", 20), ("Dự thảo A", 105)]
    assert selectors.consultation_responses_in(council, window.start, window.end) == 125


def test_the_list_filters_by_status_and_year(client, office, council):
    _closed(council, "Đã xong", (1, 1), end=today() - dt.timedelta(days=3))
    _consultation(council, title="Sắp tới")
    _consultation(
        council,
        title="Năm trước nữa",
        start_date=today().replace(month=1, day=1) - dt.timedelta(days=800),
        end_date=today().replace(month=1, day=1) - dt.timedelta(days=790),
    )

    def titles(**params):
        page = client.get(reverse("voters:consultation_list"), params)
        return sorted(c.title for c in page.context["page"].object_list)

    assert titles(status="closed") == ["Đã xong"]
    assert titles(year=today().year) == sorted(["Đã xong", "Sắp tới"])
    assert titles(year="abc") == sorted(["Đã xong", "Sắp tới", "Năm trước nữa"])  # a bad year filters nothing


@pytest.mark.parametrize(
    "role,reads,edits",
    [
        (Role.OFFICE, 200, 200),
        (Role.STANDING, 200, 403),
        (Role.COMMITTEE_HEAD, 200, 403),
        (Role.LEADERSHIP, 200, 403),
        (Role.DELEGATE, 403, 403),
        (Role.AGENCY, 403, 403),
    ],
)
def test_consultation_pages_by_role(client, login, council, role, reads, edits):
    consultation = _consultation(council)
    login(role)
    assert client.get(reverse("voters:consultation_list")).status_code == reads
    assert client.get(reverse("voters:consultation_detail", args=[consultation.pk])).status_code == reads
    assert client.get(reverse("voters:consultation_update", args=[consultation.pk])).status_code == edits
    opened = client.post(reverse("voters:consultation_open", args=[consultation.pk]))
    # A reader is refused the action; anyone else finds no such consultation (as if missing).
    assert opened.status_code == (302 if role == Role.OFFICE else 403 if reads == 200 else 404)
    consultation.refresh_from_db()
    assert (consultation.status == Consultation.Status.OPEN) == (role == Role.OFFICE)


def test_another_councils_office_finds_no_consultation(client, login, council, other_council):
    consultation = _consultation(council)
    login(Role.OFFICE, other_council)
    for name in ("voters:consultation_detail", "voters:consultation_update"):
        assert client.get(reverse(name, args=[consultation.pk])).status_code == 404
    assert client.post(reverse("voters:consultation_open", args=[consultation.pk])).status_code == 404
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PLANNED


def test_the_list_runs_constant_queries(client, office, council, constant_queries):
    def add(rows):
        for n in rows:
            _closed(council, f"Dự thảo {n}", (n, 1), end=today() - dt.timedelta(days=n + 1))

    with translation.override("en"):
        constant_queries(add, lambda: client.get(reverse("voters:consultation_list")), few=3, many=12)
