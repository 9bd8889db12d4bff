"""The scorecard's targets, the summary rows the dashboards read, and the periodic reports."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from council.models.querysets import CouncilQuerySet

from .periods import period_from_code


def catalogue() -> dict:
    """Every figure by key, as ``reports.metrics`` defines them.

    The figures read the models (a proactive report counts toward T1), so the models never import them:
    the app's config hands the catalogue down once the apps are loaded (``ReportsConfig.ready``).
    """
    return apps.get_app_config("reports").catalogue()


def metric_choices() -> list[tuple[str, str]]:
    """The figures a target can be measured by (every figure but the breakdowns)."""
    return [
        (m.key, format_lazy("{} (%)", m.label) if m.unit == "percent" else m.label)
        for m in catalogue().values()
        if m.unit != "breakdown"
    ]


class KpiTarget(models.Model):
    """One line of the scorecard: a target of the founding conclusion, measured by a metric."""

    class Cadence(models.TextChoices):
        PERIOD = "period", _("Over the period shown")
        YEAR = "year", _("Over the calendar year")
        TERM = "term", _("Over the term")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    code = models.CharField(_("code"), max_length=10, help_text=_("e.g. “T5.2”."))
    description = models.CharField(_("target"), max_length=300)
    metric = models.CharField(_("measured by"), max_length=40, choices=metric_choices)
    threshold = models.DecimalField(
        _("threshold"),
        max_digits=7,
        decimal_places=1,
        help_text=_("The figure must reach at least this (a count, or a percentage for rates)."),
    )
    cadence = models.CharField(_("measured"), max_length=10, choices=Cadence.choices, default=Cadence.PERIOD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown on the scorecard"), default=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("scorecard target")
        verbose_name_plural = _("scorecard targets")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["council", "code"], name="kpitarget_code_once"),
            models.CheckConstraint(condition=Q(threshold__gte=0), name="kpitarget_threshold_positive"),
        ]

    def __str__(self):
        return f"{self.code} — {self.description}"

    def clean(self):
        if self.metric and self.metric not in catalogue():
            raise ValidationError({"metric": _("Choose one of the figures the app computes.")})
        metric = catalogue().get(self.metric)
        if metric is None or self.threshold is None:
            return
        if self.threshold <= 0:
            raise ValidationError(
                {"threshold": _("The threshold must be above 0, or the target is always met.")}
            )
        if metric.unit == "percent" and self.threshold > 100:
            raise ValidationError({"threshold": _("A rate cannot exceed 100%.")})
        if metric.unit == "count" and self.threshold != int(self.threshold):
            raise ValidationError({"threshold": _("This figure is a count: give a whole number.")})


class FigureSummary(models.Model):
    """A figure computed for a window of dates, kept current by a Celery task so pages never scan records."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, related_name="+")
    metric = models.CharField(max_length=40)
    start = models.DateField()
    end = models.DateField()
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("figure summary")
        verbose_name_plural = _("figure summaries")
        constraints = [
            models.UniqueConstraint(fields=["council", "metric", "start", "end"], name="figuresummary_once"),
        ]
        indexes = [models.Index(fields=["council", "end"], name="figuresummary_council_end")]

    def __str__(self):
        return f"{self.metric} {self.start}–{self.end}"


class ReportQuerySet(CouncilQuerySet):
    def issued(self):
        return self.filter(state=Report.State.ISSUED)


class Report(models.Model):
    """A periodic report of one council, kind and period: generated as a draft, reviewed, then issued.

    Exactly one per (council, kind, period, scope), whoever asks for it and however many times.
    """

    class Kind(models.TextChoices):
        QUARTERLY = "quarterly", _("Quarterly activity report")
        HALF_YEAR = "half_year", _("Six-month activity report")
        ANNUAL = "annual", _("Annual activity report")
        PROACTIVE = "proactive", _("Proactive report to the Party Standing Board")
        PETITIONS = "petitions", _("Report on voters' petitions before the session")
        COMMITTEE = "committee", _("Committee activity report")
        DELEGATE_GROUP = "delegate_group", _("Delegate group activity report")
        RECEPTION = "reception", _("Report on citizen reception and letters")
        INTERPELLATION = "interpellation", _("Report on interpellation conclusions and commitments")
        RESOLUTIONS = "resolutions", _("Report on the implementation of resolutions")
        OVERSIGHT_YEAR = "oversight_year", _("Report on the year's oversight results")
        TERM_REVIEW = "term_review", _("End-of-term review")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being generated")
        FAILED = "failed", _("Failed")
        DRAFT = "draft", pgettext_lazy("report state", "Draft")
        ISSUED = "issued", _("Issued")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    period = models.CharField(_("period"), max_length=20, help_text=_("e.g. 2026-Q1, 2026-H1, 2026."))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    session = models.ForeignKey(
        "council_sessions.Session", verbose_name=_("session"), on_delete=models.PROTECT, null=True, blank=True
    )
    # What a kind reports on besides its period: a committee, a delegate group, a term (reports.kinds).
    # ``scope`` names it in the one-report-per-period rule ("committee-3"; empty for the council's own).
    scope = models.CharField(_("scope"), max_length=30, blank=True, default="")
    committee = models.ForeignKey(
        "council.Committee", verbose_name=_("committee"), on_delete=models.PROTECT, null=True, blank=True
    )
    group = models.ForeignKey(
        "delegates.DelegateGroup",
        verbose_name=_("delegate group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    term = models.ForeignKey(
        "council.Term", verbose_name=_("term"), on_delete=models.PROTECT, null=True, blank=True
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    # Who holds the run: a worker claims the row with a fresh token; a run whose heartbeat is stale
    # (the worker died) can be claimed again, and only the holder of the token may write the result.
    run_token = models.CharField(max_length=32, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    snapshot = models.JSONField(_("figures"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    number = models.CharField(
        _("number and symbol"), max_length=40, blank=True, help_text=_("e.g. 45/BC-HĐND.")
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    docx_path = models.CharField(max_length=300, blank=True)
    xlsx_path = models.CharField(max_length=300, blank=True)
    pdf_path = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["progress", "step", "heartbeat", "run_token", "snapshot"])

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period_end", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "period", "scope"], name="report_once_per_period_scope"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_max_100"),
            models.CheckConstraint(
                condition=~Q(state="issued") | (Q(issued_on__isnull=False) & ~Q(number="")),
                name="report_issued_has_number",
            ),
        ]

    def __str__(self):
        return self.subject or f"{self.get_kind_display()} {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        """The period as people write it (“Quý I/2026”); a session's report is named by its session."""
        if self.session_id:
            return str(self.session)
        if self.term_id:
            return str(self.term)
        period = period_from_code(self.period)
        return period.short_label() if period else self.period

    @property
    def is_busy(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def has_files(self) -> bool:
        return bool(self.docx_path and self.xlsx_path and self.pdf_path)
