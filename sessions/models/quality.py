"""The quality of resolutions (founding conclusion I.1): what later happened to a resolution — amended,
replaced, annulled or suspended, or a finding of the legal-document review."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .resolutions import Resolution


class ResolutionQualityQuerySet(models.QuerySet):
    def for_council(self, council):
        return self.filter(resolution__council=council)

    def annulled_or_suspended(self):
        return self.filter(kind__in=ResolutionQualityEvent.UNSOUND_KINDS[:2])

    def unsound(self):
        """Events that count against a resolution's soundness: annulled, suspended, or a review finding."""
        return self.filter(kind__in=ResolutionQualityEvent.UNSOUND_KINDS)


class ResolutionQualityEvent(models.Model):
    """One thing that happened to an adopted resolution that tells of its quality."""

    class Kind(models.TextChoices):
        AMENDED = "amended", _("Amended or supplemented")
        REPLACED = "replaced", _("Replaced")
        ANNULLED = "annulled", _("Annulled")
        SUSPENDED = "suspended", _("Suspended")
        REVIEW_FINDING = "review_finding", _("Legal review finding")

    # Annulled and suspended first (``annulled_or_suspended`` reads the first two).
    UNSOUND_KINDS = (Kind.ANNULLED, Kind.SUSPENDED, Kind.REVIEW_FINDING)
    # The kinds another resolution of the council brings about.
    BY_RESOLUTION = (Kind.AMENDED, Kind.REPLACED)

    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.PROTECT, related_name="quality_events"
    )
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    authority = models.CharField(
        _("by"),
        max_length=200,
        help_text=_("e.g. “Bộ Tư pháp – Cục Kiểm tra VBQPPL”, “HĐND tỉnh”."),
    )
    reference = models.CharField(
        _("document number and symbol"), max_length=60, blank=True, help_text=_("e.g. “12/KL-KTVB”.")
    )
    findings = models.TextField(_("findings or content"), blank=True)
    amended_by = models.ForeignKey(
        Resolution,
        verbose_name=_("amending or replacing resolution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quality_events_caused",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ResolutionQualityQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution quality event")
        verbose_name_plural = _("resolution quality events")
        ordering = ["resolution", "date", "pk"]
        indexes = [models.Index(fields=["kind", "date"], name="resolutionquality_kind_date")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.date:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("sessions:resolution_detail", args=[self.resolution_id])

    def clean(self):
        errors = {}
        resolution = self.resolution if self.resolution_id else None
        if resolution is not None and not resolution.adopted_on:
            errors["resolution"] = _("Only an adopted resolution can be amended, annulled or reviewed.")
        elif resolution is not None and self.date and self.date < resolution.adopted_on:
            errors["date"] = _("This cannot happen before the resolution was adopted (%(date)s).") % {
                "date": f"{resolution.adopted_on:%d/%m/%Y}"
            }
        amending = self.amended_by if self.amended_by_id else None
        if amending is not None and resolution is not None:
            if amending.council_id != resolution.council_id:
                errors["amended_by"] = _("This belongs to another council.")
            elif amending.pk == resolution.pk:
                errors["amended_by"] = _("A resolution does not amend itself.")
            elif self.kind not in self.BY_RESOLUTION:
                errors["amended_by"] = _(
                    "Only an amendment or a replacement names the resolution that made it."
                )
            elif amending.adopted_on and self.date and self.date < amending.adopted_on:
                errors["date"] = _("The amending resolution was adopted on %(date)s.") % {
                    "date": f"{amending.adopted_on:%d/%m/%Y}"
                }
        if self.kind == self.Kind.REVIEW_FINDING and not (self.findings or "").strip():
            errors["findings"] = _("Write what the review found.")
        if errors:
            raise ValidationError(errors)
