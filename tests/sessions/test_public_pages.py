"""The public pages of sessions and resolutions: open without login, showing only what sessions/public.py says
is public (a planned session, a resolution not adopted and another council's records are 404), filtered,
paginated with constant queries, downloadable as CSV that a spreadsheet opens safely, never a 500."""

import csv
import datetime as dt
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sessions.models import AgendaItem, Resolution, Session, SessionDocument, Vote
from tests.council.factories import FieldFactory, TermFactory
from tests.dates import today

pytestmark = pytest.mark.django_db

OPENS = dt.date(2026, 7, 8)
CLOSES = dt.date(2026, 7, 10)


def _session(council, term, number, *, state=Session.State.CLOSED, start=OPENS, end=CLOSES, **kwargs):
    return Session.objects.create(
        council=council, term=term, number=number, state=state, start_date=start, end_date=end, **kwargs
    )


def _resolution(council, session, number, *, adopted=True, approve=40, total=50, year=2026, **kwargs):
    kwargs.setdefault("title", f"Nghị quyết số {number} về ngân sách")
    kwargs.setdefault("kind", Resolution.Kind.NORMATIVE)
    resolution = Resolution.objects.create(
        council=council,
        session=session,
        symbol=f"{number}/{year}/NQ-HĐND",
        number=number,
        year=year,
        adopted_on=(session.start_date if session else dt.date(year, 7, 8)) if adopted else None,
        **kwargs,
    )
    if approve is not None:
        Vote.objects.create(
            resolution=resolution,
            voted_on=session.start_date if session else dt.date(year, 7, 8),
            approve=approve,
            reject=2,
            abstain=1,
            delegates_total=total,
        )
    return resolution


def _document(council, session, symbol, *, sent=True, **kwargs):
    return SessionDocument.objects.create(
        council=council,
        session=session,
        kind=SessionDocument.Kind.SUBMISSION,
        symbol=symbol,
        title=kwargs.pop("title", f"Tờ trình {symbol}"),
        issued_on=dt.date(2026, 6, 20),
        sent_on=dt.date(2026, 6, 25) if sent else None,
        path="sessions/private.pdf",
        original_name="to-trinh-mat.pdf",
        content_type="application/pdf",
        size=64,
        **kwargs,
    )


def _url(name, council, *args):
    return reverse(f"sessions:{name}", args=[council.code, *args])


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf"), "no byte-order mark: Excel would not read UTF-8"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def world(council, term):
    """A closed session with its agenda, documents (one not sent), an adopted and a failed resolution."""
    field = FieldFactory(council=council, name="Tài chính")
    session = _session(council, term, 5, title="Kỳ họp giữa năm", place="Hội trường tỉnh")
    item = AgendaItem.objects.create(
        council=council,
        session=session,
        order=1,
        title="Tờ trình dự toán ngân sách",
        presenter="Giám đốc Sở Tài chính",
        field=field,
        planned_presentation=15,
        actual_presentation=12,
        planned_discussion=60,
        actual_discussion=75,
    )
    _document(council, session, "279/TTr-UBND", agenda_item=item, title="Tờ trình dự toán")
    _document(council, session, "280/TTr-UBND", sent=False, title="Dự thảo chưa gửi")
    adopted = _resolution(council, session, 5, field=field, title="Nghị quyết về dự toán ngân sách")
    failed = _resolution(council, session, 6, adopted=False, approve=20, title="Nghị quyết không thông qua")
    return {"session": session, "field": field, "adopted": adopted, "failed": failed, "item": item}


# ---------------------------------------------------------------- open to anyone, public only


