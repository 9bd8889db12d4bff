"""An agency's system: the follow-ups assigned to the agency, its reports, the council's verification.

Exactly what the agency portal allows (``council/views/followups.py:agency_item``), through the same
pieces: the follow-ups the token's owner may see (``followups_visible_to``: the agency's own and those it
co-ordinates), a report only by the responsible agency (``can_answer``), validated by the portal's
``AnswerForm`` (the same file checks) and recorded by ``followup_answer``. A citizen's own matter (a
letter's content) is shown as the portal shows it, through the personal-data ``Redactor``.
"""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from council import selectors as council_selectors
from council import services as council_services
from council.forms.followups import AnswerForm
from council.models import FollowUp, FollowUpEvent
from council.permissions import agency_ids_of, can_answer, followups_visible_to
from council.personal_data import Redactor

from .auth import ApiRateThrottle, HasScope, TokenAuthentication
from .base import ApiView, body_object
from .models import Scope
from .parsers import SafeJSONParser
from .public import Pages, choice_query


class Redacted(serializers.CharField):
    """A text field shown only where the personal-data registry lets the caller see it."""

    def get_attribute(self, instance):
        redactor = self.context["redactor"]
        return redactor.value(instance, self.source)


class EventSerializer(serializers.ModelSerializer):
    text = Redacted()
    status = serializers.SerializerMethodField(help_text=_("The status reported, on an answer or report."))
    progress = serializers.SerializerMethodField(help_text=_("The progress reported (%)."))

    class Meta:
        model = FollowUpEvent
        fields = ["at", "kind", "text", "status", "progress"]

    def get_status(self, event) -> str | None:
        return event.data.get("status")

    def get_progress(self, event) -> int | None:
        return event.data.get("progress")


class FollowUpSerializer(serializers.ModelSerializer):
    description = Redacted()
    field = serializers.CharField(source="field.name", allow_null=True, default=None)
    agency = serializers.CharField(source="agency.name")
    responsible = serializers.SerializerMethodField(
        help_text=_("Whether this agency answers it (else it co-ordinates).")
    )
    is_open = serializers.BooleanField()

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "reference",
            "source_kind",
            "title",
            "description",
            "field",
            "agency",
            "responsible",
            "assigned_date",
            "due_date",
            "agency_status",
            "progress",
            "council_status",
            "first_answered_on",
            "closed_on",
            "is_open",
        ]

    def get_responsible(self, followup) -> bool:
        return can_answer(self.context["request"].user, followup)


class FollowUpDetailSerializer(FollowUpSerializer):
    timeline = serializers.SerializerMethodField()

    class Meta(FollowUpSerializer.Meta):
        fields = [*FollowUpSerializer.Meta.fields, "timeline"]

    @extend_schema_field(EventSerializer(many=True))
    def get_timeline(self, followup):
        events = council_selectors.followup_timeline(followup, internal=False)
        return EventSerializer(events, many=True, context=self.context).data


class ReportSerializer(serializers.Serializer):
    """What the agency reports: the portal's answer form, as fields (files as multipart ``files``)."""

    status = serializers.ChoiceField(choices=AnswerForm.base_fields["status"].choices)
    text = serializers.CharField()
    progress = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100)
    explanation = serializers.CharField(required=False, allow_blank=True)
    files = serializers.ListField(child=serializers.FileField(), required=False)


class AgencyView(ApiView):
    authentication_classes = [TokenAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [ApiRateThrottle]
    required_scope = Scope.AGENCY

    def get_serializer_context(self):
        request = self.request
        return {
            **super().get_serializer_context(),
            "redactor": Redactor.for_user(request.user, request._request.council),
        }

    def visible(self):
        """The agency's own follow-ups and those it co-ordinates: what the portal lists, even where the key's
        owner holds a wider role as well (the key is the agency's system, not the person)."""
        request = self.request
        council = request._request.council
        agencies = agency_ids_of(request.user, council)
        return (
            followups_visible_to(request.user, council)
            .filter(Q(agency_id__in=agencies) | Q(coordinating_agencies__in=agencies))
            .distinct()
            .select_related("agency", "field")
        )


@extend_schema(parameters=[OpenApiParameter("state", OpenApiTypes.STR, enum=["open", "closed"])])
class FollowUpList(AgencyView, generics.ListAPIView):
    """The follow-ups assigned to the token's agency (and those it co-ordinates), the most urgent first."""

    serializer_class = FollowUpSerializer
    pagination_class = Pages

    def get_queryset(self):
        followups = self.visible().order_by("due_date", "pk")
        state = choice_query(self.request, "state", ["open", "closed"])
        if state == "open":
            followups = followups.filter(closed_on__isnull=True)
        elif state == "closed":
            followups = followups.filter(closed_on__isnull=False)
        return followups


class FollowUpDetail(AgencyView, generics.RetrieveAPIView):
    """One follow-up with its timeline (what the portal shows the agency) and the council's verification."""

    serializer_class = FollowUpDetailSerializer

    def get_object(self):
        return get_object_or_404(self.visible(), pk=self.kwargs["pk"])


class FollowUpReport(AgencyView, generics.GenericAPIView):
    """Report on a follow-up (answer or progress), with files: only the responsible agency, while it is
    open. Validated as the portal validates it; nothing is written on any error."""

    serializer_class = ReportSerializer
    parser_classes = [SafeJSONParser, MultiPartParser, FormParser]

    @extend_schema(request=ReportSerializer, responses={201: EventSerializer})
    def post(self, request, pk):
        followup = get_object_or_404(self.visible(), pk=pk)
        if not can_answer(request.user, followup):
            raise exceptions.NotFound()  # a co-ordinating agency reads, the responsible agency answers
        data = body_object(request)
        form = AnswerForm(
            {
                "status": data.get("status", ""),
                "text": data.get("text", ""),
                "progress": "" if data.get("progress") is None else data.get("progress"),
                "explanation": data.get("explanation", ""),
            },
            {"files": request.FILES.getlist("files")} if hasattr(request.FILES, "getlist") else {},
        )
        if not form.is_valid():
            raise exceptions.ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
        # The form's fields are the service's arguments, as on the portal's page.
        event = council_services.followup_answer(followup, actor=request.user, **form.cleaned_data)
        return Response(
            EventSerializer(event, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )
