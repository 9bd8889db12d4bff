"""The Office opens a follow-up from its form, due by the rule or with a reason."""

import datetime as dt

import pytest
from django.urls import reverse

from council.models import DeadlineRule, FollowUp, OutboxMail
from council.workdays import apply_rule
from tests.council.factories import AgencyFactory, DeadlineRuleFactory
from tests.council.followup_views.helpers import Event, dmy
from tests.dates import today

pytestmark = pytest.mark.django_db


# 8. The Office opens a follow-up ----------------------------------------------------------------------------


@pytest.fixture
def rule(council):
    return DeadlineRuleFactory(
        council=council, code="tra-loi-kien-nghi", days=15, day_type=DeadlineRule.DayType.WORKING
    )


def create_data(agency, deadline_rule, **changes) -> dict:
    data = {
        "reference": "CV-152/HĐND",
        "title": "Khắc phục ngập úng khu dân cư",
        "description": "Trả lời kiến nghị của cử tri về tình trạng ngập úng.",
        "agency": agency.pk,
        "assigned_date": dmy(today()),
        "rule": deadline_rule.pk,
        "due_date": "",
        "due_date_override_reason": "",
        "internal_note": "",
    }
    data.update(changes)
    return data


def test_the_office_opens_a_follow_up_due_by_the_rule(client, office, council, rule):
    agency = AgencyFactory(council=council)

    assert client.get(reverse("council:followup_create")).status_code == 200
    response = client.post(reverse("council:followup_create"), create_data(agency, rule))

    followup = FollowUp.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("council:followup_detail", args=[followup.pk])
    assert followup.council == council
    assert followup.agency == agency
    assert followup.rule == rule
    assert followup.assigned_date == today()
    assert followup.due_date == apply_rule(rule, today())
    assert followup.due_date_override_reason == ""
    created = followup.events.get()
    assert created.kind == Event.CREATED
    assert created.actor == office
    assert created.data["due_date"] == followup.due_date.isoformat()
    assert OutboxMail.objects.filter(dedupe_key=f"assigned:{followup.pk}").exists()


def test_a_due_date_off_the_rule_without_a_reason_is_refused(client, office, council, rule):
    agency = AgencyFactory(council=council)
    computed = apply_rule(rule, today())
    other_date = computed + dt.timedelta(days=7)

    response = client.post(
        reverse("council:followup_create"), create_data(agency, rule, due_date=dmy(other_date))
    )

    assert response.status_code == 200
    assert f"The rule gives {dmy(computed)}; say why the due date differs." in response.text
    assert response.context["form"].errors
    assert not FollowUp.objects.exists()
    assert not OutboxMail.objects.exists()


def test_a_due_date_off_the_rule_with_a_reason_is_kept(client, office, council, rule):
    agency = AgencyFactory(council=council)
    other_date = apply_rule(rule, today()) + dt.timedelta(days=7)

    response = client.post(
        reverse("council:followup_create"),
        create_data(
            agency, rule, due_date=dmy(other_date), due_date_override_reason="Theo chỉ đạo của Thường trực"
        ),
    )

    assert response.status_code == 302
    followup = FollowUp.objects.get()
    assert followup.due_date == other_date
    assert followup.due_date_override_reason == "Theo chỉ đạo của Thường trực"


def test_no_rule_and_no_due_date_is_refused_next_to_the_field(client, office, council, rule):
    agency = AgencyFactory(council=council)

    response = client.post(reverse("council:followup_create"), create_data(agency, rule, rule=""))

    assert response.status_code == 200
    assert response.context["form"].errors["due_date"] == ["Give a due date or choose a deadline rule."]
    assert not FollowUp.objects.exists()


def test_an_agency_of_another_council_cannot_be_chosen(client, office, council, other_council, rule):
    foreign = AgencyFactory(council=other_council)

    response = client.post(reverse("council:followup_create"), create_data(foreign, rule))

    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert not FollowUp.objects.exists()
