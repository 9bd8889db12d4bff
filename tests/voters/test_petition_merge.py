"""Merging any petition into the one on screen: the search that finds it, the merge and its message; and the
communes the classify form offers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from council.models import AdminUnit, Role
from tests.council.factories import CouncilFactory
from voters import services
from voters.models import Channel, Petition

pytestmark = pytest.mark.django_db


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


def _petition(council, title):
    opinion = services.opinion_add(
        actor=None,
        council=council,
        text=title,
        voters_count=1,
        channel=Channel.HOTLINE,
        received_on=timezone.localdate() - dt.timedelta(days=5),
    )
    return services.petition_create(actor=None, council=council, title=title, opinions=[opinion])


# --- Merging any petition ---------------------------------------------------------------------------------


def test_the_merge_search_finds_by_code_and_unaccented_words(client, office, council, other_council):
    target = _petition(council, "Xây kè chống sạt lở bờ sông Tiền")
    road = _petition(council, "Nâng cấp đường liên ấp Tân Thành")
    same_words = _petition(council, "Đường Tân Thành ngập nước mùa lũ")
    gone = _petition(council, "Đường liên ấp Tân Thành hư hỏng")
    services.petition_merge(road, actor=None, duplicate=gone)
    theirs = _petition(other_council, "Đường liên ấp Tân Thành của nơi khác")
    url = reverse("voters:petition_merge_search", args=[target.pk])

    def found(q):
        html = client.get(url, {"q": q}, HTTP_HX_REQUEST="true").content.decode()
        offered = (target, road, same_words, gone, theirs)
        return {p.code for p in offered if f'name="duplicate" value="{p.pk}"' in html}

    assert found("duong tan thanh") == {road.code, same_words.code}
    assert found("DUONG LIEN AP") == {road.code}
    assert found(road.code.lower()) == {road.code}
    assert found(target.code) == set() and found("song tien") == set()
    assert found(gone.code) == set() and found(theirs.code) == set()
    assert found("") == set()
    html = client.get(url, {"q": "tân thành"}, HTTP_HX_REQUEST="true").content.decode()
    assert (
        "<html" not in html
        and f'action="{reverse("voters:petition_action", args=[target.pk, "merge"])}"' in html
    )
    full = client.get(url, {"q": "tan thanh"}).content.decode()
    assert "<html" in full and road.code in full  # without JavaScript, a page of its own
    foreign = _petition(other_council, "Khác")
    assert (
        client.get(reverse("voters:petition_merge_search", args=[foreign.pk]), {"q": "x"}).status_code == 404
    )


@pytest.mark.parametrize("role", [Role.LEADERSHIP, Role.DELEGATE, Role.STANDING])
def test_only_the_office_searches_petitions_to_merge(client, login, council, role):
    login(role)
    target = _petition(council, "Xây kè chống sạt lở bờ sông Tiền")
    assert (
        client.get(reverse("voters:petition_merge_search", args=[target.pk]), {"q": "ke"}).status_code == 403
    )
    assert (
        'id="merge-any"'
        not in client.get(reverse("voters:petition_detail", args=[target.pk])).content.decode()
    )


def test_any_petition_merges_through_the_page_and_errors_are_clear(client, office, council):
    target = _petition(council, "Xây kè chống sạt lở bờ sông Tiền")
    unrelated = _petition(council, "Thiếu giáo viên tiếng Anh trường tiểu học")
    page = client.get(reverse("voters:petition_detail", args=[target.pk])).content.decode()
    assert 'id="merge-any"' in page and f'value="{unrelated.pk}"' not in page  # not a suggestion
    merge = reverse("voters:petition_action", args=[target.pk, "merge"])
    response = client.post(merge, {"duplicate": unrelated.pk}, follow=True)
    unrelated.refresh_from_db()
    target.refresh_from_db()
    assert unrelated.merged_into == target and target.voters_count == 2
    response = client.post(merge, {"duplicate": unrelated.pk}, follow=True)
    assert _vi("A petition that was already merged cannot be merged again.") in response.content.decode()
    other = CouncilFactory()
    foreign = _petition(other, "Hội đồng khác")
    client.post(merge, {"duplicate": foreign.pk})
    foreign.refresh_from_db()
    assert foreign.merged_into is None
    page = client.get(reverse("voters:petition_detail", args=[unrelated.pk])).content.decode()
    assert 'id="merge-any"' not in page  # a merged petition takes no others


def test_the_merge_message_names_both_petitions(client, office, council):
    target = _petition(council, "Xây kè chống sạt lở bờ sông Tiền")
    duplicate = _petition(council, "Kè sông Tiền")
    merge = reverse("voters:petition_action", args=[target.pk, "merge"])
    html = client.post(merge, {"duplicate": duplicate.pk}, follow=True).content.decode()
    assert (
        _vi("%(duplicate)s was merged into %(target)s.")
        % {"duplicate": duplicate.code, "target": target.code}
        in html
    )


def test_the_merge_search_needs_every_word_as_a_word(client, office, council):
    target = _petition(council, "Xây kè chống sạt lở bờ sông Tiền")
    lights = _petition(council, "Lắp đèn tín hiệu giao thông tại ngã tư chợ Tân Hồng")
    # Every word is somewhere inside: "den" in "đến", "tin" in "tỉnh", "hieu" in "hiệu quả".
    unrelated = _petition(council, "Đề nghị tỉnh quan tâm đến hiệu quả đầu tư trường học")
    url = reverse("voters:petition_merge_search", args=[target.pk])

    def found(q):
        html = client.get(url, {"q": q}, HTTP_HX_REQUEST="true").content.decode()
        return {p.code for p in (lights, unrelated) if f'name="duplicate" value="{p.pk}"' in html}

    assert found("den tin hieu") == {lights.code}
    assert found("Đèn tín hiệu") == {lights.code}
    assert found("giao thon") == {lights.code}  # the last word as it is being typed
    assert found("tinh quan ta") == set()  # ... once it is long enough not to be inside any word
    assert found("tin") == {lights.code}  # a whole word: never the "tin" of "tinh"
    assert found(f"{lights.code} den") == {lights.code}


def test_the_classify_form_offers_todays_communes_and_keeps_the_petitions_own(client, office, council, unit):
    gone = AdminUnit.objects.create(
        code="29900",
        name="Xã Cũ Đã Sáp Nhập",
        level="commune",
        parent=unit.parent,
        valid_from=dt.date(2000, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    fresh = _petition(council, "Đường liên ấp Tân Thành")
    html = client.get(reverse("voters:petition_detail", args=[fresh.pk])).content.decode()
    assert unit.name in html and gone.name not in html
    kept = _petition(council, "Kè sông Tiền xã cũ")
    Petition.objects.filter(pk=kept.pk).update(admin_unit=gone)
    html = client.get(reverse("voters:petition_detail", args=[kept.pk])).content.decode()
    assert f'<option value="{gone.pk}" selected>' in html
    classify = reverse("voters:petition_action", args=[kept.pk, "classify"])
    client.post(classify, {"competence": "central", "admin_unit": gone.pk})
    kept.refresh_from_db()
    assert kept.state == Petition.State.CLASSIFIED  # its own commune was a valid choice
    client.post(
        reverse("voters:petition_action", args=[fresh.pk, "classify"]),
        {"competence": "central", "admin_unit": gone.pk},
    )
    fresh.refresh_from_db()
    assert fresh.admin_unit != gone and fresh.state == Petition.State.RECORDED  # refused by the form
