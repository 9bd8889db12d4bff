"""Integer ``__in`` lookups that drop values the database cannot hold, instead of failing the request.

Django answers ``pk=10**20`` with an empty result (``IntegerFieldOverflow``) but passes ``pk__in=[10**20]``
through, and SQLite raises OverflowError ("Python int too large to convert to SQLite INTEGER"): every
``ModelMultipleChoiceField`` and every ``filter(pk__in=ids)`` fed from a request was a 500 waiting for a
long number. Registered on ``IntegerField`` (every auto and big integer field) and on foreign keys in
``CouncilConfig.ready``, so no new form or view can reintroduce it (see ``council.params``).
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.fields.related import ForeignObject
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In

INT64 = (-(2**63), 2**63 - 1)


def _integer_range(field, connection) -> tuple[int | None, int | None] | None:
    """The range of the integer column behind ``field`` (following foreign keys), None if not an integer."""
    while getattr(field, "target_field", None) is not None and field.target_field is not field:
        field = field.target_field
    if not isinstance(field, IntegerField):
        return None
    try:
        return connection.ops.integer_field_range(field.get_internal_type())
    except KeyError:
        return INT64


class _DropsOutOfRange:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            bounds = _integer_range(self.lhs.output_field, connection)
            if bounds is not None:
                low, high = bounds
                self.rhs = [
                    value
                    for value in self.rhs
                    if not isinstance(value, int)
                    or ((low is None or value >= low) and (high is None or value <= high))
                ]
        return super().process_rhs(compiler, connection)


class BoundedRelatedExact(RelatedExact):
    """``agency=10**20`` matches nothing (Django does this for plain integer fields, not for foreign keys)."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value() and isinstance(self.rhs, int):
            bounds = _integer_range(self.lhs.output_field, connection)
            if bounds is not None:
                low, high = bounds
                if (low is not None and self.rhs < low) or (high is not None and self.rhs > high):
                    raise EmptyResultSet
        return super().process_rhs(compiler, connection)


class BoundedIn(_DropsOutOfRange, In):
    pass


class BoundedRelatedIn(_DropsOutOfRange, RelatedIn):
    pass


def register() -> None:
    """Use the bounded ``in`` for integer fields and foreign keys, the bounded ``exact`` for the latter."""
    IntegerField.register_lookup(BoundedIn)
    ForeignObject.register_lookup(BoundedRelatedIn)
    ForeignObject.register_lookup(BoundedRelatedExact)


__all__ = ["BoundedIn", "BoundedRelatedExact", "BoundedRelatedIn", "register"]
