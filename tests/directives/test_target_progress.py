"""A directive item measured by a scorecard target follows the target: it cannot show 100 % done while one
of the two proactive reports of T1 was issued."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from council.models import AgencyStatus, CouncilStatus, FollowUp
from council.services import followup_answer, followup_verify
from directives.models import DirectiveItem
from directives.selectors import directive_progress, implementation, item_state
from reports.models import FigureSummary, KpiTarget, Report
from reports.services import target_create
from tests.dates import today
from tests.directives.factories import DirectiveFactory, DirectiveItemFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directive(council):
    return DirectiveFactory(council=council, issued_on=dt.date(today().year, 1, 2))


@pytest.fixture
def t1(council):
    return target_create(
        actor=None,
        council=council,
        code="T1",
        description="Ít nhất 2 kỳ chủ động báo cáo",
        metric="proactive_reports",
        threshold=2,
        cadence=KpiTarget.Cadence.YEAR,
    )


def _issue_proactive(council, half: int):
    year = today().year
    ReportFactory(
        council=council,
        kind=Report.Kind.PROACTIVE,
        issued=True,
        period=f"{year - 1}-H2" if half == 0 else f"{year}-H1",
        issued_on=dt.date(year, 1, 10) if half == 0 else today(),
    )
    # The figures are read from their stored rows; the test reads them afresh after each issue.
    FigureSummary.objects.filter(council=council).delete()


def _row(directive, item):
    (row,) = [(i, f) for i, f in directive_progress(directive, today())["rows"] if i.pk == item.pk]
    return row


def test_one_proactive_report_of_two_is_half_way_and_not_done(council, directive, t1):
    item = DirectiveItemFactory(directive=directive, target="T1", text="Chủ động báo cáo Ban Thường vụ")
    _issue_proactive(council, 0)
    followup = FollowUp.objects.of_sources([item]).get()
    # The responsible body reports the item done and the Office closes it: the target still says half.
    followup_answer(followup, actor=None, status=AgencyStatus.DONE, text="Đã gửi báo cáo 6 tháng")
    followup_verify(followup, actor=None, outcome=CouncilStatus.DONE)
    measured_item, _f = _row(directive, item)
    assert measured_item.measured.percent == 50 and not measured_item.measured.done
    with translation.override("en"):
        assert measured_item.measured.texts == ["measured: 1 of 2 — Proactive reports issued (T1)"]
    progress = directive_progress(directive, today())
    assert progress["states"]["closed"] == 0 and progress["states"]["open"] == 1
    (entry,) = implementation(council, today())
    assert entry["states"]["closed"] == 0


def test_two_proactive_reports_make_the_item_done(council, directive, t1):
    item = DirectiveItemFactory(directive=directive, target="T1")
    _issue_proactive(council, 0)
    _issue_proactive(council, 1)
    measured_item, followup = _row(directive, item)
    assert followup.is_open  # nobody closed the follow-up: the measured target is what makes it done
    assert measured_item.measured.percent == 100 and measured_item.measured.done
    assert directive_progress(directive, today())["states"]["closed"] == 1


def test_an_item_without_a_target_keeps_its_followups_progress(council, directive, t1):
    item = DirectiveItemFactory(directive=directive, target="")
    followup = FollowUp.objects.of_sources([item]).get()
    followup_answer(followup, actor=None, status=AgencyStatus.IN_PROGRESS, text="Đang làm", progress=40)
    measured_item, shown = _row(directive, item)
    assert measured_item.measured is None and shown.progress == 40
    states = directive_progress(directive, today())["states"]
    assert states == {item_state(shown, today()): 1} and states["closed"] == 0
    # An item naming a target the council does not measure keeps it too.
    unmeasured = DirectiveItemFactory(directive=directive, target="T9")
    assert _row(directive, unmeasured)[0].measured is None


def test_sub_targets_are_averaged_and_all_must_be_met(council, directive, t1):
    target_create(
        actor=None,
        council=council,
        code="T1.2",
        description="Nghị quyết không bị hủy bỏ",
        metric="resolutions_annulled_or_suspended",
        threshold=1,
        cadence=KpiTarget.Cadence.YEAR,
    )
    item = DirectiveItemFactory(directive=directive, target="T1")
    _issue_proactive(council, 0)
    _issue_proactive(council, 1)
    measured_item, _f = _row(directive, item)
    assert [t.code for t in measured_item.measured.targets] == ["T1", "T1.2"]
    assert measured_item.measured.percent == 50 and not measured_item.measured.done


def test_the_directive_page_shows_measured_progress_with_constant_queries(
    client, office, council, directive, t1, constant_queries
):
    _issue_proactive(council, 0)

    def add(rows):
        for n in rows:
            DirectiveItemFactory(directive=directive, target="T1" if n % 2 else "", text=f"Nhiệm vụ số {n}")

    def page():
        response = client.get(reverse("directives:directive_detail", args=[directive.pk]))
        assert response.status_code == 200
        return response.content.decode()

    html, _many = constant_queries(add, page, few=3, many=13, warm_up=True)
    assert html.count('class="measured-progress">50%<') == 1
    assert DirectiveItem.objects.filter(target="T1").count() == 6
