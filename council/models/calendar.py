"""The working-day calendar and deadline rules. Deadlines are data, not constants."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .querysets import CouncilQuerySet


class Holiday(models.Model):
    """A day off on a weekday, or a weekend day made a working day (ngày làm bù)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Day off")
        WORKING_DAY = "working_day", _("Make-up working day")

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="holidays"
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.HOLIDAY)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["council", "date"]
        constraints = [models.UniqueConstraint(fields=["council", "date"], name="holiday_unique_date")]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class DeadlineRule(models.Model):
    """How many (working or calendar) days an action may take after, or must happen before, an event."""

    class DayType(models.TextChoices):
        WORKING = "working", _("Working days")
        CALENDAR = "calendar", _("Calendar days")

    class Direction(models.TextChoices):
        AFTER = "after", _("after the event")
        BEFORE = "before", _("before the event")

    class Anchor(models.TextChoices):
        TRANSFER = "transfer", _("Transfer to the agency")
        RECEIPT = "receipt", _("Receipt of the document")
        SESSION_START = "session_start", _("Opening of the session")
        SESSION_END = "session_end", _("Closing of the session")
        QUESTION = "question", _("Receipt of the interpellation")
        OVERSIGHT_REPORT = "oversight_report", _("Issue of the oversight report")
        EXPLANATION = "explanation", _("Explanation session")
        MEETING = "meeting", _("Voter meeting")
        OTHER = "other", _("Other event")

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="deadline_rules"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    days = models.PositiveSmallIntegerField(_("days"))
    day_type = models.CharField(
        _("counted in"), max_length=20, choices=DayType.choices, default=DayType.WORKING
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.AFTER
    )
    anchor = models.CharField(_("anchor event"), max_length=30, choices=Anchor.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["council", "code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "code", "valid_from"], name="deadlinerule_unique_version"
            ),
            models.CheckConstraint(condition=Q(days__gte=0), name="deadlinerule_days_not_negative"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="deadlinerule_valid_range",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        if self.days is not None and self.days < 0:
            raise ValidationError({"days": _("The number of days cannot be negative.")})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end of validity cannot precede its start.")})
