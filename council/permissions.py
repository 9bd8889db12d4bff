"""Who may see and do what. Roles are held per council; nobody sees another council's records.

The one way permissions are done in this project (``council/views/followups.py`` is the example to imitate):

1. **The role context, loaded once per request.** ``role_context(user)`` reads every role the user holds
   (with its committee, agency and the denouncer's-identity flag) in one query and keeps it on the user
   object for the rest of the request. Nothing else caches roles: ``roles_in``, ``roles_on``,
   ``agency_ids_of``, ``headed_committees`` and the personal-data redactor all read it.
2. **Predicates ``can_<verb>(user, obj) -> bool``, only in each app's ``permissions.py``.** ``obj`` is the
   council for a right over the council's records as a whole (``can_read_followups(user, council)``) and
   the record for a right over one record (``can_answer(user, followup)``). Views and services ask these
   predicates rather than comparing roles themselves.
3. **``<things>_visible_to(user, council)`` querysets** say which records a user may open, and
   **``get_<thing>_for_user_or_404(user, council, pk)`` fetchers** open one of them: a record the user may
   not see is a 404, exactly like a missing one (``followups_visible_to``, ``get_followup_for_user_or_404``).
4. **Views call those.** A page that needs only a role in the current council is decorated with
   ``@role_required(can_<verb>)``; a check that needs the record (or a form's data) is
   ``require(can_<verb>(request.user, record))`` after the fetch. Both refuse with a 403. The generic
   record pages (``council/views/viewsets.py``) take the same predicates: ``can_view`` and ``can_create`` on
   the council, ``can_edit`` on the record.
"""

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import Council, Role, User

if TYPE_CHECKING:
    from .models.followups import FollowUpQuerySet

MANAGERS = frozenset({Role.OFFICE, Role.ADMIN})
OVERVIEW_READERS = frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP})


class RoleContext:
    """Every role one user holds, by council: read in one query, kept on the user for the request."""

    def __init__(self, assignments=(), *, superuser: bool = False):
        self.superuser = superuser
        self._roles: dict[int, set[str]] = {}
        self._agencies: dict[int, list[int]] = {}
        self._committees: dict[int, list[int]] = {}
        self._protected: set[int] = set()
        for council_id, role, agency_id, committee_id, protected in assignments:
            self._roles.setdefault(council_id, set()).add(role)
            if role == Role.AGENCY and agency_id is not None:
                self._agencies.setdefault(council_id, []).append(agency_id)
            if role == Role.COMMITTEE_HEAD and committee_id is not None:
                self._committees.setdefault(council_id, []).append(committee_id)
            if protected and role in MANAGERS:
                self._protected.add(council_id)

    def roles(self, council_id: int | None) -> frozenset[str]:
        """The roles held in the council (a superuser administers every council)."""
        if council_id is None:
            return frozenset()
        roles = frozenset(self._roles.get(council_id, ()))
        return roles | {Role.ADMIN} if self.superuser else roles

    def council_ids(self) -> list[int]:
        return list(self._roles)

    def agencies(self, council_id: int | None) -> list[int]:
        """The agencies the user answers for in the council."""
        return list(self._agencies.get(council_id, ())) if council_id is not None else []

    def headed_committees(self, council_id: int | None) -> list[int]:
        """The committees the user heads in the council."""
        return list(self._committees.get(council_id, ())) if council_id is not None else []

    def sees_protected_identities(self, council_id: int | None) -> bool:
        """Whether an Office or administrator role in the council is authorised to see denouncers."""
        return council_id in self._protected


_NOBODY = RoleContext()


def role_context(user: User | None) -> RoleContext:
    """The user's roles; nobody's for an anonymous or deactivated user."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _NOBODY
    holder: Any = user  # the context rides on the request's user object, read once per request
    cached = getattr(holder, "_role_context", None)
    if cached is None:
        rows = user.roles.values_list(
            "council_id", "role", "agency_id", "committee_id", "sees_protected_identities"
        )
        cached = RoleContext(rows, superuser=user.is_superuser)
        holder._role_context = cached
    return cached


def roles_in(user: User | None, council: Council | None) -> frozenset[str]:
    """The roles the user holds in the council (a superuser administers every council)."""
    return role_context(user).roles(council.pk if council is not None else None)


def roles_on(user: User | None, record) -> frozenset[str]:
    """The roles the user holds in a record's council (read from ``council_id``: no query for the council)."""
    return role_context(user).roles(record.council_id)


