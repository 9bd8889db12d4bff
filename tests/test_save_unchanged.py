"""Opening a record's edit page and saving it unchanged changes nothing: not on a record of an earlier term,
whose delegates, communes or channel the pickers of today no longer offer.

The form is submitted as a browser would: every field with the value the page shows (selected options,
checked boxes, text areas), nothing added.
"""

from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.forms.models import model_to_dict
from django.urls import reverse

from tests.urlwalk import demo_world, role_client  # noqa: F401 - demo_world is a fixture

pytestmark = pytest.mark.django_db


class _BrowserForm(HTMLParser):
    """The data a browser would send for the page's main POST form (the one posting to ``action``)."""

    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action, self.data, self.inside = action, {}, False
        self._select = self._textarea = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.inside = a.get("method", "get").lower() == "post" and a.get("action", "") in (
                "",
                self.action,
            )
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(name, a.get("value", "on"))
            else:
                self._add(name, a.get("value", ""))
        elif tag == "select" and name and "disabled" not in a:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self._add(self._select, a.get("value", ""))
        elif tag == "textarea" and name and "disabled" not in a:
            self._textarea = name
            self._add(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea and self.data[self._textarea][-1].startswith("\n"):
                self.data[self._textarea][-1] = self.data[self._textarea][-1][1:]
            self._textarea = None


def _save_unchanged(client, url: str):
    page = client.get(url)
    assert page.status_code == 200, url
    parser = _BrowserForm(url)
    parser.feed(page.content.decode())
    return client.post(url, parser.data)


def _values(record) -> dict:
    record.refresh_from_db()
    values = model_to_dict(record)
    return {
        key: sorted(getattr(v, "pk", v) for v in value) if isinstance(value, list) else value
        for key, value in values.items()
    }


def _check(client, url: str, record):
    before = _values(record)
    response = _save_unchanged(client, url)
    assert response.status_code in (200, 302), url
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert not any("→" in text for text in texts), texts  # the confirmation lists no change
    assert _values(record) == before, url


def test_records_of_an_earlier_term_survive_an_unchanged_save(demo_world):  # noqa: F811
    from delegates.models import DelegateGroup
    from voters.models import Reception, VoterMeeting, VoterOpinion

    client = role_client(demo_world, "office")
    council = demo_world.councils[0]
    past_meeting = (
        VoterMeeting.objects.filter(council=council, delegates__end_date__isnull=False)
        .order_by("date")
        .first()
    )
    assert past_meeting is not None and past_meeting.delegates.exists()
    _check(client, reverse("voters:meeting_update", args=[past_meeting.pk]), past_meeting)

    old_group = DelegateGroup.objects.filter(council=council, admin_units__valid_to__isnull=False).first()
    assert old_group is not None
    _check(client, reverse("delegates:group_update", args=[old_group.pk]), old_group)

    opinion = VoterOpinion.objects.filter(council=council, meeting__isnull=False).first()
    _check(client, reverse("voters:opinion_update", args=[opinion.pk]), opinion)

    reception = Reception.objects.filter(council=council, hosts__end_date__isnull=False).first()
    if reception is not None:
        _check(client, reverse("voters:reception_update", args=[reception.pk]), reception)
