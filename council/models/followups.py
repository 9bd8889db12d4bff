"""The follow-up spine: everything an agency must do by a date, and the council must check was done."""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .querysets import CouncilQuerySet


class SourceKind(models.TextChoices):
    PETITION = "petition", _("Voter petition")
    LETTER = "letter", _("Citizen letter")
    RECOMMENDATION = "recommendation", _("Oversight recommendation")
    COMMITMENT = "commitment", _("Interpellation commitment")
    RESOLUTION_TASK = "resolution_task", _("Resolution task")
    DIRECTIVE_ITEM = "directive_item", _("Directive item")
    OFFICE_TASK = "office_task", _("Task assigned by the Office")


class AgencyStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANNOT_DO = "cannot_do", _("Cannot be done")


class CouncilStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    PARTLY_DONE = "partly_done", _("Partly done")
    NOT_DONE = "not_done", _("Not done")
    UNSATISFACTORY = "unsatisfactory", _("Answer unsatisfactory")


AWAITING_AGENCY = (AgencyStatus.NOT_STARTED, AgencyStatus.IN_PROGRESS)
ANSWERED = (AgencyStatus.DONE, AgencyStatus.CANNOT_DO)


class FollowUpQuerySet(CouncilQuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)

    def closed(self):
        return self.filter(closed_on__isnull=False)

    def awaiting_agency(self):
        return self.open().filter(agency_status__in=AWAITING_AGENCY)

    def awaiting_verification(self):
        return self.open().filter(agency_status__in=ANSWERED)

    def overdue(self, today: dt.date):
        return self.awaiting_agency().filter(due_date__lt=today)

    def due_between(self, start: dt.date, end: dt.date):
        return self.awaiting_agency().filter(due_date__range=(start, end))

    def for_agency(self, agency):
        return self.filter(Q(agency=agency) | Q(coordinating_agencies=agency)).distinct()

    def of_sources(self, sources):
        """The one way to find records' follow-ups: those of these records (a list of one model, or a
        queryset, read as a subquery), in one query. A single record's: ``of_sources([record])``."""
        if isinstance(sources, models.QuerySet):
            meta, ids = sources.model._meta, sources.values("pk")
        else:
            sources = list(sources)
            if not sources:
                return self.none()
            meta, ids = sources[0]._meta, [s.pk for s in sources]
        return self.filter(
            source_type__app_label=meta.app_label, source_type__model=meta.model_name, source_id__in=ids
        )

    def by_source(self, sources) -> dict:
        """``{source pk: follow-up}`` for these records: what a page listing them shows beside each."""
        return {f.source_id: f for f in self.of_sources(sources)}


