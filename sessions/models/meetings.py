"""Sessions (kỳ họp), their sittings (phiên họp), agenda items and the speeches made in them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from council.models.querysets import CouncilQuerySet

MAX_MINUTES = 24 * 60


class Session(models.Model):
    """A session of the council (kỳ họp), numbered within its term."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular")
        THEMATIC = "thematic", _("Thematic")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")
        INAUGURAL = "inaugural", _("Inaugural")

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONVENED = "convened", _("Convened")
        DOCUMENTS_SENT = "documents_sent", _("Documents sent")
        IN_SESSION = "in_session", _("In session")
        CLOSED = "closed", pgettext_lazy("session state", "Closed")
        PUBLISHED = "published", _("Resolutions published")

    # The states of a session that has been held (opened), whatever came after.
    HELD = (State.IN_SESSION, State.CLOSED, State.PUBLISHED)

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="sessions"
    )
    term = models.ForeignKey(
        "council.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="sessions"
    )
    number = models.PositiveSmallIntegerField(_("session number"), help_text=_("e.g. 5 for “Kỳ họp thứ 5”."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(_("title"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PLANNED)
    start_date = models.DateField(_("opens on"))
    end_date = models.DateField(_("closes on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    convening_decision = models.CharField(
        _("convening decision"),
        max_length=100,
        blank=True,
        help_text=_("Number and symbol, e.g. “45/QĐ-HĐND”."),
    )
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["council", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="session_unique_number"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="session_end_after_start"
            ),
        ]

    def __str__(self):
        label = _("Session %(number)s") % {"number": self.number}
        return f"{label} ({self.get_kind_display().lower()})" if self.kind != self.Kind.REGULAR else label

    def get_absolute_url(self) -> str:
        return reverse("sessions:session_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("A session cannot close before it opens.")
        if self.term_id and self.start_date and not self.term.contains(self.start_date):
            errors["start_date"] = _("The session must open within its term.")
        if self.term_id and self.end_date and not self.term.contains(self.end_date):
            errors["end_date"] = _("The session must close within its term.")
        if self.term_id and self.council_id and self.term.council_id != self.council_id:
            errors["term"] = _("The term belongs to another council.")
        if errors:
            raise ValidationError(errors)


class Sitting(models.Model):
    """One meeting within a session (phiên họp)."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        GROUP_DISCUSSION = "group_discussion", _("Group discussion")
        INTERPELLATION = "interpellation", _("Interpellation")
        CLOSED = "closed", _("Closed sitting")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="sittings"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        ordering = ["session", "date", "start_time", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}" + (
            f" {self.start_time:%H:%M}" if self.start_time else ""
        )

    def get_absolute_url(self) -> str:
        """A sitting is shown on its session's page."""
        return reverse("sessions:session_detail", args=[self.session_id])

    @property
    def venue(self) -> str:
        """Where speeches at this sitting count: in the plenary, or in a group."""
        return Speech.Venue.GROUP if self.kind == self.Kind.GROUP_DISCUSSION else Speech.Venue.PLENARY

    def clean(self):
        errors = {}
        if self.session_id and self.date:
            session = self.session
            if not session.start_date <= self.date <= session.end_date:
                errors["date"] = _("The sitting must fall within the session (%(start)s – %(end)s).") % {
                    "start": f"{session.start_date:%d/%m/%Y}",
                    "end": f"{session.end_date:%d/%m/%Y}",
                }
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The sitting must end after it starts.")
        if errors:
            raise ValidationError(errors)


class AgendaItem(models.Model):
    """A matter on the session's agenda, with planned and actual minutes (T4: present less, discuss more)."""

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="agenda"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    presenter = models.CharField(_("presented by"), max_length=200, blank=True)
    field = models.ForeignKey(
        "council.Field", verbose_name=_("field"), on_delete=models.PROTECT, null=True, blank=True
    )
    planned_presentation = models.PositiveSmallIntegerField(
        _("planned presentation (minutes)"), default=0, validators=[MaxValueValidator(MAX_MINUTES)]
    )
    actual_presentation = models.PositiveSmallIntegerField(
        _("actual presentation (minutes)"), null=True, blank=True, validators=[MaxValueValidator(MAX_MINUTES)]
    )
    planned_discussion = models.PositiveSmallIntegerField(
        _("planned discussion (minutes)"), default=0, validators=[MaxValueValidator(MAX_MINUTES)]
    )
    actual_discussion = models.PositiveSmallIntegerField(
        _("actual discussion, debate and interpellation (minutes)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_MINUTES)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "order"]
        constraints = [models.UniqueConstraint(fields=["session", "order"], name="agendaitem_unique_order")]

    def __str__(self):
        return f"{self.order}. {self.title}"


class Speech(models.Model):
    """Who spoke, where, how long, on what. Answers may come from officials who are not delegates."""

    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        DEBATE = "debate", _("Debate")
        INTERPELLATION = "interpellation", _("Interpellation")
        ANSWER = "answer", _("Answer")

    class Venue(models.TextChoices):
        PLENARY = "plenary", pgettext_lazy("speech venue", "Plenary")
        GROUP = "group", pgettext_lazy("speech venue", "Group")

    # The kinds that count as a delegate's contribution for T2 and T3.
    CONTRIBUTIONS = (Kind.DISCUSSION, Kind.DEBATE, Kind.INTERPELLATION)

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    sitting = models.ForeignKey(
        Sitting, verbose_name=_("sitting"), on_delete=models.PROTECT, related_name="speeches"
    )
    mandate = models.ForeignKey(
        "delegates.Mandate",
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="speeches",
    )
    official = models.CharField(
        _("official (not a delegate)"), max_length=200, blank=True, help_text=_("e.g. “Giám đốc Sở Y tế”.")
    )
    agency = models.ForeignKey(
        "council.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    venue = models.CharField(_("venue"), max_length=10, choices=Venue.choices)
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="speeches",
    )
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), default=0)
    summary = models.TextField(_("summary"), blank=True)
    # The hall system's own id of the speech, when it came from there: a batch sent twice adds nothing.
    external_id = models.CharField(_("id in the hall system"), max_length=64, blank=True, editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        ordering = ["sitting", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mandate__isnull=False) | ~Q(official=""), name="speech_has_a_speaker"
            ),
            models.CheckConstraint(
                condition=Q(duration_seconds__lte=MAX_MINUTES * 60), name="speech_duration_max"
            ),
            models.UniqueConstraint(
                fields=["sitting", "external_id"],
                condition=~Q(external_id=""),
                name="speech_unique_external_id",
            ),
        ]
        indexes = [models.Index(fields=["council", "mandate"], name="speech_council_mandate")]

    def __str__(self):
        return f"{self.mandate.delegate if self.mandate_id else self.official} — {self.get_kind_display()}"

    def clean(self):
        errors = {}
        if not self.mandate_id and not self.official.strip():
            errors["mandate"] = _("Choose the delegate who spoke, or name the official.")
        if self.duration_seconds and self.duration_seconds > MAX_MINUTES * 60:
            errors["duration_seconds"] = _("A speech cannot last longer than a day.")
        if self.mandate_id and self.sitting_id:
            mandate, sitting = self.mandate, self.sitting
            if mandate.council_id != sitting.council_id:
                errors["mandate"] = _("The delegate belongs to another council.")
            elif mandate.term_id != sitting.session.term_id:
                errors["mandate"] = _("This mandate belongs to another term than the session.")
            elif not mandate.is_active_on(sitting.date):
                errors["mandate"] = _("%(delegate)s did not hold a mandate on %(date)s.") % {
                    "delegate": mandate.delegate,
                    "date": f"{sitting.date:%d/%m/%Y}",
                }
        if self.agenda_item_id and self.sitting_id and self.agenda_item.session_id != self.sitting.session_id:
            errors["agenda_item"] = _("The agenda item belongs to another session.")
        if errors:
            raise ValidationError(errors)
