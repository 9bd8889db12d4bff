"""Delegates (the persons) and their mandates (a delegate in one term)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models.querysets import CouncilQuerySet, DatedQuerySet


class DelegateQuerySet(CouncilQuerySet):
    def search(self, text: str):
        """Accent-insensitive match on the name: "nguyen van" finds "Nguyễn Văn An"."""
        from council.text import fold

        folded = fold(text)
        return self.filter(name_folded__contains=folded) if folded else self


class Delegate(models.Model):
    """A person elected to the council (đại biểu) in one or more terms."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="delegates"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    name_folded = models.CharField(max_length=150, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True, default="Kinh")
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegate",
    )
    history = HistoricalRecords(excluded_fields=["name_folded"])

    objects = DelegateQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["council", "name_folded"]
        indexes = [models.Index(fields=["council", "name_folded"])]

    def __str__(self):
        return self.full_name

    def clean(self):
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": _("The date of birth cannot be in the future.")})
        if self.birth_date and self.birth_date.year < 1900:
            raise ValidationError({"birth_date": _("Check the date of birth.")})


class Mandate(models.Model):
    """A delegate's seat in one term: constituency, full- or part-time, position, start and end."""

    class Kind(models.TextChoices):
        FULL_TIME = "full_time", _("Full-time")
        PART_TIME = "part_time", _("Part-time")

    class StartReason(models.TextChoices):
        GENERAL_ELECTION = "general_election", _("General election")
        BY_ELECTION = "by_election", _("By-election")

    class EndReason(models.TextChoices):
        TERM_END = "term_end", _("End of term")
        RESIGNED = "resigned", _("Resigned")
        DISMISSED = "dismissed", _("Dismissed")
        TRANSFERRED = "transferred", _("Transferred to other work")
        DECEASED = "deceased", _("Deceased")
        OTHER = "other", _("Other")

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="mandates"
    )
    delegate = models.ForeignKey(
        Delegate, verbose_name=_("delegate"), on_delete=models.PROTECT, related_name="mandates"
    )
    term = models.ForeignKey(
        "council.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="mandates"
    )
    constituency = models.ForeignKey(
        "council.Constituency",
        verbose_name=_("constituency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    kind = models.CharField(
        _("full- or part-time"), max_length=20, choices=Kind.choices, default=Kind.PART_TIME
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    workplace = models.CharField(_("workplace"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    start_reason = models.CharField(
        _("how the mandate began"),
        max_length=20,
        choices=StartReason.choices,
        default=StartReason.GENERAL_ELECTION,
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(
        _("why the mandate ended"), max_length=20, choices=EndReason.choices, blank=True
    )
    history = HistoricalRecords()

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["term", "delegate__name_folded"]
        constraints = [
            models.UniqueConstraint(fields=["delegate", "term"], name="mandate_one_per_term"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="mandate_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True, end_reason="")
                | Q(end_date__isnull=False) & ~Q(end_reason=""),
                name="mandate_end_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["council", "term"])]

    def __str__(self):
        return f"{self.delegate} — {self.term}"

    def get_absolute_url(self) -> str:
        return reverse("delegates:mandate_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.term_id and self.start_date:
            term = self.term
            if not term.contains(self.start_date):
                errors["start_date"] = _("The mandate must start within the term (%(start)s – %(end)s).") % {
                    "start": f"{term.start_date:%d/%m/%Y}",
                    "end": f"{term.end_date:%d/%m/%Y}",
                }
            if self.end_date and not term.contains(self.end_date):
                errors["end_date"] = _("The mandate must end within the term (%(start)s – %(end)s).") % {
                    "start": f"{term.start_date:%d/%m/%Y}",
                    "end": f"{term.end_date:%d/%m/%Y}",
                }
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot precede the start date.")
        if self.end_date and not self.end_reason:
            errors["end_reason"] = _("Say why the mandate ended.")
        if self.end_reason and not self.end_date:
            errors["end_date"] = _("Give the date the mandate ended.")
        if self.constituency_id and self.term_id and self.constituency.term_id != self.term_id:
            errors["constituency"] = _("The constituency belongs to another term.")
        if self.delegate_id and self.council_id and self.delegate.council_id != self.council_id:
            errors["delegate"] = _("The delegate belongs to another council.")
        if self.term_id and self.council_id and self.term.council_id != self.council_id:
            errors["term"] = _("The term belongs to another council.")
        if errors:
            raise ValidationError(errors)

    def is_active_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)
