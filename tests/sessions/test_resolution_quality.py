"""The quality of resolutions (founding conclusion I.1): what later happened to a resolution is recorded,
checked, shown on its page, filters the list and feeds the scorecard's figures."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from council.models import Role
from reports import metrics
from reports.dashboards import scorecard
from reports.metrics import Window
from reports.models import KpiTarget
from reports.periods import Period
from reports.services import target_create
from sessions import selectors, services
from sessions.models import Resolution, ResolutionQualityEvent

Kind = ResolutionQualityEvent.Kind
YEAR = Window(dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def _resolution(council, number: int, adopted_on=dt.date(2026, 3, 20), title="Quy định mức thu phí"):
    return services.resolution_create(
        actor=None,
        council=council,
        symbol=f"{number:02d}/{adopted_on.year}/NQ-HĐND",
        kind=Resolution.Kind.NORMATIVE,
        title=f"{title} {number}",
        adopted_on=adopted_on,
    )


def _event(resolution, kind=Kind.REVIEW_FINDING, date=dt.date(2026, 6, 1), **data):
    data.setdefault("authority", "Bộ Tư pháp – Cục Kiểm tra VBQPPL")
    data.setdefault(
        "findings", "Điều 3 chưa phù hợp với Luật Phí và lệ phí." if kind == Kind.REVIEW_FINDING else ""
    )
    return services.resolution_quality_record(resolution, actor=None, kind=kind, date=date, **data)


def test_an_event_is_recorded_with_who_recorded_it_and_listed_for_the_reports(council, user_with_role):
    clerk = user_with_role(Role.OFFICE)
    old, new = _resolution(council, 5), _resolution(council, 9, dt.date(2026, 7, 10))
    amended = services.resolution_quality_record(
        old,
        actor=clerk,
        kind=Kind.AMENDED,
        date=dt.date(2026, 7, 10),
        authority="HĐND tỉnh",
        reference="09/2026/NQ-HĐND",
        amended_by=new,
    )
    assert amended.recorded_by == clerk and amended.history.latest().history_user == clerk
    finding = _event(old, date=dt.date(2026, 5, 2))
    assert selectors.resolution_quality_in(council, dt.date(2026, 4, 1), dt.date(2026, 6, 30)) == [finding]
    assert selectors.resolution_quality_in(council, YEAR.start, YEAR.end) == [finding, amended]
    assert selectors.resolution_quality(new)["quality_caused"] == [amended]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"date": dt.date(2026, 3, 1)}, "date"),  # before the adoption
        ({"kind": Kind.REVIEW_FINDING, "findings": ""}, "findings"),
        ({"kind": Kind.ANNULLED, "amended_by": "other"}, "amended_by"),  # only amendments name a resolution
        ({"kind": Kind.AMENDED, "amended_by": "itself"}, "amended_by"),
        ({"kind": Kind.AMENDED, "amended_by": "foreign"}, "amended_by"),
    ],
)
def test_a_wrong_event_is_refused_with_its_field_and_nothing_is_saved(council, other_council, change, field):
    resolution = _resolution(council, 5)
    others = {
        "other": _resolution(council, 6, dt.date(2026, 5, 1)),
        "itself": resolution,
        "foreign": _resolution(other_council, 6, dt.date(2026, 5, 1)),
    }
    if "amended_by" in change:
        change = {**change, "amended_by": others[change["amended_by"]]}
    with pytest.raises(ValidationError) as error:
        _event(resolution, **{"kind": Kind.ANNULLED, **change})
    assert field in error.value.message_dict
    assert not ResolutionQualityEvent.objects.exists()


def test_a_resolution_never_adopted_has_no_later_history(council, term):
    from tests.sessions.factories import SessionFactory

    pending = services.resolution_create(
        actor=None,
        council=council,
        symbol="07/2026/NQ-HĐND",
        kind=Resolution.Kind.NORMATIVE,
        title="Chưa biểu quyết",
        session=SessionFactory(term=term),
    )
    with pytest.raises(ValidationError) as error:
        _event(pending, kind=Kind.SUSPENDED)
    assert "resolution" in error.value.message_dict


def test_editing_and_removing_an_event_are_audited(council, user_with_role):
    clerk = user_with_role(Role.OFFICE)
    event = _event(_resolution(council, 5))
    services.resolution_quality_update(event, actor=clerk, reference="15/KL-KTVB")
    assert event.history.latest().reference == "15/KL-KTVB"
    services.resolution_quality_remove(event, actor=clerk, reason="Ghi nhầm văn bản")
    assert not ResolutionQualityEvent.objects.exists()
    removed = ResolutionQualityEvent.history.latest()
    assert removed.history_type == "-" and removed.history_user == clerk
    assert removed.history_change_reason == "Ghi nhầm văn bản"


def test_the_office_records_an_event_from_the_resolution_page(client, office, council):
    resolution = _resolution(council, 5)
    url = reverse("sessions:resolution_quality_add", args=[resolution.pk])
    bad = client.post(url, {"kind": "annulled", "date": "01/01/2026", "authority": "Bộ Tư pháp"})
    assert bad.status_code == 200 and "quality-events" in bad.content.decode()
    assert not ResolutionQualityEvent.objects.exists()
    response = client.post(
        url,
        {"kind": "suspended", "date": "15/05/2026", "authority": "Chủ tịch UBND tỉnh", "reference": "1/CV"},
    )
    assert response.status_code == 302
    event = ResolutionQualityEvent.objects.get()
    page = client.get(reverse("sessions:resolution_detail", args=[resolution.pk])).content.decode()
    with translation.override("vi"):  # the page is in the user's language, Vietnamese
        assert str(event.get_kind_display()) in page and "Chủ tịch UBND tỉnh" in page
    edit = reverse("sessions:resolution_quality_edit", args=[event.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"kind": "suspended", "date": "16/05/2026", "authority": "Chủ tịch UBND tỉnh"})
    event.refresh_from_db()
    assert event.date == dt.date(2026, 5, 16)
    client.post(reverse("sessions:resolution_quality_remove", args=[event.pk]), {"reason": ""})
    assert ResolutionQualityEvent.objects.exists()  # a removal says why
    client.post(reverse("sessions:resolution_quality_remove", args=[event.pk]), {"reason": "Nhầm"})
    assert not ResolutionQualityEvent.objects.exists()


def test_only_the_office_records_and_another_council_sees_nothing(client, login, council, other_council):
    resolution = _resolution(council, 5)
    event = _event(resolution)
    login(Role.DELEGATE)
    page = client.get(reverse("sessions:resolution_detail", args=[resolution.pk])).content.decode()
    assert (
        event.authority in page
        and reverse("sessions:resolution_quality_add", args=[resolution.pk]) not in page
    )
    denied = client.post(
        reverse("sessions:resolution_quality_add", args=[resolution.pk]),
        {"kind": "annulled", "date": "01/06/2026", "authority": "x"},
    )
    assert denied.status_code == 403 and ResolutionQualityEvent.objects.count() == 1
    login(Role.OFFICE, other_council)
    assert client.get(reverse("sessions:resolution_quality_edit", args=[event.pk])).status_code == 404


def test_the_list_filters_by_later_history_with_constant_queries(client, office, council, constant_queries):
    def add(rows):
        for n in rows:
            resolution = _resolution(council, n + 1, title="Nghị quyết")
            kind = [Kind.AMENDED, Kind.ANNULLED, Kind.SUSPENDED, Kind.REVIEW_FINDING][n % 4]
            _event(resolution, kind=kind)

    def visit():
        response = client.get(reverse("sessions:resolution_list"), {"quality": "annulled"})
        assert response.status_code == 200
        return response.content.decode()

    html, _many = constant_queries(add, visit)
    assert "Nghị quyết 2<" in html and "Nghị quyết 1<" not in html


def test_the_quality_figures_count_the_events_and_the_sound_rate(council):
    sound, annulled, reviewed, amended = (_resolution(council, n) for n in (1, 2, 3, 4))
    _resolution(council, 5, dt.date(2025, 11, 5))  # adopted before the window: not in the rate
    _event(annulled, kind=Kind.ANNULLED, date=dt.date(2026, 9, 1))
    _event(reviewed, date=dt.date(2026, 4, 1))
    _event(amended, kind=Kind.AMENDED, date=dt.date(2026, 5, 1), authority="HĐND tỉnh")
    _event(sound, date=dt.date(2027, 2, 1))  # found after the window's end: still sound in 2026

    def figure(key, window=YEAR):
        metric = metrics.get(key)
        return metrics.value(metric.evaluate(council, window), metric.unit)

    assert figure("resolutions_adopted") == 4
    assert figure("resolutions_annulled_or_suspended") == 1
    assert figure("resolutions_amended") == 1
    assert metrics.get("resolutions_sound_rate").evaluate(council, YEAR) == {"n": 2, "d": 4}
    assert figure("resolutions_sound_rate") == 50.0
    first_half = Window(dt.date(2026, 1, 1), dt.date(2026, 6, 30))  # the annulment came later
    assert metrics.get("resolutions_sound_rate").evaluate(council, first_half) == {"n": 3, "d": 4}
    counted = {r.label: r.counted for r in metrics.get("resolutions_sound_rate").rows(council, YEAR)}
    assert counted[str(f"{annulled.symbol} {annulled.title}")] is False


def test_a_scorecard_target_is_set_on_the_sound_rate(council):
    _event(_resolution(council, 1))
    _resolution(council, 2)
    target_create(
        actor=None,
        council=council,
        code="T1.2",
        description="Nghị quyết ban hành đúng pháp luật",
        metric="resolutions_sound_rate",
        threshold=90,
        cadence=KpiTarget.Cadence.YEAR,
    )
    lines, _as_of = scorecard(council, Period("Y", 2026), dt.date(2027, 1, 15), fresh=True)
    (line,) = [line for line in lines if line.target.code == "T1.2"]
    assert line.value == 50.0 and line.status == "not_met"
