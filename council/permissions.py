"""Who may see and do what. Roles are held per council; nobody sees another council's records."""

from django.db.models import Q, QuerySet

from .models import Council, Role, User

MANAGERS = frozenset({Role.OFFICE, Role.ADMIN})
OVERVIEW_READERS = frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING, Role.LEADERSHIP})


def _role_map(user: User) -> dict[int, frozenset[str]]:
    # Cached on the user object: one query per request, however many checks a page makes.
    cached = getattr(user, "_hdnd_roles", None)
    if cached is None:
        roles: dict[int, set[str]] = {}
        for council_id, role in user.roles.values_list("council_id", "role"):
            roles.setdefault(council_id, set()).add(role)
        cached = {cid: frozenset(r) for cid, r in roles.items()}
        user._hdnd_roles = cached
    return cached


def roles_in(user: User, council: Council | None) -> frozenset[str]:
    """The roles the user holds in the council (a superuser administers every council)."""
    if council is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    roles = _role_map(user).get(council.pk, frozenset())
    return roles | {Role.ADMIN} if user.is_superuser else roles


def councils_for(user: User) -> QuerySet[Council]:
    if not user.is_authenticated:
        return Council.objects.none()
    if user.is_superuser:
        return Council.objects.all()
    return Council.objects.filter(pk__in=list(_role_map(user)))


def is_member(user: User, council: Council | None) -> bool:
    return bool(roles_in(user, council))


def can_manage_records(user: User, council: Council | None) -> bool:
    """Office staff and administrators enter and maintain the council's records."""
    return bool(roles_in(user, council) & MANAGERS)


def can_read_overview(user: User, council: Council | None) -> bool:
    return bool(roles_in(user, council) & OVERVIEW_READERS)


def scoped(queryset: QuerySet, user: User, council: Council | None) -> QuerySet:
    """The rows of ``council`` in ``queryset`` if the user belongs to it, otherwise none."""
    if not is_member(user, council):
        return queryset.none()
    return queryset.filter(council=council)


FOLLOWUP_READERS = frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING, Role.COMMITTEE_HEAD, Role.LEADERSHIP})


def can_manage_followups(user: User, council: Council | None) -> bool:
    return bool(roles_in(user, council) & MANAGERS)


def can_read_followups(user: User, council: Council | None) -> bool:
    """The council's own readers see every follow-up of the council (read-only unless managers)."""
    return bool(roles_in(user, council) & FOLLOWUP_READERS)


def can_see_internal(user: User, council: Council | None) -> bool:
    """Internal notes and Office-only log entries: never for agencies or leadership readers."""
    return bool(roles_in(user, council) & MANAGERS)


def agency_ids_of(user: User, council: Council | None) -> list[int]:
    if council is None or not user.is_authenticated:
        return []
    if getattr(user, "_hdnd_agencies", None) is None:
        user._hdnd_agencies = {}
    if council.pk not in user._hdnd_agencies:
        user._hdnd_agencies[council.pk] = list(
            user.roles.filter(council=council, role=Role.AGENCY, agency__isnull=False).values_list(
                "agency_id", flat=True
            )
        )
    return user._hdnd_agencies[council.pk]


def followups_visible_to(user: User, council: Council | None) -> QuerySet:
    """Follow-ups the user may open: all of the council for its readers; only its agency's for a respondent."""
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


def can_answer(user: User, followup) -> bool:
    """Only a respondent of the responsible agency answers for it."""
    return followup.agency_id in agency_ids_of(user, followup.council)
