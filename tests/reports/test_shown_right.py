"""Figures shown the way a reader understands them: arrows by good or bad news, periods in words."""

import pytest
from django.template import Context, Template
from django.utils import translation

from reports import metrics
from reports.dashboards import PANELS
from reports.metrics import DOWN, NEUTRAL, UP


def _trend(change, key):
    with translation.override("vi"):
        return Template("{% load figures %}{% trend change metric %}").render(
            Context({"change": change, "metric": metrics.get(key)})
        )


def test_every_figure_declares_which_way_is_good_news():
    undeclared = [
        key for key, metric in metrics.catalogue().items() if metric.better not in (UP, DOWN, NEUTRAL)
    ]
    assert undeclared == []
    assert metrics.get("petitions_overdue").better == DOWN
    assert metrics.get("answers_on_time").better == UP


def test_fewer_overdue_petitions_is_green_with_a_down_arrow_and_says_so():
    html = _trend(-3, "petitions_overdue")
    assert "text-success" in html and "▼" in html and "giảm 3, tốt hơn" in html
    html = _trend(2, "petitions_overdue")
    assert "text-danger" in html and "▲" in html and "tăng 2, kém hơn" in html


def test_more_answers_on_time_is_green_and_fewer_red_in_percentage_points():
    assert "text-success" in _trend(12.5, "answers_on_time") and "tăng 12,5 điểm %, tốt hơn" in _trend(
        12.5, "answers_on_time"
    )
    assert "text-danger" in _trend(-4.0, "answers_on_time")


def test_unchanged_and_neutral_figures_are_neither_green_nor_red():
    for html in (_trend(0, "petitions_overdue"), _trend(5, "petitions"), _trend(-5, "letters")):
        assert "text-success" not in html and "text-danger" not in html
    assert "không đổi" in _trend(0, "petitions_overdue")
    assert "tốt hơn" not in _trend(5, "petitions") and "tăng 5" in _trend(5, "petitions")
    assert _trend(None, "petitions") == ""


@pytest.mark.django_db
def test_the_dashboard_colours_each_figure_by_its_own_good_direction(client, login, council, records):
    from council.models import Role

    login(Role.LEADERSHIP)
    response = client.get("/dashboard/", {"quarter": "2026-Q2"})
    figures = {f.metric.key: f for _t, figs in response.context["board"].panels for f in figs}
    page = response.text
    for key, figure in figures.items():
        if figure.change:
            verdict = figure.metric.verdict(figure.change)
            assert f"trend-{verdict}" in page, key
    # The panel keys are all declared (no figure falls back to an uncoloured arrow).
    assert all(metrics.get(k).better for _t, keys in PANELS for k in keys)


# ---------------------------------------------------------------- periods in words, chosen from a list


def test_periods_are_shown_in_words_in_vietnamese_and_english():
    from reports.periods import Period

    with translation.override("vi"):
        assert [str(Period("Q", 2026, 1)), str(Period("H", 2026, 1)), str(Period("H", 2026, 2))] == [
            "Quý I/2026",
            "6 tháng đầu năm 2026",
            "6 tháng cuối năm 2026",
        ]
        assert str(Period("Y", 2026)) == "Năm 2026" and str(Period("Q", 2026, 4)) == "Quý IV/2026"
    with translation.override("en"):
        assert str(Period("Q", 2026, 1)) == "Q1 2026" and str(Period("H", 2026, 1)) == "First half of 2026"


