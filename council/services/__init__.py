"""Writes to the institutional core. Views, forms, commands and tasks call these, nothing else.

One module per subject, every public name re-exported here, so callers write ``services.followup_open``:
``records`` (saving any record with its history), ``reference`` (reference data and the calendar),
``followups`` (opening, answering and verifying a follow-up), ``followup_deadlines`` (reminders, escalation,
due dates after a calendar change) and ``outbox`` (mail).
"""

from .followup_deadlines import (
    followup_escalate,
    followup_escalation_scheduled,
    followup_reminders_run,
    followups_recompute_due,
    followups_remind,
    next_escalation,
    plan_reminders,
)
from .followups import (
    followup_add_evidence,
    followup_answer,
    followup_change_due,
    followup_correct,
    followup_link_source,
    followup_note,
    followup_open,
    followup_reopen,
    followup_verify,
    milestone_add,
    milestone_done,
)
from .outbox import outbox_send
from .privacy import processing_notice_in_force, processing_notice_publish
from .records import assign_fields, record_create, record_delete, record_save, record_update
from .reference import (
    agency_create,
    committee_create,
    constituency_create,
    constituency_update,
    deadline_rule_create,
    deadline_rule_update,
    field_create,
    holiday_create,
    holiday_delete,
    holiday_update,
    role_assign,
    term_create,
)

__all__ = [
    "processing_notice_in_force",
    "processing_notice_publish",
    "agency_create",
    "assign_fields",
    "committee_create",
    "constituency_create",
    "constituency_update",
    "deadline_rule_create",
    "deadline_rule_update",
    "field_create",
    "followup_add_evidence",
    "followup_answer",
    "followup_change_due",
    "followup_correct",
    "followup_escalate",
    "followup_escalation_scheduled",
    "followup_link_source",
    "followup_note",
    "followup_open",
    "followup_reminders_run",
    "followup_reopen",
    "followup_verify",
    "followups_recompute_due",
    "followups_remind",
    "holiday_create",
    "holiday_delete",
    "holiday_update",
    "milestone_add",
    "milestone_done",
    "next_escalation",
    "outbox_send",
    "plan_reminders",
    "record_create",
    "record_delete",
    "record_save",
    "record_update",
    "role_assign",
    "term_create",
]
