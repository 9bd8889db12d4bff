"""Documents sent to delegates before a session (tờ trình, báo cáo, báo cáo thẩm tra, dự thảo nghị quyết)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.models.files import StoredFileFields
from council.models.querysets import CouncilQuerySet

# "279/TTr-UBND", "45/BC-HĐND", "12/BC-BKTNS", "05/2026/NQ-HĐND": number, optional year, type-issuer.
DOCUMENT_SYMBOL = re.compile(r"^\d{1,5}(?:/\d{4})?/[A-Za-zĐđ]{1,6}-[A-ZĐ0-9][A-ZĐ0-9&.-]{0,30}$")


class SessionDocument(StoredFileFields):
    class Kind(models.TextChoices):
        SUBMISSION = "submission", _("Submission (tờ trình)")
        REPORT = "report", _("Report")
        REVIEW = "review", _("Committee review report")
        DRAFT_RESOLUTION = "draft_resolution", _("Draft resolution")
        OTHER = "other", _("Other document")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    session = models.ForeignKey(
        "council_sessions.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    agenda_item = models.ForeignKey(
        "council_sessions.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    symbol = models.CharField(_("number and symbol"), max_length=40, help_text=_("e.g. “279/TTr-UBND”."))
    title = models.CharField(_("title"), max_length=400)
    issued_on = models.DateField(_("issued on"))
    sent_on = models.DateField(_("sent to delegates on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("session document")
        verbose_name_plural = _("session documents")
        ordering = ["session", "agenda_item__order", "issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "symbol"], name="sessiondocument_unique_symbol")
        ]

    def __str__(self):
        return f"{self.symbol} — {self.title}"

    def clean(self):
        errors = {}
        if self.symbol and not DOCUMENT_SYMBOL.match(self.symbol):
            errors["symbol"] = _("Write the number and symbol as on the document, e.g. “279/TTr-UBND”.")
        if self.issued_on and self.sent_on and self.sent_on < self.issued_on:
            errors["sent_on"] = _("A document cannot be sent before it was issued.")
        if self.sent_on and self.sent_on > timezone.localdate():
            errors["sent_on"] = _("The sending date cannot be in the future.")
        if self.agenda_item_id and self.session_id and self.agenda_item.session_id != self.session_id:
            errors["agenda_item"] = _("The agenda item belongs to another session.")
        if errors:
            raise ValidationError(errors)
