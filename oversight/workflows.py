"""The oversight activity's workflow as a table (see ``council/workflows.py``): the states it may move to
from each state, chosen on the activity's page in one "move to" form. The page, the admin's action and
``activity_advance`` read it. An activity moves one step at a time, or once reported straight to
monitoring or closed when no resolution follows."""

from django.utils.translation import gettext_lazy as _

from council.workflows import Transition, Workflow

from .models import OversightActivity
from .permissions import can_edit_activity

State = OversightActivity.State

MOVE_REFUSAL = _("From “%(state)s” the activity cannot move to “%(to)s”.")


def _move(target: str, *sources: str) -> Transition:
    return Transition(
        name=target,
        title=State(target).label,
        sources=frozenset(sources),
        target=target,
        form="oversight.forms.AdvanceForm",
        service="oversight.services.activity_advance",
        permission=can_edit_activity,
        refusal=MOVE_REFUSAL,
    )


OVERSIGHT_WORKFLOW = Workflow(
    [
        _move(State.ESTABLISHED, State.PLANNED),  # with the decision establishing the delegation
        _move(State.NOTIFIED, State.ESTABLISHED),
        _move(State.FIELDWORK, State.NOTIFIED),
        _move(State.DRAFTING, State.FIELDWORK),
        _move(State.REVIEWED, State.DRAFTING),
        _move(State.REPORTED, State.REVIEWED),
        _move(State.RESOLUTION, State.REPORTED),
        _move(State.MONITORING, State.REPORTED, State.RESOLUTION),
        _move(State.CLOSED, State.REPORTED, State.MONITORING),  # once no recommendation is followed up
    ],
    move_refusal=MOVE_REFUSAL,
)
