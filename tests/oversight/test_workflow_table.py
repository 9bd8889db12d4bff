"""The oversight activity's workflow is one table (oversight/workflows.py): the "move to" choices of its
page, the states ``activity_advance`` accepts and its refusal all come from it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.module_loading import import_string

from council.models import Role
from oversight import services
from oversight.models import OversightActivity
from oversight.workflows import OVERSIGHT_WORKFLOW
from tests.council.factories import AgencyFactory, CommitteeFactory

pytestmark = pytest.mark.django_db
State = OversightActivity.State


@pytest.fixture
def activity(council):
    return services.activity_create(
        actor=None,
        council=council,
        kind=OversightActivity.Kind.THEMATIC,
        title="Giám sát việc thực hiện chính sách bảo hiểm y tế",
        lead_body=OversightActivity.LeadBody.COMMITTEE,
        committee=CommitteeFactory(council=council, kind="culture_society", name="Ban Văn hóa - Xã hội"),
        period_start=dt.date(2026, 5, 1),
        period_end=dt.date(2026, 8, 31),
        agencies=[AgencyFactory(council=council, name="Sở Y tế")],
    )


def _in_state(activity, state):
    OversightActivity.objects.filter(pk=activity.pk).update(state=state)
    activity.refresh_from_db()
    return activity


def test_the_table_names_real_states_forms_and_services():
    for transition in OVERSIGHT_WORKFLOW.transitions:
        assert transition.sources and transition.sources <= set(State) and transition.target in State.values
        assert callable(transition.form_class()) and callable(import_string(transition.service))
        assert str(transition.title) and str(transition.refusal)
    # Every state but the last is left by some transition, and every state but the first is reached.
    assert set().union(*(t.sources for t in OVERSIGHT_WORKFLOW.transitions)) == set(State) - {State.CLOSED}
    assert {t.target for t in OVERSIGHT_WORKFLOW.transitions} == set(State) - {State.PLANNED}


@pytest.mark.parametrize("state", list(State))
def test_the_page_offers_exactly_the_tables_moves_of_its_state(client, office, activity, state):
    _in_state(activity, state)
    page = client.get(reverse("oversight:activity_detail", args=[activity.pk])).content.decode()
    for transition in OVERSIGHT_WORKFLOW.transitions:
        offered = state in transition.sources
        assert (f'<option value="{transition.target}">' in page) is offered, (state, transition.name)
    assert ('name="decision"' in page) is (state == State.PLANNED)


def test_a_move_the_state_does_not_allow_is_refused_with_the_tables_reason(client, office, activity):
    response = client.post(reverse("oversight:activity_advance", args=[activity.pk]), {"to": State.REPORTED})
    activity.refresh_from_db()
    assert activity.state == State.PLANNED
    reason = str(OVERSIGHT_WORKFLOW.move_refusal) % {"state": State.PLANNED.label, "to": State.REPORTED.label}
    assert reason in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.activity_advance(activity, actor=None, to=State.CLOSED)
    assert refused.value.messages == [
        str(OVERSIGHT_WORKFLOW.move_refusal) % {"state": State.PLANNED.label, "to": State.CLOSED.label}
    ]
    activity.refresh_from_db()
    assert activity.state == State.PLANNED


def test_only_who_may_edit_the_activity_is_offered_its_moves(activity, user_with_role):
    _in_state(activity, State.NOTIFIED)
    assert OVERSIGHT_WORKFLOW.targets(activity) == [State.FIELDWORK]
    office = user_with_role(Role.OFFICE)
    assert [t.target for t in OVERSIGHT_WORKFLOW.available(office, activity)] == [State.FIELDWORK]
    assert OVERSIGHT_WORKFLOW.available(user_with_role(Role.STANDING), activity) == []
    OVERSIGHT_WORKFLOW.run(State.FIELDWORK, office, activity, {"to": State.FIELDWORK})
    activity.refresh_from_db()
    assert activity.state == State.FIELDWORK
    assert activity.history.latest().history_user == office


def test_an_unknown_state_is_refused_by_the_form(client, office, activity):
    client.post(reverse("oversight:activity_advance", args=[activity.pk]), {"to": "deleted"})
    activity.refresh_from_db()
    assert activity.state == State.PLANNED
