import datetime as dt

from django import template
from django.db import models
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from council import personal_data

register = template.Library()


@register.filter
def cell(obj, name: str):
    """Display value of an attribute for a table cell: choices by label, dates day-first, booleans in words.

    A personal field the viewer may not see (council/personal_data.py) shows the mask instead."""
    if not personal_data.current().sees(obj, name) and getattr(obj, name, "") not in (None, ""):
        return personal_data.MASK
    display = getattr(obj, f"get_{name}_display", None)
    if callable(display):
        return display()
    value = getattr(obj, name, "")
    if callable(value):
        value = value()
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return date_filter(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_filter(value, "SHORT_DATE_FORMAT")
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return value


@register.filter
def field_label(model_or_obj, name: str):
    meta = model_or_obj._meta
    if name == "__str__":
        return meta.verbose_name
    try:
        return meta.get_field(name).verbose_name
    except Exception:  # noqa: BLE001 - an attribute that is not a field keeps its own name
        return name


@register.simple_tag
def crud_rows(viewset, rows) -> SafeString:
    """A reference list's table rows, built in Python: the first column links to the record.

    The same markup as a ``{% for %}`` over rows and columns, at a fraction of the cost (measured on the
    petition list: each cell through the template engine cost more than the page's queries)."""
    columns = list(viewset.columns)
    labels = [capfirst(field_label(viewset.model, c)) for c in columns]
    first, rest = columns[0], list(zip(columns[1:], labels[1:], strict=True))
    # One reverse for the page: the detail address differs only by the record's number.
    marker = 918273645
    pattern = reverse(f"{viewset.route}_detail", args=[marker])
    head, _marker, tail = pattern.partition(str(marker))

    def others(row):
        return format_html_join(
            "", '<td data-label="{}">{}</td>', ((label, cell(row, c)) for c, label in rest)
        )

    return mark_safe(
        "".join(
            format_html(
                '<tr><td><a href="{}{}{}">{}</a></td>{}</tr>',
                head,
                row.pk,
                tail,
                cell(row, first),
                format_html_join(
                    "", '<td data-label="{}">{}</td>', ((label, cell(row, c)) for c, label in rest)
                ),
            )
            for row in rows
        )
    )


# Bookkeeping columns a reader has no use for (a stored file is shown as its own download link).
HIDDEN_DETAIL_FIELDS = {"id", "council", "path", "original_name", "content_type", "size", "search_text"}


@register.filter
def detail_fields(obj):
    """(label, value) pairs of an object's editable fields, for a detail page."""
    rows = []
    for field in obj._meta.get_fields():
        hidden = HIDDEN_DETAIL_FIELDS | set(getattr(obj, "DETAIL_HIDDEN", ()))
        if not getattr(field, "editable", False) or field.name in hidden or field.auto_created:
            continue
        if isinstance(field, models.ManyToManyField):
            value = ", ".join(str(v) for v in getattr(obj, field.name).all()) or "—"
        else:
            value = cell(obj, field.name)
        rows.append((field.verbose_name, value))
    return rows


@register.filter
def personal(obj, name: str):
    """``{{ opinion|personal:"voter_name" }}``: the value, or the mask for a viewer who may not see it."""
    return personal_data.current().value(obj, name)


@register.filter
def may_see(obj, name: str) -> bool:
    """``{% if letter|may_see:"sender_name" %}``: whether the viewer may see a field of this record."""
    return personal_data.current().sees(obj, name)


@register.simple_tag(takes_context=True)
def query_string(context, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.filter
def minutes(value) -> int:
    """Whole minutes of a duration (a timedelta, or hours as a number)."""
    if isinstance(value, dt.timedelta):
        return max(1, round(value.total_seconds() / 60))
    try:
        return max(1, round(float(value) * 60))
    except (TypeError, ValueError):
        return 0


@register.filter
def minutes_seconds(seconds) -> str:
    """A duration in seconds as m:ss (362 → "6:02")."""
    try:
        seconds = int(seconds)
    except (TypeError, ValueError):
        return "—"
    return f"{seconds // 60}:{seconds % 60:02d}"


@register.filter
def get_item(mapping, key):
    """``mapping|get_item:key`` — a dictionary value by a key held in a variable."""
    if not mapping:
        return None
    return mapping.get(key)
