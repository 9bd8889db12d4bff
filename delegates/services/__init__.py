"""Writes for delegates. Views, forms, the admin, commands and tasks call these, nothing else.

One module per subject, every public name re-exported here (as in ``council.services``), so callers write
``services.delegate_create``: ``delegates`` (delegates, mandates, groups, committees and positions) and
``work`` (training, group meetings, action programmes, the yearly evaluation, emulation).
"""

from .delegates import (
    committee_membership_create,
    delegate_create,
    delegate_update,
    group_create,
    group_membership_create,
    group_membership_update,
    group_update,
    mandate_create,
    mandate_update,
    position_end,
    standing_position_create,
)
from .work import (
    RATING_FIELDS,
    assessment_years,
    attendance_record,
    commitment_add,
    commitment_assess,
    course_create,
    course_invite,
    course_update,
    criterion_create,
    criterion_update,
    evaluation_open,
    evaluation_rate,
    group_meeting_create,
    movement_create,
    nomination_create,
    nomination_decide,
    program_save,
)

__all__ = [
    "RATING_FIELDS",
    "assessment_years",
    "attendance_record",
    "commitment_add",
    "commitment_assess",
    "committee_membership_create",
    "course_create",
    "course_invite",
    "course_update",
    "criterion_create",
    "criterion_update",
    "delegate_create",
    "delegate_update",
    "evaluation_open",
    "evaluation_rate",
    "group_create",
    "group_meeting_create",
    "group_membership_create",
    "group_membership_update",
    "group_update",
    "mandate_create",
    "mandate_update",
    "movement_create",
    "nomination_create",
    "nomination_decide",
    "position_end",
    "program_save",
    "standing_position_create",
]
