"""The one way an error reaches a user: a service's refusal shows on the form that was sent, on the field it
names, in Vietnamese, with nothing changed (council.forms.base.apply_errors, council/views/actions.py)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from council.forms.base import apply_errors
from delegates import services
from delegates.forms.delegates import MandateForm
from delegates.models import Mandate
from tests.delegates.factories import GroupFactory, MandateFactory

pytestmark = pytest.mark.django_db


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


def _mandate_with_a_group_seat(council, term) -> Mandate:
    mandate = MandateFactory(delegate__council=council, term=term)
    services.group_membership_create(
        actor=None,
        council=council,
        group=GroupFactory(term=term),
        mandate=mandate,
        start_date=term.start_date,
    )
    return mandate


def _posted(mandate: Mandate, **changes) -> dict:
    """What the edit page's form sends: every field as shown, with ``changes``."""
    form = MandateForm(instance=mandate, council=mandate.council)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, dt.date):
            value = f"{value:%d/%m/%Y}"
        data[name] = "" if value is None else value
    data.update(changes)
    return data


def test_a_service_refusal_on_an_edit_form_shows_beside_its_field_in_vietnamese_and_changes_nothing(
    client, office, council, term
):
    """Ending a mandate before its group seat ends passes the form but the service refuses it."""
    mandate = _mandate_with_a_group_seat(council, term)
    before = list(Mandate.objects.filter(pk=mandate.pk).values())
    history = mandate.history.count()
    end = term.start_date + dt.timedelta(days=30)

    response = client.post(
        reverse("delegates:mandate_update", args=[mandate.pk]),
        _posted(mandate, end_date=f"{end:%d/%m/%Y}", end_reason=Mandate.EndReason.RESIGNED),
    )

    assert response.status_code == 200  # the form again, not a redirect
    form = response.context["form"]
    assert list(form.errors) == ["end_date"]  # on the field the service named
    error = form.errors["end_date"][0]
    assert error.startswith("Có chức vụ thuộc nhiệm kỳ đại biểu này (")  # in Vietnamese
    html = response.content.decode()
    assert error.split("(")[0] in html and 'id="id_end_date"' in html
    assert f"{end:%d/%m/%Y}" in html  # what was typed is kept
    assert list(Mandate.objects.filter(pk=mandate.pk).values()) == before
    assert mandate.history.count() == history


def test_a_refusal_on_an_action_form_of_a_page_shows_on_that_form_and_changes_nothing(
    client, office, council
):
    """The "nominate" form on an emulation movement's page: the service refuses a year not yet begun."""
    from delegates.models import Nomination
    from delegates.services import work as work_services

    movement = work_services.movement_create(
        actor=None,
        council=council,
        name="Xứng đáng người Đại biểu nhân dân Đất Sen hồng",
        launched_on=dt.date(2026, 1, 5),
        criteria="Gương mẫu",
    )
    history = movement.history.count()
    next_year = timezone.localdate().year + 1
    response = client.post(
        reverse("delegates:nomination_add", args=[movement.pk]),
        {"year": next_year, "kind": "collective", "collective": "Tổ dân phố 3", "reason": "Vận động tốt"},
    )

    assert response.status_code == 200  # the page again, with the form sent
    form = response.context["nomination_form"]
    refusal = _vi("A nomination is for a year under way or past.")
    assert refusal != "A nomination is for a year under way or past."  # in Vietnamese
    assert form.errors == {"year": [refusal]}  # beside the year, the field the service named
    html = response.content.decode()
    assert refusal in html and "Tổ dân phố 3" in html and 'id="nomination-year"' in html  # typed text kept
    assert not Nomination.objects.exists() and movement.history.count() == history


def test_an_error_on_a_field_the_form_does_not_show_goes_above_it_with_the_fields_label(council, term):
    mandate = MandateFactory(delegate__council=council, term=term)
    form = MandateForm(_posted(mandate), instance=mandate, council=council)
    assert form.is_valid(), form.errors
    with translation.override("vi"):
        apply_errors(form, ValidationError({"council": "Không thuộc hội đồng này.", "term": "Nhiệm kỳ sai."}))
        label = str(Mandate._meta.get_field("council").verbose_name)
    assert form.errors["term"] == ["Nhiệm kỳ sai."]
    assert form.non_field_errors() == [f"{label[:1].upper()}{label[1:]}: Không thuộc hội đồng này."]


def test_a_reference_viewset_that_can_create_must_name_its_service():
    from django.core.exceptions import ImproperlyConfigured

    from council.models import Field
    from council.views.viewsets import ReferenceViewSet

    with pytest.raises(ImproperlyConfigured):

        class Nameless(ReferenceViewSet):
            model = Field
            slug = "nameless"
