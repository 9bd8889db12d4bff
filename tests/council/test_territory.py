"""A council's forms offer the units of its own territory: one deployment holds every unit of the country."""

import datetime as dt

import pytest

from council.models import AdminUnit, Council
from tests.council.factories import AdminUnitFactory, CouncilFactory
from voters.models import Petition

pytestmark = pytest.mark.django_db

OLD = {"valid_to": dt.date(2025, 6, 30), "valid_from": None}


@pytest.fixture
def country():
    """Two provinces; the first absorbed an old province in 2025 and had a district before."""
    p1 = AdminUnitFactory(name="Tỉnh Một", level=AdminUnit.Level.PROVINCE)
    p2 = AdminUnitFactory(name="Tỉnh Hai", level=AdminUnit.Level.PROVINCE)
    old_province = AdminUnitFactory(name="Tỉnh Cũ", level=AdminUnit.Level.PROVINCE, **OLD)
    p1.predecessors.add(old_province)
    units = {
        "p1": p1,
        "p2": p2,
        "c1": AdminUnitFactory(name="Xã Một A", parent=p1),
        "w1": AdminUnitFactory(name="Phường Một B", parent=p1, level=AdminUnit.Level.WARD),
        "c2": AdminUnitFactory(name="Xã Hai A", parent=p2),
        "district": AdminUnitFactory(name="Huyện Cũ", parent=p1, level=AdminUnit.Level.DISTRICT, **OLD),
        "old_province_commune": AdminUnitFactory(name="Xã Tỉnh Cũ", parent=old_province, **OLD),
    }
    units["old_commune"] = AdminUnitFactory(name="Xã Cũ", parent=units["district"], **OLD)
    units["c1"].predecessors.add(units["old_commune"])
    return units


def test_a_province_sees_its_own_units_and_those_merged_into_it(country):
    province = CouncilFactory(admin_unit=country["p1"])
    names = set(AdminUnit.objects.within(province).values_list("name", flat=True))
    assert names == {
        "Tỉnh Một",
        "Xã Một A",
        "Phường Một B",
        "Huyện Cũ",
        "Xã Cũ",
        "Xã Tỉnh Cũ",
    }
    # Today's communes and wards are what a form offers.
    assert set(AdminUnit.objects.current().within(province).values_list("name", flat=True)) == {
        "Xã Một A",
        "Phường Một B",
    }


def test_a_commune_sees_itself_and_the_communes_merged_into_it(country):
    commune = CouncilFactory(admin_unit=country["c1"], level=Council.Level.COMMUNE)
    assert set(AdminUnit.objects.within(commune).values_list("name", flat=True)) == {"Xã Một A", "Xã Cũ"}


def test_a_council_without_a_territory_sees_every_unit(country):
    assert AdminUnit.objects.within(CouncilFactory()).count() == AdminUnit.objects.count()


def test_the_petition_form_offers_the_province_s_communes_and_refuses_another_province_s(
    client, login, country
):
    province = CouncilFactory(admin_unit=country["p1"])
    login("office", province)
    page = client.get("/petitions/new/").content.decode()
    assert "Xã Một A" in page and "Phường Một B" in page
    assert "Xã Hai A" not in page
    response = client.post(
        "/petitions/new/",
        {
            "title": "Sạt lở",
            "text": "Cử tri đề nghị xây kè.",
            "received_on": "01/12/2026",
            "admin_unit": country["c2"].pk,
        },
    )
    assert response.status_code == 200
    assert "admin_unit" in response.context["form"].errors
    assert not Petition.objects.exists()
    response = client.post(
        "/petitions/new/",
        {
            "title": "Sạt lở",
            "text": "Cử tri đề nghị xây kè.",
            "received_on": "01/12/2026",
            "admin_unit": country["c1"].pk,
        },
    )
    assert response.status_code == 302
    assert Petition.objects.get().admin_unit == country["c1"]
