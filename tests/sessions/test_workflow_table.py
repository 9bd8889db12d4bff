"""The interpellation's workflow is one table (sessions/workflows.py): the slip's page, its action view and
its services all read it, so what the page offers, what a POST may run and what a service accepts agree."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.module_loading import import_string

from council.models import Role
from sessions import services
from sessions.models import Interpellation
from sessions.workflows import INTERPELLATION_WORKFLOW
from tests.council.factories import AgencyFactory, TermFactory
from tests.delegates.factories import MandateFactory

pytestmark = pytest.mark.django_db
State = Interpellation.State


@pytest.fixture
def slip(council):
    term = TermFactory(council=council, start_date=dt.date(2026, 4, 1), end_date=dt.date(2031, 3, 31))
    return services.interpellation_draft(
        actor=None,
        council=council,
        term=term,
        askers=[MandateFactory(delegate__council=council, term=term)],
        agency=AgencyFactory(council=council),
        respondent_title="Giám đốc Sở Xây dựng",
        question="Khi nào khởi công nâng cấp tuyến ĐT 845?",
    )


def _in_state(slip, state):
    Interpellation.objects.filter(pk=slip.pk).update(state=state)
    slip.refresh_from_db()
    return slip


def test_the_table_names_real_states_forms_and_services():
    for transition in INTERPELLATION_WORKFLOW.transitions:
        assert transition.sources and transition.sources <= set(State)
        assert callable(transition.form_class()) and callable(import_string(transition.service))
        assert str(transition.title) and str(transition.refusal)


@pytest.mark.parametrize("state", list(State))
def test_the_page_offers_exactly_the_tables_transitions_of_its_state(client, office, slip, state):
    _in_state(slip, state)
    page = client.get(reverse("sessions:interpellation_detail", args=[slip.pk])).content.decode()
    for transition in INTERPELLATION_WORKFLOW.transitions:
        action = reverse("sessions:interpellation_action", args=[slip.pk, transition.name])
        offered = state in transition.sources and transition.ready is None  # no answer recorded yet
        assert (f'action="{action}"' in page) is offered, (state, transition.name)


def test_a_commitment_is_offered_once_an_answer_is_recorded(client, office, slip):
    _in_state(slip, State.ORAL)
    commitment = reverse("sessions:interpellation_action", args=[slip.pk, "commitment"])
    assert (
        commitment
        not in client.get(reverse("sessions:interpellation_detail", args=[slip.pk])).content.decode()
    )
    services.interpellation_answer(
        slip, actor=None, answered_on=dt.date(2026, 7, 2), answered_by="Giám đốc", text="Quý IV khởi công."
    )
    assert (
        commitment in client.get(reverse("sessions:interpellation_detail", args=[slip.pk])).content.decode()
    )


def test_a_transition_the_state_does_not_allow_is_refused_with_the_tables_reason(client, office, slip):
    response = client.post(
        reverse("sessions:interpellation_action", args=[slip.pk, "conclude"]),
        {"conclusion": "Kết luận"},
        follow=True,
    )
    slip.refresh_from_db()
    assert slip.state == State.DRAFT and slip.conclusion == ""
    reason = str(INTERPELLATION_WORKFLOW["conclude"].refusal) % {"state": State.DRAFT.label}
    assert reason in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.interpellation_assign(slip, actor=None, mode=Interpellation.Mode.ORAL)
    assert refused.value.messages == [
        str(INTERPELLATION_WORKFLOW["assign"].refusal) % {"state": State.DRAFT.label}
    ]
    slip.refresh_from_db()
    assert slip.state == State.DRAFT


def test_the_table_runs_the_service_as_the_user(council, slip, user_with_role):
    office = user_with_role(Role.OFFICE)
    assert [t.name for t in INTERPELLATION_WORKFLOW.available(office, slip)] == ["submit"]
    INTERPELLATION_WORKFLOW.run("submit", office, slip, {"on": dt.date(2026, 7, 1)})
    slip.refresh_from_db()
    assert slip.state == State.SUBMITTED
    assert slip.history.latest().history_user == office
    assert [t.name for t in INTERPELLATION_WORKFLOW.available(office, slip)] == ["assign", "reject"]
    delegate = user_with_role(Role.DELEGATE)  # not among the askers
    assert INTERPELLATION_WORKFLOW.available(delegate, slip) == []


def test_an_unknown_action_is_not_found(client, office, slip):
    response = client.post(reverse("sessions:interpellation_action", args=[slip.pk, "delete"]), {})
    assert response.status_code == 404
