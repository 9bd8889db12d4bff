"""Oversight (giám sát): annual programmes, activities with their delegations, field surveys and the
recommendations each activity addresses to agencies, followed up until kept."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from council.models.files import StoredFileFields
from council.models.followups import SourceKind, followups_relation
from council.models.querysets import CouncilQuerySet


class OversightProgram(models.Model):
    """The council's annual oversight programme, adopted the year before."""

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    resolution = models.CharField(_("adopting resolution"), max_length=60, blank=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("oversight programme")
        verbose_name_plural = _("oversight programmes")
        ordering = ["council", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="oversightprogram_one_per_year")
        ]

    def __str__(self):
        return self.title


class OversightActivity(models.Model):
    class Kind(models.TextChoices):
        THEMATIC = "thematic", _("Thematic oversight")
        REGULAR = "regular", _("Regular oversight")
        REPORT_REVIEW = "report_review", _("Review of reports")
        DOCUMENT_REVIEW = "document_review", _("Review of legal documents")
        PETITION_HANDLING = "petition_handling", _("Oversight of petition handling")
        RE_OVERSIGHT = "re_oversight", _("Re-oversight")

    class LeadBody(models.TextChoices):
        COUNCIL = "council", _("The council")
        STANDING = "standing", _("The Standing Committee")
        COMMITTEE = "committee", _("A committee")
        GROUP = "group", _("A delegate group")

    class State(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("oversight state", "Planned")
        ESTABLISHED = "established", _("Delegation established")
        NOTIFIED = "notified", _("Agencies notified")
        FIELDWORK = "fieldwork", _("Fieldwork")
        DRAFTING = "drafting", _("Drafting the report")
        REVIEWED = "reviewed", _("Report reviewed")
        REPORTED = "reported", _("Reported")
        RESOLUTION = "resolution", _("Resolution adopted")
        MONITORING = "monitoring", _("Monitoring")
        CLOSED = "closed", pgettext_lazy("oversight state", "Closed")

    # The order of the workflow: a state may only move to the next one (or straight to monitoring or
    # closed after reporting, when no resolution follows).
    ORDER = list(State.values)

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    program = models.ForeignKey(
        OversightProgram,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("subject"), max_length=300)
    lead_body = models.CharField(_("led by"), max_length=12, choices=LeadBody.choices)
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
    parent = models.ForeignKey(
        "self",
        verbose_name=_("re-oversight of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="re_oversights",
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PLANNED)
    decision = models.CharField(
        _("establishing decision"), max_length=60, blank=True, help_text=_("e.g. “15/QĐ-HĐND”.")
    )
    decision_date = models.DateField(_("decision dated"), null=True, blank=True)
    period_start = models.DateField(_("oversight from"))
    period_end = models.DateField(_("oversight until"))
    scope = models.TextField(_("scope"), blank=True)
    agencies = models.ManyToManyField("council.Agency", verbose_name=_("overseen agencies"), blank=True)
    resolutions = models.ManyToManyField(
        "council_sessions.Resolution",
        verbose_name=_("resolutions whose implementation is overseen"),
        blank=True,
        related_name="oversight_activities",
    )
    history = HistoricalRecords(m2m_fields=[agencies])

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("oversight activity")
        verbose_name_plural = _("oversight activities")
        ordering = ["council", "-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="oversightactivity_period_order"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("oversight:activity_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if self.lead_body == self.LeadBody.COMMITTEE and not self.committee_id:
            errors["committee"] = _("Choose the committee that leads the activity.")
        if self.lead_body == self.LeadBody.GROUP and not self.group_id:
            errors["group"] = _("Choose the delegate group that leads the activity.")
        if self.kind == self.Kind.RE_OVERSIGHT and not self.parent_id:
            errors["parent"] = _("A re-oversight is opened from an earlier activity.")
        for name in ("committee", "group", "parent", "program"):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and self.council_id and related.council_id != self.council_id:
                errors[name] = _("This belongs to another council.")
        if errors:
            raise ValidationError(errors)


class DelegationMember(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Head of the delegation")
        DEPUTY = "deputy", pgettext_lazy("delegation role", "Deputy head")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")

    activity = models.ForeignKey(OversightActivity, on_delete=models.PROTECT, related_name="members")
    mandate = models.ForeignKey(
        "delegates.Mandate",
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegation_roles",
    )
    outside_member = models.CharField(
        _("member from outside the council"),
        max_length=200,
        blank=True,
        help_text=_("e.g. an Office specialist."),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["activity", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "mandate"],
                condition=Q(mandate__isnull=False),
                name="delegationmember_once",
            )
        ]

    def __str__(self):
        return str(self.mandate.delegate if self.mandate_id else self.outside_member)

    def clean(self):
        if not self.mandate_id and not self.outside_member.strip():
            raise ValidationError({"mandate": _("Choose a delegate or name the member.")})
        if self.mandate_id and self.outside_member.strip():
            raise ValidationError(
                {
                    "outside_member": _(
                        "Choose a delegate or name a member from outside the council, not both."
                    )
                }
            )
        if self.mandate_id and self.activity_id and self.mandate.council_id != self.activity.council_id:
            raise ValidationError({"mandate": _("This delegate holds no mandate in this council.")})


class ActivityDocument(StoredFileFields):
    """A document of an activity: its plan, the outline sent to agencies, their reports, the final report."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Plan")
        OUTLINE = "outline", _("Outline sent to agencies")
        AGENCY_REPORT = "agency_report", _("Agency's report")
        FINAL_REPORT = "final_report", _("Final report")
        OTHER = "other", _("Other document")

    activity = models.ForeignKey(OversightActivity, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    symbol = models.CharField(_("number and symbol"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=400)
    issued_on = models.DateField(_("issued on"))
    agency = models.ForeignKey(
        "council.Agency",
        verbose_name=_("from agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("For an agency's report."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity document")
        verbose_name_plural = _("activity documents")
        ordering = ["activity", "issued_on", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.kind == self.Kind.AGENCY_REPORT and not self.agency_id:
            raise ValidationError({"agency": _("Say which agency sent the report.")})
        if self.agency_id and self.activity_id and self.agency.council_id != self.activity.council_id:
            raise ValidationError({"agency": _("This belongs to another council.")})


class SurveyVisit(models.Model):
    """A field survey (khảo sát thực tế) made during an activity."""

    activity = models.ForeignKey(OversightActivity, on_delete=models.PROTECT, related_name="surveys")
    date = models.DateField(_("date"))
    place = models.ForeignKey(
        "council.AdminUnit", verbose_name=_("place"), on_delete=models.PROTECT, null=True, blank=True
    )
    place_detail = models.CharField(_("where exactly"), max_length=300, blank=True)
    agencies = models.ManyToManyField("council.Agency", verbose_name=_("agencies visited"), blank=True)
    participants = models.TextField(_("participants"), blank=True)
    findings = models.TextField(_("findings"))
    history = HistoricalRecords(m2m_fields=[agencies])

    class Meta:
        verbose_name = _("survey visit")
        verbose_name_plural = _("survey visits")
        ordering = ["activity", "date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.place_detail or self.place or ''}".strip()

    def get_absolute_url(self) -> str:
        return reverse("oversight:activity_detail", args=[self.activity_id])

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("A survey visit is recorded once it has taken place.")})
        if self.activity_id and self.date:
            activity = self.activity
            if not activity.period_start <= self.date <= activity.period_end:
                raise ValidationError(
                    {
                        "date": _("A survey happens within the activity's period (%(start)s – %(end)s).")
                        % {
                            "start": f"{activity.period_start:%d/%m/%Y}",
                            "end": f"{activity.period_end:%d/%m/%Y}",
                        }
                    }
                )


class Recommendation(models.Model):
    """A recommendation of an activity, addressed to an agency: its follow-up tracks it until kept."""

    FOLLOWUP_SOURCE_KIND = SourceKind.RECOMMENDATION

    activity = models.ForeignKey(OversightActivity, on_delete=models.PROTECT, related_name="recommendations")
    conclusion = models.TextField(_("finding it answers"), blank=True)
    text = models.TextField(_("recommendation"))
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_into",
        help_text=_("For a re-oversight: the earlier recommendation this one checks."),
    )
    fulfilled_since = models.BooleanField(
        _("fulfilled since the earlier oversight"),
        null=True,
        blank=True,
        help_text=_("Re-oversight finding."),
    )
    followups = followups_relation()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["activity", "pk"]

    def __str__(self):
        return self.text[:80]


class Accountability(models.Model):
    """An explanation session (phiên giải trình) or a hearing (điều trần) on a selected issue."""

    class Kind(models.TextChoices):
        EXPLANATION = "explanation", _("Explanation session")
        HEARING = "hearing", _("Hearing")

    class Body(models.TextChoices):
        STANDING = "standing", _("The Standing Committee")
        COMMITTEE = "committee", _("A committee")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=300)
    body = models.CharField(_("held by"), max_length=12, choices=Body.choices)
    committee = models.ForeignKey(
        "council.Committee", verbose_name=_("committee"), on_delete=models.PROTECT, null=True, blank=True
    )
    date = models.DateField(_("date"))
    agencies = models.ManyToManyField("council.Agency", verbose_name=_("agencies summoned"), blank=True)
    summoned = models.TextField(
        _("heads summoned"), blank=True, help_text=_("One per line, e.g. “Giám đốc Sở Y tế”.")
    )
    participants = models.TextField(_("participants"), blank=True)
    from_followup = models.ForeignKey(
        "council.FollowUp",
        verbose_name=_("escalated from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accountability_sessions",
    )
    history = HistoricalRecords(m2m_fields=[agencies])

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("explanation session or hearing")
        verbose_name_plural = _("explanation sessions and hearings")
        ordering = ["council", "-date"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:accountability_detail", args=[self.pk])

    def clean(self):
        if self.body == self.Body.COMMITTEE and not self.committee_id:
            raise ValidationError({"committee": _("Choose the committee that holds it.")})


class AccountabilityConclusion(models.Model):
    """A conclusion of an explanation session or hearing: a promise followed up like any other."""

    FOLLOWUP_SOURCE_KIND = SourceKind.RECOMMENDATION

    session = models.ForeignKey(Accountability, on_delete=models.PROTECT, related_name="conclusions")
    text = models.TextField(_("conclusion"))
    followups = followups_relation()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["pk"]

    def __str__(self):
        return self.text[:80]


class StudyTrip(StoredFileFields):
    """A study and exchange trip to another council or province (học tập, trao đổi kinh nghiệm), with the
    lessons brought back and a report file."""

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=300)
    host = models.CharField(
        _("council or province visited"),
        max_length=200,
        help_text=_("e.g. “HĐND tỉnh Quảng Ninh”."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    purpose = models.TextField(_("purpose"))
    participants = models.ManyToManyField(
        "delegates.Delegate",
        verbose_name=_("participating delegates"),
        blank=True,
        related_name="study_trips",
    )
    other_participants = models.TextField(
        _("other participants"), blank=True, help_text=_("One per line, e.g. “Chuyên viên Văn phòng”.")
    )
    lessons = models.TextField(_("lessons learned"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[participants])

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("study trip")
        verbose_name_plural = _("study and exchange trips")
        ordering = ["council", "-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="studytrip_dates_order"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("oversight:study_trip_detail", args=[self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The trip cannot end before it starts.")})


class StudyTripFollowUp(models.Model):
    """Something to do after a trip, applying what was learned: tracked on the follow-up spine (its
    follow-up says whether and when it was done)."""

    FOLLOWUP_SOURCE_KIND = SourceKind.OFFICE_TASK

    trip = models.ForeignKey(StudyTrip, on_delete=models.PROTECT, related_name="followup_items")
    text = models.TextField(_("what to do"))
    committee = models.ForeignKey(
        "council.Committee",
        verbose_name=_("responsible committee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    responsible = models.CharField(
        _("responsible"),
        max_length=200,
        blank=True,
        help_text=_("When not a committee, e.g. “Văn phòng”; the Office when left empty."),
    )
    due_date = models.DateField(_("due date"))
    followups = followups_relation()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("study trip follow-up item")
        verbose_name_plural = _("study trip follow-up items")
        ordering = ["trip", "due_date", "pk"]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        errors = {}
        if self.committee_id and self.responsible.strip():
            errors["responsible"] = _("Choose a committee or name who is responsible, not both.")
        if self.committee_id and self.trip_id and self.committee.council_id != self.trip.council_id:
            errors["committee"] = _("This belongs to another council.")
        if self.due_date and self.trip_id and self.due_date < self.trip.start_date:
            errors["due_date"] = _("The due date cannot come before the trip (%(date)s).") % {
                "date": f"{self.trip.start_date:%d/%m/%Y}"
            }
        if errors:
            raise ValidationError(errors)
