"""Who calls the API: a bearer token (its user, council and scope), or nobody (the open data).

- ``TokenAuthentication`` reads ``Authorization: Bearer hdnd_…``; an unknown, expired or revoked key is a
  401, never a silent anonymous call. The request's council is the token's.
- ``HasScope`` lets a view require a scope, and checks again that the owner's roles still allow it (a
  respondent moved out of the agency loses the token's use at once).
- ``ApiRateThrottle`` counts in the database (``council.ratelimit``): per token, or per address for calls
  without one; the same answer from every process, Redis up or down.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import BaseThrottle

from council import ratelimit

from .models import ApiToken, ApiTokenUse
from .services import key_hash, password_stamp, scope_allowed

TOKEN_REQUESTS_PER_MINUTE = 300
ANONYMOUS_REQUESTS_PER_MINUTE = 120
# Refused keys from one address in a minute before every call from it is refused (429) for the minute.
FAILED_KEYS_PER_MINUTE = 20


class TokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        address = ratelimit.client_ip(request._request) or "unknown"
        if ratelimit.used(f"hdnd:api:refused:{address}", 60) >= FAILED_KEYS_PER_MINUTE:
            raise exceptions.Throttled(wait=60)
        token, refusal = self._token(header)
        if refusal:
            ratelimit.count(f"hdnd:api:refused:{address}", 60)
            if token is not None:  # a known key refused (revoked, expired, stale): its owner's log shows it
                ApiTokenUse.objects.create(
                    token=token,
                    method=request.method[:10],
                    path=request._request.get_full_path()[:300],
                    status=401,
                    ip=ratelimit.client_ip(request._request),
                )
            raise exceptions.AuthenticationFailed(refusal)
        request._request.council = token.council
        return token.user, token

    def _token(self, header) -> tuple[ApiToken | None, str]:
        """The key's token and "" if it may be used; else the token if known and why it is refused."""
        if len(header) != 2:
            return None, _("Write the header as “Authorization: Bearer <key>”.")
        try:
            key = header[1].decode()
        except UnicodeDecodeError:
            return None, _("This key is not valid.")
        if len(key) >= 200:
            return None, _("This key is not valid.")
        token = ApiToken.objects.select_related("user", "council").filter(key_hash=key_hash(key)).first()
        if token is None or not token.user.is_active:
            return None, _("This key is not valid.")
        if token.revoked_at is not None:
            return token, _("This key was revoked.")
        if token.expires_at <= timezone.now():
            return token, _("This key has expired.")
        if token.password_stamp != password_stamp(token.user):
            return token, _("The owner's password changed since this key was made: make a new key.")
        return token, ""

    def authenticate_header(self, request):
        return self.keyword


def token_of(request) -> ApiToken | None:
    return request.auth if isinstance(request.auth, ApiToken) else None


class HasScope(BasePermission):
    """The call carries a token of the view's ``required_scope`` whose owner's roles still allow it."""

    message = _("This key's scope does not allow this.")

    def has_permission(self, request, view):
        token = token_of(request)
        if token is None:
            raise exceptions.NotAuthenticated(_("This needs an access key (Authorization: Bearer <key>)."))
        return token.scope == view.required_scope and scope_allowed(token.user, token.council, token.scope)


class ApiRateThrottle(BaseThrottle):
    """Per token, or per address without one, in one-minute windows."""

    def allow_request(self, request, view):
        token = token_of(request)
        if token is not None:
            key, limit = f"hdnd:api:token:{token.pk}", TOKEN_REQUESTS_PER_MINUTE
        else:
            key, limit = (
                f"hdnd:api:ip:{ratelimit.client_ip(request._request) or 'unknown'}",
                ANONYMOUS_REQUESTS_PER_MINUTE,
            )
        return ratelimit.count(key, 60) <= limit

    def wait(self):
        return 60
