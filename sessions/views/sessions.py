"""Sessions: records for everyone in the council, live speech logging for the Office, quota dashboards."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.downloads import file_of, record_file_response
from council.forms.base import apply_errors
from council.models import FollowUp, Role
from council.params import ID_MAX, ID_MIN, id_param, int_value
from council.permissions import can_manage_records, can_read_overview, is_member, role_required, roles_in
from council.quota import quota_status
from council.text import fold, natural_key
from council.views.actions import form_errors_text
from council.views.viewsets import ReferenceViewSet
from delegates.models import DelegateGroup, GroupMembership, Mandate
from delegates.selectors import current_term

from .. import forms, selectors, services
from ..models import Interpellation, Session, SessionDocument, Sitting, Speech


class SessionViewSet(ReferenceViewSet):
    """A session's record pages; its sittings, agenda and documents are added from its page."""

    model = Session
    form_class = forms.SessionForm
    slug = "session"
    columns = ["__str__", "term", "kind", "state", "start_date", "end_date", "place"]
    search_fields = ["title", "place", "convening_decision"]
    filters = ["term", "kind", "state"]
    select_related = ["term"]
    ordering = ["-start_date"]
    detail_template = "sessions/session_detail.html"

    def can_view(self, user, council):
        return is_member(user, council)

    create_service = staticmethod(services.session_create)

    def update(self, obj, form, *, actor):
        # Through the service: moving the session to "convened" or "documents sent" tells the council.
        return services.session_update(obj, actor=actor, **form.cleaned_data)

    def get_detail_context(self, request, obj):
        council = request.council
        manager = can_manage_records(request.user, council)
        return {
            **super().get_detail_context(request, obj),
            "sittings": list(obj.sittings.order_by("date", "start_time", "pk")),
            "agenda": list(obj.agenda.select_related("field").order_by("order")),
            "t2": selectors.session_t2(obj),
            "t4": selectors.t4_trend(council, until=obj),
            "documents": list(obj.documents.select_related("agenda_item")),
            "documents_deadline": services.documents_deadline(obj),
            "document_form": forms.DocumentForm(council=council, session=obj) if manager else None,
            "sitting_form": forms.SittingForm(council=council, session=obj) if manager else None,
            "agenda_form": forms.AgendaItemForm(council=council, session=obj) if manager else None,
        }


SESSIONS = SessionViewSet()


