"""Answers of the API outside its resources."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from .base import PROBLEM_TYPE


@csrf_exempt  # a POST to no resource is a 404 like a GET, not the site's CSRF page
def not_found(request, *args, **kwargs):
    """Any other address under ``/api/``: a 404 in the API's shape, not the site's HTML page."""
    body = {"type": f"{PROBLEM_TYPE}404", "title": _("Not found."), "status": 404, "detail": ""}
    return JsonResponse(body, status=404, content_type="application/problem+json")
