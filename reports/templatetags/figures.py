from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

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


# A change's colour and words follow whether it is good news for the figure, not its sign.
_VERDICT_CLASS = {
    "better": "text-success",
    "worse": "text-danger",
    "neutral": "text-body-secondary",
    "unchanged": "text-body-secondary",
}
_ARROW = {1: "▲", -1: "▼", 0: "="}


@register.simple_tag
def trend(change_value, metric, better: str = "") -> str:
    """A change against the earlier period as an arrow and words: “▼ giảm 3, tốt hơn” in green for fewer
    overdue petitions. The words carry the meaning for screen readers and colour-blind readers."""
    verdict = metric.verdict(change_value, better)
    if not verdict:
        return ""
    amount = number_format(abs(change_value), 1 if metric.unit == "percent" else 0)
    if metric.unit == "percent":
        amount = _("%(amount)s pp") % {"amount": amount}
    if verdict == "unchanged":
        words = _("unchanged")
    else:
        words = (_("up %(amount)s") if change_value > 0 else _("down %(amount)s")) % {"amount": amount}
        if verdict == "better":
            words = _("%(change)s, better") % {"change": words}
        elif verdict == "worse":
            words = _("%(change)s, worse") % {"change": words}
    sign = (change_value > 0) - (change_value < 0)
    return format_html(
        '<span class="trend trend-{} {}"><span aria-hidden="true">{}</span> {}</span>',
        verdict,
        _VERDICT_CLASS[verdict],
        _ARROW[sign],
        words,
    )