def councils_for(user: User) -> QuerySet[Council]:
    if not user.is_authenticated:
        return Council.objects.none()
    if user.is_superuser:
        return Council.objects.all()
    return Council.objects.filter(pk__in=role_context(user).council_ids())


def is_member(user: User, council: Council | None) -> bool:
    return bool(roles_in(user, council))


def can_manage_records(user: User, council: Council | None) -> bool:
    """Office staff and administrators enter and maintain the council's records."""
    return bool(roles_in(user, council) & MANAGERS)


def can_manage_record(user: User, record) -> bool:
    """The same right over one record of a council (the default for editing a reference record)."""
    return bool(roles_on(user, record) & MANAGERS)


def can_read_overview(user: User, council: Council | None) -> bool:
    return bool(roles_in(user, council) & OVERVIEW_READERS)


def scoped(queryset: QuerySet, user: User, council: Council | None) -> QuerySet:
    """The rows of ``council`` in ``queryset`` if the user belongs to it, otherwise none."""
    if not is_member(user, council):
        return queryset.none()
    return queryset.filter(council=council)


# --- Follow-ups -----------------------------------------------------------------------------------------

FOLLOWUP_READERS = frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING, Role.COMMITTEE_HEAD, Role.LEADERSHIP})


def can_manage_followups(user: User, council: Council | None) -> bool:
    return bool(roles_in(user, council) & MANAGERS)


def can_read_followups(user: User, council: Council | None) -> bool:
    """The council's own readers see every follow-up of the council (read-only unless managers)."""
    return bool(roles_in(user, council) & FOLLOWUP_READERS)


def can_see_internal(user: User, council: Council | None) -> bool:
    """Internal notes and Office-only log entries: never for agencies or leadership readers."""
    return bool(roles_in(user, council) & MANAGERS)


def agency_ids_of(user: User | None, council: Council | None) -> list[int]:
    """The agencies the user answers for in the council."""
    return role_context(user).agencies(council.pk if council is not None else None)


def headed_committees(user: User | None, council: Council | None) -> list[int]:
    """The committees the user heads in the council."""
    return role_context(user).headed_committees(council.pk if council is not None else None)


def can_use_agency_portal(user: User, council: Council | None) -> bool:
    """A respondent of an agency of the council."""
    return bool(agency_ids_of(user, council))


def followups_visible_to(user: User, council: Council | None) -> "FollowUpQuerySet":
    """Follow-ups the user may open: all the council's for its readers; only its agency's for a respondent."""
    from .models import FollowUp

    if can_read_followups(user, council):
        return FollowUp.objects.filter(council=council)
    agencies = agency_ids_of(user, council)
    if agencies:
        return (
            FollowUp.objects.filter(council=council)
            .filter(Q(agency_id__in=agencies) | Q(coordinating_agencies__in=agencies))
            .distinct()
        )
    return FollowUp.objects.none()


def get_followup_for_user_or_404(user: User, council: Council | None, pk: int):
    """A follow-up the user may see; anything else is a 404 (missing and forbidden look alike)."""
    return get_object_or_404(
        followups_visible_to(user, council).select_related("agency", "field", "rule"), pk=pk
    )


def can_answer(user: User, followup) -> bool:
    """Only a respondent of the responsible agency answers for it."""
    return followup.agency_id in role_context(user).agencies(followup.council_id)


# --- Refusing in views ----------------------------------------------------------------------------------


def require(allowed: bool) -> None:
    """Refuse the page (403) unless the predicate allowed it."""
    if not allowed:
        raise PermissionDenied(_("Your role does not allow this page."))


def role_required(predicate: Callable[[User, Council], bool]):
    """Decorate a view that needs only a role in the current council: 403 unless
    ``predicate(request.user, request.council)``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.council is None:
                raise PermissionDenied(_("You hold no role in any council."))
            require(predicate(request.user, request.council))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
