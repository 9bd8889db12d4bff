"""The time-based notices, made by the daily job (``manage.py notify``, beat's ``notifications-timed``).

- **An agency's items due in 7, 3 and 1 working days, and overdue**: the steps the follow-up reminders plan
  (``council.services.plan_reminders``, the one planning of them), told to the agency's respondents; for an
  item that follows an interpellation's commitment, its askers hear that the commitment falls due. The
  planning leaves out steps already mailed, so this job runs before ``followup-reminders`` (06:40 against
  07:00); each notice's key names the item, the step and the due date, so a rerun adds nothing.
- **T2**: on the last sitting day of a session still open, the leaders of each group none of whose members
  has spoken in the plenary (``sessions.selectors.session_t2``).
- **T3**: a delegate with no contribution in the term, in the week before each session and once at
  mid-term (in the 30 days after it; ``sessions.selectors.term_t3``), worded as an offer of help.
- **Documents late**: the Office, once per session and deadline, when the day the documents had to reach
  the delegates has passed (``sessions.dispatch.late_documents``, as the Office's home page lists them)
  before the session closed and some document was sent after it or is still not sent (the page's "late"
  and "not sent" marks). Event notices (a session convened, an item assigned...) are made by the services
  as they happen: ``notifications/handlers.py``.
"""

import datetime as dt
from collections import Counter

from django.db import transaction
from django.utils import timezone

from council.models import Council, FollowUp, ReminderLog, SourceKind, Term, User
from council.services import plan_reminders
from council.services.followup_deadlines import STEP_DAYS
from delegates.models import GroupMembership
from sessions.dispatch import late_documents
from sessions.models import Commitment, Session, Sitting
from sessions.selectors import session_t2, session_window_open, term_t3

from .services import notify

BEFORE_SESSION = dt.timedelta(days=7)
MIDTERM_WINDOW = dt.timedelta(days=30)  # a first run long after mid-term does not nudge about it
LEADERS = (GroupMembership.Role.LEADER, GroupMembership.Role.DEPUTY)


class _DryRun(Exception):
    pass


def notify_timed(*, today: dt.date | None = None, dry_run: bool = False) -> Counter:
    """Make the day's time-based notices; return how many of each kind (those a dry run would make)."""
    today = today or timezone.localdate()
    made: Counter = Counter()
    try:
        with transaction.atomic():
            _followup_steps(today, made)
            _group_plenary(today, made)
            _delegate_contribution(today, made)
            _documents_late(today, made)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return made


def _count(made: Counter, kind: str, notices: list) -> None:
    if notices:
        made[kind] += len(notices)


def _followup_steps(today: dt.date, made: Counter) -> None:
    planned = plan_reminders(today=today)
    commitments = _commitments([p.followup for p in planned])
    for step in planned:
        item = step.followup
        key = f"{item.pk}:{step.step}:{item.due_date:%Y%m%d}"
        if step.step == ReminderLog.Step.OVERDUE:
            _count(made, "followup_overdue", notify("followup_overdue", item, key=f"overdue:{key}"))
            continue
        notices = notify("followup_due", item, params={"days": STEP_DAYS[step.step]}, key=f"due:{key}")
        _count(made, "followup_due", notices)
        commitment = commitments.get(item.pk)
        if commitment is not None:
            interpellation = commitment.interpellation
            notices = notify(
                "commitment_due", interpellation, params={"due": item.due_date}, key=f"commitment_due:{key}"
            )
            _count(made, "commitment_due", notices)


def _commitments(items: list[FollowUp]) -> dict[int, Commitment]:
    """The interpellation commitment each item follows, by item (two queries)."""
    ids = {item.source_id: item.pk for item in items if item.source_kind == SourceKind.COMMITMENT}
    found = Commitment.objects.filter(pk__in=ids).select_related("interpellation")
    return {ids[commitment.pk]: commitment for commitment in found}


def _documents_late(today: dt.date, made: Counter) -> None:
    for council in Council.objects.all():
        for row in late_documents(council, today):
            if not row.late:
                continue  # none recorded at all: the Office's home page lists it, there is nothing to count
            notices = notify(
                "session_documents_late",
                row.session,
                params={"count": row.late},
                key=f"session_documents_late:{row.session.pk}:{row.deadline:%Y%m%d}",
            )
            _count(made, "session_documents_late", notices)


def _group_plenary(today: dt.date, made: Counter) -> None:
    for session in Session.objects.filter(start_date__lte=today, end_date__gte=today):
        if not session_window_open(session, today):
            continue
        days_left = (
            Sitting.objects.filter(session=session, date__gte=today, kind=Sitting.Kind.PLENARY)
            .values("date")
            .distinct()
            .count()
        )
        if days_left != 1:
            continue
        for group in session_t2(session).missing:
            leaders = User.objects.filter(
                delegate__mandates__group_memberships__in=GroupMembership.objects.filter(
                    group=group.group, role__in=LEADERS
                ).active_on(today)
            ).distinct()
            notices = notify(
                "quota_group_plenary",
                session,
                recipients=leaders,
                key=f"quota_group_plenary:{session.pk}:{group.group.pk}",
            )
            _count(made, "quota_group_plenary", notices)


def _delegate_contribution(today: dt.date, made: Counter) -> None:
    for council in Council.objects.all():
        for term in Term.objects.filter(council=council, start_date__lte=today, end_date__gte=today):
            occasions = [
                f"session:{session.pk}"
                for session in Session.objects.filter(
                    term=term, start_date__gt=today, start_date__lte=today + BEFORE_SESSION
                )
            ]
            middle = term.start_date + (term.end_date - term.start_date) / 2
            if middle <= today < middle + MIDTERM_WINDOW:
                occasions.append("midterm")
            if not occasions:
                continue
            silent = [row.mandate for row in term_t3(term) if not row.met and row.mandate.is_active_on(today)]
            people = User.objects.filter(delegate__mandates__in=silent).distinct()
            for occasion in occasions:
                notices = notify(
                    "quota_delegate_contribution",
                    None,
                    council=council,
                    recipients=people,
                    key=f"quota_delegate_contribution:{term.pk}:{occasion}",
                )
                _count(made, "quota_delegate_contribution", notices)
