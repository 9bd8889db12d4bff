"""Personal data by the law (Law 91/2025/QH15 on Personal Data Protection, Decree 13/2023/NĐ-CP).

``ProcessingNotice``: what the council tells citizens about the processing of their data (purposes,
categories, recipients, retention, rights), versioned: an edit is a new version, and a petition keeps the
version its sender consented to. ``PersonalDataAccess``: who was shown or exported a citizen's contact details
or a protected identity, one row per record and request, read by the administrator.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProcessingNotice(models.Model):
    """One version of the council's notice on the processing of citizens' personal data (never edited)."""

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    version = models.PositiveIntegerField(_("version"))
    summary = models.TextField(_("short notice on the public form"))
    purposes = models.TextField(_("purposes of the processing"))
    categories = models.TextField(_("categories of personal data"))
    recipients = models.TextField(_("who receives the data"))
    retention = models.TextField(_("how long the data are kept"))
    rights = models.TextField(_("the citizen's rights and how to use them"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    TEXT_FIELDS = ("summary", "purposes", "categories", "recipients", "retention", "rights")

    class Meta:
        verbose_name = _("personal data processing notice")
        verbose_name_plural = _("personal data processing notices")
        ordering = ["council", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["council", "version"], name="processing_notice_version_once")
        ]

    def __str__(self):
        return _("Personal data processing notice, version %(version)s") % {"version": self.version}

    def get_absolute_url(self) -> str:
        url = reverse("voters:public_privacy", args=[self.council.code])
        return f"{url}?version={self.version}"


class PersonalDataAccess(models.Model):
    """A user was shown (or exported) a citizen's contact details or a protected identity of one record."""

    class Kind(models.TextChoices):
        VIEW = "view", _("Viewed on a page")
        SEARCH = "search", _("Shown in search results")
        EXPORT = "export", _("Exported to a file")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, null=True, blank=True
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    model = models.CharField(_("record type"), max_length=100)
    object_id = models.BigIntegerField(_("record id"))
    fields = models.CharField(_("fields shown"), max_length=300)
    protected = models.BooleanField(_("a protected identity"), default=False)
    path = models.CharField(_("page"), max_length=300)

    class Meta:
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["model", "object_id"], name="pd_access_record")]

    def __str__(self):
        return (
            f"{self.at:%d/%m/%Y %H:%M} {self.user} {self.get_kind_display()} {self.model} #{self.object_id}"
        )
