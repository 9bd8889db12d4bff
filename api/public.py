"""Open data, without a token: councils, terms, delegates' public profiles, sessions with their agenda and
published documents, adopted resolutions with their vote totals.

What is public is decided once, in ``sessions/public.py`` (sessions, documents, resolutions); a delegate's
public profile is the name, the constituency, the groups and committees and the mandate's dates — never a
birth date, a phone or an e-mail. Every list is paginated (``page``, ``page_size`` up to 200) and costs the
same number of queries whatever its length (prefetches, tested).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, generics, serializers
from rest_framework.pagination import PageNumberPagination

from council.models import Council, Term
from council.params import ID_MAX
from council.text import fold
from delegates.models import CommitteeMembership, GroupMembership, Mandate
from sessions.models import Resolution, Session, Vote
from sessions.public import public_agenda, public_documents, public_resolutions, public_sessions
from voters.models import Petition
from voters.selectors import published_answers

from .base import ApiView


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


# ---------------------------------------------------------------- query parameters


def int_query(request, name: str, low: int = 0, high: int = ID_MAX) -> int | None:
    """An integer of the query string, or None if absent; a 400 with the field named if it is not one."""
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 19 and low <= int(raw) <= high):
        raise exceptions.ValidationError(
            {name: [_("Give a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}]}
        )
    return int(raw)


def choice_query(request, name: str, choices) -> str | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if raw not in choices:
        raise exceptions.ValidationError(
            {name: [_("Choose one of: %(values)s.") % {"values": ", ".join(choices)}]}
        )
    return raw


def text_query(request, name: str) -> str:
    raw = (request.query_params.get(name) or "").strip()
    if len(raw) > 200:
        raise exceptions.ValidationError({name: [_("At most 200 characters.")]})
    return fold(raw)


def council_or_404(code: str) -> Council:
    return get_object_or_404(Council, code=code)


# ---------------------------------------------------------------- serializers


class CouncilSerializer(serializers.ModelSerializer):
    class Meta:
        model = Council
        fields = ["code", "name", "level"]


class TermSerializer(serializers.ModelSerializer):
    class Meta:
        model = Term
        fields = ["id", "number", "name", "start_date", "end_date"]


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DelegateSerializer(serializers.ModelSerializer):
    """A delegate's public profile for one term (a mandate)."""

    name = serializers.CharField(source="delegate.full_name", help_text=_("Full name"))
    term = serializers.IntegerField(source="term_id")
    constituency = serializers.CharField(source="constituency.name", allow_null=True, default=None)
    groups = serializers.SerializerMethodField()
    committees = serializers.SerializerMethodField()

    class Meta:
        model = Mandate
        fields = ["id", "name", "term", "constituency", "groups", "committees", "start_date", "end_date"]

    def get_groups(self, mandate) -> list[str]:
        return sorted({m.group.name for m in mandate.group_memberships.all()})

    def get_committees(self, mandate) -> list[str]:
        return sorted({m.committee.name for m in mandate.committee_memberships.all()})


class AgendaItemSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    title = serializers.CharField()
    presenter = serializers.CharField()
    field = serializers.CharField(source="field.name", allow_null=True, default=None)
    planned_presentation = serializers.IntegerField(help_text=_("minutes"))
    actual_presentation = serializers.IntegerField(allow_null=True, help_text=_("minutes"))
    planned_discussion = serializers.IntegerField(help_text=_("minutes"))
    actual_discussion = serializers.IntegerField(allow_null=True, help_text=_("minutes"))


class DocumentSerializer(serializers.Serializer):
    kind = serializers.CharField()
    symbol = serializers.CharField()
    title = serializers.CharField()
    issued_on = serializers.DateField()
    sent_on = serializers.DateField()
    agenda_item = serializers.IntegerField(source="agenda_item.order", allow_null=True, default=None)


