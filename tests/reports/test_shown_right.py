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
