import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from council.models import Role
from reports import figures, services
from reports.models import Report
from tests.conftest import ALL_ROLES
from tests.reports.factories import ReportFactory
from voters import services as voter_services

from .conftest import Q2

pytestmark = pytest.mark.django_db
READERS = {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP}
PAGES = ["reports:dashboard", "reports:scorecard", "reports:participation_overview", "reports:report_list"]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_councils_readers_open_the_leadership_pages(client, login, council, term, role):
    login(role)
    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == (200 if role in READERS else 403), (name, role)


def test_a_reader_of_another_council_sees_nothing_of_this_one(client, login, council, other_council, records):
    report, _ = services.report_request(actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2)
    login(Role.OFFICE, other_council)
    assert client.get(reverse("reports:report_detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:report_download", args=[report.pk, "pdf"])).status_code == 404
    assert (
        "Thiếu bác sĩ"
        not in client.get(
            reverse("reports:figure_detail", args=["petitions"]), {"from": "2026-04-01", "to": "2026-06-30"}
        ).text
    )


def test_the_dashboard_shows_the_quarter_asked_for_with_charts_and_tables(client, login, council, records):
    login(Role.LEADERSHIP)
    response = client.get(reverse("reports:dashboard"), {"quarter": "2026-Q2"})
    assert response.status_code == 200
    board = response.context["board"]
    assert board.period == Q2
    petitions = next(f for _t, figs in board.panels for f in figs if f.metric.key == "petitions")
    assert (petitions.current, petitions.previous) == (3, 1)
    page = response.text
    assert page.count("<svg") >= 5 and "Data table" in page or "Bảng số liệu" in page
    # No citizen's personal data: petitions appear only as counts on the dashboard.
    assert "Thiếu bác sĩ" not in page


