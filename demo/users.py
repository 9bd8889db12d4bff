"""The demo logins of ``demo/data/users.json``: one per role, each with its roles in the demo councils.

A login that speaks for a delegate names them (``"delegate"``) and takes their name; the others carry their
own. Every password is ``settings.DEMO_PASSWORD`` and every address ``<login>@example.invalid`` (a domain
that never receives mail: what is mailed to the demo users waits in the outbox, and the development server's
console backend prints it). Roles go through ``council.services.role_assign`` and the link to the delegate
through ``delegates.services.delegate_update``; a second run changes nothing.
"""

from django.conf import settings

from council.models import Agency, Committee, Council, User
from council.services import role_assign
from delegates.models import Delegate
from delegates.services import delegate_update
from demo.loader import scenario


def seed_users(delegates: dict[str, Delegate]) -> list[tuple[str, str, str]]:
    """Create the missing demo logins and their roles; (username, full name, what it shows) for each."""
    password = settings.DEMO_PASSWORD
    councils = {c.code: c for c in Council.objects.all()}
    logins = []
    for spec in scenario("users")["users"]:
        username = spec["username"]
        delegate = delegates.get(spec.get("delegate", ""))
        user = User.objects.filter(username=username).first()
        if user is None:
            admin = spec.get("superuser", False)
            user = User(
                username=username,
                full_name=delegate.full_name if delegate else spec["full_name"],
                email=spec["email"],
                is_staff=admin,
                is_superuser=admin,
            )
            user.set_password(password)
            user.save()
        else:
            changed = []
            if not user.check_password(password):
                user.set_password(password)
                changed.append("password")
            if user.email != spec["email"]:  # a demo loaded before the logins had addresses
                user.email = spec["email"]
                changed.append("email")
            if changed:
                user.save(update_fields=changed)
        for role in spec["roles"]:
            council = councils[role["council"]]
            extra: dict = {}
            if "committee" in role:
                extra["committee"] = Committee.objects.get(council=council, kind=role["committee"])
            if "agency" in role:
                extra["agency"] = Agency.objects.get(council=council, name=role["agency"])
            role_assign(actor=None, user=user, council=council, role=role["role"], **extra)
        if delegate and delegate.user_id is None and not Delegate.objects.filter(user=user).exists():
            delegate_update(delegate, actor=None, user=user)
        logins.append((username, user.get_full_name(), spec["description"]))
    return logins
