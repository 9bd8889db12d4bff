"""The petition's workflow is one table (voters/workflows.py): the page, the action view and the services
all read it, so what the page offers, what a POST may run and what a service accepts never disagree."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.module_loading import import_string

from council.models import Role
from tests.council.factories import AgencyFactory
from voters import services
from voters.models import Petition
from voters.workflows import PETITION_WORKFLOW

pytestmark = pytest.mark.django_db
State = Petition.State


def _petition(council, **fields):
    petition = services.petition_create(actor=None, council=council, title="Sạt lở bờ sông", text="Sạt lở")
    if fields:
        Petition.objects.filter(pk=petition.pk).update(**fields)
        petition.refresh_from_db()
    return petition


def test_the_table_names_real_states_forms_and_services():
    for transition in PETITION_WORKFLOW.transitions:
        assert transition.sources and transition.sources <= set(State)
        assert callable(transition.form_class()) and callable(import_string(transition.service))
        assert str(transition.title) and str(transition.refusal)


@pytest.mark.parametrize("state", [s for s in State if s != State.MERGED])
def test_the_page_offers_exactly_the_tables_transitions_of_its_state(client, office, council, state):
    petition = _petition(council, state=state)
    page = client.get(reverse("voters:petition_detail", args=[petition.pk])).content.decode()
    for transition in PETITION_WORKFLOW.transitions:
        if not transition.listed:
            continue
        action = reverse("voters:petition_action", args=[petition.pk, transition.name])
        offered = state in transition.sources and transition.ready is None
        assert (f'action="{action}"' in page) is offered, (state, transition.name)


def test_a_transition_the_state_does_not_allow_is_refused_with_the_tables_reason(client, office, council):
    petition = _petition(council)  # recorded, not classified
    response = client.post(reverse("voters:petition_action", args=[petition.pk, "transfer"]), {}, follow=True)
    petition.refresh_from_db()
    assert petition.state == State.RECORDED
    assert str(PETITION_WORKFLOW["transfer"].refusal) in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.petition_inform(petition, actor=None, answer_summary="Đã trả lời", publish=False)
    assert refused.value.messages == [str(PETITION_WORKFLOW["inform"].refusal)]


def test_the_table_runs_the_service_as_the_user(council, user_with_role):
    office = user_with_role(Role.OFFICE)
    agency = AgencyFactory(council=council)
    petition = _petition(council)
    assert [t.name for t in PETITION_WORKFLOW.available(office, petition)] == ["classify", "merge"]
    PETITION_WORKFLOW.run(
        "classify", office, petition, {"field": None, "competence": "province", "agency": agency}
    )
    petition.refresh_from_db()
    assert petition.state == State.CLASSIFIED
    assert petition.history.latest().history_user == office
    delegate = user_with_role(Role.DELEGATE)
    assert PETITION_WORKFLOW.available(delegate, petition) == []


def test_an_unknown_action_is_not_found(client, office, council):
    petition = _petition(council)
    response = client.post(reverse("voters:petition_action", args=[petition.pk, "delete"]), {})
    assert response.status_code == 404
