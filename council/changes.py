"""Say what changed, in the words a user reads: a saved form's changes and a record's history, field by field.

Values are shown as the pages show them (a choice's label, a record's name, dates as dd/mm/yyyy), never
as ids. Long text is not repeated, only named with “edited”; so is any field the personal-data registry
(council.personal_data) hides from the viewer.
"""

import copy
import datetime as dt
import os
from decimal import Decimal

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from council import personal_data

EMPTY = "—"
MAX_LISTED = 5
MAX_TEXT = 80  # a short text longer than this is only named


def _shown_to_viewer(obj, name: str, *, text: bool) -> bool:
    """Whether the viewer may read this field's value: per the personal-data registry, which fails closed
    (no viewer active: nothing personal); without a record to ask about, any field but text."""
    if obj is None:
        return not text
    return personal_data.current().sees(obj, name)


def _short_text(value) -> str | None:
    text = "" if value is None else str(value)
    if "\n" in text or len(text) > MAX_TEXT:
        return None
    return text or EMPTY


def _is_free_text(form_field: forms.Field) -> bool:
    return (
        isinstance(form_field, forms.CharField)
        and not isinstance(form_field, forms.ChoiceField | forms.TypedChoiceField)
        and not getattr(form_field, "choices", None)
    )


def plain(value) -> str:
    """A value without a form field to read it by (dates, numbers, booleans, files)."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value) if timezone.is_aware(value) else value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, int | float | Decimal):
        return number_format(value, 0 if float(value).is_integer() else 2)
    if hasattr(value, "name") and hasattr(value, "url"):  # a stored or uploaded file
        return os.path.basename(value.name or "") or EMPTY
    return str(value)


def _named(objects) -> str:
    names = [str(o) for o in objects]
    if not names:
        return EMPTY
    shown = ", ".join(names[:MAX_LISTED])
    return shown if len(names) <= MAX_LISTED else f"{shown} (+{len(names) - MAX_LISTED})"


def form_value(form_field: forms.Field, value) -> str:
    """A form field's value (initial or cleaned) as the form showed it."""
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        if value is None:
            return EMPTY
        items = list(value)
        if items and not isinstance(items[0], models.Model):
            items = list(form_field.queryset.filter(pk__in=[getattr(i, "pk", i) for i in items]))
        return _named(form_field.label_from_instance(o) for o in items)
    if isinstance(form_field, forms.ModelChoiceField):
        if value in (None, ""):
            return EMPTY
        if not isinstance(value, models.Model):
            value = form_field.queryset.filter(pk=value).first()
            if value is None:
                return EMPTY
        return str(form_field.label_from_instance(value))
    if isinstance(form_field, forms.MultipleChoiceField):
        labels = dict(_flat(form_field.choices))
        return _named(labels.get(str(v), v) for v in (value or []))
    if isinstance(form_field, forms.ChoiceField):
        if value in (None, ""):
            return EMPTY
        return str(dict(_flat(form_field.choices)).get(str(value), value))
    if isinstance(form_field, forms.BooleanField | forms.NullBooleanField):
        return plain(bool(value)) if value is not None else EMPTY
    return plain(value)


def _flat(choices):
    for key, label in choices:
        if isinstance(label, list | tuple):
            yield from ((str(k), lab) for k, lab in label)
        else:
            yield str(key), label


def form_changes(form: forms.BaseForm) -> list[str]:
    """What a valid form changed on what it edited: “Due date: 12/03/2026 → 20/03/2026”, one line per field.

    Only fields that had a value before are compared (an edited record's, or an initial the view gave);
    a new record's form has nothing to compare with.
    """
    instance = getattr(form, "instance", None)
    if instance is not None and instance._state.adding:
        return []
    lines = []
    for name in form.changed_data:
        form_field = form.fields.get(name)
        # An upload field is often not a model field (no initial): a file chosen is a change all the same.
        is_file = isinstance(form_field, forms.FileField)
        if form_field is None or (name not in form.initial and not is_file):
            continue
        label = str(form_field.label or name)
        if is_file:
            new = form.cleaned_data.get(name)
            lines.append(
                _("%(field)s: new file %(name)s") % {"field": label, "name": plain(new)}
                if new
                else _("%(field)s: file removed") % {"field": label}
            )
            continue
        old_value, new_value = form.get_initial_for_field(form_field, name), form.cleaned_data.get(name)
        text = _is_free_text(form_field)
        if text:
            old, new = _short_text(old_value), _short_text(new_value)
        else:
            old, new = form_value(form_field, old_value), form_value(form_field, new_value)
        if not _shown_to_viewer(instance, name, text=text) or old is None or new is None:
            lines.append(_("%(field)s (edited)") % {"field": label})
            continue
        if old != new:
            lines.append(f"{label}: {old} → {new}")
    return lines


def saved_message(obj, form: forms.BaseForm, *, created: bool = False) -> str:
    """The confirmation after a form is saved, saying what changed."""
    if created:
        return _("Saved: %(object)s.") % {"object": obj}
    changes = form_changes(form)
    if not changes:
        return _("Saved: %(object)s (nothing was changed).") % {"object": obj}
    return _("Saved: %(object)s. %(changes)s.") % {"object": obj, "changes": "; ".join(changes)}


def snapshot(obj):
    """A copy of a record's field values, to compare with after a service has changed it."""
    return copy.copy(obj)


