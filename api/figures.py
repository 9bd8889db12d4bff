"""The council's figures for a period (``reports.metrics``), aggregates only.

Open data at ``/councils/{code}/figures/``: the figures its scorecard measures its targets by. A leadership
system's key (scope ``figures``) reads every figure of its own council at ``/figures/``. Both read the
stored summaries (``reports.figures.read``): a period asked for the first time is computed once, then
served from its rows.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from council.models import Council
from reports import figures, metrics
from reports.models import KpiTarget
from reports.periods import Period, parse_period, quarter_of

from .auth import ApiRateThrottle, HasScope, TokenAuthentication
from .base import ApiView
from .models import Scope
from .public import council_or_404


class GroupSerializer(serializers.Serializer):
    group = serializers.CharField(allow_null=True, help_text=_("The group's id or code (null: none)."))
    label = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.ChoiceField(choices=["count", "percent", "breakdown"])
    value = serializers.FloatField(allow_null=True, help_text=_("The figure (a percentage for a ratio)."))
    numerator = serializers.IntegerField(allow_null=True, required=False)
    denominator = serializers.IntegerField(allow_null=True, required=False)
    rows = GroupSerializer(many=True, required=False, help_text=_("A breakdown's groups, largest first."))


class FiguresSerializer(serializers.Serializer):
    council = serializers.CharField()
    period = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    computed_at = serializers.DateTimeField(allow_null=True)
    figures = FigureSerializer(many=True)


PERIOD = OpenApiParameter(
    "period",
    OpenApiTypes.STR,
    description=_("A quarter “2026-Q1”, a half “2026-H2” or a year “2026”; the current quarter if absent."),
)


def _period(request) -> Period:
    raw = request.query_params.get("period") or ""
    today = timezone.localdate()
    if not raw:
        return quarter_of(today)
    if len(raw) > 20:
        raise exceptions.ValidationError({"period": [_("At most 20 characters.")]})
    try:
        return parse_period(raw, today=today)
    except Exception as error:  # noqa: BLE001 - a ValidationError with its message, or a bad date
        messages = getattr(error, "messages", None) or [str(_("This is not a period."))]
        raise exceptions.ValidationError({"period": messages}) from None


def _groups(metric, figure: dict) -> list[dict]:
    return [
        {
            "group": None if group is None else str(group),
            "label": str(metric.choices.get(group, label)) if label is not None else None,
            "count": count,
        }
        for group, label, count in figure.get("rows", [])
    ]


def scorecard_keys(council: Council) -> list[str]:
    """The metrics the council's scorecard measures its targets by: what it publishes (the dashboard's other
    figures are the leadership's, as on the web)."""
    keys = KpiTarget.objects.filter(council=council, is_active=True).values_list("metric", flat=True)
    return [key for key in metrics.catalogue() if key in set(keys)]


def figures_of(council: Council, period: Period, keys: list[str] | None = None) -> dict:
    window = metrics.Window(period.start, period.end)
    catalogue = metrics.catalogue()
    keys = list(catalogue) if keys is None else keys
    data, computed_at = figures.read(council, [(key, window) for key in keys])
    rows = []
    for key in keys:
        metric = catalogue[key]
        figure = data.get((key, window)) or {}
        rows.append(
            {
                "key": key,
                "label": str(metric.label),
                "unit": metric.unit,
                "value": metrics.value(figure, metric.unit) if metric.unit != "breakdown" else None,
                "numerator": figure.get("n"),
                "denominator": figure.get("d"),
                **({"rows": _groups(metric, figure)} if metric.unit == "breakdown" else {}),
            }
        )
    return {
        "council": council.code,
        "period": period.code,
        "start": period.start,
        "end": period.end,
        "computed_at": computed_at,
        "figures": rows,
    }


class PublicFigures(ApiView):
    """The figures a council's scorecard measures its targets by, for a period (open data)."""

    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(parameters=[PERIOD], responses=FiguresSerializer)
    def get(self, request, council_code):
        council = council_or_404(council_code)
        return Response(
            FiguresSerializer(figures_of(council, _period(request), scorecard_keys(council))).data
        )


class KeyFigures(ApiView):
    """Every figure of the catalogue for the key's council and a period (a leadership system's key): the
    dashboard's figures, which the web shows only to the Standing Committee and leadership."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [ApiRateThrottle]
    required_scope = Scope.FIGURES

    @extend_schema(parameters=[PERIOD], responses=FiguresSerializer)
    def get(self, request):
        return Response(FiguresSerializer(figures_of(request._request.council, _period(request))).data)
