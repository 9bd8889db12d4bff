"""Interpellations (chất vấn), at a session or between sessions, their answers and the commitments made."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models.files import StoredFileFields
from council.models.followups import SourceKind, followups_relation
from council.models.querysets import CouncilQuerySet


class Interpellation(models.Model):
    """A question put to the head of an agency: a dossier from the slip to the chair's conclusion."""

    class Mode(models.TextChoices):
        ORAL = "oral", _("Oral, at the sitting")
        WRITTEN = "written", _("Written answer")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ORAL = "oral", _("Grouped for an oral answer")
        WRITTEN = "written", _("Assigned a written answer")
        REJECTED = "rejected", _("Not accepted")
        ANSWERED = "answered", _("Answered")
        ACCEPTED = "accepted", _("Answer accepted")
        DISPUTED = "disputed", _("Answer disputed")
        CONCLUDED = "concluded", _("Concluded")

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        PARTLY = "partly", _("Partly satisfied")
        UNSATISFIED = "unsatisfied", _("Not satisfied")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    term = models.ForeignKey("council.Term", verbose_name=_("term"), on_delete=models.PROTECT)
    session = models.ForeignKey(
        "council_sessions.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interpellations",
        help_text=_("Leave empty for an interpellation between sessions."),
    )
    askers = models.ManyToManyField(
        "delegates.Mandate", verbose_name=_("asked by"), related_name="interpellations"
    )
    question = models.TextField(_("question"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    field = models.ForeignKey(
        "council.Field", verbose_name=_("field"), on_delete=models.PROTECT, null=True, blank=True
    )
    agency = models.ForeignKey(
        "council.Agency", verbose_name=_("asked of (agency)"), on_delete=models.PROTECT
    )
    respondent_title = models.CharField(
        _("respondent's title"), max_length=200, help_text=_("e.g. “Giám đốc Sở Y tế”.")
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ORAL)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    rule = models.ForeignKey(
        "council.DeadlineRule",
        verbose_name=_("deadline rule"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    answer_due = models.DateField(_("written answer due"), null=True, blank=True)
    satisfaction = models.CharField(
        _("delegate's assessment"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    conclusion = models.TextField(_("chair's conclusion"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(m2m_fields=[askers])

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("interpellation")
        verbose_name_plural = _("interpellations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.topic or self.question[:80]

    def get_absolute_url(self) -> str:
        return reverse("sessions:interpellation_detail", args=[self.pk])

    @property
    def between_sessions(self) -> bool:
        return self.session_id is None

    @property
    def awaiting_written_answer(self) -> bool:
        """Assigned a written answer that has not come yet: its due date can be overdue."""
        return self.state == self.State.WRITTEN


class InterpellationAnswer(StoredFileFields):
    interpellation = models.ForeignKey(Interpellation, on_delete=models.PROTECT, related_name="answers")
    answered_on = models.DateField(_("answered on"))
    mode = models.CharField(_("mode"), max_length=10, choices=Interpellation.Mode.choices)
    answered_by = models.CharField(_("answered by"), max_length=200)
    text = models.TextField(_("answer"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer to an interpellation")
        verbose_name_plural = _("answers to interpellations")
        ordering = ["answered_on", "pk"]

    def __str__(self):
        return f"{self.answered_by} {self.answered_on:%d/%m/%Y}"

    def clean(self):
        submitted = self.interpellation.submitted_on if self.interpellation_id else None
        if submitted and self.answered_on and self.answered_on < submitted:
            raise ValidationError(
                {"answered_on": _("An answer cannot come before the question was submitted.")}
            )


class Commitment(models.Model):
    """A promise made in an answer; each is followed up until it is kept."""

    FOLLOWUP_SOURCE_KIND = SourceKind.COMMITMENT

    interpellation = models.ForeignKey(Interpellation, on_delete=models.PROTECT, related_name="commitments")
    text = models.TextField(_("commitment"))
    followups = followups_relation()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["pk"]

    def __str__(self):
        return self.text[:80]