class VoteSerializer(serializers.ModelSerializer):
    passed = serializers.BooleanField()

    class Meta:
        model = Vote
        fields = ["voted_on", "approve", "reject", "abstain", "delegates_total", "passed"]


class ResolutionSerializer(serializers.ModelSerializer):
    session = serializers.IntegerField(source="session_id", allow_null=True)
    field = serializers.CharField(source="field.name", allow_null=True, default=None)
    vote = serializers.SerializerMethodField()

    class Meta:
        model = Resolution
        fields = [
            "id",
            "symbol",
            "kind",
            "title",
            "field",
            "session",
            "adopted_on",
            "signed_on",
            "effective_on",
            "published_on",
            "vote",
        ]

    @extend_schema_field(VoteSerializer(allow_null=True))
    def get_vote(self, resolution):
        vote = getattr(resolution, "vote", None)
        return VoteSerializer(vote).data if vote is not None else None


class AnswerSerializer(serializers.ModelSerializer):
    """A published answer to a voters' petition: what the public answers page shows, nobody's identity."""

    field = serializers.CharField(source="field.name", allow_null=True, default=None)
    commune = serializers.CharField(source="admin_unit.name", allow_null=True, default=None)
    agency = serializers.CharField(source="agency.name", allow_null=True, default=None)

    class Meta:
        model = Petition
        fields = ["code", "received_on", "field", "commune", "agency", "title", "answer_summary"]


class SessionSerializer(serializers.ModelSerializer):
    term = serializers.IntegerField(source="term_id")

    class Meta:
        model = Session
        fields = ["id", "term", "number", "kind", "title", "state", "start_date", "end_date", "place"]


class SessionDetailSerializer(SessionSerializer):
    agenda = AgendaItemSerializer(many=True, source="public_agenda")
    documents = DocumentSerializer(many=True, source="public_documents")
    resolutions = ResolutionSerializer(many=True, source="adopted_resolutions")

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "agenda", "documents", "resolutions"]


# ---------------------------------------------------------------- views


class PublicList(ApiView, generics.ListAPIView):
    authentication_classes: list = []
    permission_classes: list = []
    pagination_class = Pages


class PublicDetail(ApiView, generics.RetrieveAPIView):
    authentication_classes: list = []
    permission_classes: list = []


PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description=_("Page number, from 1.")),
    OpenApiParameter("page_size", OpenApiTypes.INT, description=_("Rows a page, up to 200 (50 if absent).")),
]


class CouncilList(PublicList):
    """The councils whose data the API publishes."""

    serializer_class = CouncilSerializer
    queryset = Council.objects.order_by("name", "pk")


class TermList(PublicList):
    """A council's terms (khóa), newest first."""

    serializer_class = TermSerializer

    def get_queryset(self):
        return Term.objects.filter(council=council_or_404(self.kwargs["council_code"])).order_by(
            "-start_date"
        )


@extend_schema(
    parameters=[
        OpenApiParameter("term", OpenApiTypes.INT, description=_("Only this term's mandates.")),
        OpenApiParameter("q", OpenApiTypes.STR, description=_("Part of the name, with or without accents.")),
    ]
)
class DelegateList(PublicList):
    """Delegates' public profiles, one per mandate: name, constituency, groups, committees, dates."""

    serializer_class = DelegateSerializer

    def get_queryset(self):
        council = council_or_404(self.kwargs["council_code"])
        mandates = (
            Mandate.objects.filter(council=council)
            .select_related("delegate", "constituency")
            .prefetch_related(
                Prefetch("group_memberships", GroupMembership.objects.select_related("group")),
                Prefetch("committee_memberships", CommitteeMembership.objects.select_related("committee")),
            )
            .order_by("-term__start_date", "delegate__name_folded", "pk")
        )
        term = int_query(self.request, "term")
        if term is not None:
            mandates = mandates.filter(term_id=term)
        q = text_query(self.request, "q")
        if q:
            mandates = mandates.filter(delegate__name_folded__contains=q)
        return mandates


