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
from .jobs import BackgroundJob
from .privacy import PersonalDataAccess, ProcessingNotice
from .ratelimit import RateCounter, ServiceBeat
from .signin import SignInEvent
from .users import Role, RoleAssignment, User

__all__ = [
    "BackgroundJob",
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
    "PersonalDataAccess",
    "ProcessingNotice",
    "RateCounter",
    "ServiceBeat",
    "SignInEvent",
    "Role",
    "RoleAssignment",
    "Term",
    "User",
]
