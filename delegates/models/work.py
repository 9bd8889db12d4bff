"""Delegate work: training, the groups' own meetings, action programmes announced to voters, the yearly
evaluation against the council's criteria, and the emulation movement with its commendations."""

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
from council.models.querysets import CouncilQuerySet
from council.params import YEAR_MAX, YEAR_MIN


def _same_council(errors: dict, owner, **related) -> None:
    for name, value in related.items():
        if value is not None and owner is not None and value.council_id != owner.council_id:
            errors[name] = _("This belongs to another council.")


# --- Training -------------------------------------------------------------------------------------------


class TrainingCourse(StoredFileFields):
    """A training course (bồi dưỡng, tập huấn) for delegates; its materials are a stored file."""

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    title = models.CharField(_("topic"), max_length=300)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    organiser = models.CharField(_("organiser"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    description = models.TextField(_("content of the course"), blank=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["council", "-start_date", "pk"]

    def __str__(self):
        return f"{self.title} ({self.start_date:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("delegates:course_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The course cannot end before it starts.")
        if not self.online and not self.place.strip():
            errors["place"] = _("Give the place, or mark the course online.")
        if errors:
            raise ValidationError(errors)


class TrainingAttendance(models.Model):
    """A delegate invited to a course, and whether they attended."""

    course = models.ForeignKey(TrainingCourse, on_delete=models.PROTECT, related_name="attendances")
    mandate = models.ForeignKey(
        "delegates.Mandate", verbose_name=_("delegate"), on_delete=models.PROTECT, related_name="trainings"
    )
    attended = models.BooleanField(_("attended"), default=False)
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("e.g. the reason for absence.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendances")
        ordering = ["course", "pk"]
        constraints = [models.UniqueConstraint(fields=["course", "mandate"], name="trainingattendance_once")]

    def __str__(self):
        return f"{self.mandate} — {self.course}"

    def clean(self):
        if not (self.course_id and self.mandate_id):
            return
        if self.mandate.council_id != self.course.council_id or not self.mandate.is_active_on(
            self.course.start_date
        ):
            raise ValidationError(
                {
                    "mandate": _("%(delegate)s holds no mandate in this council on %(date)s.")
                    % {"delegate": self.mandate.delegate, "date": f"{self.course.start_date:%d/%m/%Y}"}
                }
            )


# --- Group meetings ------------------------------------------------------------------------------------


class GroupMeeting(models.Model):
    """A meeting a delegate group held itself: a discussion of session documents or a working meeting."""

    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Group discussion of session documents")
        WORKING = "working", _("Working meeting")
        OTHER = "other", _("Other activity")

    group = models.ForeignKey(
        "delegates.DelegateGroup",
        verbose_name=_("delegate group"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=300)
    attendees = models.ManyToManyField("delegates.Mandate", verbose_name=_("members present"), blank=True)
    notes = models.TextField(_("conclusions"), blank=True)
    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")
        ordering = ["group", "-date", "pk"]

    def __str__(self):
        return f"{self.topic} ({self.date:%d/%m/%Y})"

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("A meeting is recorded once it has been held.")})


# --- Action programmes ---------------------------------------------------------------------------------


class ActionProgram(models.Model):
    """The action programme a delegate announced to voters when standing for election."""

    mandate = models.OneToOneField(
        "delegates.Mandate",
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="action_program",
    )
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action programme")
        verbose_name_plural = _("action programmes")
        ordering = ["mandate"]

    def __str__(self):
        return str(_("Action programme of %(delegate)s") % {"delegate": self.mandate.delegate})


class Assessment(models.TextChoices):
    KEPT = "kept", _("Kept")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_KEPT = "not_kept", _("Not kept")


class Assessor(models.TextChoices):
    SELF = "self", _("The delegate")
    GROUP = "group", _("The delegate group")
    STANDING = "standing", _("The Standing Committee")


class ActionCommitment(models.Model):
    program = models.ForeignKey(ActionProgram, on_delete=models.PROTECT, related_name="commitments")
    text = models.TextField(_("commitment"))
    field = models.ForeignKey(
        "council.Field", verbose_name=_("field"), on_delete=models.PROTECT, null=True, blank=True
    )
    admin_unit = models.ForeignKey(
        "council.AdminUnit",
        verbose_name=_("commune or ward"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action-programme commitment")
        verbose_name_plural = _("action-programme commitments")
        ordering = ["program", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class CommitmentAssessment(models.Model):
    """One year's assessment of a commitment, by the delegate, the group or the Standing Committee."""

    commitment = models.ForeignKey(ActionCommitment, on_delete=models.PROTECT, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("year"))
    by = models.CharField(_("assessed by"), max_length=10, choices=Assessor.choices)
    status = models.CharField(_("assessment"), max_length=12, choices=Assessment.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    assessed_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment assessment")
        verbose_name_plural = _("commitment assessments")
        ordering = ["commitment", "year", "by"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "year", "by"], name="commitmentassessment_once")
        ]

    def __str__(self):
        return f"{self.year} {self.get_by_display()}: {self.get_status_display()}"


# --- Evaluation ----------------------------------------------------------------------------------------


class EvaluationCriterion(models.Model):
    """A criterion of the yearly delegate evaluation, set by the council (rows, not code)."""

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("criterion"), max_length=300)
    max_points = models.PositiveSmallIntegerField(_("maximum points"), default=10)
    is_active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["council", "order", "pk"]

    def __str__(self):
        return self.text

    def clean(self):
        if self.max_points is not None and not 1 <= self.max_points <= 100:
            raise ValidationError({"max_points": _("Between 1 and 100 points.")})


class Rating(models.TextChoices):
    EXCELLENT = "excellent", _("Excellently fulfilled")
    GOOD = "good", _("Well fulfilled")
    FULFILLED = "fulfilled", _("Fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")


class DelegateEvaluation(models.Model):
    """A delegate's evaluation for one year: self, group and Standing Committee ratings and points."""

    mandate = models.ForeignKey(
        "delegates.Mandate", verbose_name=_("delegate"), on_delete=models.PROTECT, related_name="evaluations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    self_rating = models.CharField(_("self-evaluation"), max_length=15, choices=Rating.choices, blank=True)
    self_comment = models.TextField(_("delegate's own account"), blank=True)
    group_rating = models.CharField(_("group's rating"), max_length=15, choices=Rating.choices, blank=True)
    group_comment = models.TextField(_("group's comments"), blank=True)
    standing_rating = models.CharField(
        _("Standing Committee's rating"), max_length=15, choices=Rating.choices, blank=True
    )
    standing_comment = models.TextField(_("Standing Committee's comments"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegate evaluation")
        verbose_name_plural = _("delegate evaluations")
        ordering = ["-year", "mandate"]
        constraints = [models.UniqueConstraint(fields=["mandate", "year"], name="delegateevaluation_once")]

    def __str__(self):
        return str(
            _("%(delegate)s — evaluation %(year)s") % {"delegate": self.mandate.delegate, "year": self.year}
        )

    def clean(self):
        if self.year is not None and not YEAR_MIN <= self.year <= YEAR_MAX:
            raise ValidationError(
                {"year": _("Enter a year from %(low)s to %(high)s.") % {"low": YEAR_MIN, "high": YEAR_MAX}}
            )
        if self.mandate_id and self.year:
            mandate = self.mandate
            last = (mandate.end_date or mandate.term.end_date).year
            if not mandate.start_date.year <= self.year <= last:
                raise ValidationError(
                    {
                        "year": _("The mandate runs from %(start)s to %(end)s: %(year)s is outside it.")
                        % {"start": mandate.start_date.year, "end": last, "year": self.year}
                    }
                )


class EvaluationScore(models.Model):
    evaluation = models.ForeignKey(DelegateEvaluation, on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(EvaluationCriterion, on_delete=models.PROTECT)
    by = models.CharField(_("scored by"), max_length=10, choices=Assessor.choices)
    points = models.PositiveSmallIntegerField(_("points"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation score")
        verbose_name_plural = _("evaluation scores")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion", "by"], name="evaluationscore_once")
        ]

    def __str__(self):
        return f"{self.criterion}: {self.points}"

    def clean(self):
        if self.criterion_id and self.points is not None and self.points > self.criterion.max_points:
            raise ValidationError(
                {
                    "points": _("“%(criterion)s” is scored from 0 to %(max)s.")
                    % {"criterion": self.criterion, "max": self.criterion.max_points}
                }
            )


# --- Emulation and commendation ------------------------------------------------------------------------


class EmulationMovement(models.Model):
    DETAIL_HIDDEN = ("criteria",)  # listed one per line on the page instead

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=300)
    launched_on = models.DateField(_("launched on"))
    criteria = models.TextField(_("criteria"), help_text=_("One criterion per line."))
    is_active = models.BooleanField(_("under way"), default=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["council", "-launched_on"]

    def __str__(self):
        return self.name

    @property
    def criteria_list(self) -> list[str]:
        return [line.strip() for line in self.criteria.splitlines() if line.strip()]


class Nomination(models.Model):
    """A proposal to commend a delegate, a group or a collective under a movement, and what was decided."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("A delegate")
        GROUP = "group", _("A delegate group")
        COLLECTIVE = "collective", _("A collective")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        COMMENDED = "commended", _("Commended")
        DECLINED = "declined", _("Not commended")

    class Award(models.TextChoices):
        CERTIFICATE = "certificate", _("Certificate of merit")
        PROVINCE_CERTIFICATE = (
            "province_certificate",
            _("Certificate of merit of the Provincial People's Committee"),
        )
        TITLE = "title", pgettext_lazy("emulation", "Emulation title")
        OTHER = "other", _("Other form of commendation")

    movement = models.ForeignKey(EmulationMovement, on_delete=models.PROTECT, related_name="nominations")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("nominee"), max_length=12, choices=Kind.choices)
    mandate = models.ForeignKey(
        "delegates.Mandate", verbose_name=_("delegate"), on_delete=models.PROTECT, null=True, blank=True
    )
    group = models.ForeignKey(
        "delegates.DelegateGroup",
        verbose_name=_("delegate group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    collective = models.CharField(_("collective"), max_length=200, blank=True)
    reason = models.TextField(_("achievements (reason)"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PROPOSED)
    award = models.CharField(_("form of commendation"), max_length=25, choices=Award.choices, blank=True)
    decision = models.CharField(_("decision"), max_length=60, blank=True, help_text=_("e.g. “25/QĐ-HĐND”."))
    decision_date = models.DateField(_("decision dated"), null=True, blank=True)
    exemplary = models.BooleanField(
        _("exemplary model to introduce"), default=False, help_text=_("Listed among the year's models.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["movement", "-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="individual", mandate__isnull=False)
                | Q(kind="group", group__isnull=False)
                | Q(kind="collective", collective__gt=""),
                name="nomination_names_its_nominee",
            )
        ]

    def __str__(self):
        return f"{self.nominee} — {self.movement} {self.year}"

    @property
    def nominee(self):
        if self.kind == self.Kind.INDIVIDUAL and self.mandate_id:
            return self.mandate.delegate
        if self.kind == self.Kind.GROUP and self.group_id:
            return self.group
        return self.collective

    def clean(self):
        errors = {}
        if not (self.reason or "").strip():
            errors["reason"] = _("Give the achievements the nomination rests on.")
        if self.kind == self.Kind.INDIVIDUAL and not self.mandate_id:
            errors["mandate"] = _("Choose the delegate.")
        if self.kind == self.Kind.GROUP and not self.group_id:
            errors["group"] = _("Choose the delegate group.")
        if self.kind == self.Kind.COLLECTIVE and not self.collective.strip():
            errors["collective"] = _("Name the collective.")
        movement = self.movement if self.movement_id else None
        _same_council(
            errors,
            movement,
            mandate=self.mandate if self.mandate_id else None,
            group=self.group if self.group_id else None,
        )
        if self.state == self.State.COMMENDED and not (self.decision.strip() and self.decision_date):
            errors["decision"] = _("A commendation needs its decision number and date.")
        if errors:
            raise ValidationError(errors)
