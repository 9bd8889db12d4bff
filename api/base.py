"""What every API view shares: errors as RFC 9457 problem details, the token-use log, and conditional GET.

- Errors: ``problem_handler`` turns every refusal DRF raises (validation, authentication, permission,
  not found, throttling, parse errors) into ``application/problem+json`` with ``type``, ``title``,
  ``status``, ``detail`` and, for invalid input, ``errors`` by field, in the caller's language
  (``Accept-Language``; Vietnamese by default). A service's ``ValidationError`` is a 400 of the same shape.
- Every call made with a token leaves an ``ApiTokenUse`` row and refreshes the token's last use.
- A GET answered 200 carries a strong ``ETag`` (SHA-256 of the body); ``If-None-Match`` with it is a 304
  without a body. Open data (no token) is ``Cache-Control: public, max-age=300``; a token's answers are
  ``private, no-store``.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from council import ratelimit

from .auth import token_of
from .models import ApiToken, ApiTokenUse

PROBLEM_TYPE = "https://hdnd.example.invalid/api/problems/"
OPEN_DATA_MAX_AGE = 300


def _titles():
    return {
        400: _("The request is not valid."),
        401: _("An access key is needed, or the key given is not valid."),
        403: _("Not allowed."),
        404: _("Not found."),
        405: _("Method not allowed."),
        406: _("Cannot answer in the format asked for."),
        413: _("The request is too large."),
        415: _("Unsupported media type."),
        429: _("Too many requests."),
    }


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(k): [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()}
    if isinstance(detail, list):
        return {"non_field_errors": [str(m) for m in detail]}
    return {}


def problem(status_code: int, detail: str = "", errors: dict | None = None, headers=None) -> Response:
    body = {
        "type": f"{PROBLEM_TYPE}{status_code}",
        "title": str(_titles().get(status_code, _("Error"))),
        "status": status_code,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = Response(body, status=status_code, headers=headers, content_type="application/problem+json")
    return response


def problem_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return problem(400, _("Correct the fields named in errors."), {k: list(v) for k, v in errors.items()})
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real server error: Django's handler answers and logs it
    detail = exc.detail if isinstance(exc, exceptions.APIException) else ""
    if isinstance(exc, exceptions.ValidationError):
        return problem(400, _("Correct the fields named in errors."), _flatten(detail), response.headers)
    text = str(detail) if not isinstance(detail, dict | list) else ""
    return problem(response.status_code, text, None, {k: v for k, v in response.headers.items()})


def body_object(request) -> dict:
    """The request body as an object: a JSON list, string or number where an object is expected is a 400."""
    if not hasattr(request.data, "get"):
        raise exceptions.ValidationError({"non_field_errors": [_("Send an object of fields.")]})
    return request.data


class ApiView(APIView):
    """The base of every API view: the log, the conditional GET, the caching headers."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = token_of(request)
        if request.method == "GET" and response.status_code == status.HTTP_200_OK:
            response = self._conditional(request, response, private=token is not None)
        if token is not None:
            self._log(request, token, response.status_code)
        return response

    def _conditional(self, request, response, *, private: bool):
        response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        response["Cache-Control"] = "private, no-store" if private else f"public, max-age={OPEN_DATA_MAX_AGE}"
        response["Vary"] = "Accept, Accept-Language, Authorization"
        wanted = [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]
        if etag in wanted or "*" in wanted:
            not_modified = Response(status=status.HTTP_304_NOT_MODIFIED)
            not_modified.accepted_renderer = response.accepted_renderer
            not_modified.accepted_media_type = response.accepted_media_type
            not_modified.renderer_context = response.renderer_context
            for header in ("ETag", "Cache-Control", "Vary"):
                not_modified[header] = response[header]
            return not_modified
        return response

    def _log(self, request, token: ApiToken, status_code: int) -> None:
        now = timezone.now()
        ApiTokenUse.objects.create(
            token=token,
            at=now,
            method=request.method[:10],
            path=request.get_full_path()[:300],
            status=status_code,
            ip=ratelimit.client_ip(request._request),
        )
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
