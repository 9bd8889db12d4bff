"""Users and their roles, which are held per council."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    mfa_due_since = models.DateTimeField(
        _("asked to set up two-factor sign-in on"),
        null=True,
        blank=True,
        help_text=_(
            "The first sign-in at which two-factor sign-in was required: the grace period runs from it."
        ),
    )
    session_generation = models.PositiveIntegerField(
        _("session generation"),
        default=0,
        editable=False,
        help_text=_('Raised to end every other session of the user ("sign out my other sessions").'),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def _get_session_auth_hash(self, secret=None):
        """Django's hash of the password, salted with the generation: raising it ends the other sessions.

        Overridden at this level so the SECRET_KEY_FALLBACKS hashes carry the generation too."""
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "council.User.get_session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.username

    def __str__(self):
        return self.get_full_name()


class Role(models.TextChoices):
    OFFICE = "office", _("Office staff")
    STANDING = "standing", _("Standing Committee member")
    COMMITTEE_HEAD = "committee_head", _("Committee head")
    GROUP_LEADER = "group_leader", _("Delegate group leader")
    DELEGATE = "delegate", _("Delegate")
    LEADERSHIP = "leadership", _("Leadership reader")
    AGENCY = "agency", _("Agency respondent")
    ADMIN = "admin", _("Administrator")


class RoleAssignment(models.Model):
    """A role a user holds in one council. A user may hold several roles in several councils."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles")
    council = models.ForeignKey(
        "council.Council",
        verbose_name=_("council"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    committee = models.ForeignKey(
        "council.Committee",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Required for a committee head."),
    )
    agency = models.ForeignKey(
        "council.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Required for an agency respondent."),
    )
    sees_protected_identities = models.BooleanField(
        _("may see denouncers' identity"),
        default=False,
        help_text=_(
            "Only for Office staff authorised to handle denunciations (Law on Denunciation, art. 47)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user", "council", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "council", "role"],
                condition=Q(committee__isnull=True, agency__isnull=True),
                name="roleassignment_unique_plain",
            ),
            models.UniqueConstraint(
                fields=["user", "council", "role", "committee"],
                condition=Q(committee__isnull=False),
                name="roleassignment_unique_committee",
            ),
            models.UniqueConstraint(
                fields=["user", "council", "role", "agency"],
                condition=Q(agency__isnull=False),
                name="roleassignment_unique_agency",
            ),
            models.CheckConstraint(
                condition=Q(role="committee_head", committee__isnull=False) | ~Q(role="committee_head"),
                name="roleassignment_committee_head_has_committee",
            ),
            models.CheckConstraint(
                condition=Q(role="agency", agency__isnull=False) | ~Q(role="agency"),
                name="roleassignment_agency_has_agency",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.council}"

    def clean(self):
        if self.role == Role.COMMITTEE_HEAD and not self.committee_id:
            raise ValidationError({"committee": _("Choose the committee this person heads.")})
        if self.role == Role.AGENCY and not self.agency_id:
            raise ValidationError({"agency": _("Choose the agency this person answers for.")})
        if self.committee_id and self.council_id and self.committee.council_id != self.council_id:
            raise ValidationError({"committee": _("The committee belongs to another council.")})
        if self.agency_id and self.council_id and self.agency.council_id != self.council_id:
            raise ValidationError({"agency": _("The agency belongs to another council.")})
        if self.sees_protected_identities and self.role not in (Role.OFFICE, Role.ADMIN):
            raise ValidationError(
                {
                    "sees_protected_identities": _(
                        "Only Office staff can be authorised to see denouncers' identity."
                    )
                }
            )
