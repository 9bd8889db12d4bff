"""Demo reports for ``seed_demo``: the scorecard's targets, fresh figures, and one proactive report to the
Party Standing Board issued for the last half-year (so T1 shows one of its two reports done).

Written through ``reports.services`` inside ``mail_suppressed()``; a second run finds the report there."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, User
from council.services.followups import mail_suppressed
from demo.names import OFFICE_USER
from demo.quality import seed_quality
from reports import figures, services
from reports.models import Report
from reports.periods import Period

PROACTIVE_NUMBER = "27-BC/ĐĐ"  # the Party delegation numbers its reports with its own symbol


def last_half_year(today: dt.date) -> Period:
    half = Period("H", today.year, 1 if today.month <= 6 else 2)
    return half.previous()


def seed_reports(council: Council, *, with_users: bool) -> None:
    office = User.objects.filter(username=OFFICE_USER).first() if with_users else None
    services.targets_seed(council, actor=office)
    if with_users:
        today = timezone.localdate()
        half = last_half_year(today)
        report, created = services.report_request(
            actor=office, council=council, kind=Report.Kind.PROACTIVE, period=half
        )
        if created:
            services.report_generate(report.pk)
            report.refresh_from_db()
        if report.state == Report.State.DRAFT:
            with mail_suppressed():
                services.report_issue(
                    report,
                    actor=office,
                    number=PROACTIVE_NUMBER,
                    issued_on=min(half.end + dt.timedelta(days=20), today),
                )
        # Study trips, the later history of resolutions and the target on their quality (issue 22, item 4).
        seed_quality(council, office=office)
    figures.refresh(council)


def reports_summary(council: Council) -> str:
    reports = Report.objects.filter(council=council)
    line = _("Reports of %(council)s: %(reports)s (issued %(issued)s); scorecard targets: %(targets)s") % {
        "council": council.short_name or council.name,
        "reports": reports.count(),
        "issued": reports.issued().count(),
        "targets": council.kpitarget_set.count(),
    }
    return f"  {line}"
