"""The sign-in log: every sign-in, failure, lockout, two-factor event and password reset, append-only."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignInEvent(models.Model):
    """One thing that happened to an account's sign-in; the administrator reads them, nobody edits them."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("signed in (password)")
        FAILED = "failed", _("wrong password")
        LOCKED_OUT = "locked_out", _("locked out after repeated failures")
        SIGNED_OUT = "signed_out", _("signed out")
        IDLE_TIMEOUT = "idle_timeout", _("signed out after being idle")
        MFA_PASSED = "mfa_passed", _("two-factor code accepted")
        MFA_RECOVERY_USED = "mfa_recovery_used", _("recovery code used")
        MFA_FAILED = "mfa_failed", _("two-factor code refused")
        MFA_LOCKED = "mfa_locked", _("two-factor step locked after repeated failures")
        MFA_ENROLLED = "mfa_enrolled", _("two-factor sign-in set up")
        MFA_REMOVED = "mfa_removed", _("two-factor sign-in removed")
        MFA_CODES_RENEWED = "mfa_codes_renewed", _("recovery codes renewed")
        MFA_POSTPONED = "mfa_postponed", _("two-factor set-up postponed (grace period)")
        OTHER_SESSIONS_ENDED = "other_sessions_ended", _("other sessions signed out")
        RESET_REQUESTED = "reset_requested", _("password reset requested")
        RESET_DONE = "reset_done", _("password reset by e-mail link")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signin_events",
    )
    username = models.CharField(_("user name typed"), max_length=150, blank=True)
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"], name="signinevent_user_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("The sign-in log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The sign-in log is append-only.")
