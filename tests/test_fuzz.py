"""Whatever a user types into a form, the answer is a page with messages, never a server error."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from council.models import DeadlineRule, Term
from delegates.models import Delegate

pytestmark = pytest.mark.django_db

junk = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", "-1", "0", "99999999999", "31/02/2026", "2026-13-01", "1e9", "NaN", "null", "<b>x</b>"]
    ),
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(number=junk, name=junk, start=junk, end=junk)
def test_term_form_never_fails_on_junk(client, office, number, name, start, end):
    count = Term.objects.count()
    response = client.post(
        reverse("council:term_create"), {"number": number, "name": name, "start_date": start, "end_date": end}
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Term.objects.count() == count


@FUZZ
@given(code=junk, days=junk, day_type=junk, anchor=junk, valid_from=junk)
def test_deadline_rule_form_never_fails_on_junk(client, office, code, days, day_type, anchor, valid_from):
    count = DeadlineRule.objects.count()
    response = client.post(
        reverse("council:deadline_rule_create"),
        {
            "code": code,
            "name": "x",
            "days": days,
            "day_type": day_type,
            "anchor": anchor,
            "valid_from": valid_from,
        },
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert DeadlineRule.objects.count() == count


@FUZZ
@given(name=junk, gender=junk, birth=junk, page=junk, q=junk)
def test_delegate_pages_never_fail_on_junk(client, office, name, gender, birth, page, q):
    response = client.post(
        reverse("delegates:delegate_create"), {"full_name": name, "gender": gender, "birth_date": birth}
    )
    assert response.status_code in (200, 302)
    assert (
        client.get(reverse("delegates:delegate_list"), {"q": q, "page": page, "gender": gender}).status_code
        == 200
    )
    assert (
        client.get(
            reverse("delegates:directory"), {"q": q, "page": page, "term": page, "group": gender}
        ).status_code
        == 200
    )
    assert Delegate.objects.count() <= 40