def _child_add(request, pk, form_class, create, key):
    """Add a sitting or an agenda item from the session page; on bad input show the page with the errors."""
    session = get_object_or_404(SESSIONS.get_queryset(request), pk=pk)
    if request.method != "POST":
        return redirect(SESSIONS.url("detail", session.pk))
    form = form_class(request.POST, council=request.council, session=session)
    if form.is_valid():
        try:
            create(actor=request.user, council=request.council, session=session, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(SESSIONS.url("detail", session.pk))
    return SESSIONS.render_detail(request, session, **{key: form})


@role_required(can_manage_records)
def document_add(request, pk):
    """Add a document sent to delegates (with its file) from the session page."""
    session = get_object_or_404(SESSIONS.get_queryset(request), pk=pk)
    if request.method != "POST":
        return redirect(SESSIONS.url("detail", session.pk))
    form = forms.DocumentForm(request.POST, request.FILES, council=request.council, session=session)
    if form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        try:
            services.document_add(actor=request.user, session=session, upload=upload, **data)
        except ValidationError as error:
            # The service refuses the file itself (type, size, content) without naming a field.
            apply_errors(form, error if hasattr(error, "error_dict") else ValidationError({"file": error}))
        else:
            messages.success(request, _("Saved."))
            return redirect(SESSIONS.url("detail", session.pk))
    return SESSIONS.render_detail(request, session, document_form=form)


def session_documents(request, pk):
    """The delegates' page: what was sent for the session, by agenda item, with the files."""
    session = get_object_or_404(SESSIONS.viewable(request), pk=pk)
    documents = list(session.documents.select_related("agenda_item"))
    return render(
        request,
        "sessions/documents.html",
        {"session": session, "documents": documents, "deadline": services.documents_deadline(session)},
    )


@file_of(
    "council_sessions.SessionDocument",
    "sessions:session_documents",
    page_kwargs=lambda d: {"pk": d.session_id},
)
def document_file(request, pk):
    """Serve a session document to who may open its session's documents page."""
    document = get_object_or_404(
        SessionDocument.objects.filter(session__in=SESSIONS.viewable(request).values("pk")).exclude(path=""),
        pk=pk,
    )
    return record_file_response(document)


@role_required(can_manage_records)
def sitting_add(request, pk):
    return _child_add(request, pk, forms.SittingForm, services.sitting_create, "sitting_form")


@role_required(can_manage_records)
def agenda_add(request, pk):
    return _child_add(request, pk, forms.AgendaItemForm, services.agenda_item_create, "agenda_form")


# --- Live speech logging --------------------------------------------------------------------------------


def _sitting_for(request, pk) -> Sitting:
    return get_object_or_404(Sitting.objects.filter(council=request.council).select_related("session"), pk=pk)


def _recent(sitting: Sitting) -> list[Speech]:
    return list(
        sitting.speeches.select_related("mandate__delegate", "agenda_item").order_by("-recorded_at", "-pk")[
            :15
        ]
    )


def _live_context(request, sitting, form=None, logged=None) -> dict:
    chosen = None
    if form is not None and form.is_bound and not logged:
        chosen_id = int_value(form.data.get("mandate", ""), ID_MIN, ID_MAX)
        if chosen_id is not None:
            chosen = (
                Mandate.objects.filter(council=request.council, pk=chosen_id)
                .select_related("delegate")
                .first()
            )
    return {
        "logged": logged,
        "chosen": chosen,
        "sitting": sitting,
        "session": sitting.session,
        "form": form or forms.SpeechForm(sitting=sitting),
        "recent": _recent(sitting),
        "t2": selectors.session_t2(sitting.session),
        "groups": sorted(
            DelegateGroup.objects.filter(term_id=sitting.session.term_id), key=lambda g: natural_key(g.name)
        ),
        "speech_kinds": Speech.Kind.choices,
    }


@role_required(can_manage_records)
def live(request, pk):
    """The clerk's page during a sitting: pick a speaker, the kind, the time; log; repeat."""
    sitting = _sitting_for(request, pk)
    logged = None
    if request.method == "POST":
        form = forms.SpeechForm(request.POST, sitting=sitting)
        if form.is_valid():
            data = form.cleaned_data
            mandate = None
            if data["mandate"]:
                mandate = (
                    Mandate.objects.filter(council=request.council, pk=data["mandate"])
                    .select_related("delegate")
                    .first()
                )
                if mandate is None:
                    form.add_error(None, _("Choose the delegate who spoke, or name the official."))
            if not form.errors:
                try:
                    speech = services.speech_log(
                        actor=request.user,
                        sitting=sitting,
                        mandate=mandate,
                        official=data["official"] if mandate is None else "",
                        kind=data["kind"],
                        agenda_item=data["agenda_item"],
                        duration_seconds=data["duration"],
                    )
                except ValidationError as error:
                    apply_errors(form, error, rename={"duration_seconds": "duration"})
                else:
                    logged = speech
                    # A fresh form keeps the kind and agenda item: speakers on one item follow each other.
                    form = forms.SpeechForm(
                        sitting=sitting, initial={"kind": data["kind"], "agenda_item": data["agenda_item"]}
                    )
        template = "sessions/_live_panel.html" if request.htmx else "sessions/live.html"
        return render(request, template, _live_context(request, sitting, form, logged))
    return render(request, "sessions/live.html", _live_context(request, sitting))


@role_required(can_manage_records)
def speakers(request, pk):
    """Delegates holding a mandate on the sitting's day, matched accent-insensitively or by group."""
    sitting = _sitting_for(request, pk)
    mandates = Mandate.objects.filter(council=request.council, term_id=sitting.session.term_id).active_on(
        sitting.date
    )
    text = fold(request.GET.get("q", ""))
    group = id_param(request, "group")
    if text:
        mandates = mandates.filter(delegate__name_folded__contains=text)
    if group is not None:
        members = GroupMembership.objects.filter(group_id=group).filter(
            Q(start_date__lte=sitting.date), Q(end_date__isnull=True) | Q(end_date__gte=sitting.date)
        )
        mandates = mandates.filter(pk__in=members.values("mandate_id"))
    elif not text:
        mandates = mandates.none()
    found = list(mandates.select_related("delegate").order_by("delegate__name_folded")[:12])
    return render(request, "sessions/_speakers.html", {"found": found, "sitting": sitting})


def _speech_for(request, pk) -> Speech:
    return get_object_or_404(
        Speech.objects.filter(council=request.council).select_related(
            "sitting__session", "mandate__delegate", "agenda_item"
        ),
        pk=pk,
    )


def _row(request, speech: Speech, **extra):
    """One row of the last speeches, with the T2 panel swapped alongside (a new speaker may change it)."""
    context = {"s": speech, "speech_kinds": Speech.Kind.choices, **extra}
    if extra.get("corrected"):
        context["t2"] = selectors.session_t2(speech.sitting.session)
    return render(request, "sessions/_speech_row.html", context)


@role_required(can_manage_records)
def speech_correct(request, pk):
    """Correct the speaker, kind or duration of a logged speech; the history keeps the old values and the
    reason. With htmx only the speech's row is swapped: the form being typed for the next speech stays."""
    speech = _speech_for(request, pk)
    if request.method != "POST":
        if not request.htmx:
            return redirect("sessions:sitting_live", speech.sitting_id)
        return render(
            request,
            "sessions/_speech_correct.html",
            {"s": speech, "form": forms.SpeechCorrectForm(speech=speech)},
        )
    form = forms.SpeechCorrectForm(request.POST, speech=speech)
    if form.is_valid():
        try:
            services.speech_correct(
                speech, actor=request.user, reason=form.cleaned_data["reason"], **form.changes()
            )
        except ValidationError as error:
            speech.refresh_from_db()
            apply_errors(form, error, rename={"duration_seconds": "duration"})
    if form.errors:
        if request.htmx:
            return _row(request, speech, correct_form=form)
        messages.error(request, form_errors_text(form))
    else:
        if request.htmx:
            return _row(request, speech, corrected=True)
        messages.success(request, _("The speech record was corrected; the history keeps the old values."))
    return redirect("sessions:sitting_live", speech.sitting_id)


@require_POST
@role_required(can_manage_records)
def speech_remove(request, pk):
    speech = _speech_for(request, pk)
    form = forms.SpeechRemoveForm(request.POST)
    if form.is_valid():
        session, sitting_id = speech.sitting.session, speech.sitting_id
        services.speech_remove(speech, actor=request.user, reason=form.cleaned_data["reason"])
        if request.htmx:
            return render(request, "sessions/_speech_removed.html", {"t2": selectors.session_t2(session)})
        messages.success(request, _("The speech record was removed; the history keeps it."))
        return redirect("sessions:sitting_live", sitting_id)
    # The reason box sits in the speech's row (htmx); without htmx the live page has no such form: a message.
    if request.htmx:
        return _row(request, speech, remove_error=form_errors_text(form))
    messages.error(request, form_errors_text(form))
    return redirect("sessions:sitting_live", speech.sitting_id)


# --- Quotas ---------------------------------------------------------------------------------------------


@role_required(can_read_overview)
def dashboard(request, pk):
    """During a session: which delegate groups have not yet spoken in the plenary (T2), and T4 so far."""
    session = get_object_or_404(SESSIONS.get_queryset(request), pk=pk)
    context = {
        "session": session,
        "t2": selectors.session_t2(session),
        "t4": selectors.t4_trend(request.council, until=session),
    }
    if request.htmx:
        return render(request, "sessions/_dashboard_panel.html", context)
    return render(request, "sessions/dashboard.html", context)


@role_required(is_member)
def my_participation(request):
    """A delegate's own standing: speeches, the group's T2 at the latest session, T3 for the term."""
    term = current_term(request.council)
    mandate = (
        Mandate.objects.filter(council=request.council, term=term, delegate__user=request.user)
        .select_related("delegate", "term")
        .first()
        if term
        else None
    )
    context = {"term": term, "mandate": mandate, "roles": roles_in(request.user, request.council)}
    if mandate is not None:
        speeches = list(
            Speech.objects.filter(mandate=mandate)
            .select_related("sitting__session", "agenda_item")
            .order_by("-sitting__date", "-pk")
        )
        # The latest session that has opened: a convened one in the future has no speeches yet.
        session = (
            Session.objects.filter(term=term, start_date__lte=timezone.localdate())
            .order_by("-start_date")
            .first()
        )
        t2 = selectors.session_t2(session) if session else None
        my_groups = set(
            GroupMembership.objects.filter(mandate=mandate)
            .active_on(session.start_date if session else term.start_date)
            .values_list("group_id", flat=True)
        )
        contributions = [
            s for s in speeches if s.kind in Speech.CONTRIBUTIONS and mandate.is_active_on(s.sitting.date)
        ]
        slips = list(
            Interpellation.objects.filter(askers=mandate)
            .select_related("session", "agency")
            .prefetch_related("answers", "commitments")
            .order_by("-created_at")
        )
        followups = FollowUp.objects.by_source([c for slip in slips for c in slip.commitments.all()])
        led = GroupMembership.objects.filter(
            mandate=mandate, role__in=[GroupMembership.Role.LEADER, GroupMembership.Role.DEPUTY]
        ).active_on(timezone.localdate())
        members = []
        if Role.GROUP_LEADER in context["roles"] and led.exists():
            member_ids = set(
                GroupMembership.objects.filter(group__in=led.values("group"))
                .active_on(timezone.localdate())
                .values_list("mandate_id", flat=True)
            )
            members = [row for row in selectors.term_t3(term) if row.mandate.pk in member_ids]
        context.update(
            trainings=list(mandate.trainings.select_related("course").order_by("-course__start_date")),
            my_groups=[
                m.group
                for m in GroupMembership.objects.filter(mandate=mandate)
                .active_on(timezone.localdate())
                .select_related("group")
            ],
            this_year=timezone.localdate().year,
            today=timezone.localdate(),
            # Through the reverse relation: sessions does not import the oversight app above it.
            oversight=list(
                mandate.delegation_roles.select_related("activity").order_by("-activity__period_start")
            ),
            slips=[(slip, [(c, followups.get(c.pk)) for c in slip.commitments.all()]) for slip in slips],
            members=members,
            speeches=speeches,
            contributions=len(contributions),
            session=session,
            my_group_rows=[row for row in t2.groups if row.group.pk in my_groups] if t2 else [],
            # T3 can still be met until the mandate (or the term) ends: "not yet met", not "not met".
            t3_status=quota_status(
                bool(contributions), window_open=(mandate.end_date or term.end_date) >= timezone.localdate()
            ),
            # Through the reverse relation, as above: the voter meetings the delegate was present at.
            voter_meetings=list(mandate.voter_meetings.select_related("place").order_by("-date", "-pk")),
        )
    return render(request, "sessions/my_participation.html", context)
