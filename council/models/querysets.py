from django.db import models


class CouncilQuerySet(models.QuerySet):
    """Rows that belong to one council; every council-scoped model uses this manager."""

    def for_council(self, council):
        return self.filter(council=council)