def test_a_window_that_is_a_period_is_named_and_others_are_not():
    import datetime as dt

    from reports.periods import Period, period_of_window

    assert period_of_window(dt.date(2026, 4, 1), dt.date(2026, 6, 30)) == Period("Q", 2026, 2)
    assert period_of_window(dt.date(2026, 7, 1), dt.date(2026, 12, 31)) == Period("H", 2026, 2)
    assert period_of_window(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == Period("Y", 2026)
    assert period_of_window(dt.date(2026, 1, 1), dt.date(2026, 6, 29)) is None


@pytest.mark.django_db
def test_the_dashboard_and_scorecard_pickers_offer_periods_in_words(client, login, council, records):
    from council.models import Role

    login(Role.LEADERSHIP)
    page = client.get("/dashboard/", {"quarter": "2026-Q2"}).text
    assert '<option value="2026-Q2" selected>Quý II/2026</option>' in page
    assert "2026-Q2</" not in page and ">2026-Q" not in page
    page = client.get("/scorecard/", {"period": "2026-H1"}).text
    assert '<option value="2026-H1" selected>6 tháng đầu năm 2026</option>' in page
    assert ">2026-H1<" not in page


@pytest.mark.django_db
def test_the_drill_down_names_its_period(client, login, council, records):
    from council.models import Role

    login(Role.LEADERSHIP)
    page = client.get("/figures/petitions/", {"from": "2026-04-01", "to": "2026-06-30"}).text
    assert "Quý II/2026" in page


@pytest.mark.django_db
def test_reports_are_asked_for_by_choosing_a_period_and_listed_by_its_name(client, login, council, records):
    from council.models import Role
    from reports.models import Report

    login(Role.OFFICE)
    page = client.get("/reports/").text
    # A select of periods in words, not a text box for a code.
    assert '<select name="period"' in page and "Quý I/2026" in page and "e.g. 2026-Q1" not in page
    response = client.post("/reports/new/", {"kind": Report.Kind.QUARTERLY, "period": "2026-Q2"})
    report = Report.objects.get(council=council, kind=Report.Kind.QUARTERLY)
    assert response.status_code == 302 and report.period == "2026-Q2"
    assert "Quý II/2026" in client.get(f"/reports/{report.pk}/").text
    listing = client.get("/reports/").text
    assert "Quý II/2026" in listing and ">2026-Q2<" not in listing
    # A code that is not offered is refused with a message, and nothing is created.
    client.post("/reports/new/", {"kind": Report.Kind.QUARTERLY, "period": "2026-Q9"})
    assert Report.objects.filter(council=council).count() == 1


def test_a_six_month_report_for_a_quarter_is_refused_in_words():
    from django.core.exceptions import ValidationError

    from reports import services
    from reports.periods import Period

    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.check_kind("half_year", Period("Q", 2026, 2))
    assert "Quý II/2026" in " ".join(error.value.messages)


@pytest.mark.django_db
def test_a_reports_assessment_keeps_not_yet_met_apart_from_not_met(council, records):
    from reports import services
    from reports.models import Report

    from .test_reports import docx_text, generate, read

    services.targets_seed(council, actor=None)
    report = generate(council, kind=Report.Kind.QUARTERLY)
    text = docx_text(read(report.docx_path))
    # T3 is measured over the term, still running: not yet met; T2 at the quarter's closed session: not met.
    assert "Chưa đạt (còn trong kỳ)" in text and "Không đạt" in text
    still_open = next(p for p in text.split("\n") if p.startswith("Các chỉ tiêu chưa đạt, còn trong kỳ"))
    failed = next(p for p in text.split("\n") if p.startswith("Các chỉ tiêu không đạt (đã hết kỳ"))
    assert "T3 " in still_open and "T2 " not in still_open
    assert "T2 " in failed and "T3 " not in failed


def test_on_the_scorecard_a_rise_is_better_for_every_target():
    # A target is "at least" a value: even a figure that is neutral on the dashboard improves when it rises.
    html = Template('{% load figures %}{% trend change metric "up" %}').render(
        Context({"change": 2, "metric": metrics.get("recommendations_leadership")})
    )
    assert "text-success" in html and "trend-better" in html


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["9" * 30, "2026-Q1\x00", "99999999-Q1"])
def test_a_hostile_period_in_the_query_string_is_reported_not_a_server_error(client, login, council, code):
    from council.models import Role

    login(Role.LEADERSHIP)
    for url, name in (("/dashboard/", "quarter"), ("/scorecard/", "period")):
        response = client.get(url, {name: code})
        assert response.status_code == 200 and response.context["error"], (url, code)


@pytest.mark.django_db
def test_the_report_form_offers_the_last_ended_quarter_first(client, login, council):
    from django.utils import timezone

    from council.models import Role
    from reports.periods import quarter_of

    login(Role.OFFICE)
    last = quarter_of(timezone.localdate()).previous()
    with translation.override("vi"):
        expected = f'<option value="{last.code}" selected>{last.short_label()}</option>'
    assert expected in client.get("/reports/").text


@pytest.mark.django_db
def test_a_downloaded_reports_name_says_its_period_in_words(client, login, council, records):
    from council.models import Role
    from reports.models import Report

    from .test_reports import generate

    report = generate(council, kind=Report.Kind.QUARTERLY)
    login(Role.OFFICE)
    response = client.get(f"/reports/{report.pk}/docx/")
    assert response.status_code == 200
    assert 'filename="bao-cao-quy-II-2026-du-thao.docx"' in response["Content-Disposition"]
