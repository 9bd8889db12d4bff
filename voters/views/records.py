"""Pages for voters' business: meetings with quick opinion entry, opinions of every channel, petitions from
consolidation to closing, citizen reception and letters (the sender of a denunciation hidden)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from council.downloads import download_response, file_of, record_file_response
from council.forms.base import apply_errors, name_forms
from council.params import year_param
from council.permissions import can_manage_records, can_read_followups, require, role_required, roles_in
from council.views.actions import form_action, form_errors_text
from council.views.viewsets import ReferenceViewSet
from council.xlsx import EXPORT_MAX_ROWS

from .. import communications, forms, selectors, services
from ..matching.classifier import suggest_classification
from ..models import (
    Letter,
    MediaProduct,
    OutreachEvent,
    Petition,
    Reception,
    VoterMeeting,
    VoterOpinion,
    channel_label,
)
from ..permissions import (
    can_edit_meeting,
    can_read_letters,
    can_read_voters,
    can_record_meetings,
)
from ..workflows import LETTER_WORKFLOW, PETITION_WORKFLOW

State = Petition.State


# --- Meetings and receptions: opinions typed one after another ------------------------------------------


def _opinions_context(request, holder, *, editable: bool) -> dict:
    opinions = list(holder.opinions.select_related("petition", "admin_unit").order_by("pk"))
    manager = can_manage_records(request.user, request.council)
    return {
        "opinions": opinions,
        "editable": editable,
        "manager": manager,
        "opinion_form": forms.QuickOpinionForm(auto_id="opinion-%s") if editable else None,
        "suggestions": selectors.suggest_for_opinions(request.council, opinions) if manager else {},
        "consolidate_form": forms.ConsolidateForm(
            council=request.council, opinions=holder.opinions.none(), auto_id="consolidate-%s"
        )
        if manager
        else None,
        "voters_total": sum(o.voters_count for o in opinions),
    }


class MeetingViewSet(ReferenceViewSet):
    model = VoterMeeting
    form_class = forms.MeetingForm
    slug = "meeting"
    exportable = True
    columns = ["date", "kind", "format", "place", "place_detail", "attendance"]
    search_fields = ["place_detail", "co_organiser", "notes"]
    filters = ["kind", "format", "session"]
    select_related = ["place"]
    ordering = ["-date", "-pk"]
    detail_template = "voters/meeting_detail.html"

    def can_view(self, user, council):
        return can_read_voters(user, council)

    def can_create(self, user, council):
        return can_record_meetings(user, council)

    def can_edit(self, user, obj):
        return can_edit_meeting(user, obj)

    create_service = staticmethod(services.meeting_create)
    update_service = staticmethod(services.meeting_update)

    def get_detail_context(self, request, obj):
        return {
            **super().get_detail_context(request, obj),
            "present": list(obj.delegates.select_related("delegate")),
            # A planned meeting's opinions wait for its day.
            "planned": not obj.is_held(),
            **_opinions_context(request, obj, editable=can_edit_meeting(request.user, obj) and obj.is_held()),
            "add_url": "voters:meeting_opinion_add",
            "consolidate_url": "voters:meeting_consolidate",
        }


class ReceptionViewSet(ReferenceViewSet):
    model = Reception
    form_class = forms.ReceptionForm
    slug = "reception"
    exportable = True
    columns = ["date", "host", "place", "place_detail"]
    search_fields = ["place_detail", "notes"]
    filters = ["host"]
    select_related = ["place"]
    ordering = ["-date", "-pk"]
    detail_template = "voters/meeting_detail.html"

    def can_view(self, user, council):
        return can_read_voters(user, council)

    create_service = staticmethod(services.reception_create)
    update_service = staticmethod(services.reception_update)

    def get_detail_context(self, request, obj):
        manager = can_manage_records(request.user, request.council)
        return {
            **super().get_detail_context(request, obj),
            "present": list(obj.hosts.select_related("delegate")),
            **_opinions_context(request, obj, editable=manager),
            "add_url": "voters:reception_opinion_add",
            "consolidate_url": "voters:reception_consolidate",
        }


MEETINGS = MeetingViewSet()
RECEPTIONS = ReceptionViewSet()


def _holder(request, kind: str, pk: int):
    if kind == "meeting":
        meeting = get_object_or_404(MEETINGS.get_queryset(request), pk=pk)
        require(can_edit_meeting(request.user, meeting))
        return meeting, {"meeting": meeting, "channel": "meeting"}
    reception = get_object_or_404(RECEPTIONS.get_queryset(request), pk=pk)
    require(can_manage_records(request.user, request.council))
    return reception, {"reception": reception, "channel": "reception"}


def _detail_url(kind: str, pk: int) -> str:
    return (MEETINGS if kind == "meeting" else RECEPTIONS).url("detail", pk)


@require_POST
def opinion_add(request, pk, kind="meeting"):
    """Add one opinion; with htmx the new row (with the updated totals) comes back, else the page again.

    The page's script (static/js/opinion_entry.js) sends the typed opinions one at a time, in order, and
    clears the form when the clerk submits, not when the answer arrives."""
    holder, link = _holder(request, kind, pk)
    form = forms.QuickOpinionForm(request.POST, auto_id="opinion-%s")
    opinion = None
    if form.is_valid():
        try:
            opinion = services.opinion_add(
                actor=request.user, council=request.council, **link, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
    if not request.htmx:
        # Without the page's script the entry box is not re-rendered from here: back to the page, the outcome
        # (each error with its field's label) as a message.
        if opinion is not None:
            messages.success(request, _("Opinion recorded."))
        else:
            messages.error(request, form_errors_text(form))
        return redirect(_detail_url(kind, holder.pk))
    context = {
        "opinion_form": form,
        "holder": holder,
        "add_url": "voters:meeting_opinion_add" if kind == "meeting" else "voters:reception_opinion_add",
        "editable": True,
        "manager": can_manage_records(request.user, request.council),
        "object": holder,
    }
    if opinion is None:
        # 422: the page's script puts this opinion back for correction and goes on with the ones queued after
        # it; the typed text travels back in the re-rendered form, so nothing is lost.
        response = render(request, "voters/_opinion_form.html", context, status=422)
        return reswap(retarget(response, "#opinion-entry"), "outerHTML")
    if context["manager"]:
        # Right as it is typed, say which petition this opinion likely repeats.
        context["suggestions"] = selectors.suggest_for_opinions(request.council, [opinion])
    count = holder.opinions.count()
    context.update(
        o=opinion,
        voters_total=sum(holder.opinions.values_list("voters_count", flat=True)),
        opinion_count=count,
        number=count,
    )
    return render(request, "voters/_opinion_added.html", context)


@require_POST
def consolidate(request, pk, kind="meeting"):
    """Make a petition of the ticked opinions, or add them to an existing one."""
    holder, _link = _holder(request, kind, pk)
    require(can_manage_records(request.user, request.council))
    form = forms.ConsolidateForm(
        request.POST, council=request.council, opinions=holder.opinions.filter(petition__isnull=True)
    )
    result = {}

    def call(data):
        if data.get("petition"):
            result["petition"] = services.petition_attach(
                data["petition"], actor=request.user, opinions=data["opinions"]
            )
        else:
            result["petition"] = services.petition_create(
                actor=request.user, council=request.council, title=data["title"], opinions=data["opinions"]
            )

    viewset = MEETINGS if kind == "meeting" else RECEPTIONS
    response = form_action(
        request,
        form,
        call,
        done=_detail_url(kind, holder.pk),
        page=lambda bound: viewset.render_detail(
            request, holder, consolidate_form=bound, ticked=set(request.POST.getlist("opinions"))
        ),
        success=_("Consolidated into the petition."),
    )
    if "petition" in result:  # consolidated: on to the petition
        return redirect(PETITIONS.url("detail", result["petition"].pk))
    return response


@file_of("voters.VoterMeeting", "voters:meeting_detail")
def meeting_minutes(request, pk):
    """The minutes, to who may open the meeting and see the voters they name (council/personal_data.py)."""
    meeting = get_object_or_404(MEETINGS.viewable(request).exclude(path=""), pk=pk)
    return record_file_response(meeting)


# --- Opinions through other channels -------------------------------------------------------------------


class OpinionViewSet(ReferenceViewSet):
    model = VoterOpinion
    form_class = forms.OpinionForm
    slug = "opinion"
    exportable = True
    columns = ["received_on", "channel", "text", "admin_unit", "voters_count", "petition"]
    folded_search_field = "search_text"
    filters = ["channel"]
    select_related = ["admin_unit", "petition"]
    ordering = ["-received_on", "-pk"]

    def can_view(self, user, council):
        return can_read_voters(user, council)

    create_service = staticmethod(services.opinion_add)

    def get_queryset(self, request):
        return super().get_queryset(request).with_channel_name()

    def get_filter_form(self, request):
        return _channel_filter(super().get_filter_form(request), request.council)


OPINIONS = OpinionViewSet()


def _channel_filter(form, council):
    """The channel filter offers every channel of the council, switched-off ones too (records use them)."""
    form.fields["channel"].choices = [("", _("All")), *selectors.channel_names(council).items()]
    return form


# --- Petitions ------------------------------------------------------------------------------------------


class PetitionViewSet(ReferenceViewSet):
    """A petition's record pages; its workflow moves are ``petition_action`` (``voters/workflows.py``)."""

    model = Petition
    form_class = forms.PetitionForm
    slug = "petition"
    columns = ["code", "title", "admin_unit", "field", "agency", "voters_count", "state", "received_on"]
    folded_search_field = "search_text"
    filters = ["state", "competence", "field", "agency", "committee"]
    select_related = ["admin_unit", "field", "agency"]
    ordering = ["-received_on", "-pk"]
    detail_template = "voters/petition_detail.html"
    list_template = "voters/petition_list.html"

    def can_view(self, user, council):
        return can_read_voters(user, council)

    create_service = staticmethod(services.petition_create)
    update_service = staticmethod(services.petition_update)

    def get_detail_context(self, request, obj):
        council = request.council
        manager = can_manage_records(request.user, council)
        sources = list(
            obj.opinions.with_channel_name()
            .select_related("meeting__place", "reception", "admin_unit")
            .order_by("received_on", "pk")
        )
        actions = PETITION_WORKFLOW.forms(request.user, obj, council)
        return {
            **super().get_detail_context(request, obj),
            "manager": manager,
            "followup": services.petition_followup(obj),
            "followup_reader": can_read_followups(request.user, council),
            "sources": sources,
            "channels": sorted({o.get_channel_display() for o in sources}),
            "units": sorted({o.admin_unit.name for o in sources if o.admin_unit_id}),
            "meetings": sorted({o.meeting for o in sources if o.meeting_id}, key=lambda m: m.date),
            "duplicates": selectors.petition_duplicates(council, obj) if manager else [],
            "actions": actions,
            "merged_here": list(obj.merged.all()),
            # Shown beside the classify form only: a suggestion, never applied without the clerk.
            "classify_suggestion": (
                suggest_classification(council, f"{obj.title}\n{obj.text}")
                if any(t.name == "classify" for t, _form in actions)
                else None
            ),
        }