class FollowUp(models.Model):
    """One promise: an agency must do something by a date; the council verifies it was done."""

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="followups"
    )
    source_kind = models.CharField(_("source"), max_length=20, choices=SourceKind.choices)
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    reference = models.CharField(
        _("reference"), max_length=60, blank=True, help_text=_("The source's number, e.g. “KN-2026-0153”.")
    )
    title = models.CharField(_("subject"), max_length=300)
    description = models.TextField(_("what must be done"))
    agency = models.ForeignKey(
        "council.Agency",
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        related_name="followups",
    )
    coordinating_agencies = models.ManyToManyField(
        "council.Agency",
        verbose_name=_("co-ordinating agencies"),
        blank=True,
        related_name="coordinated_followups",
    )
    field = models.ForeignKey(
        "council.Field", verbose_name=_("field"), on_delete=models.PROTECT, null=True, blank=True
    )
    assigned_date = models.DateField(_("assigned on"))
    rule = models.ForeignKey(
        "council.DeadlineRule",
        verbose_name=_("deadline rule"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    due_date = models.DateField(_("due date"))
    due_date_override_reason = models.CharField(
        _("why the due date differs from the rule"), max_length=300, blank=True
    )
    agency_status = models.CharField(
        _("agency's report"), max_length=20, choices=AgencyStatus.choices, default=AgencyStatus.NOT_STARTED
    )
    agency_explanation = models.TextField(_("agency's explanation"), blank=True)
    council_status = models.CharField(
        _("council's verification"), max_length=20, choices=CouncilStatus.choices, default=CouncilStatus.OPEN
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    report_to_leadership = models.BooleanField(_("report to leadership"), default=False)
    escalation_level = models.PositiveSmallIntegerField(_("escalation steps taken"), default=0)
    first_answered_on = models.DateField(_("first answered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    internal_note = models.TextField(_("internal note (Office only)"), blank=True)
    # Reference, subject and description folded (no accents, lower case) for accent-insensitive search.
    SEARCH_FIELDS = (
        "reference",
        "title",
        "description",
    )  # folded into search_text on every save (council.services.record_save)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="followup_progress_max_100"),
            models.CheckConstraint(
                condition=Q(due_date__gte=models.F("assigned_date")), name="followup_due_after_assigned"
            ),
        ]
        indexes = [
            models.Index(fields=["council", "due_date"], name="followup_council_due"),
            models.Index(fields=["council", "agency", "due_date"], name="followup_council_agency_due"),
            models.Index(fields=["source_type", "source_id"], name="followup_source"),
            models.Index(
                fields=["council", "due_date"], name="followup_open_due", condition=Q(closed_on__isnull=True)
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("council:followup_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.assigned_date and self.due_date and self.due_date < self.assigned_date:
            errors["due_date"] = _("The due date cannot precede the date the item was assigned.")
        if self.progress is not None and not 0 <= self.progress <= 100:
            errors["progress"] = _("Progress is a percentage between 0 and 100.")
        if self.agency_status == AgencyStatus.CANNOT_DO and not self.agency_explanation.strip():
            errors["agency_explanation"] = _("Explain why it cannot be done.")
        for name in ("agency", "field", "rule"):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and self.council_id and related.council_id != self.council_id:
                errors[name] = _("This belongs to another council.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def awaiting_agency(self) -> bool:
        return self.is_open and self.agency_status in AWAITING_AGENCY

    @property
    def awaiting_verification(self) -> bool:
        return self.is_open and self.agency_status in ANSWERED

    def is_overdue(self, today: dt.date) -> bool:
        return self.awaiting_agency and self.due_date < today


class FollowUpEvent(models.Model):
    """One entry of a follow-up's append-only log. Nothing is changed or deleted; a new entry corrects."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        TRANSFERRED = "transferred", _("Transferred")
        REMINDED = "reminded", _("Reminder sent")
        ANSWERED = "answered", _("Agency answered")
        PROGRESS = "progress", _("Progress reported")
        VERIFIED = "verified", _("Verified by the council")
        REOPENED = "reopened", _("Reopened")
        ESCALATED = "escalated", _("Escalated")
        DUE_CHANGED = "due_changed", _("Due date changed")
        EVIDENCE = "evidence", _("Evidence added")
        MILESTONE = "milestone", _("Milestone")
        NOTE = "note", _("Note")
        CORRECTION = "correction", _("Correction")

    followup = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True, blank=True
    )
    text = models.TextField(_("text"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    internal = models.BooleanField(_("internal (Office only)"), default=False)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )

    class Meta:
        verbose_name = _("follow-up event")
        verbose_name_plural = _("follow-up events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["followup", "at"], name="followupevent_timeline")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.at:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Follow-up events cannot be changed; record a correction instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Follow-up events cannot be deleted; record a correction instead."))

    def detail(self) -> str:
        """The entry's particulars in words: the reported status, the verdict, the new date or the step."""
        data = self.data or {}
        parts = []
        if data.get("status") in AgencyStatus.values:
            parts.append(str(AgencyStatus(data["status"]).label))
        if data.get("progress") not in (None, ""):
            parts.append(f"{data['progress']}%")
        if data.get("outcome") in CouncilStatus.values:
            parts.append(str(CouncilStatus(data["outcome"]).label))
        if self.kind == self.Kind.DUE_CHANGED and data.get("due_date"):
            previous = dt.date.fromisoformat(data["previous"]) if data.get("previous") else None
            new = dt.date.fromisoformat(data["due_date"])
            parts.append(f"{previous:%d/%m/%Y} → {new:%d/%m/%Y}" if previous else f"{new:%d/%m/%Y}")
        elif self.kind == self.Kind.CREATED and data.get("due_date"):
            parts.append(_("due %(date)s") % {"date": f"{dt.date.fromisoformat(data['due_date']):%d/%m/%Y}"})
        step = data.get("step")
        if step in EscalationStep.values:
            parts.append(str(EscalationStep(step).label))
        elif step in ReminderLog.Step.values:
            parts.append(str(ReminderLog.Step(step).label))
        return " · ".join(parts)


class Milestone(models.Model):
    followup = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=300)
    due_date = models.DateField(_("planned for"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title


class Attachment(models.Model):
    """A file an agency or the Office attached to a follow-up, stored privately under a generated name."""

    class Kind(models.TextChoices):
        ANSWER = "answer", _("Answer")
        EVIDENCE = "evidence", _("Evidence")

    followup = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="attachments")
    event = models.ForeignKey(
        FollowUpEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    path = models.CharField(max_length=300, unique=True)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ReminderLog(models.Model):
    """That an item got a reminder step for its current due date: the guarantee of 'once per step'."""

    class Step(models.TextChoices):
        DAYS_7 = "d7", _("7 working days before")
        DAYS_3 = "d3", _("3 working days before")
        DAYS_1 = "d1", _("1 working day before")
        OVERDUE = "overdue", _("Overdue")
        MANUAL = "manual", _("Sent by the Office")

    followup = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="reminders")
    step = models.CharField(max_length=10, choices=Step.choices)
    due_date = models.DateField()
    sent_on = models.DateField()
    mail = models.ForeignKey(
        "council.OutboxMail", on_delete=models.PROTECT, null=True, related_name="reminders"
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["followup", "step", "due_date"],
                condition=~Q(step="manual"),
                name="reminderlog_once_per_step",
            )
        ]

    def __str__(self):
        return f"{self.followup_id} {self.step} {self.due_date}"


class OutboxMail(models.Model):
    """A mail written to the database first and sent by a sweeper, so no outage loses it."""

    council = models.ForeignKey("council.Council", on_delete=models.PROTECT, related_name="outbox")
    dedupe_key = models.CharField(max_length=200, unique=True)
    to = models.TextField(help_text=_("Comma-separated addresses."))
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["created_at"], name="outbox_unsent", condition=Q(sent_at__isnull=True))
        ]

    def __str__(self):
        return self.subject


class EscalationStep(models.TextChoices):
    """The ladder seen in practice, in order: each step is suggested after the previous one was taken."""

    REMINDER = "reminder", _("Send a reminder")
    REPORT_AUTHORITY = "report_authority", _("Report to the competent authority")
    EXPLANATION_SESSION = "explanation_session", _("Hold an explanation session")
    INTERPELLATION = "interpellation", _("Interpellate the agency head")
    RE_OVERSIGHT = "re_oversight", _("Open a re-oversight")
    REPORT_SESSION = "report_session", _("Report to the council session")


ESCALATION_LADDER = list(EscalationStep)


def followups_relation():
    """The field a source model declares to list its follow-ups: ``followups = followups_relation()``."""
    from django.contrib.contenttypes.fields import GenericRelation

    return GenericRelation("council.FollowUp", content_type_field="source_type", object_id_field="source_id")
