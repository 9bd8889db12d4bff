"""A citizen's request about their personal data (Law 91/2025/QH15; Decree 13/2023/NĐ-CP art. 14–16): to see
and obtain a copy, to correct, or to erase. The Office finds what the council holds by the person's phone or
e-mail (``voters/services/data_requests.py``); each request keeps its outcome and its legal deadline."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from council.models.querysets import CouncilQuerySet


class DataSubjectRequest(models.Model):
    class Kind(models.TextChoices):
        ACCESS = "access", _("See and obtain a copy of the data")
        CORRECTION = "correction", _("Correct the data")
        ERASURE = "erasure", _("Erase the data")

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("data request state", "Open")
        DONE = "done", pgettext_lazy("data request state", "Done")
        PARTLY = "partly", _("Done in part")
        REFUSED = "refused", _("Refused")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    kind = models.CharField(_("request"), max_length=12, choices=Kind.choices)
    identifier = models.CharField(_("phone or e-mail of the person"), max_length=200)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due"))
    due_basis = models.CharField(_("legal basis of the deadline"), max_length=300, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    note = models.TextField(_("how the request was made"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    records_found = models.PositiveIntegerField(_("records found"), default=0)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["council", "-received_on", "-pk"]

    def __str__(self):
        return _("Personal data request no. %(number)s") % {"number": self.pk or "—"}

    def get_absolute_url(self) -> str:
        return reverse("voters:data_request_detail", args=[self.pk])