PETITIONS = PetitionViewSet()


@require_POST
def petition_action(request, pk, action):
    """Run one transition of the petition's workflow (``voters/workflows.py``) from its page's form."""
    petition = get_object_or_404(PETITIONS.get_queryset(request), pk=pk)
    if action not in PETITION_WORKFLOW:
        raise Http404
    transition = PETITION_WORKFLOW[action]
    require(transition.permission(request.user, petition))
    form = transition.build_form(petition, request.council, data=request.POST)
    success = None
    if action == "merge" and form.is_valid():
        success = _("%(duplicate)s was merged into %(target)s.") % {
            "duplicate": form.cleaned_data["duplicate"].code,
            "target": petition.code,
        }

    def page(bound):
        petition.refresh_from_db()
        context = {"viewset": PETITIONS, **PETITIONS.get_detail_context(request, petition)}
        if any(t.name == action for t, _form in context["actions"]):
            context["actions"] = [(t, bound if t.name == action else f) for t, f in context["actions"]]
        else:  # sent from a control that is not this form on the page (the merge search): a message
            messages.error(request, form_errors_text(bound))
        return render(request, PETITIONS.detail_template, name_forms(context))

    return form_action(
        request,
        form,
        lambda data: PETITION_WORKFLOW.run(action, request.user, petition, data),
        done=PETITIONS.url("detail", petition.pk),
        page=page,
        success=success,
        record=petition,
    )


