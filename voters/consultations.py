"""Consulting the people on a draft resolution (founding conclusion II.4): the draft, the channels it went out
through, how many responses each brought in, a summary of them and the resolution adopted from it."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from council.models.files import StoredFileFields
from council.models.querysets import CouncilQuerySet


class ConsultationQuerySet(CouncilQuerySet):
    def closed_between(self, start: dt.date, end: dt.date):
        """Consultations closed in the period (by their end date)."""
        return self.filter(status=Consultation.Status.CLOSED, end_date__range=(start, end))

    def with_total(self):
        """Each consultation with ``responses``, the sum of its per-channel counts (0 if none)."""
        return self.annotate(responses=Coalesce(models.Sum("response_counts__count"), models.Value(0)))


class Consultation(StoredFileFields):
    """The people consulted on a draft resolution, through some of the council's outreach channels."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("consultation status", "Planned")
        OPEN = "open", pgettext_lazy("consultation status", "Open")
        CLOSED = "closed", pgettext_lazy("consultation status", "Closed")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    title = models.CharField(_("draft consulted on"), max_length=400)
    committee = models.ForeignKey(
        "council.Committee",
        verbose_name=_("committee in charge"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    channels = models.ManyToManyField(
        "voters.OutreachChannel", verbose_name=_("channels used"), blank=True, related_name="consultations"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    summary = models.TextField(_("summary of the responses"), blank=True)
    resolution = models.ForeignKey(
        "council_sessions.Resolution",
        verbose_name=_("resolution adopted"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[channels])

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation on a draft")
        verbose_name_plural = _("consultations on drafts")
        ordering = ["council", "-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="consultation_dates_in_order"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("voters:consultation_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The consultation ends on or after the day it starts.")
        for name in ("committee", "resolution"):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and self.council_id and related.council_id != self.council_id:
                errors[name] = _("This belongs to another council.")
        if errors:
            raise ValidationError(errors)


class ConsultationResponseCount(models.Model):
    """How many responses one channel brought in to a consultation."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="response_counts"
    )
    channel = models.ForeignKey(
        "voters.OutreachChannel", verbose_name=_("channel"), on_delete=models.PROTECT, related_name="+"
    )
    count = models.PositiveIntegerField(_("responses"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("responses through a channel")
        verbose_name_plural = _("responses through channels")
        ordering = ["consultation", "channel__order", "channel__pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "channel"], name="consultation_count_once"),
            models.CheckConstraint(condition=models.Q(count__gte=0), name="consultation_count_not_negative"),
        ]

    def __str__(self):
        return f"{self.channel}: {self.count}"

    def clean(self):
        if (
            self.channel_id
            and self.consultation_id
            and self.channel.council_id != self.consultation.council_id
        ):
            raise ValidationError({"channel": _("This belongs to another council.")})
