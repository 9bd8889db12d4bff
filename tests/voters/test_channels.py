"""Outreach channels as data the Office maintains: added, named, switched off, and used end to end."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from council.models import Role
from reports import metrics
from reports.charts_data import breakdown_rows
from reports.metrics import Window
from tests.dates import today
from tests.voters.factories import VoterOpinionFactory
from voters import selectors, services
from voters.models import Channel, Letter, OutreachChannel, VoterOpinion

pytestmark = pytest.mark.django_db

FACEBOOK = {"code": "facebook", "name": "Trang Facebook HĐND tỉnh", "kind": "", "order": 95}


def _channel(council, **data):
    return services.channel_create(actor=None, council=council, **{**FACEBOOK, **data})


def _opinion(council, channel, text="Đèn đường hư", **extra):
    return VoterOpinionFactory(
        council=council, channel=channel, meeting=None, received_on=today(), text=text, **extra
    )


def _opinion_post(channel, text="Đề nghị sửa đường ấp 3"):
    return {
        "channel": channel,
        "received_on": today().strftime("%d/%m/%Y"),
        "text": text,
        "voters_count": 2,
    }


def test_the_office_adds_a_channel_and_records_an_opinion_through_it(client, office, council):
    response = client.post(
        reverse("voters:outreach_channel_create"),
        {"code": "facebook", "name": "Trang Facebook HĐND tỉnh", "kind": "", "is_active": "on", "order": 95},
    )
    channel = OutreachChannel.objects.get(council=council, code="facebook")
    assert response.status_code == 302 and channel.label == "Trang Facebook HĐND tỉnh"
    # Offered on the opinion form, and an opinion recorded through it.
    form = client.get(reverse("voters:opinion_create"))
    assert ("facebook", "Trang Facebook HĐND tỉnh") in form.context["form"].fields["channel"].choices
    response = client.post(reverse("voters:opinion_create"), _opinion_post("facebook"))
    assert response.status_code == 302
    opinion = VoterOpinion.objects.get(council=council)
    assert opinion.channel == "facebook" and opinion.get_channel_display() == "Trang Facebook HĐND tỉnh"
    # The list names it, and filters by it.
    _opinion(council, Channel.HOTLINE, "Ngập nước")
    listed = client.get(reverse("voters:opinion_list"), {"channel": "facebook"})
    assert [o.pk for o in listed.context["page"].object_list] == [opinion.pk]
    assert "Trang Facebook HĐND tỉnh" in listed.content.decode()
    # The channels page counts what it brought in.
    table = {row[0]: row[1:] for row in client.get(reverse("voters:channels")).context["table"]}
    assert table["facebook"] == ("Trang Facebook HĐND tỉnh", 1, 0, 2)


def test_a_letter_is_recorded_through_an_added_channel(client, office, council):
    _channel(council)
    response = client.post(
        reverse("voters:letter_create"),
        {
            "kind": "feedback",
            "channel": "facebook",
            "received_on": today().strftime("%d/%m/%Y"),
            "sender_name": "Nguyễn Văn A",
            "summary": "Góp ý về giờ tiếp công dân",
        },
    )
    assert response.status_code == 302
    letter = Letter.objects.get(council=council)
    assert letter.channel == "facebook"
    page = client.get(reverse("voters:letter_list"), {"channel": "facebook"})
    assert "Trang Facebook HĐND tỉnh" in page.content.decode()


@pytest.mark.parametrize("case", ["inactive", "unknown", "other_council"])
def test_a_channel_not_in_use_here_is_refused_and_nothing_written(
    client, office, council, other_council, case
):
    code = {"inactive": "oldline", "unknown": "pigeon", "other_council": "tiktok"}[case]
    if case == "inactive":
        _channel(council, code="oldline", name="Đường dây cũ", is_active=False)
    if case == "other_council":
        _channel(other_council, code="tiktok", name="TikTok")
    response = client.post(reverse("voters:opinion_create"), _opinion_post(code))
    assert response.status_code == 200 and response.context["form"].errors["channel"]
    assert not VoterOpinion.objects.exists()
    # The service says why, whoever calls it.
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.opinion_add(actor=None, council=council, channel=code, text="x", received_on=today())
    message = " ".join(refused.value.message_dict["channel"])
    expected = "no longer in use" if case == "inactive" else "not a channel of this council"
    assert expected in message
    assert not VoterOpinion.objects.exists()


def test_a_switched_off_channel_keeps_its_records_editable(client, office, council):
    old = _opinion(council, Channel.HOTLINE)
    services.channels_ensure_builtin(council=council)
    hotline = OutreachChannel.objects.get(council=council, code=Channel.HOTLINE)
    services.channel_update(hotline, actor=None, is_active=False)
    with pytest.raises(ValidationError):
        _opinion(council, Channel.HOTLINE, "Mới")
    # The old record is saved unchanged in its channel, and its edit page still offers it.
    edit = client.get(reverse("voters:opinion_update", args=[old.pk]))
    assert Channel.HOTLINE in dict(edit.context["form"].fields["channel"].choices)
    response = client.post(
        reverse("voters:opinion_update", args=[old.pk]), _opinion_post(Channel.HOTLINE, "Đèn đường hư (sửa)")
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.text == "Đèn đường hư (sửa)" and old.channel == Channel.HOTLINE
    # The filter still offers it, for the records it holds.
    filters = client.get(reverse("voters:opinion_list")).context["filter_form"]
    assert Channel.HOTLINE in dict(filters.fields["channel"].choices)


def test_the_pages_own_channels_stay_in_use_and_codes_do_not_change_once_used(council):
    services.channels_ensure_builtin(council=council)
    meeting = OutreachChannel.objects.get(council=council, code=Channel.MEETING)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            services.channel_update(meeting, actor=None, is_active=False)
        assert "stays in use" in str(refused.value)
    facebook = _channel(council)
    services.channel_update(facebook, actor=None, code="fb")  # unused: may still change
    facebook.refresh_from_db()
    _opinion(council, "fb")
    with pytest.raises(ValidationError):
        services.channel_update(facebook, actor=None, code="facebook")
    with pytest.raises(ValidationError):
        _channel(council, code="fb", name="Trùng mã")
    with pytest.raises(ValidationError):
        _channel(council, code="direct", name="Mã dành riêng")
    assert OutreachChannel.objects.get(pk=facebook.pk).code == "fb"


def test_built_in_channels_are_written_down_once(council):
    assert len(selectors.council_channels(council)) == len(Channel.values)  # implicit before
    made = services.channels_ensure_builtin(council=council)
    assert len(made) == len(Channel.values)
    assert services.channels_ensure_builtin(council=council) == []
    hotline = OutreachChannel.objects.get(council=council, code=Channel.HOTLINE)
    with translation.override("en"):
        assert hotline.name == "" and hotline.label == "Hotline"
    services.channel_update(hotline, actor=None, name="Đường dây nóng 1022")
    assert selectors.channel_names(council)[Channel.HOTLINE] == "Đường dây nóng 1022"


def test_the_breakdown_and_the_report_show_the_added_channels_name(council):
    _channel(council)
    a = _opinion(council, "facebook", "Ngập nước ấp 1")
    b = _opinion(council, Channel.HOTLINE, "Đèn đường hư")
    services.petition_create(actor=None, council=council, title="Ngập nước", opinions=[a])
    services.petition_create(actor=None, council=council, title="Đèn đường", opinions=[b])
    metric = metrics.get("petitions_by_channel")
    window = Window(today() - dt.timedelta(days=30), today())
    with translation.override("en"):
        rows = dict(breakdown_rows(metric, metric.evaluate(council, window)))
        assert rows == {"Trang Facebook HĐND tỉnh": 1, "Hotline": 1}
        report = selectors.petition_report(council, since=window.start, until=window.end)
        assert dict(report.by_channel) == {"Trang Facebook HĐND tỉnh": 1, "Hotline": 1}


def test_consultation_opinions_count_channels_that_work_as_a_consultation(council):
    _channel(council, code="portal", name="Cổng lấy ý kiến", kind=Channel.CONSULTATION)
    _opinion(council, "portal", "Góp ý dự thảo")
    _opinion(council, Channel.CONSULTATION, "Góp ý khác")
    _opinion(council, Channel.HOTLINE, "Không tính")
    window = Window(today() - dt.timedelta(days=30), today())
    assert metrics.get("consultations").evaluate(council, window) == {"n": 2}


@pytest.mark.parametrize("role", [Role.OFFICE, Role.STANDING, Role.DELEGATE, Role.AGENCY])
def test_channel_pages_by_role(client, login, council, role):
    channel = _channel(council)
    login(role)
    expected = 403 if role == Role.AGENCY else 200
    assert client.get(reverse("voters:outreach_channel_list")).status_code == expected
    assert client.get(reverse("voters:outreach_channel_detail", args=[channel.pk])).status_code == expected
    editing = client.get(reverse("voters:outreach_channel_update", args=[channel.pk])).status_code
    assert editing == (200 if role == Role.OFFICE else 403)
    response = client.post(
        reverse("voters:outreach_channel_create"), {**FACEBOOK, "code": "zalo2", "name": "Z"}
    )
    assert response.status_code == (302 if role == Role.OFFICE else 403)
    assert OutreachChannel.objects.filter(code="zalo2").exists() == (role == Role.OFFICE)


def test_another_councils_office_finds_no_channel(client, login, council, other_council):
    channel = _channel(council)
    login(Role.OFFICE, other_council)
    assert client.get(reverse("voters:outreach_channel_detail", args=[channel.pk])).status_code == 404
    assert client.get(reverse("voters:outreach_channel_update", args=[channel.pk])).status_code == 404


def test_lists_with_channel_names_run_constant_queries(client, office, council, constant_queries):
    services.channels_ensure_builtin(council=council)

    def add(rows):
        for n in rows:
            code = f"kenh{n}"
            _channel(council, code=code, name=f"Kênh {n}", order=200 + n)
            _opinion(council, code, f"Ý kiến {n}")
            services.letter_create(
                actor=None,
                council=council,
                kind="feedback",
                channel=code,
                received_on=today(),
                sender_name="Trần Thị B",
                summary=f"Thư {n}",
            )

    constant_queries(
        add,
        {
            "opinions": lambda: client.get(reverse("voters:opinion_list")),
            "opinions xlsx": lambda: client.get(reverse("voters:opinion_xlsx")),
            "letters": lambda: client.get(reverse("voters:letter_list")),
            "channels": lambda: client.get(reverse("voters:outreach_channel_list")),
            "channels page": lambda: client.get(reverse("voters:channels")),
        },
        few=3,
        many=12,
    )
