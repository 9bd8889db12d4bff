from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredFileFields(models.Model):
    """A file kept in private storage: where it is, what the user called it, its checked type and size."""

    path = models.CharField(max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        abstract = True
