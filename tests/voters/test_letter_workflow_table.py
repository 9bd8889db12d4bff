"""The letter's workflow is one table (LETTER_WORKFLOW in voters/workflows.py): the "move to" choices of
its page, the states ``letter_handle`` accepts and its refusal all come from it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.module_loading import import_string

from council.models import Role
from voters import services
from voters.models import Letter
from voters.workflows import LETTER_WORKFLOW

pytestmark = pytest.mark.django_db
State = Letter.State


@pytest.fixture
def letter(council):
    return services.letter_create(
        actor=None,
        council=council,
        kind=Letter.Kind.FEEDBACK,
        received_on=dt.date(2026, 6, 1),
        sender_name="Nguyễn Văn An",
        summary="Đề nghị sửa đường liên thôn",
    )


def _in_state(letter, state):
    Letter.objects.filter(pk=letter.pk).update(state=state)
    letter.refresh_from_db()
    return letter


def test_the_table_names_real_states_forms_and_services():
    for transition in LETTER_WORKFLOW.transitions:
        assert transition.sources and transition.sources <= set(State) and transition.target in State.values
        assert callable(transition.form_class()) and callable(import_string(transition.service))
        assert str(transition.title) and str(transition.refusal)
    assert {t.target for t in LETTER_WORKFLOW.transitions} == set(State) - {State.RECEIVED}


@pytest.mark.parametrize("state", list(State))
def test_the_page_offers_exactly_the_tables_moves_of_its_state(client, office, letter, state):
    _in_state(letter, state)
    page = client.get(reverse("voters:letter_detail", args=[letter.pk])).content.decode()
    for transition in LETTER_WORKFLOW.transitions:
        offered = state in transition.sources
        assert (f'<option value="{transition.target}">' in page) is offered, (state, transition.name)
    moves = any(state in t.sources for t in LETTER_WORKFLOW.transitions)
    assert (reverse("voters:letter_handle", args=[letter.pk]) in page) is moves


def test_a_move_the_state_does_not_allow_is_refused_with_the_tables_reason(client, office, letter):
    # The page's form offers only the table's moves, so it refuses another as an invalid choice ...
    client.post(reverse("voters:letter_handle", args=[letter.pk]), {"to": State.CLOSED})
    letter.refresh_from_db()
    assert letter.state == State.RECEIVED
    # ... and the service, whatever calls it, with the table's reason.
    with pytest.raises(ValidationError) as refused:
        services.letter_handle(letter, actor=None, to=State.RESULT)
    assert refused.value.messages == [
        str(LETTER_WORKFLOW.move_refusal) % {"state": State.RECEIVED.label, "to": State.RESULT.label}
    ]
    letter.refresh_from_db()
    assert letter.state == State.RECEIVED


def test_only_the_office_is_offered_the_moves_and_the_table_runs_the_service(letter, user_with_role):
    office = user_with_role(Role.OFFICE)
    assert [t.target for t in LETTER_WORKFLOW.available(office, letter)] == [State.CLASSIFIED, State.ARCHIVED]
    assert LETTER_WORKFLOW.available(user_with_role(Role.DELEGATE), letter) == []
    LETTER_WORKFLOW.run(State.CLASSIFIED, office, letter, {"to": State.CLASSIFIED, "note": "Đủ điều kiện"})
    letter.refresh_from_db()
    assert letter.state == State.CLASSIFIED
    assert letter.history.latest().history_user == office


def test_an_unknown_state_is_refused_by_the_form(client, office, letter):
    client.post(reverse("voters:letter_handle", args=[letter.pk]), {"to": "deleted"})
    letter.refresh_from_db()
    assert letter.state == State.RECEIVED
