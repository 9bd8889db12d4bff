"""Who may see and do what. Roles are held per council; nobody sees another council's records."""

from django.db.models import QuerySet

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
