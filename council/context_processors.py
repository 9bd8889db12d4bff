from .permissions import roles_in


def council_context(request):
    user = getattr(request, "user", None)
    council = getattr(request, "council", None)
    roles = roles_in(user, council) if user is not None else frozenset()
    return {
        "current_council": council,
        "user_councils": getattr(request, "user_councils", []),
        "roles": roles,
    }
