"""What every voters service shares: locking a row, and the unit a merged commune became."""

from council.models import AdminUnit


def _lock(model, obj):
    model.objects.select_for_update().filter(pk=obj.pk).values_list("pk", flat=True).first()
    obj.refresh_from_db()
    return obj


def current_unit(unit: AdminUnit | None) -> AdminUnit | None:
    """A commune merged away in 2025 maps to the unit it became part of (followed through later mergers)."""
    seen = set()
    while unit is not None and unit.valid_to is not None and unit.pk not in seen:
        seen.add(unit.pk)
        successor = unit.successors.order_by("-valid_from", "pk").first()
        if successor is None:
            break
        unit = successor
    return unit
