"""Public pages, without login: submit a petition, follow it by its tracking code, read published answers.

Nothing personal is ever shown here: not the name or contact of whoever submitted, not the voters behind an
opinion. Submissions and look-ups are rate-limited per address, and a hidden field catches form-filling bots.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from council import ratelimit
from council.models import AdminUnit, Council, Field, ProcessingNotice
from council.params import id_param, paginate
from council.privacy import notice_current, notice_shown
from council.text import fold

from .. import selectors, services
from ..forms import LookupForm, PublicPetitionForm
from ..models import Petition

SUBMISSIONS_PER_HOUR = 5
LOOKUPS_PER_MINUTE = 30
PUBLIC_STATES_WITH_AGENCY = {
    Petition.State.TRANSFERRED,
    Petition.State.REVIEWED,
    Petition.State.REPORTED,
    Petition.State.INFORMED,
    Petition.State.CLOSED,
    Petition.State.ROADMAP,
    Petition.State.UNRESOLVED,
}


def _key(request, scope: str) -> str:
    return f"hdnd:rate:{scope}:{ratelimit.client_ip(request) or 'unknown'}"


def _spent(request, scope: str, limit: int, seconds: int) -> bool:
    """Whether this address has used up its allowance in the current window."""
    return ratelimit.used(_key(request, scope), seconds) >= limit


def _count(request, scope: str, seconds: int) -> None:
    """Count one more use by this address (in the database: the same count for every process)."""
    ratelimit.count(_key(request, scope), seconds)


def _over_limit(request, scope: str, limit: int, seconds: int) -> bool:
    """Count this request and say whether the address is past its allowance."""
    return ratelimit.count(_key(request, scope), seconds) > limit


def _council(code: str) -> Council:
    return get_object_or_404(Council, code=code)


@login_not_required
@never_cache
def submit(request, council_code):
    council = _council(council_code)
    notice = notice_shown(council)
    form = PublicPetitionForm(request.POST or None, council=council, notice=notice)
    context = {"council": council, "form": form, "notice": notice}
    if request.method == "POST":
        # Only accepted petitions count: a citizen correcting a typo is not held back. Refused attempts count
        # in a looser window of their own, so a script cannot hammer the form either.
        if _spent(request, "submit", SUBMISSIONS_PER_HOUR, 3600) or _over_limit(request, "attempt", 30, 600):
            context["refused"] = _(
                "Too many petitions were sent from your connection. Please try again in an hour."
            )
            return render(request, "voters/public/submit.html", context, status=429)
        if form.is_valid():
            if form.cleaned_data.get("website"):
                # A bot filled the hidden field: answer as if accepted, record nothing.
                return render(request, "voters/public/submitted.html", {"council": council, "code": None})
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            try:
                petition = services.public_submit(council=council, **data)
            except ValidationError as error:
                context.update(_notice_changed(request, council, error))
                return render(request, "voters/public/submit.html", context)
            _count(request, "submit", 3600)
            return render(
                request, "voters/public/submitted.html", {"council": council, "code": petition.code}
            )
    return render(request, "voters/public/submit.html", context)


def _notice_changed(request, council, error: ValidationError) -> dict:
    """The form again, with the notice now in force to read and consent to (the box unticked)."""
    notice = notice_shown(council)
    data = request.POST.copy()
    data["notice_version"] = str(notice.version)
    data.pop("consent", None)
    form = PublicPetitionForm(data, council=council, notice=notice)
    form.is_valid()
    form.errors["consent"] = form.error_class(error.message_dict.get("consent", error.messages))
    return {"form": form, "notice": notice}


@login_not_required
def privacy(request, council_code):
    """How the council processes citizens' personal data: the notice in force, or an earlier version."""
    council = _council(council_code)
    versions = ProcessingNotice.objects.filter(council=council).order_by("-version")
    wanted = id_param(request, "version")
    notice = get_object_or_404(versions, version=wanted) if wanted is not None else notice_shown(council)
    return render(
        request,
        "voters/public/privacy.html",
        {
            "council": council,
            "notice": notice,
            "versions": versions.only("version", "published_at", "council_id"),
            "current": notice_current(council),
        },
    )


@login_not_required
@never_cache
def lookup(request, council_code):
    council = _council(council_code)
    form = LookupForm(request.GET or None)
    context = {"council": council, "form": form}
    if request.GET:
        if _over_limit(request, "lookup", LOOKUPS_PER_MINUTE, 60):
            context["refused"] = _("Too many look-ups from your connection. Please wait a minute.")
            return render(request, "voters/public/lookup.html", context, status=429)
        if form.is_valid():
            petition = (
                Petition.objects.filter(council=council, code=form.cleaned_data["code"])
                .select_related("agency", "field", "admin_unit", "merged_into", "session")
                .first()
            )
            context["petition"] = petition
            context["searched"] = True
            if petition is not None:
                context["show_agency"] = petition.state in PUBLIC_STATES_WITH_AGENCY
                context["track"] = selectors.petition_public_track(petition)
    return render(request, "voters/public/lookup.html", context)


@login_not_required
def answers(request, council_code):
    """Published answers, by field and commune."""
    council = _council(council_code)
    field_id = id_param(request, "field")
    unit_id = id_param(request, "unit")
    query = fold(request.GET.get("q", ""))[:100]
    petitions = selectors.published_answers(council, field_id=field_id, unit_id=unit_id, query=query)
    page = paginate(request, petitions, 20)
    published = Petition.objects.filter(council=council, published=True)
    return render(
        request,
        "voters/public/answers.html",
        {
            "council": council,
            "page": page,
            "fields": Field.objects.filter(pk__in=published.values("field_id")).order_by("name"),
            "units": AdminUnit.objects.filter(pk__in=published.values("admin_unit_id")).order_by("name"),
            "field_id": "" if field_id is None else str(field_id),
            "unit_id": "" if unit_id is None else str(unit_id),
            "q": request.GET.get("q", "")[:100],
        },
    )
