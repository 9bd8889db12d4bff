from .calendar import DeadlineRule, Holiday
from .followups import (
    AgencyStatus,
    Attachment,
    CouncilStatus,
    EscalationStep,
    FollowUp,
    FollowUpEvent,
    Milestone,
    OutboxMail,
    ReminderLog,
    SourceKind,
)
from .institutions import (
    AdminUnit,
    Agency,
    Committee,
    Constituency,
    Council,
    Field,
    Term,
)
from .ratelimit import RateCounter, ServiceBeat
from .users import Role, RoleAssignment, User

__all__ = [
    "AgencyStatus",
    "Attachment",
    "CouncilStatus",
    "EscalationStep",
    "FollowUp",
    "FollowUpEvent",
    "Milestone",
    "OutboxMail",
    "ReminderLog",
    "SourceKind",
    "AdminUnit",
    "Agency",
    "Committee",
    "Constituency",
    "Council",
    "DeadlineRule",
    "Field",
    "Holiday",
    "RateCounter",
    "ServiceBeat",
    "Role",
    "RoleAssignment",
    "Term",
    "User",
]