@extend_schema(
    parameters=[
        OpenApiParameter("term", OpenApiTypes.INT, description=_("Only this term's sessions.")),
        OpenApiParameter("year", OpenApiTypes.INT, description=_("Sessions opening in this year.")),
        OpenApiParameter("state", OpenApiTypes.STR, enum=[s for s in Session.State.values if s != "planned"]),
    ]
)
class SessionList(PublicList):
    """A council's public sessions (from convened on), newest first."""

    serializer_class = SessionSerializer

    def get_queryset(self):
        sessions = public_sessions(council_or_404(self.kwargs["council_code"]))
        term = int_query(self.request, "term")
        if term is not None:
            sessions = sessions.filter(term_id=term)
        year = int_query(self.request, "year", 1900, 2999)
        if year is not None:
            sessions = sessions.filter(start_date__year=year)
        state = choice_query(self.request, "state", [s for s in Session.State.values if s != "planned"])
        if state:
            sessions = sessions.filter(state=state)
        return sessions


class SessionDetail(PublicDetail):
    """One public session: its agenda, the documents sent to delegates, its adopted resolutions."""

    serializer_class = SessionDetailSerializer

    def get_object(self):
        council = council_or_404(self.kwargs["council_code"])
        session = get_object_or_404(public_sessions(council), pk=self.kwargs["pk"])
        session.public_agenda = list(public_agenda(session))
        session.public_documents = list(public_documents(session))
        session.adopted_resolutions = list(public_resolutions(council).filter(session=session))
        return session


@extend_schema(
    parameters=[
        OpenApiParameter("year", OpenApiTypes.INT, description=_("Resolutions of this year.")),
        OpenApiParameter("kind", OpenApiTypes.STR, enum=Resolution.Kind.values),
        OpenApiParameter("session", OpenApiTypes.INT, description=_("Resolutions of this session.")),
        OpenApiParameter("q", OpenApiTypes.STR, description=_("Part of the symbol or title.")),
    ]
)
class ResolutionList(PublicList):
    """A council's adopted resolutions with their vote totals, newest first."""

    serializer_class = ResolutionSerializer

    def get_queryset(self):
        resolutions = public_resolutions(council_or_404(self.kwargs["council_code"]))
        year = int_query(self.request, "year", 1900, 2999)
        if year is not None:
            resolutions = resolutions.filter(year=year)
        kind = choice_query(self.request, "kind", Resolution.Kind.values)
        if kind:
            resolutions = resolutions.filter(kind=kind)
        session = int_query(self.request, "session")
        if session is not None:
            resolutions = resolutions.filter(session_id=session)
        q = text_query(self.request, "q")
        if q:
            resolutions = [r for r in resolutions if q in fold(f"{r.symbol} {r.title}")]
        return resolutions


class ResolutionDetail(PublicDetail):
    """One adopted resolution with its dates and vote totals."""

    serializer_class = ResolutionSerializer

    def get_object(self):
        council = council_or_404(self.kwargs["council_code"])
        return get_object_or_404(public_resolutions(council), pk=self.kwargs["pk"])


@extend_schema(
    parameters=[
        OpenApiParameter("field", OpenApiTypes.INT, description=_("Only this field's answers.")),
        OpenApiParameter("unit", OpenApiTypes.INT, description=_("Only this commune's answers.")),
        OpenApiParameter("q", OpenApiTypes.STR, description=_("Part of the subject or answer.")),
    ]
)
class AnswerList(PublicList):
    """Published answers to voters' petitions, newest first (the public answers page's data)."""

    serializer_class = AnswerSerializer

    def get_queryset(self):
        return published_answers(
            council_or_404(self.kwargs["council_code"]),
            field_id=int_query(self.request, "field"),
            unit_id=int_query(self.request, "unit"),
            query=text_query(self.request, "q"),
        )
