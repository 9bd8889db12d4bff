"""Directives: the leadership's conclusions, plans and programmes (and coordination agreements with other
bodies), broken into items, each assigned to a responsible person or body and tracked through the
follow-up spine."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models.files import StoredFileFields
from council.models.followups import SourceKind, followups_relation
from council.models.querysets import CouncilQuerySet


class Target(models.TextChoices):
    """The targets of the founding conclusion (docs/targets.md) an item can be measured against."""

    T1 = "T1", _("T1 — at least 2 proactive reports a year")
    T2 = "T2", _("T2 — every group speaks at every session")
    T3 = "T3", _("T3 — every delegate speaks in the term")
    T4 = "T4", _("T4 — shorter presentations, longer debate")
    T5 = "T5", _("T5 — oversight of resolutions, re-oversight, accountability")
    T6 = "T6", _("T6 — field surveys, important recommendations to leadership")
    T7 = "T7", _("T7 — training, group activity, emulation, evaluation")
    T8 = "T8", _("T8 — more channels to voters")
    T9 = "T9", _("T9 — typical activities and exemplary models")


class Directive(StoredFileFields):
    class Kind(models.TextChoices):
        CONCLUSION = "conclusion", _("Conclusion")
        PLAN = "plan", _("Plan")
        PROGRAMME = "programme", _("Programme")
        NOTICE = "notice", _("Notice")
        COORDINATION = "coordination", _("Coordination agreement or regulation")

    class IssuingBody(models.TextChoices):
        """Whose decision it is: the council's Standing Committee, the council's Party delegation (Đảng đoàn
        HĐND), the Provincial Party Committee or its Standing Board, or another body."""

        STANDING_COMMITTEE = "standing_committee", _("Standing Committee of the People's Council")
        PARTY_DELEGATION = "party_delegation", _("Party delegation of the People's Council")
        PARTY_COMMITTEE = "party_committee", _("Provincial Party Committee or its Standing Board")
        OTHER = "other", _("Other body")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    symbol = models.CharField(
        _("number and symbol"), max_length=60, blank=True, help_text=_("e.g. “05-KL/ĐĐ”.")
    )
    issued_on = models.DateField(_("issued on"))
    issuer = models.CharField(_("issued by"), max_length=200, help_text=_("e.g. “Đảng đoàn HĐND tỉnh”."))
    issuing_body = models.CharField(
        _("issuing body"),
        max_length=20,
        choices=IssuingBody.choices,
        default=IssuingBody.STANDING_COMMITTEE,
        help_text=_("Whose decision it is; “issued by” keeps the name as the document writes it."),
    )
    subject = models.CharField(_("subject"), max_length=400)
    partners = models.CharField(
        _("other parties"), max_length=300, blank=True, help_text=_("For a coordination agreement.")
    )
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["council", "-issued_on", "pk"]

    def __str__(self):
        return f"{self.symbol} {self.subject}".strip()

    def clean(self):
        if self.symbol.strip() and self.issued_on and self.council_id:
            # Compared in Python: SQLite folds only ASCII case, and "Đ" must match "đ".
            same = Directive.objects.filter(council_id=self.council_id, issued_on__year=self.issued_on.year)
            clash = any(
                issuer.strip().casefold() == self.issuer.strip().casefold()
                and symbol.strip().casefold() == self.symbol.strip().casefold()
                for issuer, symbol in same.exclude(pk=self.pk).values_list("issuer", "symbol")
            )
            if clash:
                raise ValidationError(
                    {
                        "symbol": _("%(issuer)s already issued %(symbol)s in %(year)s.")
                        % {"issuer": self.issuer, "symbol": self.symbol, "year": self.issued_on.year}
                    }
                )


class DirectiveItem(models.Model):
    """One objective, solution or task of a directive, with who answers for it."""

    FOLLOWUP_SOURCE_KIND = SourceKind.DIRECTIVE_ITEM

    class Responsible(models.TextChoices):
        MEMBER = "member", _("A Standing Committee member")
        COMMITTEE = "committee", _("A committee")
        GROUP = "group", _("A delegate group")
        OFFICE = "office", _("The Office")

    class Recurrence(models.TextChoices):
        ONCE = "once", _("Once")
        YEARLY = "yearly", _("Every year")
        SESSION = "session", _("Every session")

    directive = models.ForeignKey(Directive, on_delete=models.PROTECT, related_name="items")
    section = models.CharField(_("section"), max_length=20, help_text=_("e.g. “II.2”."))
    section_title = models.CharField(_("section title"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("objective or task"))
    responsible = models.CharField(_("responsible"), max_length=10, choices=Responsible.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Standing Committee member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directive_items",
    )
    committee = models.ForeignKey(
        "council.Committee", verbose_name=_("committee"), on_delete=models.PROTECT, null=True, blank=True
    )
    group = models.ForeignKey(
        "delegates.DelegateGroup",
        verbose_name=_("delegate group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    coordinating = models.CharField(_("co-ordinating bodies"), max_length=300, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    target = models.CharField(_("measured by target"), max_length=2, choices=Target.choices, blank=True)
    followups = followups_relation()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("directive item")
        verbose_name_plural = _("directive items")
        ordering = ["directive", "order", "pk"]

    def __str__(self):
        return f"{self.section} {self.text[:80]}"

    @property
    def responsible_name(self) -> str:
        if self.responsible == self.Responsible.MEMBER and self.member_id:
            return self.member.get_full_name() or self.member.username
        if self.responsible == self.Responsible.COMMITTEE and self.committee_id:
            return str(self.committee)
        if self.responsible == self.Responsible.GROUP and self.group_id:
            return str(self.group)
        return str(_("Office of the National Assembly delegation and People's Council"))

    def clean(self):
        errors = {}
        needed = {
            self.Responsible.MEMBER: ("member", _("Choose the Standing Committee member.")),
            self.Responsible.COMMITTEE: ("committee", _("Choose the committee.")),
            self.Responsible.GROUP: ("group", _("Choose the delegate group.")),
        }
        if not self.responsible:
            errors["responsible"] = _("Say who is responsible for the item.")
        elif self.responsible in needed:
            name, message = needed[self.responsible]
            if not getattr(self, f"{name}_id"):
                errors[name] = message
        if self.directive_id and self.due_date and self.due_date < self.directive.issued_on:
            errors["due_date"] = _("The due date cannot come before the directive (%(date)s).") % {
                "date": f"{self.directive.issued_on:%d/%m/%Y}"
            }
        council_id = self.directive.council_id if self.directive_id else None
        for name in ("committee", "group"):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and related.council_id != council_id:
                errors[name] = _("This belongs to another council.")
        if errors:
            raise ValidationError(errors)
