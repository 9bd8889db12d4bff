"""The interpellation's workflow as a table (see ``council/workflows.py``): from each state, what may be done,
by whom, with which form and service. The slip's page, its action view and its services read it."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.workflows import Transition, Workflow

from .models import Interpellation
from .permissions import can_take_slip_action

State = Interpellation.State

# Every refusal of the slip's state says which state it is in (the guard fills in %(state)s).
REFUSAL = _("Not possible while the interpellation is “%(state)s”.")


def _may(action: str):
    return lambda user, slip: can_take_slip_action(user, slip, action)


def _answered(slip) -> bool:
    return slip.answers.exists()


INTERPELLATION_WORKFLOW = Workflow(
    [
        Transition(
            name="submit",
            title=_("Submit"),
            sources=frozenset({State.DRAFT}),
            form="sessions.forms.SubmitForm",
            initial=lambda _slip: {"on": timezone.localdate()},
            service="sessions.services.interpellation_submit",
            permission=_may("submit"),
            refusal=REFUSAL,
        ),
        Transition(
            name="assign",
            title=_("Accept: oral or written answer"),
            sources=frozenset({State.SUBMITTED}),
            form="sessions.forms.AssignForm",
            service="sessions.services.interpellation_assign",
            permission=_may("assign"),
            refusal=REFUSAL,
        ),
        Transition(
            name="reject",
            title=_("Do not accept"),
            sources=frozenset({State.SUBMITTED}),
            form="sessions.forms.RejectForm",
            service="sessions.services.interpellation_reject",
            permission=_may("reject"),
            refusal=REFUSAL,
        ),
        Transition(
            name="answer",
            title=_("Record the answer"),
            sources=frozenset({State.ORAL, State.WRITTEN, State.DISPUTED}),
            form="sessions.forms.AnswerSlipForm",
            initial=lambda slip: {"answered_by": slip.respondent_title},
            service="sessions.services.interpellation_answer",
            permission=_may("answer"),
            refusal=REFUSAL,
        ),
        Transition(
            # Not a move of the slip: a promise made in an answer, recorded in whatever state once answered.
            name="commitment",
            title=_("Record a commitment"),
            sources=frozenset(State),
            ready=_answered,
            form="sessions.forms.CommitmentForm",
            service="sessions.services.commitment_add",
            permission=_may("commitment"),
            refusal=REFUSAL,
        ),
        Transition(
            name="conclude",
            title=_("Conclude"),
            sources=frozenset({State.ANSWERED, State.ACCEPTED, State.DISPUTED}),
            form="sessions.forms.ConcludeForm",
            service="sessions.services.interpellation_conclude",
            permission=_may("conclude"),
            refusal=REFUSAL,
        ),
        Transition(
            name="assess",
            title=_("Assess the answer"),
            sources=frozenset({State.ANSWERED}),
            form="sessions.forms.AssessForm",
            service="sessions.services.interpellation_assess",
            permission=_may("assess"),
            refusal=REFUSAL,
        ),
    ]
)
