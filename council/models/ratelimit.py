from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """How many times a key (a scope and a client address) was used in one fixed time window.

    Kept in the database, not in Redis, so a limit holds across web processes and hosts and still holds
    when Redis is down; old windows are purged by the periodic sweep.
    """

    key = models.CharField(max_length=200)
    window = models.BigIntegerField(help_text=_("Start of the window, in seconds since the epoch."))
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="ratecounter_key_window")]
        indexes = [models.Index(fields=["window"], name="ratecounter_window")]

    def __str__(self):
        return f"{self.key} @ {self.window}: {self.count}"


class ServiceBeat(models.Model):
    """When a background job last ran (beat's tick, the nightly figures): what the health detail reports."""

    name = models.CharField(max_length=50, unique=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("service heartbeat")
        verbose_name_plural = _("service heartbeats")

    def __str__(self):
        return f"{self.name} @ {self.at:%Y-%m-%d %H:%M:%S}"
