import pytest
from django.urls import reverse

from council.models import Role
from tests.conftest import ALL_ROLES
from tests.dates import today
from tests.voters.factories import VoterOpinionFactory
from voters import services
from voters.models import Channel, MediaProduct

pytestmark = pytest.mark.django_db


def _opinion(council, channel, text, voters=1):
    return VoterOpinionFactory(
        council=council, channel=channel, meeting=None, received_on=today(), text=text, voters_count=voters
    )


def test_channels_count_what_each_brought_in(client, office, council):
    a = _opinion(council, Channel.HOTLINE, "Đèn đường hư", voters=3)
    b = _opinion(council, Channel.HOTLINE, "Đèn đường ấp 2 hư", voters=2)
    services.petition_create(actor=None, council=council, title="Đèn đường", opinions=[a, b])
    _opinion(council, Channel.ZALO, "Ngập nước")
    response = client.get(reverse("voters:channels"), {"year": today().year})
    table = {row[0]: row[2:] for row in response.context["table"]}
    assert table[Channel.HOTLINE] == (2, 1, 5)
    assert table[Channel.ZALO] == (1, 0, 1)
    assert table[Channel.EMAIL] == (0, 0, 0)  # in use, nothing yet


def test_the_office_records_a_media_product_and_others_read(client, login, council):
    login(Role.OFFICE)
    client.post(
        reverse("voters:media_create"),
        {
            "kind": "newspaper",
            "outlet": "Báo Đồng Tháp",
            "topic": "Chuyên trang HĐND",
            "published_on": "05/11/2026",
            "cost": "15000000",
        },
    )
    assert MediaProduct.objects.get().outlet == "Báo Đồng Tháp"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_communications_pages_by_role(client, login, council, role):
    login(role)
    expected = 403 if role == Role.AGENCY else 200
    for name in ("voters:channels", "voters:media_list", "voters:outreach_event_list"):
        assert client.get(reverse(name)).status_code == expected, name


def test_the_channels_page_runs_constant_queries(client, office, council, constant_queries):
    def add(rows):
        for n in rows:
            if n == 0:
                _opinion(council, Channel.HOTLINE, "Một")
            else:
                _opinion(council, Channel.WEB if n % 2 else Channel.EMAIL, f"Ý kiến {n}")

    constant_queries(add, lambda: client.get(reverse("voters:channels")), few=1, many=11)
