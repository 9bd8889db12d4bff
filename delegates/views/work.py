"""Pages for delegate work: training courses and attendance, action programmes with their yearly
assessments, evaluation criteria, and the emulation movement with nominations and commendations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.downloads import file_of, record_file_response
from council.params import ID_MAX, ID_MIN, ids_param, int_value, year_param
from council.permissions import can_manage_records, require, role_required
from council.views.actions import error_text, form_action, run_form_action
from council.views.viewsets import ReferenceViewSet

from .. import selectors
from ..forms import work as forms
from ..models import (
    ActionCommitment,
    ActionProgram,
    Assessor,
    CommitmentAssessment,
    EmulationMovement,
    EvaluationCriterion,
    Mandate,
    Nomination,
    TrainingCourse,
)
from ..permissions import (
    assessors_for,
    can_assess,
    can_edit_program,
    can_read_delegate_work,
    can_read_mandate_work,
)
from ..services import work as services

# --- Training -------------------------------------------------------------------------------------------


class CourseViewSet(ReferenceViewSet):
    model = TrainingCourse
    form_class = forms.CourseForm
    slug = "course"
    columns = ["title", "start_date", "end_date", "organiser", "place", "online"]
    search_fields = ["title", "organiser", "place"]
    filters = ["online"]
    ordering = ["-start_date"]
    detail_template = "delegates/course_detail.html"
    exportable = True

    def can_view(self, user, council):
        return can_read_delegate_work(user, council)

    create_service = staticmethod(services.course_create)
    update_service = staticmethod(services.course_update)

    def get_detail_context(self, request, obj):
        manager = can_manage_records(request.user, request.council)
        return {
            **super().get_detail_context(request, obj),
            **selectors.course_attendance(obj),
            "manager": manager,
            "invite_form": forms.InviteForm(course=obj) if manager else None,
        }


COURSES = CourseViewSet()


@require_POST
def course_invite(request, pk):
    course = get_object_or_404(COURSES.get_queryset(request), pk=pk)
    require(can_manage_records(request.user, request.council))
    return form_action(
        request,
        forms.InviteForm(request.POST, course=course),
        lambda d: services.course_invite(course, actor=request.user, mandates=d["mandates"]),
        done=COURSES.url("detail", course.pk),
        page=lambda form: COURSES.render_detail(request, course, invite_form=form),
    )


@require_POST
def course_attendance(request, pk):
    course = get_object_or_404(COURSES.get_queryset(request), pk=pk)
    require(can_manage_records(request.user, request.council))
    notes = {
        int_value(key[5:]): value
        for key, value in request.POST.items()
        if key.startswith("note-") and int_value(key[5:], ID_MIN, ID_MAX) is not None
    }
    try:
        services.attendance_record(
            course,
            actor=request.user,
            attended_ids=ids_param(request, "attended"),
            notes=notes,
        )
    except ValidationError as error:  # the attendance table is a list of rows, not a form: a message
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Attendance recorded."))
    return redirect(COURSES.url("detail", course.pk))


@file_of("delegates.TrainingCourse", "delegates:course_detail")
def course_materials(request, pk):
    course = get_object_or_404(COURSES.viewable(request).exclude(path=""), pk=pk)
    return record_file_response(course)


@role_required(can_read_delegate_work)
def training_summary(request):
    """Attendance per course and per term: invited, attended, rate."""
    today = timezone.localdate()
    courses = list(
        COURSES.get_queryset(request).annotate(
            invited=Count("attendances"), present=Count("attendances", filter=Q(attendances__attended=True))
        )
    )
    for course in courses:
        course.upcoming = course.start_date > today
    terms: dict = {}
    for mandate_term, invited, present in (
        Mandate.objects.filter(council=request.council)
        .values_list("term__name")
        # Courses still to come are not in the rates: nobody could have attended them yet.
        .annotate(
            i=Count("trainings", filter=Q(trainings__course__start_date__lte=today)),
            p=Count(
                "trainings", filter=Q(trainings__attended=True, trainings__course__start_date__lte=today)
            ),
        )
        .order_by("term__name")
    ):
        terms[mandate_term] = (invited, present, round(100 * present / invited) if invited else None)
    return render(
        request,
        "delegates/training_summary.html",
        {"courses": courses, "terms": sorted(terms.items())},
    )


# --- Action programmes ---------------------------------------------------------------------------------


def _program_mandate(request, pk) -> Mandate:
    mandate = get_object_or_404(
        Mandate.objects.filter(council=request.council).select_related("delegate", "term"), pk=pk
    )
    require(can_read_mandate_work(request.user, mandate))
    return mandate


def program_detail(request, pk):
    return _program_page(request, _program_mandate(request, pk))


def _program_page(request, mandate, **bound):
    """The programme's page; ``bound``: a form sent from it and refused, shown again with its errors."""
    program = ActionProgram.objects.filter(mandate=mandate).first()
    editable = can_edit_program(request.user, mandate)
    years = services.assessment_years(mandate)
    commitments = []
    if program is not None:
        assessments: dict = {}
        for a in CommitmentAssessment.objects.filter(commitment__program=program).select_related(
            "assessed_by"
        ):
            assessments.setdefault(a.commitment_id, {}).setdefault(a.year, {})[a.by] = a
        commitments = [
            (c, sorted(assessments.get(c.pk, {}).items(), reverse=True))
            for c in program.commitments.select_related("field", "admin_unit")
        ]
    parties = assessors_for(request.user, mandate)
    return render(
        request,
        "delegates/program_detail.html",
        {
            "mandate": mandate,
            "program": program,
            "commitments": commitments,
            "editable": editable,
            "parties": [(p, Assessor(p).label) for p in parties],
            "program_form": forms.ProgramForm(
                initial={"announced_on": program.announced_on, "summary": program.summary}
                if program
                else None
            )
            if editable
            else None,
            "commitment_form": forms.CommitmentForm(council=request.council) if editable else None,
            "assess_form": forms.AssessForm(years=years, initial={"year": years[-1] if years else None})
            if parties and years
            else None,
            "assessors": Assessor,
            **bound,
        },
    )


