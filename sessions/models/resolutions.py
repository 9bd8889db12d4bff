"""Resolutions (nghị quyết), the vote that passed them, and the tasks they assign."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models.followups import SourceKind, followups_relation
from council.models.querysets import CouncilQuerySet

# "05/2026/NQ-HĐND" (normative, with the year) or "12/NQ-HĐND" (individual).
SYMBOL = re.compile(r"^(?P<number>\d{1,4})(?:/(?P<year>\d{4}))?/NQ-HĐND$")


class Resolution(models.Model):
    class Kind(models.TextChoices):
        NORMATIVE = "normative", _("Normative (quy phạm pháp luật)")
        INDIVIDUAL = "individual", _("Individual (cá biệt)")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    session = models.ForeignKey(
        "council_sessions.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
    )
    symbol = models.CharField(_("number and symbol"), max_length=40, help_text=_("e.g. “05/2026/NQ-HĐND”."))
    number = models.PositiveSmallIntegerField(_("number"), editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=400)
    field = models.ForeignKey(
        "council.Field", verbose_name=_("field"), on_delete=models.PROTECT, null=True, blank=True
    )
    agenda_item = models.ForeignKey(
        "council_sessions.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    # Empty until the vote passes, and always empty for a resolution whose vote failed (it was never adopted).
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["council", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "number"], name="resolution_unique_number")
        ]

    def __str__(self):
        return f"{self.symbol} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("sessions:resolution_detail", args=[self.pk])

    def clean(self):
        errors = {}
        match = SYMBOL.match(self.symbol or "")
        if not match:
            errors["symbol"] = _("Write the number and symbol as “05/2026/NQ-HĐND” (or “12/NQ-HĐND”).")
        else:
            self.number = int(match["number"])
            self.year = int(match["year"]) if match["year"] else self._year_without_symbol()
            if match["year"] and self.adopted_on and int(match["year"]) != self.adopted_on.year:
                errors["symbol"] = _("The year in the symbol differs from the year of adoption.")
            elif self.kind == self.Kind.NORMATIVE and not match["year"]:
                errors["symbol"] = _("A normative resolution carries its year: “05/2026/NQ-HĐND”.")
            elif self.kind == self.Kind.INDIVIDUAL and match["year"]:
                errors["symbol"] = _("An individual resolution carries no year: “12/NQ-HĐND”.")
            elif self.council_id and self.year:
                clash = Resolution.objects.filter(
                    council_id=self.council_id, year=self.year, number=self.number
                )
                if clash.exclude(pk=self.pk).exists():
                    errors["symbol"] = _(
                        "Number %(number)s of %(year)s is already used by another resolution."
                    ) % {
                        "number": self.number,
                        "year": self.year,
                    }
        if self.session_id and self.adopted_on:
            session = self.session
            if not session.start_date <= self.adopted_on <= session.end_date:
                errors["adopted_on"] = _(
                    "A resolution is adopted during its session (%(start)s – %(end)s)."
                ) % {
                    "start": f"{session.start_date:%d/%m/%Y}",
                    "end": f"{session.end_date:%d/%m/%Y}",
                }
        if self.agenda_item_id and self.agenda_item.session_id != self.session_id:
            errors["agenda_item"] = _("The agenda item belongs to another session.")
        if self.adopted_on and self.effective_on and self.effective_on < self.adopted_on:
            errors["effective_on"] = _("A resolution cannot take effect before it is adopted.")
        for earlier, later in (("adopted_on", "signed_on"), ("signed_on", "published_on")):
            a, b = getattr(self, earlier), getattr(self, later)
            if a and b and b < a:
                errors[later] = _("This date cannot precede the %(field)s.") % {
                    "field": self._meta.get_field(earlier).verbose_name
                }
        vote = Vote.objects.filter(resolution_id=self.pk).first() if self.pk else None
        if vote is not None and not vote.passed:
            for name in ("adopted_on", "signed_on", "effective_on", "published_on"):
                if getattr(self, name) is not None:
                    errors[name] = _(
                        "The vote did not pass (%(approve)s of %(total)s delegates approved): a resolution "
                        "that was not adopted has no adoption, signing, effective or publication date."
                    ) % {"approve": vote.approve, "total": vote.delegates_total}
        elif vote is not None and self.adopted_on != vote.voted_on:
            errors["adopted_on"] = _("The resolution was adopted by its vote on %(date)s.") % {
                "date": f"{vote.voted_on:%d/%m/%Y}"
            }
        if vote is None and not self.adopted_on and not self.session_id:
            errors["session"] = _(
                "Choose the session that votes on the resolution, or give its adoption date."
            )
        if errors:
            raise ValidationError(errors)

    def _year_without_symbol(self) -> int:
        """The year of an individual resolution: of its adoption, else of its vote, else of its session."""
        if self.adopted_on:
            return self.adopted_on.year
        vote = Vote.objects.filter(resolution_id=self.pk).first() if self.pk else None
        if vote is not None:
            return vote.voted_on.year
        if self.session_id:
            return self.session.start_date.year
        return self.year or 0


class Vote(models.Model):
    """The vote on a resolution. It passes with more than half of ALL delegates, not of those present."""

    resolution = models.OneToOneField(Resolution, on_delete=models.PROTECT, related_name="vote")
    voted_on = models.DateField(_("voted on"))
    approve = models.PositiveSmallIntegerField(_("approve"))
    reject = models.PositiveSmallIntegerField(_("reject"), default=0)
    abstain = models.PositiveSmallIntegerField(_("did not vote"), default=0)
    delegates_total = models.PositiveSmallIntegerField(
        _("delegates in office at the vote"),
        help_text=_("Stored with the vote: the majority is of all delegates."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    delegates_total__gte=models.F("approve") + models.F("reject") + models.F("abstain")
                ),
                name="vote_counts_within_total",
                violation_error_message=_("The votes counted exceed the delegates in office."),
            )
        ]

    def __str__(self):
        return f"{self.approve}/{self.delegates_total}"

    @property
    def passed(self) -> bool:
        return self.approve * 2 > self.delegates_total


class DelegateVote(models.Model):
    """How one delegate voted, where the electronic voting system records it."""

    class Choice(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")
        ABSTAIN = "abstain", _("Did not vote")
        # In office but absent, or present without pressing a button: counted in none of the vote's totals.
        ABSENT = "absent", _("Absent or no vote cast")

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="ballots")
    mandate = models.ForeignKey("delegates.Mandate", verbose_name=_("delegate"), on_delete=models.PROTECT)
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegate's vote")
        verbose_name_plural = _("delegates' votes")
        constraints = [models.UniqueConstraint(fields=["vote", "mandate"], name="delegatevote_once")]

    def __str__(self):
        return f"{self.mandate_id}: {self.choice}"


class ResolutionTask(models.Model):
    """A task a resolution assigns to an agency, followed up until done."""

    FOLLOWUP_SOURCE_KIND = SourceKind.RESOLUTION_TASK

    resolution = models.ForeignKey(Resolution, on_delete=models.PROTECT, related_name="tasks")
    text = models.TextField(_("task"))
    followups = followups_relation()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resolution task")
        verbose_name_plural = _("resolution tasks")
        ordering = ["pk"]

    def __str__(self):
        return self.text[:80]
