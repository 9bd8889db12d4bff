from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BackgroundJob(models.Model):
    """Long work a user asked for (a workbook import), run by a task while the page shows its progress.

    The row is the durable truth: the page polls it, a refresh or a later visit shows where the work is, and
    the periodic sweep marks a run whose worker died (stale heartbeat) as failed, with a clear message.
    """

    class Kind(models.TextChoices):
        PETITION_IMPORT = "petition_import", _("Petition import")
        OPINION_IMPORT = "opinion_import", _("Import of a meeting's opinions")

    class Phase(models.TextChoices):
        CHECK = "check", pgettext_lazy("job phase", "Check")
        APPLY = "apply", pgettext_lazy("job phase", "Write")

    class State(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("job state", "Waiting")
        RUNNING = "running", pgettext_lazy("job state", "Running")
        DONE = "done", pgettext_lazy("job state", "Done")
        FAILED = "failed", pgettext_lazy("job state", "Failed")
        CANCELLED = "cancelled", pgettext_lazy("job state", "Cancelled")

    ACTIVE = (State.QUEUED, State.RUNNING)

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices, default=Phase.CHECK)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    # The uploaded file in private storage while the job needs it (the name ends in _path: cleanup_files
    # sees it as referenced); emptied when the file is deleted.
    file_path = models.CharField(max_length=255, blank=True)
    # What the kind of work needs besides the file, e.g. {"meeting": 12} for a meeting's opinions.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    run_token = models.CharField(max_length=32, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["council", "kind", "-created_at"], name="job_council_kind_created"),
            models.Index(fields=["state", "heartbeat"], name="job_state_heartbeat"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} ({self.state})"

    @property
    def active(self) -> bool:
        return self.state in self.ACTIVE
