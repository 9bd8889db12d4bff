from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def shown(value, unit: str = "count") -> str:
    """A figure as the pages print it: “—” when there is nothing to count, percentages with one decimal."""
    if value is None:
        return "—"
    if unit == "percent":
        return f"{number_format(value, 1)}%"
    return number_format(value, 0 if float(value).is_integer() else 1)


@register.filter
def change(value, unit: str = "count") -> str:
    """A difference with its sign (percentage points for rates)."""
    if value is None:
        return ""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    text = number_format(abs(value), 1 if unit == "percent" else 0)
    return f"{sign}{text}{' pp' if unit == 'percent' else ''}"


@register.simple_tag
def window_query(window) -> str:
    return f"from={window.start.isoformat()}&to={window.end.isoformat()}"
