from .permissions import councils_for

SESSION_KEY = "current_council_id"


class CurrentCouncilMiddleware:
    """Attach the council the user is working in (``request.council``) and the councils they may switch to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.council = None
        request.user_councils = []
        if request.user.is_authenticated:
            # Provinces first: a provincial officer who also serves a commune starts in the province.
            councils = sorted(councils_for(request.user), key=lambda c: (c.level != c.Level.PROVINCE, c.name))
            wanted = request.session.get(SESSION_KEY)
            request.user_councils = councils
            request.council = next((c for c in councils if c.pk == wanted), councils[0] if councils else None)
        return self.get_response(request)


class BoundedPathIdsMiddleware:
    """Answer 404 for a path whose number is beyond what a record id or a year can be.

    ``<int:pk>`` accepts any count of digits; ``/followups/99999999999999999999/`` reached the query and
    failed there. Checked once here, for every view present and future (``council.params``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.http import Http404

        from .params import ID_MAX, year_or_404

        for name, value in view_kwargs.items():
            if isinstance(value, int) and not isinstance(value, bool):
                if name == "year":
                    year_or_404(value)
                elif not 0 <= value <= ID_MAX:
                    raise Http404("No such record.")
        return None


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` (settings.PERMISSIONS_POLICY: feature -> allowed origins, [] for none).

    Camera, microphone, geolocation and the other powerful features no page uses are off for every page
    and anything it might embed; the header is built once. A response that set its own keeps it."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