@require_POST
def program_save(request, pk):
    mandate = _program_mandate(request, pk)
    require(can_edit_program(request.user, mandate))
    form_class = forms.CommitmentForm if "text" in request.POST else forms.ProgramForm
    if form_class is forms.CommitmentForm:
        form = forms.CommitmentForm(request.POST, council=request.council)

        def call(data):
            program = ActionProgram.objects.filter(mandate=mandate).first() or services.program_save(
                mandate, actor=request.user
            )
            services.commitment_add(program, actor=request.user, **data)
    else:
        form = forms.ProgramForm(request.POST)

        def call(data):
            services.program_save(mandate, actor=request.user, **data)

    key = "commitment_form" if form_class is forms.CommitmentForm else "program_form"
    return form_action(
        request,
        form,
        call,
        done=reverse("delegates:program_detail", args=[mandate.pk]),
        page=lambda bound: _program_page(request, mandate, **{key: bound}),
    )


@require_POST
def commitment_assess(request, pk):
    commitment = get_object_or_404(
        ActionCommitment.objects.filter(program__mandate__council=request.council).select_related(
            "program__mandate__delegate", "program__mandate__term"
        ),
        pk=pk,
    )
    mandate = commitment.program.mandate
    by = request.POST.get("by", "")
    require(can_assess(request.user, mandate, by))
    run_form_action(
        request,
        forms.AssessForm(request.POST, years=services.assessment_years(mandate)),
        lambda d: services.commitment_assess(commitment, actor=request.user, by=by, **d),
    )
    return redirect("delegates:program_detail", mandate.pk)


# --- Criteria and emulation ----------------------------------------------------------------------------


class CriterionViewSet(ReferenceViewSet):
    model = EvaluationCriterion
    form_class = forms.CriterionForm
    slug = "criterion"
    columns = ["order", "text", "max_points", "is_active"]
    search_fields = ["text"]
    filters = ["is_active"]
    ordering = ["order", "pk"]

    create_service = staticmethod(services.criterion_create)
    update_service = staticmethod(services.criterion_update)


class MovementViewSet(ReferenceViewSet):
    model = EmulationMovement
    form_class = forms.MovementForm
    slug = "movement"
    columns = ["name", "launched_on", "is_active"]
    search_fields = ["name"]
    filters = ["is_active"]
    ordering = ["-launched_on"]
    detail_template = "delegates/movement_detail.html"

    def can_view(self, user, council):
        return can_read_delegate_work(user, council)

    create_service = staticmethod(services.movement_create)

    def get_detail_context(self, request, obj):
        manager = can_manage_records(request.user, request.council)
        nominations = selectors.movement_nominations(obj)
        return {
            **super().get_detail_context(request, obj),
            "nominations": nominations,
            "manager": manager,
            "nomination_form": forms.NominationForm(
                council=request.council, initial={"year": timezone.localdate().year}
            )
            if manager
            else None,
            "decide_forms": {n.pk: forms.DecideForm(auto_id=f"decide-{n.pk}-%s") for n in nominations}
            if manager
            else {},
        }


CRITERIA = CriterionViewSet()
MOVEMENTS = MovementViewSet()


@require_POST
def nomination_add(request, pk):
    movement = get_object_or_404(MOVEMENTS.get_queryset(request), pk=pk)
    require(can_manage_records(request.user, request.council))
    return form_action(
        request,
        forms.NominationForm(request.POST, council=request.council),
        lambda d: services.nomination_create(movement, actor=request.user, **d),
        done=MOVEMENTS.url("detail", movement.pk),
        page=lambda form: MOVEMENTS.render_detail(request, movement, nomination_form=form),
    )


@require_POST
def nomination_decide(request, pk):
    nomination = get_object_or_404(Nomination.objects.filter(movement__council=request.council), pk=pk)
    require(can_manage_records(request.user, request.council))
    run_form_action(
        request,
        forms.DecideForm(request.POST),
        lambda d: services.nomination_decide(nomination, actor=request.user, **d),
    )
    return redirect(MOVEMENTS.url("detail", nomination.movement_id))


@role_required(can_read_delegate_work)
def exemplary_models(request):
    """The year's exemplary models to introduce: commended nominees flagged as models."""
    year = year_param(request)
    models = (
        Nomination.objects.filter(movement__council=request.council, year=year, exemplary=True)
        .select_related("movement", "mandate__delegate", "group")
        .order_by("movement", "kind", "pk")
    )
    years = sorted(
        set(Nomination.objects.filter(movement__council=request.council).values_list("year", flat=True))
        | {timezone.localdate().year},
        reverse=True,
    )
    return render(request, "delegates/exemplary.html", {"models": models, "year": year, "years": years})
