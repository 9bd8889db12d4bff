"""No page repeats an element id: walked as each working role over the demo council, not a hand-kept list.

Django renders ``id_<field>`` for every form, so a page with several forms (a follow-up's verify, reopen and
note forms, a session's sitting, agenda and document forms, a resolution's vote and its correction) repeated
``id_text``, ``id_title``, ``id_approve``: invalid HTML, and a label, a screen reader or a test selected
another form's field. ``council.forms.base.name_forms`` gives each form of such a page its own ids; charts
drawn by matplotlib got their own ids too (``reports.charts``). The walk follows the links of each page from
the home page, one page per URL shape, the way a user would find them.
"""

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django import forms
from django.core.management import call_command

from council.forms.base import name_forms
from council.models import User

pytestmark = pytest.mark.django_db

SKIP = re.compile(
    r"logout|/xlsx|/docx|/pdf|/csv|/download|/files?/|/media/|/admin/|/i18n/|format=|\.(xlsx|docx|pdf)"
)


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = Counter()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids[attrs["id"]] += 1
        href = attrs.get("href") or ""
        if tag == "a" and href.startswith("/"):
            self.links.append(href.split("#")[0])


def _walk(client, max_pages: int = 400) -> tuple[int, dict[str, dict[str, int]]]:
    """GET every page reachable from the home page by links (one per URL shape); the duplicates found."""
    seen_shapes, queue, found, pages = set(), ["/"], {}, 0
    while queue and pages < max_pages:
        url = queue.pop(0)
        shape = re.sub(r"\d+", "N", url.split("?")[0]) + ("?" if "?" in url else "")
        if shape in seen_shapes or SKIP.search(url):
            continue
        seen_shapes.add(shape)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        html = response.content.decode()
        parser = _Ids()
        parser.feed(html)
        duplicates = {name: n for name, n in parser.ids.items() if n > 1}
        if duplicates:
            found[url] = duplicates
        queue += [link for link in parser.links if link not in queue]
    return pages, found


def test_name_forms_gives_each_form_of_a_page_its_own_ids():
    class TextForm(forms.Form):
        text = forms.CharField()

    page = name_forms(
        {
            "form": TextForm(),
            "verify_form": TextForm(),
            "due_date_form": TextForm(data={"text": ""}),  # a refused submission shown again
            "chosen_form": TextForm(auto_id="mine-%s"),
            "decide_forms": {7: TextForm(), 8: TextForm()},
            "not_a_form": "text",
        }
    )
    html = "".join(str(value) for key, value in page.items() if key.endswith("form"))
    html += "".join(str(f) for f in page["decide_forms"].values())
    ids = re.findall(r'<input[^>]*\bid="([^"]+)"', html)
    assert ids == ["id_text", "verify-text", "due-date-text", "mine-text", "decide-7-text", "decide-8-text"]
    assert 'for="verify-text"' in str(page["verify_form"])  # labels follow their fields


def test_no_page_repeats_an_id_for_any_working_role(client, settings):
    settings.DEBUG = True  # the demo's users exist only in DEBUG
    call_command("seed_demo", verbosity=0)
    report = []
    walked = 0
    for username in ["vanphong", "thuongtruc", "truongban", "totruong", "coquan"]:
        client.force_login(User.objects.get(username=username))
        pages, found = _walk(client)
        walked += pages
        report += [f"{username} {url}: {dups}" for url, dups in found.items()]
    assert walked > 150  # the walk really went through the app
    assert not report, "Repeated ids:\n" + "\n".join(report)


def test_two_charts_on_one_page_share_no_id_and_keep_their_references():
    from reports.charts import render_svg
    from reports.documents.content import Chart

    bars = Chart(key="a", title="Kiến nghị", categories=["Q1", "Q2"], series=[("Đã trả lời", [3, 5])])
    lines = Chart(
        key="b", title="Tỷ lệ", categories=["Q1", "Q2"], series=[("A", [1, 2]), ("B", [2, 1])], kind="line"
    )
    first, second = render_svg(bars), render_svg(lines)
    ids = [re.findall(r'\sid="([^"]+)"', svg) for svg in (first, second)]
    assert ids[0] and ids[1] and not set(ids[0]) & set(ids[1])
    for svg, own in zip((first, second), ids, strict=True):
        assert "figure_1" not in own
        assert set(re.findall(r'(?:url\(#|href="#)([^)"]+)', svg)) <= set(
            own
        )  # every reference still resolves
