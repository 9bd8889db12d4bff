"""What the duplicate finder keeps: the Office's synonym list, an inverted index of petitions' terms and the
council's term frequencies (the weights: a rare word says more than "đề nghị")."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models.querysets import CouncilQuerySet


class Synonym(models.Model):
    """Words the council's voters use for one thing: "tín dụng đen; cho vay lãi nặng; cho vay nặng lãi"."""

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    phrases = models.TextField(
        _("words that mean the same"),
        help_text=_("Two or more words or phrases separated by semicolons or on separate lines."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["council", "phrases", "pk"]

    def __str__(self):
        return "; ".join(self.variants())

    def variants(self) -> list[str]:
        parts = self.phrases.replace("\n", ";").split(";")
        return [" ".join(part.split()) for part in parts if part.strip()]


class PetitionTerm(models.Model):
    """One term of a petition, by its hash: the petitions sharing a rare term with a text are found here."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, db_index=False, related_name="+")
    petition = models.ForeignKey("voters.Petition", on_delete=models.CASCADE, related_name="+")
    term = models.BigIntegerField()

    class Meta:
        # The petitions are read from the index alone (no visit to the table): the lookup of a text's pairs.
        indexes = [models.Index(fields=["council", "term", "petition"], name="petitionterm_lookup")]

    def __str__(self):
        return f"{self.petition_id}: {self.term}"


class TermFrequency(models.Model):
    """In how many of the council's petitions a term occurs (``term`` 0 holds the number of petitions).

    A snapshot, rebuilt nightly and when the petitions grew by a fifth: a term new since is taken as rare."""

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, db_index=False, related_name="+")
    term = models.BigIntegerField()
    df = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "term"], name="termfrequency_once")]

    def __str__(self):
        return f"{self.term}: {self.df}"


class ClassifierModel(models.Model):
    """What the council's classified petitions teach about classifying a new one (matching/classify.py).

    Derived data, retrained nightly: one row per council and kind, replaced whole."""

    class Kind(models.TextChoices):
        FIELD = "field", _("Field")
        COMPETENCE = "competence", _("Level of competence")

    council = models.ForeignKey("council.Council", on_delete=models.CASCADE, db_index=False, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    trained_at = models.DateTimeField()
    trained_on = models.PositiveIntegerField()  # how many classified petitions it learned from
    accuracy = models.FloatField(null=True, blank=True)  # the share right in 5-fold cross-validation
    data = models.JSONField()  # the model itself (classify.train_terms)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "kind"], name="classifiermodel_once")]

    def __str__(self):
        return f"{self.council_id} {self.kind} ({self.trained_on})"
