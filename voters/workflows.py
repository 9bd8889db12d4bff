"""The petition's and the letter's workflows as tables (see ``council/workflows.py``): from each state, what
may be done, by whom, with which form and service. Their pages, action views and services read them."""

from django.utils.translation import gettext_lazy as _

from council.models import CouncilStatus, FollowUp
from council.permissions import can_manage_records
from council.workflows import Transition, Workflow

from .models import Letter, Petition
from .permissions import can_review_petition

State = Petition.State


def _office(user, petition) -> bool:
    return can_manage_records(user, petition.council)


def _answered(petition) -> bool:
    followup = FollowUp.objects.of_sources([petition]).order_by("-pk").first()
    return followup is not None and followup.first_answered_on is not None


def _with_council(_petition, council) -> dict:
    return {"council": council}


PETITION_WORKFLOW = Workflow(
    [
        Transition(
            name="classify",
            title=_("Classify"),
            sources=frozenset({State.RECORDED, State.CLASSIFIED}),
            form="voters.forms.ClassifyForm",
            # The petition's commune stays a choice even if it was merged away since.
            form_kwargs=lambda petition, council: {"council": council, "unit": petition.admin_unit_id},
            initial=lambda p: {
                "field": p.field_id,
                "competence": p.competence,
                "admin_unit": p.admin_unit_id,
                "committee": p.committee_id,
                "agency": p.agency_id,
            },
            service="voters.services.petition_classify",
            permission=_office,
            refusal=_("Only a petition not yet transferred can be classified."),
        ),
        Transition(
            name="transfer",
            title=_("Transfer to the agency"),
            sources=frozenset({State.CLASSIFIED}),
            form="voters.forms.TransferForm",
            service="voters.services.petition_transfer",
            permission=_office,
            refusal=_("Classify the petition before transferring it."),
        ),
        Transition(
            name="review",
            title=_("Review the agency's answer"),
            sources=frozenset({State.TRANSFERRED}),
            ready=_answered,
            form="voters.forms.ReviewForm",
            initial=lambda _p: {"outcome": CouncilStatus.DONE},
            service="voters.services.petition_review",
            permission=can_review_petition,
            refusal=_("Only a transferred petition has an answer to review."),
        ),
        Transition(
            name="report",
            title=_("Report at a session"),
            sources=frozenset({State.REVIEWED, State.TO_NA_DELEGATION}),
            form="voters.forms.ReportForm",
            form_kwargs=_with_council,
            service="voters.services.petition_report",
            permission=_office,
            refusal=_("Report a petition at a session once its answer is reviewed."),
        ),
        Transition(
            name="inform",
            title=_("Voters informed"),
            sources=frozenset({State.REPORTED}),
            form="voters.forms.InformForm",
            initial=lambda p: {"answer_summary": p.answer_summary},
            service="voters.services.petition_inform",
            permission=_office,
            refusal=_("Voters are informed after the petition is reported at a session."),
        ),
        Transition(
            name="conclude",
            title=_("Conclude"),
            sources=frozenset({State.INFORMED, State.ROADMAP, State.UNRESOLVED}),
            form="voters.forms.ConcludeForm",
            initial=lambda p: {"roadmap": p.roadmap},
            service="voters.services.petition_conclude",
            permission=_office,
            refusal=_("A petition is concluded once voters were informed."),
        ),
        Transition(
            name="merge",
            title=_("Merge another petition into this one"),
            sources=frozenset(set(State) - {State.MERGED}),
            form="voters.forms.MergeForm",
            form_kwargs=_with_council,
            service="voters.services.petition_merge",
            permission=_office,
            refusal=_("A petition that was already merged cannot be merged again."),
            listed=False,  # the page has its own section to search for the petition to merge
        ),
    ]
)


# A letter moves with one form on its page where the Office chooses where it goes next (the Law on Citizen
# Reception's workflow): a transition per state it may reach, in the order the form offers them.
LetterState = Letter.State
LETTER_MOVE_REFUSAL = _("From “%(state)s” the letter cannot move to “%(to)s”.")


def _letter_move(target: str, *sources: str) -> Transition:
    return Transition(
        name=target,
        title=LetterState(target).label,
        sources=frozenset(sources),
        target=target,
        form="voters.forms.LetterHandleForm",
        form_kwargs=lambda letter, council: {"council": council, "letter": letter},
        service="voters.services.letter_handle",
        permission=_office,
        refusal=LETTER_MOVE_REFUSAL,
    )


LETTER_WORKFLOW = Workflow(
    [
        _letter_move(LetterState.CLASSIFIED, LetterState.RECEIVED),
        _letter_move(LetterState.GUIDED, LetterState.CLASSIFIED),
        # Transferred to an agency (a follow-up is opened), also after monitoring it for a while.
        _letter_move(LetterState.TRANSFERRED, LetterState.CLASSIFIED, LetterState.MONITORED),
        _letter_move(LetterState.MONITORED, LetterState.CLASSIFIED),
        _letter_move(LetterState.RESULT, LetterState.TRANSFERRED, LetterState.MONITORED),
        _letter_move(LetterState.ARCHIVED, LetterState.RECEIVED, LetterState.CLASSIFIED),
        _letter_move(LetterState.CLOSED, LetterState.GUIDED, LetterState.RESULT),
    ],
    move_refusal=LETTER_MOVE_REFUSAL,
)
