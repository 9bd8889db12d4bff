"""Saving any record: text normalised, its stored search text refreshed, fully validated, a history row naming
the actor. Every service saves through these.

A model with a ``search_text`` column declares ``SEARCH_FIELDS``, the fields it is folded from;
``record_save`` keeps it current on every save, so no service maintains it by hand. Personal fields are
never folded into it (``council.personal_data.searchable_text``): those are searched only by who may see
them."""

from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

from council.models import Council, User
from council.personal_data import searchable_text
from council.text import normalize

M = TypeVar("M", bound=models.Model)


def _refresh_search_text(instance: models.Model, update_fields: list[str] | None) -> list[str] | None:
    """Fold the record's ``SEARCH_FIELDS`` into its ``search_text``; saved with them when they are."""
    fields = getattr(type(instance), "SEARCH_FIELDS", ())
    if not fields:
        return update_fields
    searched: Any = instance  # a model declaring SEARCH_FIELDS has a search_text column
    searched.search_text = searchable_text(instance, fields)
    if update_fields is not None and "search_text" not in update_fields and set(update_fields) & set(fields):
        return [*update_fields, "search_text"]
    return update_fields


def _normalise_text(instance: models.Model) -> None:
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, normalize(value))


def _loaded_relations(instance: models.Model) -> set[str]:
    """The foreign keys set to a record loaded from the database (not one made in memory): it exists."""
    names = set()
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey) or not field.is_cached(instance):
            continue  # a OneToOneField is a ForeignKey too
        related = field.get_cached_value(instance)
        target = field.target_field.attname
        if (
            related is not None
            and not related._state.adding
            and getattr(related, target) == getattr(instance, field.attname)
        ):
            names.add(field.name)
    return names


def full_clean_known_relations(instance: models.Model) -> None:
    """``Model.full_clean``, without asking the database whether a related record the service holds exists.

    Django checks every foreign key with a query even when the related record was just read or saved; a
    service always sets its relations from records it has in hand, so that query (one per key and save,
    the costliest part of validating) only repeats what is known. A key given by id alone, or to a record
    not yet saved, is still checked; every other rule (fields, ``clean``, uniqueness, constraints) runs as
    in ``full_clean``, in the same order."""
    errors: dict = {}
    try:
        instance.clean_fields(exclude=_loaded_relations(instance))
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    try:
        instance.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    failed = {name for name in errors if name != NON_FIELD_ERRORS}
    for check in (instance.validate_unique, instance.validate_constraints):
        try:
            check(exclude=failed)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def record_save(
    instance: M, *, actor: User | None, update_fields: list[str] | None = None, reason: str = ""
) -> M:
    """Validate and save one record, leaving a history row that names the actor."""
    _normalise_text(instance)
    update_fields = _refresh_search_text(instance, update_fields)
    full_clean_known_relations(instance)
    _mark_history(instance, actor, reason)
    instance.save(update_fields=update_fields)
    return instance


def record_delete(instance: models.Model, *, actor: User | None, reason: str = "") -> None:
    """Delete one record; its history keeps it, with who removed it (and why, when said)."""
    _mark_history(instance, actor, reason)
    instance.delete()


def _mark_history(instance: models.Model, actor: User | None, reason: str) -> None:
    # django-simple-history reads these attributes when it writes the history row of a save or delete.
    marked: Any = instance
    marked._history_user = actor
    if reason:
        marked._change_reason = reason


@transaction.atomic
def record_create(model: type[M], *, actor: User | None, council: Council, **data: Any) -> M:
    """Create a council-scoped record after full validation."""
    return record_save(model(council=council, **data), actor=actor)


def assign_fields(instance: models.Model, data: dict[str, Any]) -> list[str]:
    """Set the given attributes and return the names of those whose value changed."""
    changed = [name for name, value in data.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, data[name])
    return changed


@transaction.atomic
def record_update(instance: M, *, actor: User | None, **data: Any) -> M:
    """Change the given fields of a record; a no-op change writes nothing."""
    if not assign_fields(instance, data):
        return instance
    # Normalisation may touch other text fields, so save every field the form could have edited.
    return record_save(instance, actor=actor, update_fields=list(data))
