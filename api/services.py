"""Making and revoking access tokens: each a service, atomic, with a history row naming who did it."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, User
from council.permissions import agency_ids_of, can_manage_records, can_read_overview
from council.services.records import record_save

from .models import ApiToken, Scope

KEY_PREFIX = "hdnd_"
MAX_DAYS = 365


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def password_stamp(user: User) -> str:
    """A digest of the user's current password hash: it changes whenever the password does."""
    return hashlib.sha256(f"api-key:{user.password}".encode()).hexdigest()


def scope_allowed(user: User, council: Council, scope: str) -> bool:
    """Whether the user's roles in the council allow a token of this scope (checked again at every use)."""
    if scope == Scope.AGENCY:
        return bool(agency_ids_of(user, council))
    if scope == Scope.FIGURES:
        return can_read_overview(user, council)
    if scope == Scope.HALL:
        return can_manage_records(user, council)
    return False


def scopes_for(user: User, council: Council | None) -> list[tuple[str, str]]:
    """The scopes the user may make a token for, as choices."""
    if council is None:
        return []
    return [(value, str(label)) for value, label in Scope.choices if scope_allowed(user, council, value)]


@transaction.atomic
def token_create(
    *, user: User, council: Council, name: str, scope: str, days: int, actor: User
) -> tuple[ApiToken, str]:
    """Make a token for ``user`` in ``council``; return it and its key (shown once, never stored)."""
    errors = {}
    if not (name or "").strip():
        errors["name"] = _("Say what the token is for.")
    if scope not in Scope.values:
        errors["scope"] = _("Choose a scope.")
    elif not scope_allowed(user, council, scope):
        errors["scope"] = _("Your role in this council does not allow a token of this scope.")
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        errors["days"] = _("A token lasts from 1 to %(days)s days.") % {"days": MAX_DAYS}
    if errors:
        raise ValidationError(errors)
    secret = secrets.token_urlsafe(32)
    key = f"{KEY_PREFIX}{secret}"
    token = ApiToken(
        council=council,
        user=user,
        name=name.strip(),
        scope=scope,
        prefix=key[: len(KEY_PREFIX) + 6],
        key_hash=key_hash(key),
        password_stamp=password_stamp(user),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    record_save(token, actor=actor)
    return token, key


@transaction.atomic
def token_revoke(token: ApiToken, *, actor: User) -> ApiToken:
    """Revoke a token (its owner or an administrator); a revoked token stays revoked."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        record_save(token, actor=actor, update_fields=["revoked_at"], reason="revoked")
    return token