def record_changes(before, after) -> list[str]:
    """What a service changed on a record (``before`` a ``snapshot``): “Due date: 12/03/2026 → 20/03/2026”,
    for every field a reader sees (bookkeeping columns left out; text only named, as in the history)."""
    lines = []
    for model_field in type(after)._meta.concrete_fields:
        name = model_field.attname
        if model_field.primary_key or _skipped(type(after), name) or not model_field.editable:
            continue
        old_value, new_value = getattr(before, name, None), getattr(after, name, None)
        if old_value == new_value:
            continue
        label = str(model_field.verbose_name)
        label = label[:1].upper() + label[1:]
        text = _is_text(model_field)
        if text:
            old, new = _short_text(old_value), _short_text(new_value)
        else:
            related = {}
            if model_field.is_relation and model_field.many_to_one:
                related = {
                    (model_field.related_model, o.pk): o
                    for o in model_field.related_model._default_manager.filter(pk__in=[old_value, new_value])
                }
            old = _model_value(model_field, old_value, related)
            new = _model_value(model_field, new_value, related)
        if not _shown_to_viewer(after, model_field.name, text=text) or old is None or new is None:
            lines.append(_("%(field)s (edited)") % {"field": label})
        else:
            lines.append(f"{label}: {old} → {new}")
    return lines


def recorded_message(before, after, message: str = "") -> str:
    """“Recorded.” followed by what the action changed on the record."""
    message = message or _("Recorded.")
    changes = record_changes(before, after)
    if not changes:
        return message
    return _("%(message)s %(changes)s.") % {"message": message, "changes": "; ".join(changes)}


# ---------------------------------------------------------------- history


def _model_value(model_field, value, related: dict) -> str:
    if value is None or value == "":
        return EMPTY
    if model_field.is_relation and model_field.many_to_one:
        obj = related.get((model_field.related_model, value))
        return str(obj) if obj is not None else EMPTY
    if model_field.choices:
        return str(dict(_flat(model_field.flatchoices)).get(str(value), value))
    if isinstance(model_field, models.DateTimeField) and isinstance(value, dt.datetime):
        return plain(value)
    if isinstance(model_field, models.FileField):
        return os.path.basename(str(value)) or EMPTY
    return plain(value)


def _is_text(model_field) -> bool:
    return isinstance(model_field, models.CharField | models.TextField) and not model_field.choices


# Columns that say nothing to a reader (search helpers, bookkeeping kept by the services).
SKIPPED_SUFFIXES = ("_folded", "_search", "_token", "heartbeat", "updated_at", "_path")
# A stored file is told by its name: where it is kept (an internal path), its type and size are not news.
FILE_BOOKKEEPING = frozenset({"path", "content_type", "size"})


def _skipped(model, name: str) -> bool:
    from council.models.files import StoredFileFields

    if name.endswith(SKIPPED_SUFFIXES):
        return True
    return name in FILE_BOOKKEEPING and issubclass(getattr(model, "instance_type", model), StoredFileFields)


def history_changes(records: list, *, extra: int = 0, obj=None) -> list:
    """Attach to each historical record (newest first) ``changes``: (label, old, new) for each field that
    differs from the record before it. Free text shows only “edited”; related records are named with one
    query per related model, whatever the number of records.

    ``records`` must hold one more record than is shown when ``extra`` is 1 (the oldest, to diff against).
    Whether the viewer may read a field is asked once per field, of ``obj`` (the record as it is now).
    """
    visible: dict = {}

    def shown_to_viewer(record, name: str, text: bool) -> bool:
        if name not in visible:
            visible[name] = _shown_to_viewer(obj if obj is not None else record.instance, name, text=text)
        return visible[name]

    shown = records[: len(records) - extra] if extra else records
    pairs = []
    for index, record in enumerate(shown):
        before = records[index + 1] if index + 1 < len(records) else None
        diffs = []
        if before is not None and record.history_type == "~":
            try:
                delta = record.diff_against(before)
            except Exception:  # noqa: BLE001 - records of another shape (a changed model): say nothing
                delta = None
            diffs = delta.changes if delta is not None else []
        pairs.append((record, diffs))
    # Name related records in bulk.
    wanted: dict = {}
    for record, diffs in pairs:
        model = record.instance_type
        for change in diffs:
            model_field = _field(model, change.field)
            if model_field is not None and model_field.is_relation and model_field.many_to_one:
                for value in (change.old, change.new):
                    if value not in (None, ""):
                        wanted.setdefault(model_field.related_model, set()).add(value)
    related = {}
    for model, pks in wanted.items():
        for obj in model._default_manager.filter(pk__in=pks):
            related[(model, obj.pk)] = obj
    for record, diffs in pairs:
        model = record.instance_type
        record.changes = []
        for change in diffs:
            model_field = _field(model, change.field)
            if model_field is None or _skipped(model, change.field):
                continue
            label = str(model_field.verbose_name)
            label = label[:1].upper() + label[1:]
            text = _is_text(model_field)
            if model_field.many_to_many:
                record.changes.append((label, _("edited"), ""))
                continue
            if text:
                old, new = _short_text(change.old), _short_text(change.new)
            else:
                old = _model_value(model_field, change.old, related)
                new = _model_value(model_field, change.new, related)
            if not shown_to_viewer(record, change.field, text) or old is None or new is None:
                record.changes.append((label, _("edited"), ""))
            else:
                record.changes.append((label, old, new))
    return shown


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a column the model no longer has
        return None


def history_for(obj, limit: int = 20) -> list:
    """A record's last ``limit`` history entries, newest first, each with its field-by-field ``changes``."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    return history_changes(records, extra=1 if len(records) > limit else 0, obj=obj)
