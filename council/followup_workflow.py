"""The follow-up's workflow as a table (see ``council/workflows.py``): what may be done to an item, by whom,
with which form and service.

A follow-up carries two statuses side by side, what the agency reports (``agency_status``) and what the
council verifies (``council_status``); the services move both. What allows or refuses an action is the
item being open or closed (``is_open``), so that is the state the table reads: the agency answers and the
Office verifies an open item, the Office reopens a closed one; evidence, notes, milestones and a new due
date may be added either way. The item's page, its action view and the services read it."""

from django.utils.translation import gettext_lazy as _

from council.permissions import can_answer, can_manage_followups
from council.workflows import Transition, Workflow

OPEN = frozenset({True})
CLOSED = frozenset({False})
EITHER = OPEN | CLOSED


def _office(user, followup) -> bool:
    return can_manage_followups(user, followup.council)


def _office_transition(name, title, form, service, sources=EITHER, **extra) -> Transition:
    return Transition(
        name=name,
        title=title,
        sources=sources,
        form=f"council.forms.followups.{form}",
        service=f"council.services.{service}",
        permission=_office,
        **extra,
    )


FOLLOWUP_WORKFLOW = Workflow(
    [
        Transition(
            name="answer",
            title=_("Answer or progress report"),
            sources=OPEN,
            form="council.forms.followups.AnswerForm",
            service="council.services.followup_answer",
            permission=can_answer,
            refusal=_("This item is closed; ask the Office to reopen it."),
            listed=False,  # the agency answers on its own portal's page
        ),
        _office_transition(
            "verify",
            _("Verify"),
            "VerifyForm",
            "followup_verify",
            sources=OPEN,
            refusal=_("This item is already closed; reopen it first."),
        ),
        # Offered on an open item's page; followup_change_due itself still moves a closed item's date.
        _office_transition(
            "due", _("Change the due date"), "DueDateForm", "followup_change_due", sources=OPEN
        ),
        _office_transition(
            "reopen",
            _("Reopen"),
            "ReasonForm",
            "followup_reopen",
            sources=CLOSED,
            refusal=_("This item is already open."),
        ),
        _office_transition("evidence", _("Add evidence"), "EvidenceForm", "followup_add_evidence"),
        _office_transition("milestone", _("Add a milestone"), "MilestoneForm", "milestone_add"),
        _office_transition("note", _("Add an internal note"), "NoteForm", "followup_note"),
        _office_transition(
            "escalate",
            _("Take this step"),
            "EscalateForm",
            "followup_escalate",
            # The page proposes the next step of the ladder in its own box when one is due (next_escalation);
            # followup_escalate refuses any other step, with its own message.
            listed=False,
        ),
    ],
    state_field="is_open",
)
