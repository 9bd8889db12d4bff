"""Consolidating a round of voter contact at once, and merging any petition into another from its page."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from council.models import AdminUnit, Role
from tests.conftest import ALL_ROLES
from tests.dates import days, today
from voters import services
from voters.consolidation import GroupPlan, round_consolidate
from voters.models import Channel, Petition, VoterOpinion

pytestmark = pytest.mark.django_db
ROUND = reverse("voters:round")

FLOOD = [
    "Đề nghị đầu tư xây dựng kè chống sạt lở bờ sông Tiền đoạn qua ấp 1 xã Tân Hồng",
    "Cử tri đề nghị sớm xây kè chống sạt lở bờ sông Tiền đoạn ấp 2 xã Tân Hồng",
    "Đề nghị tỉnh đầu tư kè chống sạt lở bờ sông Tiền qua xã Tân Hồng",
]
ROAD = [
    "Đề nghị nâng cấp đường giao thông nông thôn liên ấp Tân Thành xuống cấp nghiêm trọng",
    "Cử tri đề nghị sửa chữa đường giao thông nông thôn liên ấp Tân Thành bị hư hỏng xuống cấp",
]
SCHOOL = "Đề nghị bố trí thêm giáo viên tiếng Anh cho trường tiểu học Tân Hồng 2"


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


def _opinion(council, text, *, meeting=None, voters=1, **extra):
    if meeting is not None:
        extra.update(channel=Channel.MEETING, meeting=meeting)
    else:
        extra.setdefault("channel", Channel.HOTLINE)
        extra.setdefault("received_on", days(-5))
    return services.opinion_add(actor=None, council=council, text=text, voters_count=voters, **extra)


def _petition(council, title):
    opinion = _opinion(council, title)
    return services.petition_create(actor=None, council=council, title=title, opinions=[opinion])


# --- The service ------------------------------------------------------------------------------------------


def test_one_call_creates_petitions_and_adds_to_existing_ones(council, meeting, office):
    existing = _petition(council, "Xây kè chống sạt lở bờ sông Tiền xã Tân Hồng")
    flood = [_opinion(council, t, meeting=meeting, voters=3) for t in FLOOD]
    road = [_opinion(council, t, meeting=meeting, voters=2) for t in ROAD]
    result = round_consolidate(
        actor=office,
        council=council,
        groups=[
            GroupPlan(key="1", opinions=[o.pk for o in flood], petition=f" {existing.code.lower()} "),
            GroupPlan(key="2", opinions=[o.pk for o in road], title="Nâng cấp đường liên ấp Tân Thành"),
        ],
    )
    existing.refresh_from_db()
    assert existing.voters_count == 1 + 9 and existing.opinions.count() == 4
    assert result.attached == [(existing, 3)] and result.opinions_attached == 3
    (created,) = result.created
    assert created.title == "Nâng cấp đường liên ấp Tân Thành" and created.voters_count == 4
    assert set(created.opinions.all()) == set(road)
    # Each source opinion keeps its meeting, commune and channel; the petition its commune and history.
    assert all(o.meeting == meeting and o.admin_unit == meeting.place for o in created.opinions.all())
    assert created.admin_unit == meeting.place and created.history.first().history_user == office
    assert not VoterOpinion.objects.pending().exists()


def test_a_bad_group_writes_nothing_and_every_error_is_named(council, meeting, other_council):
    merged = _petition(council, "Kiến nghị đã gộp")
    services.petition_merge(_petition(council, "Kiến nghị giữ lại"), actor=None, duplicate=merged)
    merged.refresh_from_db()
    foreign = _petition(other_council, "Kiến nghị của hội đồng khác")
    good = _opinion(council, FLOOD[0], meeting=meeting)
    a, b, c, d = (_opinion(council, t, meeting=meeting) for t in [*ROAD, SCHOOL, FLOOD[1]])
    before = Petition.objects.count()
    with pytest.raises(ValidationError) as raised:
        round_consolidate(
            actor=None,
            council=council,
            groups=[
                GroupPlan(key="1", opinions=[good.pk], title="Kè sông Tiền"),
                GroupPlan(key="2", opinions=[a.pk], title="   "),
                GroupPlan(key="3", opinions=[b.pk], petition="KN00-NOTHIS"),
                GroupPlan(key="4", opinions=[c.pk], petition=merged.code),
                GroupPlan(key="5", opinions=[d.pk], petition=foreign.code),
                GroupPlan(key="6", opinions=[d.pk, good.pk], title="x" * 301),
            ],
        )
    errors = raised.value.message_dict
    assert set(errors) == {"2", "3", "4", "5", "6"}
    assert merged.code in errors["4"][0] and merged.merged_into.code in errors["4"][0]
    assert "KN00-NOTHIS" in errors["3"][0]
    assert foreign.code in errors["5"][0]  # another council's petition is as unknown as a missing one
    assert _vi("An opinion cannot be in two groups.") in errors["6"] and any("300" in e for e in errors["6"])
    assert (
        Petition.objects.count() == before
        and VoterOpinion.objects.filter(council=council).pending().count() == 5
    )


def test_opinions_already_consolidated_or_of_another_council_are_refused(council, meeting, other_council):
    taken = _opinion(council, FLOOD[0], meeting=meeting)
    petition = services.petition_create(actor=None, council=council, title="Kè", opinions=[taken])
    answered = _opinion(council, FLOOD[1], meeting=meeting, spot_answer="Đã trả lời tại hội nghị.")
    theirs = _opinion(other_council, FLOOD[2])
    fresh = _opinion(council, SCHOOL, meeting=meeting)
    for bad in (taken, answered, theirs):
        with pytest.raises(ValidationError) as raised:
            round_consolidate(
                actor=None,
                council=council,
                groups=[
                    GroupPlan(key="a", opinions=[fresh.pk], title="Giáo viên"),
                    GroupPlan(key="b", opinions=[bad.pk], title="Sạt lở"),
                ],
            )
        assert list(raised.value.message_dict) == ["b"]
        if bad is taken:  # the clerk is told where it went
            assert petition.code in raised.value.message_dict["b"][0]
    fresh.refresh_from_db()
    theirs.refresh_from_db()
    assert fresh.petition is None and theirs.petition is None and Petition.objects.count() == 1
    with pytest.raises(ValidationError):
        round_consolidate(actor=None, council=council, groups=[])


# --- The page ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_round_page_is_the_offices(client, login, council, meeting, role):
    login(role)
    _opinion(council, FLOOD[0], meeting=meeting)
    expected = 200 if role in {Role.OFFICE, Role.ADMIN} else 403
    assert client.get(ROUND, {"session": meeting.session_id}).status_code == expected
    assert client.post(ROUND, {"action": "consolidate"}).status_code == expected
    assert client.get(reverse("voters:round_done")).status_code == (302 if expected == 200 else 403)
    assert not Petition.objects.exists()


def test_the_page_proposes_groups_with_their_petition_and_no_voter_names(client, office, council, meeting):
    # The finder weighs what petitions share: the council has a few, two of them on the flood.
    existing = [
        _petition(council, "Xây kè chống sạt lở bờ sông Tiền đoạn qua xã Tân Hồng"),
        _petition(council, "Sạt lở bờ sông Tiền xã Tân Hồng cần kè chống sạt lở"),
    ]
    _petition(council, "Thiếu nước sạch sinh hoạt ấp Tân Thành")
    for text in FLOOD:
        _opinion(council, text, meeting=meeting, voter_name="Nguyễn Văn Bí Mật", voter_address="Ấp 9")
    for text in ROAD:
        _opinion(council, text, meeting=meeting)
    _opinion(council, SCHOOL, meeting=meeting)
    page = client.get(ROUND, {"session": meeting.session_id}).content.decode()
    assert "Bí Mật" not in page and "Ấp 9" not in page
    groups = page.split('class="card mb-2 round-group')[1:]
    flood = next(g for g in groups if FLOOD[0] in g)
    assert all(t in flood for t in FLOOD) and ROAD[0] not in flood  # the same issue, one group
    # The petitions it likely repeats are offered (never chosen: a new petition stays the default).
    assert any(f'<option value="{p.code}">' in flood for p in existing)
    assert (
        '<option value="new">' in flood
        and " selected" not in flood.split("round-target")[1].split("</select>")[0]
    )
    road = next(g for g in groups if ROAD[0] in g)
    assert ROAD[1] in road and SCHOOL not in road
    assert meeting.place.name in page and str(meeting) in page


def test_a_period_round_takes_every_channel_and_a_commune_narrows_it(client, office, council, meeting, unit):
    other = AdminUnit.objects.create(code="29930", name="Xã Thông Bình", level="commune", parent=unit.parent)
    at_meeting = _opinion(council, FLOOD[0], meeting=meeting)
    by_phone = _opinion(council, ROAD[0], admin_unit=other, received_on=days(-2))
    old = _opinion(council, SCHOOL, received_on=days(-200))
    since = (days(-30)).strftime("%d/%m/%Y")
    until = today().strftime("%d/%m/%Y")
    page = client.get(ROUND, {"since": since, "until": until}).content.decode()
    assert at_meeting.text in page and by_phone.text in page and old.text not in page
    narrowed = client.get(ROUND, {"since": since, "until": until, "unit": other.pk}).content.decode()
    assert by_phone.text in narrowed and at_meeting.text not in narrowed
    bad = client.get(ROUND, {"since": until, "until": since}).content.decode()
    assert _vi("The end of the period cannot come before its start.") in bad and "round-group" not in bad
    assert client.get(ROUND, {"since": "32/13/2026", "until": "x"}).status_code == 200


def _post(client, data, *, packed=False, **extra):
    if packed:  # as static/js/round.js sends it
        return client.post(ROUND, {"packed": json.dumps(data), **extra})
    return client.post(ROUND, {**data, **extra})


@pytest.mark.parametrize("packed", [False, True])
def test_the_clerk_arranges_and_consolidates_in_one_action(client, office, council, meeting, packed):
    existing = _petition(council, "Giáo viên tiếng Anh trường tiểu học")
    flood = [_opinion(council, t, meeting=meeting, voters=2) for t in FLOOD]
    road = [_opinion(council, t, meeting=meeting) for t in ROAD]
    school = _opinion(council, SCHOOL, meeting=meeting, voters=5)
    data = {
        # The proposal put a flood opinion with the roads: the clerk moves it back to group 1.
        **{f"o-{o.pk}": "1" for o in flood[:2]},
        f"o-{flood[2].pk}": "2",
        **{f"o-{o.pk}": "2" for o in road},
        f"o-{school.pk}": "3",
        "g-1-title": "Kè chống sạt lở sông Tiền",
        "g-1-target": "new",
        "g-1-confirm": "on",
        "g-2-title": "Đường liên ấp Tân Thành",
        "g-2-target": "new",
        "g-2-confirm": "on",
        "g-3-title": "",
        "g-3-target": "new",
        "g-3-code": existing.code,
        "g-3-confirm": "on",
    }
    # Apply the numbers: nothing written, the page shows the new groups and keeps what was typed.
    page = _post(client, {**data, f"o-{flood[2].pk}": "1", "action": "arrange"}, packed=packed)
    html = page.content.decode()
    assert page.status_code == 200 and not Petition.objects.filter(title__startswith="Kè").exists()
    assert "Kè chống sạt lở sông Tiền" in html
    group_one = html.split('id="group-1"')[1].split('id="group-2"')[0]
    assert all(o.text in group_one for o in flood)
    # Consolidate: the confirmed groups become petitions, the third joins the existing petition.
    data[f"o-{flood[2].pk}"] = "1"
    response = _post(client, {**data, "action": "consolidate"}, packed=packed, session=meeting.session_id)
    assert response.status_code == 302 and response.url == reverse("voters:round_done")
    kè = Petition.objects.get(title="Kè chống sạt lở sông Tiền")
    road_petition = Petition.objects.get(title="Đường liên ấp Tân Thành")
    existing.refresh_from_db()
    assert kè.voters_count == 6 and set(kè.opinions.all()) == set(flood)
    assert set(road_petition.opinions.all()) == set(road)
    assert existing.voters_count == 6 and school in existing.opinions.all()
    done = client.get(response.url).content.decode()
    assert reverse("voters:petition_detail", args=[kè.pk]) in done and existing.code in done
    assert reverse("voters:petition_detail", args=[road_petition.pk]) in done


def test_on_an_error_nothing_is_written_and_the_arrangement_stays(client, office, council, meeting):
    flood = [_opinion(council, t, meeting=meeting) for t in FLOOD]
    road = [_opinion(council, t, meeting=meeting) for t in ROAD]
    data = {
        **{f"o-{o.pk}": "1" for o in flood},
        **{f"o-{o.pk}": "7" for o in road},
        "g-1-title": "Kè chống sạt lở sông Tiền",
        "g-1-target": "new",
        "g-1-confirm": "on",
        "g-7-title": "Đường liên ấp",
        "g-7-code": "KN00-NOTHIS",
        "g-7-confirm": "on",
        "action": "consolidate",
    }
    response = client.post(ROUND, data)
    html = response.content.decode()
    assert response.status_code == 200 and not Petition.objects.exists()
    group_seven = html.split('id="group-7"')[1]
    assert "KN00-NOTHIS" in group_seven.split("</section>")[0] and "alert-danger" in group_seven
    assert 'value="KN00-NOTHIS"' in group_seven and "Kè chống sạt lở sông Tiền" in html
    assert html.count('name="g-1-confirm" id="g-1-confirm" checked') == 1


def test_split_and_merge_without_javascript(client, office, council, meeting):
    a, b, c = (_opinion(council, t, meeting=meeting) for t in FLOOD)
    base = {f"o-{a.pk}": "1", f"o-{b.pk}": "1", f"o-{c.pk}": "2", "g-1-title": "Kè", "g-2-title": "Sạt lở"}
    html = client.post(ROUND, {**base, "split": str(b.pk), "action": "consolidate"}).content.decode()
    assert not Petition.objects.exists()  # a rearrangement is shown first, never consolidated blind
    assert f'name="o-{b.pk}" value="3"' in html and 'id="group-3"' in html
    assert FLOOD[1] in html.split('id="group-3"')[1]  # its own group, titled from its text
    html = client.post(ROUND, {**base, "merge_from": "2", "merge_into": "1"}).content.decode()
    assert f'name="o-{c.pk}" value="1"' in html and 'id="group-2"' not in html


@pytest.mark.parametrize(
    "data",
    [
        {"o-abc": "1", "g-1-confirm": "on", "action": "consolidate"},
        {"o-99999999999999999999999": "1", "action": "consolidate", "g-1-confirm": "on"},
        {"o-1": "-3", "o-2": "999999999", "action": "consolidate", "g-1-confirm": "on"},
        {"packed": "{not json", "action": "consolidate"},
        {"packed": "[1, 2]"},
        {"packed": json.dumps({"o-1": ["x"], "g-1-title": 5, "g-1-confirm": "on", "action": "consolidate"})},
        {"session": "abc", "since": "99/99/9999", "unit": "-1"},
    ],
)
def test_bad_input_changes_nothing_and_never_fails(client, office, council, meeting, data, other_council):
    theirs = _opinion(other_council, FLOOD[0])
    response = client.post(ROUND, {**data, f"o-{theirs.pk}": "1"})
    assert response.status_code in (200, 400)
    theirs.refresh_from_db()
    assert theirs.petition is None and not Petition.objects.exists()


def test_the_round_runs_the_same_queries_for_5_and_50_opinions(
    client, office, council, meeting, constant_queries
):
    _petition(council, "Xây kè chống sạt lở bờ sông Tiền đoạn qua xã Tân Hồng")
    _petition(council, "Nâng cấp đường giao thông nông thôn liên ấp Tân Thành")
    texts = [*FLOOD, *ROAD, SCHOOL]

    def add(rows):
        for i in rows:
            _opinion(council, f"{texts[i % len(texts)]} lần {i}", meeting=meeting)

    def shown():
        response = client.get(ROUND, {"session": meeting.session_id})
        assert response.status_code == 200
        return response.content.decode().count('class="list-group-item py-1 round-opinion"')

    # The warm-up builds the duplicate finder's snapshot once.
    assert constant_queries(add, shown, warm_up=True) == (5, 50)


def test_links_to_the_round(client, office, council, meeting):
    assert ROUND in client.get(reverse("voters:home")).content.decode()
    page = client.get(reverse("voters:meeting_detail", args=[meeting.pk])).content.decode()
    assert f"{ROUND}?session={meeting.session_id}" in page


# --- QA round (issue 17 item 3) ---------------------------------------------------------------------------


def test_an_arrangement_that_did_not_arrive_shows_the_proposal_again(client, office, council, meeting):
    # A second press of the button used to send an empty round in place of the first.
    flood = [_opinion(council, t, meeting=meeting) for t in FLOOD]
    for packed, status in ((json.dumps({"action": "consolidate"}), 200), ("{cut", 400)):
        response = client.post(
            ROUND, {"packed": packed, "session": meeting.session_id, "action": "consolidate"}
        )
        html = response.content.decode()
        assert response.status_code == status and not Petition.objects.exists()
        assert html.count('class="list-group-item py-1 round-opinion"') == 3
        assert all(o.text in html for o in flood)
        assert (
            _vi(
                "The groups did not reach the server, so nothing was consolidated: "
                "the proposed groups of the round are shown again."
            )
            in html
        )
        assert _vi("Confirm at least one group to consolidate.") not in html


def test_an_arrangement_with_nothing_confirmed_stays_on_the_page(client, office, council, meeting):
    a, b = (_opinion(council, t, meeting=meeting) for t in ROAD)
    html = client.post(
        ROUND, {f"o-{a.pk}": "4", f"o-{b.pk}": "4", "g-4-title": "Đường liên ấp", "action": "consolidate"}
    ).content.decode()
    assert _vi("Confirm at least one group to consolidate.") in html
    assert "Đường liên ấp" in html and f'name="o-{b.pk}" value="4"' in html


def _label(state) -> str:
    with translation.override("vi"):
        return str(state.label)


def _suggesting(monkeypatch, scores):
    """The duplicate finder suggests these petitions with these scores for every opinion."""
    from voters.matching.matcher import Match, Matcher

    def suggest_many(self, texts, **kwargs):
        return [[Match(score=s, petition_id=p.pk) for p, s in scores] for _text in texts]

    monkeypatch.setattr(Matcher, "suggest_many", suggest_many)


def test_weak_and_answered_suggestions_are_marked_and_an_answered_one_is_not_a_target(
    client, office, council, meeting, monkeypatch
):
    strong = _petition(council, "Kè chống sạt lở sông Tiền")
    weak = _petition(council, "Sạt lở bờ kênh")
    answered = _petition(council, "Kè sông Tiền đã làm")
    Petition.objects.filter(pk=answered.pk).update(state=Petition.State.CLOSED)
    _suggesting(monkeypatch, [(answered, 0.9), (strong, 0.7), (weak, 0.3)])
    opinion = _opinion(council, FLOOD[0], meeting=meeting)
    html = client.get(ROUND, {"session": meeting.session_id}).content.decode()
    target = html.split("round-target")[1].split("</select>")[0]
    options = {
        p: target.split(f'<option value="{p.code}"')[1].split("</option>")[0]
        for p in (strong, weak, answered)
    }
    assert options[answered].startswith(" disabled>") and _label(Petition.State.CLOSED) in options[answered]
    assert "data-weak" in options[weak] and _vi("weak match") in options[weak]
    assert "data-weak" not in options[strong] and "disabled" not in options[strong]
    assert (
        _label(Petition.State.RECORDED) in options[strong]
    )  # each suggestion says where its petition stands
    hints = html.split("round-hints")[1].split("</ul>")[0]
    assert answered.code in hints and _vi("answered: takes no more opinions") in hints
    # Typed by code, the answered petition is refused before anything is written.
    response = client.post(
        ROUND,
        {f"o-{opinion.pk}": "1", "g-1-code": answered.code, "g-1-confirm": "on", "action": "consolidate"},
    )
    assert answered.code in response.content.decode().split('id="group-1"')[1]
    opinion.refresh_from_db()
    assert opinion.petition is None


def test_counts_have_plural_forms_in_english(client, office, council, meeting):
    _opinion(council, SCHOOL, meeting=meeting, voters=1)
    html = client.get(ROUND, {"session": meeting.session_id}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 opinion</span> · <span" in html and ">1 voter</span>" in html
    assert "1 opinions" not in html and "1 voters" not in html and "0 groups confirmed" in html
    for o in [_opinion(council, t, meeting=meeting, voters=2) for t in FLOOD]:
        assert o.text
    html = client.get(ROUND, {"session": meeting.session_id}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "3 opinions</span>" in html and ">6 voters</span>" in html


def test_a_split_group_comes_right_after_its_group_with_suggestions(
    client, office, council, meeting, monkeypatch
):
    existing = _petition(council, "Kè chống sạt lở sông Tiền")
    _suggesting(monkeypatch, [(existing, 0.8)])
    a, b = (_opinion(council, t, meeting=meeting) for t in FLOOD[:2])
    c = _opinion(council, ROAD[0], meeting=meeting)
    d = _opinion(council, SCHOOL, meeting=meeting)
    data = {f"o-{a.pk}": "1", f"o-{b.pk}": "1", f"o-{c.pk}": "2", f"o-{d.pk}": "3", "order": "1,2,3"}
    html = client.post(ROUND, {**data, "split": str(b.pk)}).content.decode()
    page = html.split('id="round-group-template"')[0]
    shown = [int(n) for n in re.findall(r'round-group[^"]*" id="group-(\d+)"', page)]
    assert shown == [1, 4, 2, 3]
    assert f'<option value="{existing.code}"' in html.split('id="group-4"')[1].split("</section>")[0]
    # The order the page showed is kept on the next request.
    html = client.post(ROUND, {**data, f"o-{b.pk}": "4", "order": "1,4,2,3"}).content.decode()
    assert html.index('id="group-4"') < html.index('id="group-2"')


def test_with_a_session_and_dates_the_page_says_the_session_was_used(client, office, council, meeting):
    _opinion(council, FLOOD[0], meeting=meeting)
    old = _opinion(council, SCHOOL, received_on=days(-3))
    since, until = (days(-30)).strftime("%d/%m/%Y"), today().strftime("%d/%m/%Y")
    html = client.get(ROUND, {"session": meeting.session_id, "since": since, "until": until}).content.decode()
    assert 'id="round-notice"' in html and FLOOD[0] in html and old.text not in html
    assert 'id="round-notice"' not in client.get(ROUND, {"session": meeting.session_id}).content.decode()


def test_opinions_consolidated_meanwhile_are_taken_out_and_named(client, office, council, meeting):
    flood = [_opinion(council, t, meeting=meeting) for t in FLOOD]
    road = [_opinion(council, t, meeting=meeting) for t in ROAD]
    data = {
        **{f"o-{o.pk}": "1" for o in flood},
        **{f"o-{o.pk}": "2" for o in road},
        "g-1-title": "Kè chống sạt lở sông Tiền",
        "g-1-confirm": "on",
        "g-2-title": "Đường liên ấp",
        "g-2-confirm": "on",
        "action": "consolidate",
    }
    # In another tab, one flood opinion and every road opinion were consolidated.
    elsewhere = services.petition_create(actor=None, council=council, title="Kè", opinions=[flood[0], *road])
    response = client.post(ROUND, data)
    html = response.content.decode()
    assert response.status_code == 200 and Petition.objects.count() == 1
    assert html.count(elsewhere.code) >= 3  # named in the message and on the group
    assert f'name="o-{flood[0].pk}"' not in html and 'id="group-2"' not in html
    group_one = html.split('id="group-1"')[1].split("</section>")[0]
    assert "alert-danger" not in group_one and "round-notes" in group_one
    assert 'name="g-1-confirm" id="g-1-confirm" checked' in group_one
    # What is left goes through as it stands.
    del data[f"o-{flood[0].pk}"]
    for o in road:
        del data[f"o-{o.pk}"]
    response = client.post(ROUND, data)
    assert response.status_code == 302
    assert set(Petition.objects.get(title="Kè chống sạt lở sông Tiền").opinions.all()) == set(flood[1:])
