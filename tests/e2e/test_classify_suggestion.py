"""The Office takes the suggested field and level into the classify form with one click; nothing is recorded
until it submits the form."""

import pytest

from council.models import Role
from tests.council.factories import RoleFactory, UserFactory
from tests.voters.test_classify import HELD_OUT, _classified
from voters import services
from voters.matching import classifier
from voters.matching.classifier import classifier_train
from voters.models import Petition

pytestmark = [pytest.mark.full, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-2026"


def test_the_suggestion_fills_the_classify_form_and_the_clerk_records_it(live_server, page, council):
    classifier._loaded.clear()
    fields = _classified(council)
    classifier_train(council)
    RoleFactory(user=UserFactory(username="vanphong"), council=council, role=Role.OFFICE)
    petition = services.petition_create(actor=None, council=council, title="Bệnh viện", text=HELD_OUT[1][0])

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "vanphong")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/petitions/{petition.pk}/")
    form = page.locator(f"form[action$='/petitions/{petition.pk}/classify/']")
    assert form.locator("select[name=field]").input_value() == ""

    page.click("[data-classify-use]")
    assert form.locator("select[name=field]").input_value() == str(fields["health"].pk)
    assert form.locator("select[name=competence]").input_value() == "central"
    petition.refresh_from_db()
    assert petition.state == Petition.State.RECORDED and petition.field is None  # only filled in

    form.locator("button").click()  # a central matter needs no agency
    page.wait_for_url(f"**/petitions/{petition.pk}/")
    petition.refresh_from_db()
    assert petition.state == Petition.State.CLASSIFIED
    assert petition.field == fields["health"] and petition.competence == "central"
