"""Who sees what of voters' business. The Office keeps every record; delegates record the meetings they
attend; readers see petitions and meetings; a denouncer's identity is for authorised Office staff only."""

from council.models import Role, User
from council.permissions import can_manage_records, roles_in

READERS = frozenset(
    {
        Role.OFFICE,
        Role.ADMIN,
        Role.STANDING,
        Role.COMMITTEE_HEAD,
        Role.LEADERSHIP,
        Role.GROUP_LEADER,
        Role.DELEGATE,
    }
)
DELEGATES = frozenset({Role.DELEGATE, Role.GROUP_LEADER})
# Letters (complaints, denunciations) are the Office's and the Standing Committee's business; leadership
# readers see them as counts on the dashboard only (their texts name people).
LETTER_READERS = frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING})


def can_read_voters(user: User, council) -> bool:
    return bool(roles_in(user, council) & READERS)


def can_record_meetings(user: User, council) -> bool:
    """The Office, and delegates (for the meetings they attend)."""
    return can_manage_records(user, council) or bool(roles_in(user, council) & DELEGATES)


def can_edit_meeting(user: User, meeting) -> bool:
    if can_manage_records(user, meeting.council):
        return True
    if not roles_in(user, meeting.council) & DELEGATES:
        return False
    return meeting.delegates.filter(delegate__user=user).exists()


def sees_citizens(user: User, council) -> bool:
    """Whether the user may see who a citizen is (voter's name and address, a letter's sender). Leadership
    readers work from figures and subjects only: a user whose only roles there are leadership's never does."""
    return bool(roles_in(user, council) - {Role.LEADERSHIP})


def can_read_letters(user: User, council) -> bool:
    return bool(roles_in(user, council) & LETTER_READERS)


def sees_protected_identity(user: User, council) -> bool:
    """Authorised Office staff only (a flag on their Office role); never leadership readers or agencies."""
    if council is None or not user.is_authenticated:
        return False
    cache = getattr(user, "_hdnd_protected", None)
    if cache is None:
        cache = user._hdnd_protected = {}
    if council.pk not in cache:
        cache[council.pk] = user.roles.filter(
            council=council, role__in=[Role.OFFICE, Role.ADMIN], sees_protected_identities=True
        ).exists()
    return cache[council.pk]


def can_see_sender(user: User, letter) -> bool:
    if letter.protected:
        return sees_protected_identity(user, letter.council)
    return can_manage_records(user, letter.council) or (
        can_read_letters(user, letter.council) and sees_citizens(user, letter.council)
    )
