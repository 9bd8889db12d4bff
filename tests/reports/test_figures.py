import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from council.services import record_update
from reports import figures, metrics, services
from reports.dashboards import dashboard, scorecard
from reports.metrics import Window
from reports.models import FigureSummary, KpiTarget
from reports.periods import Period, parse_period

from .conftest import Q2

pytestmark = pytest.mark.django_db
W = Window(Q2.start, Q2.end)


def figure(council, key, window=W):
    metric = metrics.get(key)
    return metrics.value(metric.evaluate(council, window), metric.unit)


def test_petition_figures_equal_the_hand_built_records(council, records):
    assert figure(council, "petitions") == len(records["petitions"])
    rows = metrics.get("petitions_by_field").evaluate(council, W)["rows"]
    assert {label: n for _key, label, n in rows} == records["fields"]
    drilled = metrics.get("petitions").rows(council, W)
    assert sorted(r.label for r in drilled) == sorted(f"{p.code} {p.title}" for p in records["petitions"])


def test_answers_on_time_and_overdue_equal_the_hand_built_records(council, records):
    data = metrics.get("answers_on_time").evaluate(council, W)
    assert data == {"n": len(records["on_time"]), "d": len(records["answers_due"])}
    assert figure(council, "answers_on_time") == round(100 * 1 / 3, 1)
    overdue = metrics.get("petitions_overdue").records(council, W)
    assert set(overdue.values_list("pk", flat=True)) == {f.pk for f in records["overdue"]}
    counted = [r for r in metrics.get("answers_on_time").rows(council, W) if r.counted]
    assert [r.label for r in counted] == [f"{f.reference} {f.title}".strip() for f in records["on_time"]]


def test_session_targets_equal_the_hand_built_records(council, records):
    assert metrics.get("sessions").evaluate(council, W) == {"n": 1}  # the planned session is not counted
    assert metrics.get("t2_sessions").evaluate(council, W) == {"n": 0, "d": 1}  # group 2 never spoke
    assert metrics.get("t3_delegates").evaluate(council, W) == {"n": 1, "d": 2}
    assert metrics.get("t4_discussion").evaluate(council, W) == {"n": 50, "d": 80}
    rows = metrics.get("t2_sessions").rows(council, W)
    assert len(rows) == 1 and not rows[0].counted and "Tổ 2" in rows[0].detail


def test_scorecard_lines_match_the_figures_and_judge_them(council, records):
    services.targets_seed(council, actor=None)
    lines, _as_of = scorecard(council, Q2, today=dt.date(2026, 11, 27))
    by_code = {line.target.code: line for line in lines}
    assert len(lines) == len(services.DEFAULT_TARGETS)
    assert by_code["T2"].value == 0.0 and by_code["T2"].status == "not_met"
    assert by_code["T4"].value == 62.5 and by_code["T4"].status == "met"
    # T3 is measured over the term, which is still running: not yet met rather than failed.
    assert by_code["T3"].value == 50.0 and by_code["T3"].status == "in_progress"
    assert by_code["T3"].window == Window(dt.date(2026, 4, 1), Q2.end)
    assert by_code["T1"].window == Window(dt.date(2026, 1, 1), Q2.end)


def test_targets_seed_is_idempotent_and_keeps_the_offices_edits(council):
    assert services.targets_seed(council, actor=None) == len(services.DEFAULT_TARGETS)
    target = KpiTarget.objects.get(council=council, code="T4")
    assert "thảo luận" in target.description  # seeded in the council's language
    record_update(target, actor=None, threshold=60)
    assert services.targets_seed(council, actor=None) == 0
    assert KpiTarget.objects.get(pk=target.pk).threshold == 60


def test_a_rate_target_cannot_exceed_100(council):
    with pytest.raises(ValidationError):
        services.target_create(
            actor=None, council=council, code="X", description="x", metric="t2_sessions", threshold=120
        )


@pytest.mark.parametrize("code", ["2026-Q5", "2026-H3", "26-Q1", "Q1-2026", "2026-Q", "", "2999", "1999"])
def test_bad_periods_are_refused_with_a_message(code):
    with pytest.raises(ValidationError) as error:
        parse_period(code, today=dt.date(2026, 11, 27))
    assert error.value.messages[0]


def test_periods_know_their_neighbours():
    q1 = parse_period("2026-q1", today=dt.date(2026, 11, 27))
    assert (q1.start, q1.end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert q1.previous() == Period("Q", 2025, 4) and q1.year_before() == Period("Q", 2025, 1)
    assert Period("H", 2026, 2).end == dt.date(2026, 12, 31)
    with pytest.raises(ValidationError):
        parse_period("2026-Q4", today=dt.date(2026, 11, 27), allow_open=False)


def test_summary_rows_are_read_not_recomputed(council, records):
    data, _ = figures.read(council, [("petitions", W)])
    assert data[("petitions", W)] == {"n": 3}
    FigureSummary.objects.filter(council=council, metric="petitions").update(data={"n": 99})
    assert figures.read(council, [("petitions", W)])[0][("petitions", W)] == {"n": 99}
    assert figures.read(council, [("petitions", W)], fresh=True)[0][("petitions", W)] == {"n": 3}


def test_refresh_recomputes_the_stored_windows(council, records):
    figures.read(council, [("petitions", W)])
    FigureSummary.objects.filter(council=council, metric="petitions").update(data={"n": 99})
    figures.refresh(council, everything=True)
    assert FigureSummary.objects.get(council=council, metric="petitions", start=W.start, end=W.end).data == {
        "n": 3
    }


def test_a_write_schedules_one_refresh_after_commit(
    council, settings, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.cache import cache

    from tests.council.factories import FieldFactory
    from voters import services as voter_services

    settings.SUMMARY_REFRESH_AFTER_WRITES = True
    cache.clear()
    runs = []
    real_refresh = figures.refresh
    monkeypatch.setattr(figures, "refresh", lambda c, **kw: runs.append(c.pk) or real_refresh(c, **kw))
    with django_capture_on_commit_callbacks(execute=True):
        for title in ("Một", "Hai"):
            voter_services.petition_create(
                actor=None,
                council=council,
                title=title,
                text="Nội dung",
                received_on=timezone.localdate(),
                field=FieldFactory(council=council),
            )
    quarter = Period("Q", timezone.localdate().year, (timezone.localdate().month - 1) // 3 + 1)
    row = FigureSummary.objects.get(council=council, metric="petitions", start=quarter.start, end=quarter.end)
    assert row.data == {"n": 2}
    assert runs == [council.pk]  # the writes of one commit share one refresh


def _grow(council, term, n):
    from tests.council.factories import FieldFactory
    from voters import services as voter_services

    field = FieldFactory(council=council, name=f"Lĩnh vực {n}")
    for i in range(n):
        voter_services.petition_create(
            actor=None,
            council=council,
            title=f"Kiến nghị {n}-{i}",
            text="Nội dung",
            received_on=dt.date(2026, 5, 1),
            field=field,
        )


def test_the_dashboard_reads_a_constant_number_of_queries(council, term, constant_queries):
    def grow(rows):
        _grow(council, term, len(rows))
        # A window's first view stores its rows; the refresh then keeps them current.
        dashboard(council, Q2)
        scorecard(council, Q2, today=dt.date(2026, 11, 27))
        figures.refresh(council, everything=True)

    def read():
        dashboard(council, Q2)
        scorecard(council, Q2, today=dt.date(2026, 11, 27))

    services.targets_seed(council, actor=None)
    constant_queries(grow, read, few=3, many=43)
