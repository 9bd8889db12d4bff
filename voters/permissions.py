"""Who sees what of voters' business. The Office keeps every record; delegates record the meetings they
attend; readers see petitions and meetings; a denouncer's identity is for authorised Office staff only."""

from council.models import Role, User
from council.permissions import can_manage_records, headed_committees, roles_in

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


# Consultations on drafts: the Office keeps them; the Standing Committee, the committee heads and the
# leadership follow them.
CONSULTATION_READERS = frozenset(
    {Role.OFFICE, Role.ADMIN, Role.STANDING, Role.COMMITTEE_HEAD, Role.LEADERSHIP}
)


def can_read_consultations(user: User, council) -> bool:
    return bool(roles_in(user, council) & CONSULTATION_READERS)


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


def can_review_petition(user: User, petition) -> bool:
    """The Office, or the head of the petition's lead committee."""
    if can_manage_records(user, petition.council):
        return True
    return petition.committee_id is not None and petition.committee_id in headed_committees(
        user, petition.council
    )


def can_read_letters(user: User, council) -> bool:
    return bool(roles_in(user, council) & LETTER_READERS)


def can_see_sender(user: User, letter) -> bool:
    """Whether the user may see who sent the letter (a denouncer: authorised Office staff only).

    Decided by the personal-data registry (council/personal_data.py), like every other personal field."""
    from council.personal_data import Redactor

    return Redactor.for_user(user, letter.council).sees(letter, "sender_name")