def test_the_dashboard_s_cached_panels_follow_a_recomputed_figure(client, login, council, records, settings):
    """The rendered panels are kept by the figures' version: a recomputed figure shows at once."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    login(Role.LEADERSHIP)
    shown = re.compile(r'figures/petitions/\?from=2026-04-01[^"]*">(\d+)<')

    def petitions_shown():
        return shown.findall(client.get(reverse("reports:dashboard"), {"quarter": "2026-Q2"}).text)[0]

    assert petitions_shown() == "3"
    assert petitions_shown() == "3"  # from the cache
    voter_services.petition_create(
        actor=None,
        council=council,
        title="Đèn đường",
        text="Cử tri kiến nghị.",
        received_on=dt.date(2026, 5, 5),
    )
    figures.refresh(council, everything=True, today=dt.date(2026, 7, 15))
    assert petitions_shown() == "4"


@pytest.mark.parametrize("quarter", ["2026-Q5", "abc", "2999-Q1", "2026"])
def test_a_bad_quarter_is_reported_and_the_current_one_shown(client, login, council, quarter):
    login(Role.LEADERSHIP)
    response = client.get(reverse("reports:dashboard"), {"quarter": quarter})
    assert response.status_code == 200 and response.context["error"]


def test_the_drill_down_lists_exactly_the_records_behind_the_figure(client, login, council, records):
    login(Role.LEADERSHIP)
    response = client.get(
        reverse("reports:figure_detail", args=["petitions"]), {"from": "2026-04-01", "to": "2026-06-30"}
    )
    assert response.context["shown"] == 3 and len(response.context["page"].object_list) == 3
    for petition in records["petitions"]:
        assert petition.code in response.text
    rate = client.get(
        reverse("reports:figure_detail", args=["answers_on_time"]), {"from": "2026-04-01", "to": "2026-06-30"}
    )
    rows = rate.context["page"].object_list
    assert rate.context["figure"] == {"n": 1, "d": 3} and sum(r.counted for r in rows) == 1 and len(rows) == 3
    assert (
        client.get(
            reverse("reports:figure_detail", args=["nope"]), {"from": "2026-04-01", "to": "2026-06-30"}
        ).status_code
        == 404
    )
    assert client.get(reverse("reports:figure_detail", args=["petitions"]), {"from": "x"}).status_code == 404


def test_list_pages_run_a_constant_number_of_queries(client, login, council, term, constant_queries):
    login(Role.OFFICE)

    def add(rows):
        for year in rows:
            ReportFactory(council=council, kind=Report.Kind.ANNUAL, period=str(2000 + year))

    def visit():
        assert client.get(reverse("reports:report_list")).status_code == 200

    constant_queries(add, visit)


def test_the_participation_overview_has_no_ranking_and_lists_those_at_zero(client, login, council, records):
    login(Role.STANDING)
    response = client.get(reverse("reports:participation_overview"))
    assert len(response.context["delegates"]) == 2 and len(response.context["at_zero"]) == 1
    assert "Tổ 2" in response.text and ("Method" in response.text or "Cách tính" in response.text)


def test_the_office_generates_reviews_and_issues_a_report_through_the_pages(
    client, login, council, records, django_capture_on_commit_callbacks
):
    login(Role.OFFICE)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report_request"), {"kind": "quarterly", "period": "2026-Q2"})
    report = Report.objects.get(council=council)
    assert response.url == reverse("reports:report_detail", args=[report.pk])
    assert report.state == Report.State.DRAFT  # eager tasks: generated once the request commits
    assert "DOCX" in client.get(response.url).text
    bad = client.post(
        reverse("reports:report_request"), {"kind": "quarterly", "period": "2026-Q5"}, follow=True
    )
    assert Report.objects.count() == 1 and list(bad.context["messages"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:report_regenerate", args=[report.pk]))
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT and report.attempts == 1  # counted afresh for the new draft
    client.post(
        reverse("reports:report_issue", args=[report.pk]), {"number": "45/BC-HĐND", "issued_on": "10/07/2026"}
    )
    report.refresh_from_db()
    assert report.state == Report.State.ISSUED
    again = client.post(
        reverse("reports:report_issue", args=[report.pk]),
        {"number": "46/BC-HĐND", "issued_on": "11/07/2026"},
        follow=True,
    )
    report.refresh_from_db()
    assert report.number == "45/BC-HĐND" and list(again.context["messages"])
    regen = client.post(reverse("reports:report_regenerate", args=[report.pk]), follow=True)
    assert "frozen" in str(list(regen.context["messages"])[0]) or "khóa" in str(
        list(regen.context["messages"])[0]
    )
    for fmt in ("docx", "xlsx", "pdf"):
        download = client.get(reverse("reports:report_download", args=[report.pk, fmt]))
        assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")


def test_leadership_sees_issued_reports_only_and_cannot_act(client, login, council, records):
    draft, _ = services.report_request(actor=None, council=council, kind=Report.Kind.QUARTERLY, period=Q2)
    services.report_generate(draft.pk)
    login(Role.LEADERSHIP)
    assert client.get(reverse("reports:report_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("reports:report_download", args=[draft.pk, "pdf"])).status_code == 404
    assert (
        client.post(reverse("reports:report_request"), {"kind": "quarterly", "period": "2026-Q1"}).status_code
        == 403
    )
    assert client.post(reverse("reports:figures_refresh")).status_code == 403
    assert Report.objects.count() == 1


def test_the_scorecard_offers_to_seed_the_targets_then_shows_them(
    client, login, council, records, constant_queries
):
    login(Role.OFFICE)
    assert reverse("reports:kpi_targets_seed") in client.get(reverse("reports:scorecard")).text
    client.post(reverse("reports:kpi_targets_seed"))
    response = client.get(reverse("reports:scorecard"), {"period": "2026-Q2"})
    codes = [line.target.code for line in response.context["lines"]]
    assert codes[:3] == ["T1", "T2", "T3"]
    assert reverse("reports:figure_detail", args=["t2_sessions"]) in response.text

    def add(rows):
        from voters import services as voter_services

        for i in rows:
            voter_services.petition_create(
                actor=None, council=council, title=f"T{i}", text="x", received_on=dt.date(2026, 5, 3)
            )
        figures.refresh(council, everything=True)

    constant_queries(
        add, lambda: client.get(reverse("reports:scorecard"), {"period": "2026-Q2"}), few=0, many=20
    )


def test_the_office_home_warns_when_t1_is_behind_late_in_the_year(client, login, council, term, monkeypatch):
    import reports.selectors

    monkeypatch.setattr(reports.selectors, "today", lambda: dt.date(2026, 10, 1))
    login(Role.OFFICE)
    assert "T1" in client.get(reverse("home")).context["summary"].t1_warning
    monkeypatch.setattr(reports.selectors, "today", lambda: dt.date(2026, 4, 1))
    assert client.get(reverse("home")).context["summary"].t1_warning == ""
    login(Role.LEADERSHIP)
    assert client.get(reverse("home")).context["summary"].t1_warning == ""


def test_every_figure_opens_its_records_in_a_bounded_number_of_queries(client, login, council, records):
    from reports import metrics
    from tests.delegates.factories import MandateFactory

    for _ in range(3):  # rows whose lines read related records (delegates' names) must not cost a query each
        MandateFactory(delegate__council=council, term=records["session"].term)
    login(Role.OFFICE)
    for key in metrics.catalogue():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(
                reverse("reports:figure_detail", args=[key]), {"from": "2026-01-01", "to": "2026-12-31"}
            )
        assert response.status_code == 200, key
        assert len(ctx.captured_queries) <= 20, (key, len(ctx.captured_queries))
