"""``/api/v1/``: the open data, the agency integration, the schema and its documentation page."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import agency, figures, hall, pages, public
from .views import not_found

app_name = "api"


class RecordId:
    """A record id of at most 18 digits: anything longer is no record, and falls to the API's own 404 (the
    site-wide bound, ``BoundedPathIdsMiddleware``, would answer with the site's HTML page)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(RecordId, "record_id")


def _open(view):
    """API views answer for themselves (a token or nobody): the site's sign-in requirement does not apply."""
    return login_not_required(view)


urlpatterns = [
    path("v1/schema/", _open(SpectacularAPIView.as_view(api_version="v1")), name="schema"),
    path(
        "v1/docs/",
        _open(SpectacularSwaggerView.as_view(url_name="api:schema", template_name="api/docs.html")),
        name="docs",
    ),
    path("v1/councils/", _open(public.CouncilList.as_view()), name="councils"),
    path("v1/councils/<slug:council_code>/terms/", _open(public.TermList.as_view()), name="terms"),
    path(
        "v1/councils/<slug:council_code>/delegates/", _open(public.DelegateList.as_view()), name="delegates"
    ),
    path("v1/councils/<slug:council_code>/sessions/", _open(public.SessionList.as_view()), name="sessions"),
    path(
        "v1/councils/<slug:council_code>/sessions/<record_id:pk>/",
        _open(public.SessionDetail.as_view()),
        name="session",
    ),
    path(
        "v1/councils/<slug:council_code>/resolutions/",
        _open(public.ResolutionList.as_view()),
        name="resolutions",
    ),
    path(
        "v1/councils/<slug:council_code>/resolutions/<record_id:pk>/",
        _open(public.ResolutionDetail.as_view()),
        name="resolution",
    ),
    path("v1/councils/<slug:council_code>/answers/", _open(public.AnswerList.as_view()), name="answers"),
    path(
        "v1/councils/<slug:council_code>/figures/",
        _open(figures.PublicFigures.as_view()),
        name="council_figures",
    ),
    path("v1/figures/", _open(figures.KeyFigures.as_view()), name="figures"),
    path("v1/agency/followups/", _open(agency.FollowUpList.as_view()), name="agency_followups"),
    path(
        "v1/agency/followups/<record_id:pk>/", _open(agency.FollowUpDetail.as_view()), name="agency_followup"
    ),
    path(
        "v1/agency/followups/<record_id:pk>/reports/",
        _open(agency.FollowUpReport.as_view()),
        name="agency_followup_report",
    ),
    path(
        "v1/hall/sittings/<record_id:pk>/speeches/",
        _open(hall.SittingSpeeches.as_view()),
        name="hall_speeches",
    ),
    path(
        "v1/hall/resolutions/<record_id:pk>/ballots/",
        _open(hall.ResolutionBallots.as_view()),
        name="hall_ballots",
    ),
    path("keys/", pages.keys, name="keys"),
    path("keys/<record_id:pk>/revoke/", pages.revoke, name="key_revoke"),
    re_path(r"^.*$", _open(not_found), name="not_found"),
]