@role_required(can_read_voters)
def petition_export(request):
    """The filtered petition list as a spreadsheet whose columns the import reads back."""
    from ..intake.petitions import petitions_xlsx

    qs, _filters = PETITIONS.filtered(request)
    today = timezone.localdate()
    rows = qs.prefetch_related("opinions")[: EXPORT_MAX_ROWS + 1]  # the writer says when it cut
    return download_response(
        petitions_xlsx(rows, council=request.council), f"kien-nghi-cu-tri-{today:%Y%m%d}.xlsx"
    )


@role_required(can_read_voters)
def petition_report(request):
    """The petitions to report at a regular session: counts by field, competence and commune, and the list."""
    today = timezone.localdate()
    form = forms.ReportPeriodForm(request.GET or None, initial=forms.ReportPeriodForm.default_initial(today))
    since, until = forms.ReportPeriodForm.period(form, today)
    report = selectors.petition_report(request.council, since=since, until=until)
    return render(
        request,
        "voters/petition_report.html",
        {"form": form, "report": report, "since": since, "until": until},
    )


# --- Letters --------------------------------------------------------------------------------------------


class LetterViewSet(ReferenceViewSet):
    """A letter's record pages; its moves are ``letter_handle`` (``LETTER_WORKFLOW``)."""

    model = Letter
    form_class = forms.LetterForm
    slug = "letter"
    exportable = True
    columns = ["received_on", "kind", "channel", "admin_unit", "state", "agency"]
    folded_search_field = "search_text"
    filters = ["kind", "state", "channel"]
    select_related = ["admin_unit", "agency"]
    ordering = ["-received_on", "-pk"]
    detail_template = "voters/letter_detail.html"

    def can_view(self, user, council):
        return can_read_letters(user, council)

    create_service = staticmethod(services.letter_create)
    update_service = staticmethod(services.letter_update)

    def get_form_kwargs(self, request):
        return {"user": request.user}  # the sender's identity is offered only to who may see it

    def get_queryset(self, request):
        return super().get_queryset(request).with_channel_name()

    def get_filter_form(self, request):
        return _channel_filter(super().get_filter_form(request), request.council)

    def get_detail_context(self, request, obj):
        # One form for every move the Office may make now (LETTER_WORKFLOW), choices: the states it reaches.
        return {
            **super().get_detail_context(request, obj),
            "handle_form": forms.LetterHandleForm(council=request.council, letter=obj)
            if LETTER_WORKFLOW.available(request.user, obj)
            else None,
            "followups": list(obj.followups.select_related("agency")),
            "duplicates_of_this": list(obj.duplicates.all()),
            "followup_reader": can_read_followups(request.user, request.council),
        }


