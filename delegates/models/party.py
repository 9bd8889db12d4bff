"""The council's Party delegation (Đảng đoàn HĐND): its members in a term, the field each member is assigned
to follow, and the member's periodic report on that field (the founding conclusion's closing paragraph:
“các đồng chí thành viên Đảng đoàn … theo dõi, báo cáo kết quả … theo lĩnh vực được phân công phụ trách”)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from council.models.files import StoredFileFields
from council.models.querysets import CouncilQuerySet, DatedQuerySet

from ..periods import period_from_code


def _dates_in(errors: dict, start, end, *, within_start, within_end, outer: str) -> None:
    """Refuse an end before the start, and dates outside the enclosing ``within_start``–``within_end``."""
    if start and end and end < start:
        errors["end_date"] = _("The end date cannot precede the start date.")
        return
    bounds = {"start": f"{within_start:%d/%m/%Y}", "end": f"{within_end:%d/%m/%Y}" if within_end else "…"}
    if start and (start < within_start or (within_end and start > within_end)):
        errors["start_date"] = _("The start date must fall within the %(outer)s (%(start)s – %(end)s).") % {
            "outer": outer,
            **bounds,
        }
    if end and (end < within_start or (within_end and end > within_end)):
        errors["end_date"] = _("The end date must fall within the %(outer)s (%(start)s – %(end)s).") % {
            "outer": outer,
            **bounds,
        }


class PartyDelegationMember(models.Model):
    """A seat in the council's Party delegation for one term: secretary, deputy secretary or member."""

    class Position(models.TextChoices):
        # Bí thư, Phó Bí thư, Đảng đoàn viên: a Party secretary, not a clerk ("Secretary" alone is "Thư ký").
        SECRETARY = "secretary", pgettext_lazy("party position", "Secretary")
        DEPUTY = "deputy", pgettext_lazy("party position", "Deputy secretary")
        MEMBER = "member", pgettext_lazy("party position", "Member")

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )
    term = models.ForeignKey(
        "council.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="party_members"
    )
    delegate = models.ForeignKey(
        "delegates.Delegate",
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="party_memberships",
    )
    position = models.CharField(
        _("position"), max_length=10, choices=Position.choices, default=Position.MEMBER
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    decision = models.CharField(
        _("decision"),
        max_length=60,
        blank=True,
        help_text=_("e.g. “123-QĐ/TU” of the Provincial Party Committee."),
    )
    history = HistoricalRecords()

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Party delegation member")
        verbose_name_plural = _("Party delegation members")
        ordering = ["council", "term", "position", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="partydelegationmember_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["council", "term"])]

    def __str__(self):
        return f"{self.delegate} — {self.get_position_display()}"

    def overlaps(self, other) -> bool:
        """Whether the two date ranges share at least one day (open ends run forever)."""
        return (other.end_date is None or self.start_date <= other.end_date) and (
            self.end_date is None or self.end_date >= other.start_date
        )

    def clean(self):
        errors = {}
        if self.term_id and self.council_id and self.term.council_id != self.council_id:
            errors["term"] = _("The term belongs to another council.")
        if self.delegate_id and self.council_id and self.delegate.council_id != self.council_id:
            errors["delegate"] = _("The delegate belongs to another council.")
        if self.term_id and "term" not in errors:
            _dates_in(
                errors,
                self.start_date,
                self.end_date,
                within_start=self.term.start_date,
                within_end=self.term.end_date,
                outer=_("term"),
            )
        if errors:
            raise ValidationError(errors)


class PartyAssignment(models.Model):
    """The field a member of the Party delegation is assigned to follow, and how often they report on it."""

    class ReportEvery(models.TextChoices):
        QUARTER = "Q", _("Every quarter")
        HALF_YEAR = "H", _("Every six months")
        YEAR = "Y", _("Every year")

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        PartyDelegationMember,
        verbose_name=_("Party delegation member"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    area = models.CharField(_("assigned field"), max_length=200, help_text=_("e.g. “Kinh tế - ngân sách”."))
    policy_field = models.ForeignKey(
        "council.Field",
        verbose_name=_("policy field"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Optional: the council's field it corresponds to, to find its petitions and records."),
    )
    description = models.TextField(_("what to follow"), blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    report_every = models.CharField(
        _("reporting rhythm"), max_length=1, choices=ReportEvery.choices, default=ReportEvery.QUARTER
    )
    history = HistoricalRecords()

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Party delegation assignment")
        verbose_name_plural = _("Party delegation assignments")
        ordering = ["member", "start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="partyassignment_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.area} — {self.member.delegate}"

    def clean(self):
        errors = {}
        if not (self.area or "").strip():
            errors["area"] = _("Name the field assigned.")
        member = self.member if self.member_id else None
        if member is not None and self.council_id and member.council_id != self.council_id:
            errors["member"] = _("The member belongs to another council.")
        if self.policy_field_id and self.council_id and self.policy_field.council_id != self.council_id:
            errors["policy_field"] = _("This belongs to another council.")
        if member is not None and "member" not in errors:
            _dates_in(
                errors,
                self.start_date,
                self.end_date,
                within_start=member.start_date,
                within_end=member.end_date or member.term.end_date,
                outer=_("membership"),
            )
        if errors:
            raise ValidationError(errors)

    def is_active_during(self, start, end) -> bool:
        return self.start_date <= end and (self.end_date is None or self.end_date >= start)


class PartyFieldReport(StoredFileFields):
    """A member's report on their assigned field for one period (quarter, half-year or year)."""

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="+"
    )
    assignment = models.ForeignKey(
        PartyAssignment, verbose_name=_("assignment"), on_delete=models.PROTECT, related_name="reports"
    )
    period = models.CharField(_("period"), max_length=7, help_text=_("e.g. 2026-Q1, 2026-H1 or 2026."))
    # Read from ``period``: a window's reports are found by date, in the database.
    period_start = models.DateField(editable=False)
    period_end = models.DateField(editable=False)
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    summary = models.TextField(_("report"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("Party field report")
        verbose_name_plural = _("Party field reports")
        ordering = ["assignment", "-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "period"], name="partyfieldreport_once_per_period")
        ]
        indexes = [models.Index(fields=["council", "period_start"])]

    def __str__(self):
        period = period_from_code(self.period)
        return f"{self.assignment.area} — {period or self.period}" if self.assignment_id else self.period

    @property
    def period_label(self) -> str:
        period = period_from_code(self.period)
        return period.short_label() if period else self.period

    def clean(self):
        errors = {}
        period = period_from_code(self.period)
        if period is None:
            errors["period"] = _("“%(code)s” is not a period: choose one from the list.") % {
                "code": (self.period or "")[:20]
            }
        else:
            self.period, self.period_start, self.period_end = period.code, period.start, period.end
        assignment = self.assignment if self.assignment_id else None
        if assignment is not None and self.council_id and assignment.council_id != self.council_id:
            errors["assignment"] = _("The assignment belongs to another council.")
        if not (self.summary or "").strip():
            errors["summary"] = _("Write the report.")
        if self.submitted_on and self.submitted_on > timezone.localdate():
            errors["submitted_on"] = _("The date of submission cannot be in the future.")
        if period is not None and assignment is not None and "assignment" not in errors:
            if period.kind != assignment.report_every:
                errors["period"] = _("This field is reported on %(rhythm)s: choose such a period.") % {
                    "rhythm": str(assignment.get_report_every_display()).lower()
                }
            elif not assignment.is_active_during(period.start, period.end):
                errors["period"] = _("The assignment did not run during %(period)s.") % {"period": period}
            elif period.start > timezone.localdate():
                errors["period"] = _("%(period)s has not begun yet.") % {"period": period}
        if errors:
            raise ValidationError(errors)
