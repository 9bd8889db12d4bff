"""The follow-up's workflow is one table (council/followup_workflow.py): the item's page, its action view
and the services all read it, so what the page offers, what a POST may run and what a service accepts
agree."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.module_loading import import_string

from council import services
from council.followup_workflow import EITHER, FOLLOWUP_WORKFLOW
from council.models import AgencyStatus, CouncilStatus, Role
from tests.council.factories import make_followup
from tests.dates import days

pytestmark = pytest.mark.django_db


@pytest.fixture
def followup(council):
    return make_followup(council, assigned=days(-10), due=days(60))


def _close(followup):
    services.followup_verify(followup, actor=None, outcome=CouncilStatus.DONE, reason="Đã kiểm tra tại chỗ")
    followup.refresh_from_db()
    return followup


def test_the_table_names_real_forms_and_services():
    for transition in FOLLOWUP_WORKFLOW.transitions:
        assert transition.sources and transition.sources <= EITHER
        assert callable(transition.form_class()) and callable(import_string(transition.service))
        assert str(transition.title)
    # The services that refuse by the item's state say why with the table's reason.
    assert {t.name for t in FOLLOWUP_WORKFLOW.transitions if str(t.refusal)} == {"answer", "verify", "reopen"}


@pytest.mark.parametrize("closed", [False, True])
def test_the_page_offers_exactly_the_tables_transitions_of_its_state(client, office, followup, closed):
    if closed:
        _close(followup)
    page = client.get(reverse("council:followup_detail", args=[followup.pk])).content.decode()
    for transition in FOLLOWUP_WORKFLOW.transitions:
        if not transition.listed:
            continue
        action = reverse("council:followup_action", args=[followup.pk, transition.name])
        offered = followup.is_open in transition.sources
        assert (f'action="{action}"' in page) is offered, (closed, transition.name)


def test_a_transition_the_state_does_not_allow_is_refused_with_the_tables_reason(client, office, followup):
    response = client.post(
        reverse("council:followup_action", args=[followup.pk, "reopen"]), {"reason": "Mở lại"}, follow=True
    )
    followup.refresh_from_db()
    assert followup.is_open and followup.council_status == CouncilStatus.OPEN
    assert str(FOLLOWUP_WORKFLOW["reopen"].refusal) in response.content.decode()
    _close(followup)
    for call, name in (
        (
            lambda: services.followup_answer(followup, actor=None, status=AgencyStatus.DONE, text="Xong"),
            "answer",
        ),
        (lambda: services.followup_verify(followup, actor=None, outcome=CouncilStatus.NOT_DONE), "verify"),
    ):
        with pytest.raises(ValidationError) as refused:
            call()
        assert refused.value.messages == [str(FOLLOWUP_WORKFLOW[name].refusal)]
    followup.refresh_from_db()
    assert not followup.is_open and followup.agency_status == AgencyStatus.NOT_STARTED


def test_the_table_runs_the_service_as_the_user(followup, user_with_role):
    office = user_with_role(Role.OFFICE)
    names = [t.name for t in FOLLOWUP_WORKFLOW.available(office, followup)]
    assert names == ["verify", "due", "evidence", "milestone", "note", "escalate"]
    # An unticked "close" leaves it to the outcome: "done" closes the item.
    form = FOLLOWUP_WORKFLOW["verify"].build_form(
        followup, followup.council, data={"outcome": CouncilStatus.DONE, "reason": "Đã kiểm tra"}
    )
    assert form.is_valid(), form.errors
    FOLLOWUP_WORKFLOW.run("verify", office, followup, form.cleaned_data)
    followup.refresh_from_db()
    assert not followup.is_open and followup.council_status == CouncilStatus.DONE
    assert [t.name for t in FOLLOWUP_WORKFLOW.available(office, followup)][:1] == ["reopen"]
    assert FOLLOWUP_WORKFLOW.available(user_with_role(Role.DELEGATE), followup) == []


def test_an_unknown_action_is_not_found(client, office, followup):
    response = client.post(reverse("council:followup_action", args=[followup.pk, "delete"]), {})
    assert response.status_code == 404
