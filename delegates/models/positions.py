"""Delegate groups, committee seats and Standing Committee positions, all with dated memberships."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models.querysets import CouncilQuerySet, DatedQuerySet


def _dated_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(
            condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
            name=f"{prefix}_end_after_start",
        ),
    ]


class DatedMembership(models.Model):
    """A position held by a mandate from a start date to an optional end date."""

    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def overlaps(self, other) -> bool:
        """Whether the two date ranges share at least one day (open ends run forever)."""
        starts_before_other_ends = other.end_date is None or self.start_date <= other.end_date
        ends_after_other_starts = self.end_date is None or self.end_date >= other.start_date
        return starts_before_other_ends and ends_after_other_starts

    def clean_dates_within_mandate(self, errors: dict) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot precede the start date.")
        if not (self.mandate_id and self.start_date):
            return
        mandate = self.mandate
        if self.council_id and mandate.council_id != self.council_id:
            errors["mandate"] = _("The mandate belongs to another council.")
        if not mandate.is_active_on(self.start_date):
            errors["start_date"] = _("The position must start within the delegate's mandate.")
        elif self.end_date and self.end_date > mandate.term.end_date:
            errors["end_date"] = _("The term ends on %(date)s; the position must end by then.") % {
                "date": f"{mandate.term.end_date:%d/%m/%Y}"
            }
        elif mandate.end_date and (self.end_date is None or self.end_date > mandate.end_date):
            errors["end_date"] = _("The mandate ends on %(date)s; the position must end by then.") % {
                "date": f"{mandate.end_date:%d/%m/%Y}"
            }


class DelegateGroup(models.Model):
    """A delegate group (Tổ đại biểu) of one term, usually by constituency or locality."""

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.PROTECT, related_name="delegate_groups"
    )
    term = models.ForeignKey(
        "council.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="groups"
    )
    name = models.CharField(_("name"), max_length=150)
    area = models.CharField(_("area covered"), max_length=300, blank=True)
    admin_units = models.ManyToManyField(
        "council.AdminUnit", verbose_name=_("administrative units"), blank=True
    )
    history = HistoricalRecords(m2m_fields=[admin_units])

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegate group")
        verbose_name_plural = _("delegate groups")
        ordering = ["council", "term", "name"]
        constraints = [models.UniqueConstraint(fields=["term", "name"], name="delegategroup_unique_name")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.term_id and self.council_id and self.term.council_id != self.council_id:
            raise ValidationError({"term": _("The term belongs to another council.")})


class GroupMembership(DatedMembership):
    class Role(models.TextChoices):
        LEADER = "leader", _("Group leader")
        DEPUTY = "deputy", _("Deputy leader")
        MEMBER = "member", _("Member")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    group = models.ForeignKey(
        DelegateGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="memberships"
    )
    mandate = models.ForeignKey(
        "delegates.Mandate",
        verbose_name=_("mandate"),
        on_delete=models.PROTECT,
        related_name="group_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["group", "role", "start_date"]
        constraints = [
            *_dated_constraints("groupmembership"),
            models.UniqueConstraint(
                fields=["mandate", "start_date"], name="groupmembership_one_start_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.mandate.delegate} — {self.group} ({self.get_role_display()})"

    def clean(self):
        errors = {}
        self.clean_dates_within_mandate(errors)
        if self.group_id and self.mandate_id and self.group.term_id != self.mandate.term_id:
            errors["group"] = _("The group belongs to another term than the delegate's mandate.")
        if self.group_id and self.council_id and self.group.council_id != self.council_id:
            errors["group"] = _("The group belongs to another council.")
        if errors:
            raise ValidationError(errors)


class CommitteeMembership(DatedMembership):
    class Role(models.TextChoices):
        HEAD = "head", _("Head")
        DEPUTY = "deputy", _("Deputy head")
        MEMBER = "member", _("Member")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    committee = models.ForeignKey(
        "council.Committee", verbose_name=_("committee"), on_delete=models.PROTECT, related_name="memberships"
    )
    mandate = models.ForeignKey(
        "delegates.Mandate",
        verbose_name=_("mandate"),
        on_delete=models.PROTECT,
        related_name="committee_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        ordering = ["committee", "role", "start_date"]
        constraints = [
            *_dated_constraints("committeemembership"),
            models.UniqueConstraint(
                fields=["committee", "mandate", "start_date"], name="committeemembership_unique_start"
            ),
        ]

    def __str__(self):
        return f"{self.mandate.delegate} — {self.committee} ({self.get_role_display()})"

    def clean(self):
        errors = {}
        self.clean_dates_within_mandate(errors)
        if self.committee_id and self.council_id and self.committee.council_id != self.council_id:
            errors["committee"] = _("The committee belongs to another council.")
        if errors:
            raise ValidationError(errors)


class StandingPosition(DatedMembership):
    """A seat on the council's Standing Committee (Thường trực HĐND)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    mandate = models.ForeignKey(
        "delegates.Mandate",
        verbose_name=_("mandate"),
        on_delete=models.PROTECT,
        related_name="standing_positions",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Standing Committee position")
        verbose_name_plural = _("Standing Committee positions")
        ordering = ["council", "role", "start_date"]
        constraints = [
            *_dated_constraints("standingposition"),
            models.UniqueConstraint(fields=["mandate", "start_date"], name="standingposition_unique_start"),
        ]

    def __str__(self):
        return f"{self.mandate.delegate} — {self.get_role_display()}"

    def clean(self):
        errors = {}
        self.clean_dates_within_mandate(errors)
        if errors:
            raise ValidationError(errors)
