from .calendar import DeadlineRule, Holiday
from .institutions import (
    AdminUnit,
    Agency,
    Committee,
    Constituency,
    Council,
    Field,
    Term,
)
from .users import Role, RoleAssignment, User

__all__ = [
    "AdminUnit",
    "Agency",
    "Committee",
    "Constituency",
    "Council",
    "DeadlineRule",
    "Field",
    "Holiday",
    "Role",
    "RoleAssignment",
    "Term",
    "User",
]