def test_anyone_opens_each_page_without_login(client, council, world):
    session, adopted = world["session"], world["adopted"]
    for url in (
        _url("public_sessions", council),
        _url("public_session", council, session.pk),
        _url("public_resolutions", council),
        _url("public_resolution", council, adopted.pk),
        _url("public_sessions_csv", council),
        _url("public_resolutions_csv", council),
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_the_session_page_shows_its_agenda_sent_documents_and_adopted_resolutions(client, council, world):
    html = client.get(_url("public_session", council, world["session"].pk)).content.decode()
    assert html.count("<h1") == 1
    assert "Kỳ họp giữa năm" in html and "Hội trường tỉnh" in html
    assert "Tờ trình dự toán ngân sách" in html and "Giám đốc Sở Tài chính" in html
    assert "15 / 12" in html and "60 / 75" in html
    assert "279/TTr-UBND" in html
    assert "280/TTr-UBND" not in html, "a document not sent to the delegates is not public"
    assert "to-trinh-mat.pdf" not in html and "sessions/private.pdf" not in html, "metadata only, no file"
    assert "5/2026/NQ-HĐND" in html and "6/2026/NQ-HĐND" not in html
    assert _url("public_resolution", council, world["adopted"].pk) in html
    assert '<link rel="canonical"' in html


def test_the_resolution_page_shows_dates_session_field_and_vote_totals(client, council, world):
    resolution = world["adopted"]
    resolution.signed_on, resolution.effective_on = dt.date(2026, 7, 15), dt.date(2026, 8, 1)
    resolution.save()
    html = client.get(_url("public_resolution", council, resolution.pk)).content.decode()
    assert html.count("<h1") == 1
    assert "Nghị quyết về dự toán ngân sách" in html and "Tài chính" in html
    for day in ("2026-07-08", "2026-07-15", "2026-08-01"):
        assert f'datetime="{day}"' in html
    assert _url("public_session", council, world["session"].pk) in html
    for total in (">40<", ">2<", ">1<", ">50<"):
        assert total in html


def test_a_planned_session_is_not_public(client, council, term, world):
    planned = _session(council, term, 9, state=Session.State.PLANNED, title="Kỳ họp dự kiến")
    assert client.get(_url("public_session", council, planned.pk)).status_code == 404
    assert "Kỳ họp dự kiến" not in client.get(_url("public_sessions", council)).content.decode()
    rows = _csv(client.get(_url("public_sessions_csv", council)))
    assert all("Kỳ họp dự kiến" not in row for row in rows)


def test_a_resolution_not_adopted_is_not_public(client, council, world):
    assert client.get(_url("public_resolution", council, world["failed"].pk)).status_code == 404
    html = client.get(_url("public_resolutions", council)).content.decode()
    assert "Nghị quyết không thông qua" not in html and "Nghị quyết về dự toán ngân sách" in html
    rows = _csv(client.get(_url("public_resolutions_csv", council)))
    assert [row[0] for row in rows[1:]] == ["5/2026/NQ-HĐND"]


def test_another_councils_records_are_not_found_under_this_councils_code(
    client, council, other_council, world
):
    other_term = TermFactory(council=other_council)
    theirs = _session(other_council, other_term, 1, title="Kỳ họp của hội đồng khác")
    their_resolution = _resolution(other_council, theirs, 3, title="Nghị quyết của hội đồng khác")
    assert client.get(_url("public_session", council, theirs.pk)).status_code == 404
    assert client.get(_url("public_resolution", council, their_resolution.pk)).status_code == 404
    assert client.get(_url("public_session", other_council, theirs.pk)).status_code == 200
    assert client.get(_url("public_session", other_council, world["session"].pk)).status_code == 404
    assert "hội đồng khác" not in client.get(_url("public_sessions", council)).content.decode()
    assert "hội đồng khác" not in client.get(_url("public_resolutions", council)).content.decode()
    assert client.get(reverse("sessions:public_sessions", args=["no-such-council"])).status_code == 404


def test_a_resolution_of_a_planned_session_does_not_link_to_it(client, council, term):
    planned = _session(council, term, 8, state=Session.State.PLANNED, title="Kỳ họp chưa triệu tập")
    resolution = _resolution(council, planned, 7)
    html = client.get(_url("public_resolution", council, resolution.pk)).content.decode()
    assert _url("public_session", council, planned.pk) not in html and "Kỳ họp chưa triệu tập" not in html
    rows = _csv(client.get(_url("public_resolutions_csv", council)))
    assert rows[1][4] == ""


def test_the_pages_show_no_personal_data_and_no_delegates_own_vote(client, council, world):
    from council import personal_data
    from council.models import Field, Term

    shown = (Session, AgendaItem, SessionDocument, Resolution, Vote, Term, Field)
    assert not [model.__name__ for model in shown if personal_data.personal_fields(model)]
    html = client.get(_url("public_resolution", council, world["adopted"].pk)).content.decode()
    assert reverse("sessions:resolution_roll_call", args=[world["adopted"].pk]) not in html


# ---------------------------------------------------------------- filters


def test_sessions_are_filtered_by_term_and_year(client, council, term, world):
    later_term = TermFactory(council=council, start_date=dt.date(2031, 4, 1), end_date=dt.date(2036, 3, 31))
    _session(
        council, later_term, 1, title="Kỳ họp khóa sau", start=dt.date(2031, 7, 1), end=dt.date(2031, 7, 2)
    )
    url = _url("public_sessions", council)
    both = client.get(url).content.decode()
    assert "Kỳ họp giữa năm" in both and "Kỳ họp khóa sau" in both
    by_term = client.get(url, {"term": later_term.pk}).content.decode()
    assert "Kỳ họp khóa sau" in by_term and "Kỳ họp giữa năm" not in by_term
    by_year = client.get(url, {"year": 2026}).content.decode()
    assert "Kỳ họp giữa năm" in by_year and "Kỳ họp khóa sau" not in by_year
    rows = _csv(client.get(_url("public_sessions_csv", council), {"year": 2031}))
    assert len(rows) == 2 and "Kỳ họp khóa sau" in rows[1]


def test_resolutions_are_filtered_by_year_kind_field_and_accent_insensitive_search(
    client, council, term, world
):
    session = world["session"]
    _resolution(council, session, 8, kind=Resolution.Kind.INDIVIDUAL, title="Nghị quyết đặt tên đường")
    _resolution(council, None, 2, year=2025, title="Nghị quyết năm trước")
    url = _url("public_resolutions", council)

    def shown(**params):
        html = client.get(url, params).content.decode()
        return {
            title
            for title in (
                "Nghị quyết về dự toán ngân sách",
                "Nghị quyết đặt tên đường",
                "Nghị quyết năm trước",
            )
            if title in html
        }

    assert shown() == {"Nghị quyết về dự toán ngân sách", "Nghị quyết đặt tên đường", "Nghị quyết năm trước"}
    assert shown(year=2025) == {"Nghị quyết năm trước"}
    assert shown(kind="individual") == {"Nghị quyết đặt tên đường"}
    assert shown(field=world["field"].pk) == {"Nghị quyết về dự toán ngân sách"}
    assert shown(q="dat ten DUONG") == {"Nghị quyết đặt tên đường"}
    assert shown(q="2/2025/nq-hdnd") == {"Nghị quyết năm trước"}
    rows = _csv(client.get(_url("public_resolutions_csv", council), {"q": "du toan", "page": 3}))
    assert [row[0] for row in rows[1:]] == ["5/2026/NQ-HĐND"]


# ---------------------------------------------------------------- CSV


def test_the_csv_has_a_translated_header_its_rows_and_no_live_formula(client, council, term, world):
    session = world["session"]
    session.title = '=HYPERLINK("http://evil.example","x")'
    session.save()
    _resolution(council, session, 9, title="+cmd|' /C calc'!A0")
    _resolution(council, session, 10, title="@SUM(1+1)")
    _resolution(council, session, 11, title="-2+3")
    response = client.get(_url("public_resolutions_csv", council))
    disposition = response["Content-Disposition"]
    assert council.code in disposition and f"{today():%Y-%m-%d}.csv" in disposition
    rows = _csv(response)
    titles = {row[1] for row in rows[1:]}
    assert {"'+cmd|' /C calc'!A0", "'@SUM(1+1)", "'-2+3", "Nghị quyết về dự toán ngân sách"} <= titles
    assert len(rows) == 1 + 4
    adopted = next(row for row in rows if row[0] == "5/2026/NQ-HĐND")
    assert adopted[5] == "2026-07-08" and adopted[9:13] == ["40", "2", "1", "50"]
    sessions = _csv(client.get(_url("public_sessions_csv", council)))
    assert len(sessions) == 2 and len(sessions[0]) == len(sessions[1])
    assert '\'=HYPERLINK("http://evil.example","x")' in sessions[1]
    assert sessions[1][-2:] == ["4", "1"]  # adopted resolutions, documents sent


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_csv_header_is_in_the_readers_language(client, council, world, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(_url("public_resolutions_csv", council))
    assert response["Content-Language"] == language
    with translation.override(language):
        expected = [gettext("Number and symbol"), gettext("Title"), gettext("Kind")]
    assert _csv(response)[0][:3] == expected


# ---------------------------------------------------------------- robustness and cost


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999999999999999999999"},
        {"year": "-1"},
        {"term": "abc"},
        {"term": str(2**70)},
        {"field": "1e9"},
        {"field": str(2**64)},
        {"field": "999999"},
        {"kind": "<script>"},
        {"page": str(10**20)},
        {"page": "-3"},
        {"page": "abc"},
        {"q": "\x00" + "a" * 5000},
        {"q": "%' OR 1=1 --"},
    ],
)
def test_hostile_query_parameters_never_give_a_server_error(client, council, world, params):
    for name in ("public_sessions", "public_sessions_csv", "public_resolutions", "public_resolutions_csv"):
        response = client.get(_url(name, council), params)
        assert response.status_code == 200, (name, params)