LETTERS = LetterViewSet()


@require_POST
def letter_handle(request, pk):
    letter = get_object_or_404(LETTERS.get_queryset(request), pk=pk)
    require(can_manage_records(request.user, request.council))
    return form_action(
        request,
        forms.LetterHandleForm(request.POST, council=request.council, letter=letter),
        lambda data: services.letter_handle(letter, actor=request.user, **data),
        done=LETTERS.url("detail", letter.pk),
        page=lambda form: LETTERS.render_detail(request, letter, handle_form=form),
        record=letter,
    )


@role_required(can_read_voters)
def voters_home(request):
    """An overview for the Office: opinions waiting to be consolidated, petitions by state."""
    council = request.council
    by_state = dict(
        Petition.objects.filter(council=council).values_list("state").annotate(n=Count("pk")).order_by()
    )
    return render(
        request,
        "voters/home.html",
        {
            "by_state": [(s, State(s).label, by_state.get(s, 0)) for s in State.values],
            "pending_opinions": VoterOpinion.objects.pending().filter(council=council).count(),
            "letters": can_read_letters(request.user, council),
            "manager": can_manage_records(request.user, council),
            "roles": roles_in(request.user, council),
        },
    )


# --- Communications ------------------------------------------------------------------------------------


class MediaViewSet(ReferenceViewSet):
    model = MediaProduct
    form_class = forms.MediaForm
    slug = "media"
    columns = ["published_on", "kind", "outlet", "topic", "cost"]
    search_fields = ["outlet", "topic"]
    filters = ["kind"]
    ordering = ["-published_on", "-pk"]
    exportable = True

    def can_view(self, user, council):
        return can_read_voters(user, council)

    create_service = staticmethod(communications.media_create)
    update_service = staticmethod(communications.media_update)


class OutreachEventViewSet(ReferenceViewSet):
    model = OutreachEvent
    form_class = forms.EventForm
    slug = "outreach_event"
    columns = ["date", "title", "place", "attendance"]
    search_fields = ["title", "place", "participants"]
    ordering = ["-date", "-pk"]
    exportable = True

    def can_view(self, user, council):
        return can_read_voters(user, council)

    create_service = staticmethod(communications.event_create)


MEDIA = MediaViewSet()
EVENTS = OutreachEventViewSet()


@role_required(can_read_voters)
def channels(request):
    """The channels to voters in use, with the opinions and petitions each brought in, by year."""
    year = year_param(request)
    rows = dict(
        (row["channel"], (row["opinions"], row["petitions"], row["voters"]))
        for row in VoterOpinion.objects.filter(council=request.council, received_on__year=year)
        .values("channel")
        .annotate(
            opinions=Count("pk"),
            petitions=Count("petition", distinct=True),
            voters=Sum("voters_count"),
        )
        .order_by()
    )
    # The channels in use, and any other that brought something in that year (switched off since).
    names = selectors.channel_names(request.council)
    shown = [c.code for c in selectors.council_channels(request.council, active_only=True)]
    shown += [code for code in rows if code not in shown]
    table = [(code, names.get(code) or channel_label(code), *rows.get(code, (0, 0, 0))) for code in shown]
    return render(
        request,
        "voters/channels.html",
        {
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
            "table": table,
            "media": MediaProduct.objects.filter(council=request.council, published_on__year=year).count(),
            "events": OutreachEvent.objects.filter(council=request.council, date__year=year).count(),
        },
    )
