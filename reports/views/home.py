from django.shortcuts import render

from council.permissions import roles_in

from ..selectors import home_summary


def home(request):
    """The landing page, shaped by the roles the user holds in the current council."""
    council = request.council
    roles = roles_in(request.user, council)
    summary = home_summary(request.user, council, roles) if council else None
    return render(request, "reports/home.html", {"summary": summary})
