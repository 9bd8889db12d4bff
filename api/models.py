"""Access tokens for systems that connect to the API, and the log of every use.

A token belongs to one user in one council and acts with that user's roles there, never more: its scopes
only narrow what the user may do (an agency's token reads and answers that agency's follow-ups, a
leadership token reads figures). The key is shown once, when made; only its SHA-256 is stored, with a short
prefix to tell keys apart in lists.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Scope(models.TextChoices):
    AGENCY = "agency", _("Agency: read and answer the follow-ups assigned to the agency")
    FIGURES = "figures", _("Leadership: read aggregate figures")
    HALL = "hall", _("Office: import the hall system's speeches and votes")


class ApiToken(models.Model):
    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. “Sở Xây dựng: hệ thống một cửa”.")
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    prefix = models.CharField(_("key starts with"), max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # A digest of the owner's password hash when the key was made: a new password stops the key, as it signs
    # out every session (a stolen session cannot leave a key behind that outlives the reset).
    password_stamp = models.CharField(max_length=64, editable=False, default="")
    created_at = models.DateTimeField(_("made at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class ApiTokenUse(models.Model):
    """One request made with a token (append-only; the administrator reads them)."""

    token = models.ForeignKey(
        ApiToken, verbose_name=_("token"), on_delete=models.CASCADE, related_name="uses"
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=300)
    status = models.PositiveSmallIntegerField(_("answer"))
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token use")
        verbose_name_plural = _("API token uses")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.method} {self.path} {self.status}"