def test_a_path_id_out_of_range_is_a_404(client, council, world):
    for name in ("public_session", "public_resolution"):
        assert client.get(_url(name, council, 2**70)).status_code == 404


def test_the_list_pages_run_constant_queries(client, council, term, constant_queries):
    field = FieldFactory(council=council)

    def grow(rows):
        for i in rows:
            session = _session(
                council,
                term,
                100 + i,
                start=dt.date(2026, 5, 1) + dt.timedelta(days=i),
                end=dt.date(2026, 5, 1) + dt.timedelta(days=i),
            )
            _document(council, session, f"{i}/TTr-UBND")
            AgendaItem.objects.create(council=council, session=session, order=1, title=f"Mục {i}")
            _resolution(council, session, 100 + i, field=field)

    def visit(name, **params):
        def get():
            response = client.get(_url(name, council), params)
            assert response.status_code == 200
            return response

        return get

    few, many = constant_queries(
        grow,
        {
            "sessions": visit("public_sessions"),
            "sessions by year": visit("public_sessions", year=2026, term=term.pk),
            "sessions CSV": visit("public_sessions_csv"),
            "resolutions": visit("public_resolutions"),
            "resolutions searched": visit("public_resolutions", q="ngan sach", field=field.pk, year=2026),
            "resolutions CSV": visit("public_resolutions_csv"),
        },
        few=2,
        many=10,
    )
    assert len(_csv(few["resolutions CSV"])) == 1 + 2 and len(_csv(many["resolutions CSV"])) == 1 + 10
    assert many["sessions"].content.decode().count('<th scope="row">') == 10


def test_the_public_navigation_leads_to_the_new_pages(client, council, world):
    html = client.get(reverse("voters:public_answers", args=[council.code])).content.decode()
    assert _url("public_sessions", council) in html and _url("public_resolutions", council) in html
    page = client.get(_url("public_sessions", council)).content.decode()
    assert 'aria-current="page"' in page and _url("public_session", council, world["session"].pk) in page


def test_the_csv_writer_neutralises_every_formula_start_and_says_when_it_cut():
    from council.exports import csv_cell, table_csv

    for text in ("=1+1", "+1", "-1", "@A1", "  =1", "\t=1", "\r\n=1"):
        assert csv_cell(text) == f"'{text}", text
    assert csv_cell(-3) == "-3" and csv_cell(dt.date(2026, 7, 8)) == "2026-07-08" and csv_cell(None) == ""
    assert csv_cell("Nghị quyết 5/2026/NQ-HĐND") == "Nghị quyết 5/2026/NQ-HĐND"
    rows = list(
        csv.reader(io.StringIO(table_csv(["A"], [[n] for n in range(5)], limit=3).decode("utf-8-sig")))
    )
    assert rows[:4] == [["A"], ["0"], ["1"], ["2"]] and len(rows) == 5
