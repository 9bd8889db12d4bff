"""Notices to people, their mail preferences and their private calendar feeds.

A notice stores its kind (declared once in ``notifications/catalogue.py``), its subject record (a generic
relation that may outlive the record) and the few non-personal values its wording needs (``params``). The
wording itself is rendered when shown, in the reader's language, from the catalogue: a notice written while
the interface was in Vietnamese reads in English to someone who switched, and a corrected wording reaches
old notices too. Mail is rendered once, when queued, in the council's language (``settings.LANGUAGE_CODE``).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .catalogue import Delivery, render

__all__ = ["CalendarFeed", "Delivery", "Notification", "NotificationPreference"]


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_recipient(self, user):
        return self.filter(recipient=user)

    def digest_pending(self):
        """Notices waiting for the daily digest mail."""
        return self.filter(delivery=Delivery.DIGEST, mailed_at__isnull=True)


class Notification(models.Model):
    """One notice to one person about one event."""

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="notifications"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=40)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.SET_NULL, null=True, blank=True
    )
    subject_id = models.PositiveBigIntegerField(_("record id"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    params = models.JSONField(_("values of the wording"), default=dict, blank=True)
    key = models.CharField(
        _("event key"),
        max_length=200,
        help_text=_("One notice per person and key: a rerun sends nothing twice."),
    )
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.OFF)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("handed to mail"), null=True, blank=True)
    mail = models.ForeignKey(
        "council.OutboxMail",
        verbose_name=_("mail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_event"),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "council"], name="notification_unread", condition=Q(read_at__isnull=True)
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent"),
        ]

    def __str__(self):
        return render(self)

    def get_absolute_url(self) -> str:
        return reverse("notifications:open", args=[self.pk])

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How one person wants one kind of notice mailed; absent, the catalogue's default for their role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=40)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user", "kind"]
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")]

    def __str__(self):
        return f"{self.user} — {self.kind}: {self.get_delivery_display()}"


class CalendarFeed(models.Model):
    """A person's private calendar address. Only a hash of its secret is kept: the address is shown once,
    when made, and a new one revokes the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token_hash = models.CharField(_("hash of the secret"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last read"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)
