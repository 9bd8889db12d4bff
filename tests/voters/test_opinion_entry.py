"""The quick opinion entry on a voter meeting's page: what the server answers the page's queueing script."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from voters.models import VoterOpinion

pytestmark = pytest.mark.django_db


def _vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


def _post(client, meeting, **data):
    return client.post(
        reverse("voters:meeting_opinion_add", args=[meeting.pk]),
        {"text": "Đề nghị nạo vét kênh", "voters_count": "1", **data},
        HTTP_HX_REQUEST="true",
    )


def test_the_page_loads_the_queueing_script_and_has_no_inline_handlers(client, office, meeting):
    html = client.get(reverse("voters:meeting_detail", args=[meeting.pk])).content.decode()
    assert "js/opinion_entry.js" in html and "data-opinion-form" in html
    assert "onkeydown" not in html and "hx-on" not in html
    # The status line the script fills, read out by screen readers.
    assert 'id="opinion-status" role="status" aria-live="polite"' in html


def test_a_saved_opinion_comes_back_as_its_numbered_row_with_the_totals(client, office, meeting):
    _post(client, meeting, text="Ý kiến thứ nhất", voters_count="3")
    response = _post(client, meeting, text="Ý kiến thứ hai", voters_count="4")
    html = response.content.decode()
    second = VoterOpinion.objects.get(text="Ý kiến thứ hai")
    assert response.status_code == 200 and f'<tr id="opinion-{second.pk}">' in html
    assert '<span id="voters-total" hx-swap-oob="true">7</span>' in html
    assert 'id="opinion-count" hx-swap-oob="true">2</span>' in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": "   "}, "text", "Write what the voters said."),
        ({"text": ""}, "text", "Write what the voters said."),
        ({"voters_count": "0"}, "voters_count", None),
        ({"voters_count": "100001"}, "voters_count", None),
        ({"voters_count": "nhiều"}, "voters_count", None),
        ({"voter_name": "N" * 201}, "voter_name", None),
        ({"voter_address": "A" * 301}, "voter_address", None),
    ],
)
def test_a_refused_opinion_comes_back_with_its_error_and_what_was_typed(
    client, office, meeting, data, field, message
):
    typed = {"voter_name": "Nguyễn Văn A", "spot_answer": "Đã trả lời tại chỗ", **data}
    response = _post(client, meeting, **typed)
    html = response.content.decode()
    # 422 tells the script to put this one back for correction and go on with the next.
    assert response.status_code == 422
    assert f'id="opinion-{field}"' in html and "is-invalid" in html
    if message:
        assert _vi(message) in html
    # What was typed travels back, so the clerk corrects it instead of typing it again.
    assert "Đã trả lời tại chỗ" in html
    if field != "voter_name":
        assert "Nguyễn Văn A" in html
    assert not VoterOpinion.objects.exists()


def test_without_the_script_a_refused_opinion_redirects_with_the_error(client, office, meeting):
    url = reverse("voters:meeting_opinion_add", args=[meeting.pk])
    response = client.post(url, {"text": "", "voters_count": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("voters:meeting_detail", args=[meeting.pk])
    assert _vi("Write what the voters said.") in response.content.decode()
    assert not VoterOpinion.objects.exists()


def test_an_opinion_longer_than_the_public_form_allows_is_refused(client, office, meeting):
    from voters.forms import OPINION_MAX_LENGTH
    from voters.models import VoterOpinion

    response = client.post(
        reverse("voters:meeting_opinion_add", args=[meeting.pk]),
        {"text": "x" * (OPINION_MAX_LENGTH + 1), "voters_count": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert not VoterOpinion.objects.filter(meeting=meeting).exists()
