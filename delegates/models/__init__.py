from .people import Delegate, Mandate
from .positions import (
    CommitteeMembership,
    DelegateGroup,
    GroupMembership,
    StandingPosition,
)

__all__ = [
    "CommitteeMembership",
    "Delegate",
    "DelegateGroup",
    "GroupMembership",
    "Mandate",
    "StandingPosition",
]
