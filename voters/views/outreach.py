"""Pages for the council's outreach channels (the Office maintains them) and its consultations of the people
on draft resolutions: prepared, opened, closed with a summary and the responses counted per channel."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.downloads import file_of, record_file_response
from council.permissions import can_manage_records, require
from council.views.actions import form_action
from council.views.viewsets import ReferenceViewSet

from .. import selectors, services
from ..consultation_forms import (
    ConsultationCloseForm,
    ConsultationCountsForm,
    ConsultationForm,
    ConsultationResolutionForm,
    OutreachChannelForm,
)
from ..consultations import Consultation
from ..models import OutreachChannel
from ..permissions import can_read_consultations, can_read_voters

# --- Outreach channels ----------------------------------------------------------------------------------


class OutreachChannelViewSet(ReferenceViewSet):
    """The council's channels; the Office adds, renames, reorders and switches them off (never deletes)."""

    model = OutreachChannel
    form_class = OutreachChannelForm
    slug = "outreach_channel"
    columns = ["__str__", "code", "kind", "is_active", "order", "started_on"]
    filters = ["is_active"]
    ordering = ["order", "pk"]

    def can_view(self, user, council):
        return can_read_voters(user, council)

    create_service = staticmethod(services.channel_create)
    update_service = staticmethod(services.channel_update)

    def filtered(self, request):
        if can_manage_records(request.user, request.council):
            # A council created after the channels became data writes its built-in ones down here, so the
            # Office can rename or switch them off like its own (idempotent: nothing once they exist).
            services.channels_ensure_builtin(council=request.council, actor=request.user)
        return super().filtered(request)


CHANNELS = OutreachChannelViewSet()


# --- Consultations on drafts ------------------------------------------------------------------------------


class ConsultationViewSet(ReferenceViewSet):
    model = Consultation
    form_class = ConsultationForm
    slug = "consultation"
    columns = ["title", "status", "start_date", "end_date", "committee", "resolution"]
    search_fields = ["title"]
    filters = ["status"]
    select_related = ["committee", "resolution"]
    ordering = ["-start_date", "-pk"]
    detail_template = "voters/consultation_detail.html"

    def can_view(self, user, council):
        return can_read_consultations(user, council)

    create_service = staticmethod(services.consultation_create)
    update_service = staticmethod(services.consultation_update)

    def get_filter_form(self, request):
        form = super().get_filter_form(request)
        this_year = timezone.localdate().year
        form.fields["year"] = forms.TypedChoiceField(
            label=_("Year"),
            choices=[("", _("All"))] + [(y, y) for y in range(this_year + 1, this_year - 10, -1)],
            coerce=int,
            empty_value=None,
            required=False,
        )
        form.fields["year"].widget.attrs["class"] = "form-select"
        return form

    def filtered(self, request):
        # The base class filters the model's fields; the year is a consultation's running across that year.
        qs, form = super().filtered(request)
        year = form.cleaned_data.get("year") if form.is_valid() else None
        if year:
            qs = qs.filter(start_date__year__lte=year, end_date__year__gte=year)
        return qs, form

    def get_form_kwargs(self, request):
        if can_manage_records(request.user, request.council):
            # The channels offered are rows: a council created after the channels became data gets its
            # built-in ones written down first (nothing once they exist).
            services.channels_ensure_builtin(council=request.council, actor=request.user)
        return {}

    def get_detail_context(self, request, obj):
        manager = can_manage_records(request.user, request.council)
        counts = selectors.consultation_counts(obj)
        counted = {channel.pk: n for channel, n in counts.rows}
        open_ = obj.status == Consultation.Status.OPEN
        return {
            **super().get_detail_context(request, obj),
            "counts": counts,
            "manager": manager,
            "channels": [channel for channel, _n in counts.rows],
            "counts_form": ConsultationCountsForm(consultation=obj, counted=counted)
            if manager and open_
            else None,
            "close_form": ConsultationCloseForm(consultation=obj, counted=counted)
            if manager and open_
            else None,
            "resolution_form": ConsultationResolutionForm(
                council=request.council, initial={"resolution": obj.resolution_id}
            )
            if manager and obj.status == Consultation.Status.CLOSED
            else None,
        }


CONSULTATIONS = ConsultationViewSet()


def _consultation(request, pk) -> Consultation:
    consultation = get_object_or_404(CONSULTATIONS.viewable(request), pk=pk)
    require(can_manage_records(request.user, request.council))
    return consultation


@require_POST
def consultation_open(request, pk):
    """Open a planned consultation to the people."""
    consultation = _consultation(request, pk)
    try:
        services.consultation_open(consultation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The consultation is open."))
    return _back(consultation)


def _back(consultation):
    return redirect(CONSULTATIONS.url("detail", consultation.pk))


@require_POST
def consultation_counts(request, pk):
    """Record the responses each channel has brought in so far."""
    consultation = _consultation(request, pk)
    form = ConsultationCountsForm(request.POST, consultation=consultation)
    return form_action(
        request,
        form,
        lambda data: services.consultation_counts_save(
            consultation, actor=request.user, counts=form.counts()
        ),
        done=CONSULTATIONS.url("detail", consultation.pk),
        page=lambda bound: CONSULTATIONS.render_detail(request, consultation, counts_form=bound),
        success=_("Responses recorded."),
    )


@require_POST
def consultation_close(request, pk):
    """Close an open consultation with a summary and the responses of every channel used."""
    consultation = _consultation(request, pk)
    form = ConsultationCloseForm(request.POST, consultation=consultation)
    return form_action(
        request,
        form,
        lambda data: services.consultation_close(
            consultation, actor=request.user, summary=data["summary"], counts=form.counts()
        ),
        done=CONSULTATIONS.url("detail", consultation.pk),
        page=lambda bound: CONSULTATIONS.render_detail(request, consultation, close_form=bound),
        success=_("The consultation is closed."),
    )


@require_POST
def consultation_resolution(request, pk):
    """Name the resolution adopted from the consulted draft."""
    consultation = _consultation(request, pk)
    form = ConsultationResolutionForm(request.POST, council=request.council)
    return form_action(
        request,
        form,
        lambda data: services.consultation_link_resolution(
            consultation, actor=request.user, resolution=data["resolution"]
        ),
        done=CONSULTATIONS.url("detail", consultation.pk),
        page=lambda bound: CONSULTATIONS.render_detail(request, consultation, resolution_form=bound),
        record=consultation,
    )


@file_of("voters.Consultation", "voters:consultation_detail")
def consultation_document(request, pk):
    """The draft consulted on, to who may open the consultation."""
    consultation = get_object_or_404(CONSULTATIONS.viewable(request).exclude(path=""), pk=pk)
    return record_file_response(consultation)
