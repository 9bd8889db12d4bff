from .permissions import FOLLOWUP_READERS, roles_in


def council_context(request):
    user = getattr(request, "user", None)
    council = getattr(request, "council", None)
    roles = roles_in(user, council) if user is not None else frozenset()
    return {
        "current_council": council,
        "user_councils": getattr(request, "user_councils", []),
        "roles": roles,
        "roles_key": ",".join(sorted(roles)),
        # Follow-up pages open to this user? Delegates see a commitment's status, not the Office's file.
        "followup_reader": bool(roles & FOLLOWUP_READERS),
    }
