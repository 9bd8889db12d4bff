"""The REST API: open data without a key, an agency's system with one, errors as problem details."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from api import services as api_services
from api.models import ApiToken, ApiTokenUse, Scope
from council.models import FollowUpEvent, Role
from delegates.models import Mandate
from delegates.services import delegate_create
from sessions.models import Resolution, Session, Vote
from tests.council.factories import AgencyFactory, RoleFactory, make_followup
from tests.sessions.factories import AgendaItemFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _resolution(session, number, *, adopted=True, title="Về dự toán ngân sách"):
    resolution = Resolution.objects.create(
        council=session.council,
        session=session,
        symbol=f"{number}/NQ-HĐND",
        number=number,
        year=2026,
        kind=Resolution.Kind.INDIVIDUAL,
        title=f"{title} {number}",
        adopted_on=session.start_date if adopted else None,
    )
    if adopted:
        Vote.objects.create(
            resolution=resolution, voted_on=session.start_date, approve=60, reject=1, delegates_total=70
        )
    return resolution


def _session(council, **kwargs):
    return SessionFactory(term__council=council, council=council, state=Session.State.CLOSED, **kwargs)


def _get(client, url, **headers):
    return client.get(url, **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})


# ---------------------------------------------------------------- open data


def test_open_data_lists_public_sessions_and_adopted_resolutions_only(client, council, other_council):
    held = _session(council)
    planned = SessionFactory(term=held.term, council=council, state=Session.State.PLANNED, number=99)
    adopted = _resolution(held, 5)
    draft = _resolution(held, 6, adopted=False)
    elsewhere = _session(other_council)
    AgendaItemFactory(session=held, council=council, title="Tờ trình ngân sách")

    sessions = client.get(f"/api/v1/councils/{council.code}/sessions/").json()
    assert [s["id"] for s in sessions["results"]] == [held.pk]
    detail = client.get(f"/api/v1/councils/{council.code}/sessions/{held.pk}/").json()
    assert [r["symbol"] for r in detail["resolutions"]] == [adopted.symbol]
    assert detail["resolutions"][0]["vote"] == {
        "voted_on": held.start_date.isoformat(),
        "approve": 60,
        "reject": 1,
        "abstain": 0,
        "delegates_total": 70,
        "passed": True,
    }
    assert detail["agenda"][0]["title"] == "Tờ trình ngân sách"
    for url in (
        f"/api/v1/councils/{council.code}/sessions/{planned.pk}/",
        f"/api/v1/councils/{council.code}/sessions/{elsewhere.pk}/",
        f"/api/v1/councils/{council.code}/resolutions/{draft.pk}/",
        "/api/v1/councils/no-such-council/sessions/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json"
    resolutions = client.get(f"/api/v1/councils/{council.code}/resolutions/?q=du toan").json()
    assert [r["id"] for r in resolutions["results"]] == [adopted.pk]


def test_a_delegates_public_profile_has_no_personal_data(client, council, term):
    delegate = delegate_create(
        actor=None,
        council=council,
        full_name="Nguyễn Văn Bình",
        gender="male",
        birth_date=dt.date(1970, 1, 2),
        email="binh@example.invalid",
        phone="0912345678",
    )
    Mandate.objects.create(council=council, delegate=delegate, term=term, start_date=term.start_date)
    body = client.get(f"/api/v1/councils/{council.code}/delegates/?q=binh").content.decode()
    assert "Nguyễn Văn Bình" in body
    for secret in ("0912345678", "binh@example.invalid", "1970-01-02", "birth"):
        assert secret not in body


def test_lists_cost_the_same_queries_for_few_and_many_rows(client, council, constant_queries):
    session = _session(council)

    def grow(numbers):
        for n in numbers:
            _resolution(session, 100 + n)

    constant_queries(
        grow,
        {
            "resolutions": lambda: client.get(f"/api/v1/councils/{council.code}/resolutions/?page_size=200"),
            "session": lambda: client.get(f"/api/v1/councils/{council.code}/sessions/{session.pk}/"),
        },
        warm_up=True,  # the first call opens the address's rate-limit window (an insert, then updates)
    )


def test_open_data_is_cacheable_and_answers_304_to_its_etag(client, council):
    _session(council)
    url = f"/api/v1/councils/{council.code}/sessions/"
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=300"
    again = _get(client, url, **{"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert _get(client, url, **{"If-None-Match": '"other"'}).status_code == 200


@pytest.mark.parametrize(
    "query, field",
    [
        ("year=abc", "year"),
        ("year=99999999999999999999999", "year"),
        ("kind=x", "kind"),
        ("session=-1", "session"),
    ],
)
def test_bad_filters_are_a_problem_naming_the_field(client, council, query, field):
    response = client.get(f"/api/v1/councils/{council.code}/resolutions/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"]


def test_problems_speak_the_callers_language(client, council):
    vi = _get(client, f"/api/v1/councils/{council.code}/sessions/?year=x", **{"Accept-Language": "vi"}).json()
    en = _get(client, f"/api/v1/councils/{council.code}/sessions/?year=x", **{"Accept-Language": "en"}).json()
    assert en["title"] == "The request is not valid."
    assert vi["title"] != en["title"] and vi["errors"]["year"] != en["errors"]["year"]


def test_huge_pages_and_bad_pages(client, council):
    _session(council)
    base = f"/api/v1/councils/{council.code}/sessions/"
    assert client.get(base + "?page_size=100000").status_code == 200  # capped at 200 rows
    for page in ("0", "abc", str(10**30)):
        response = client.get(base + f"?page={page}")
        assert response.status_code == 404 and response.json()["status"] == 404
    assert client.get("/api/v1/nowhere/").json()["status"] == 404


def test_the_schema_and_its_documentation_page(client):
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    paths = json.loads(schema.content)["paths"]
    assert "/api/v1/councils/{council_code}/resolutions/" in paths
    assert "/api/v1/agency/followups/{id}/reports/" in paths
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200 and b"swagger-ui-bundle.js" in docs.content


# ---------------------------------------------------------------- tokens


@pytest.fixture
def agency_user(council):
    agency = AgencyFactory(council=council)
    return RoleFactory(council=council, role=Role.AGENCY, agency=agency).user, agency


def _key(user, council, scope=Scope.AGENCY, days=30):
    return api_services.token_create(
        user=user, council=council, name="Hệ thống một cửa", scope=scope, days=days, actor=user
    )


def _auth(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_key_is_stored_hashed_and_its_scope_must_match_the_owners_roles(
    council, agency_user, user_with_role
):
    user, _agency = agency_user
    token, key = _key(user, council)
    assert key.startswith("hdnd_") and key not in (token.key_hash, token.prefix)
    assert ApiToken.objects.get(pk=token.pk).key_hash == api_services.key_hash(key)
    delegate = user_with_role(Role.DELEGATE)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        _key(delegate, council)
    assert "scope" in refused.value.message_dict
    with pytest.raises(ValidationError):
        _key(user, council, days=400)


def test_an_agency_system_reads_its_follow_ups_and_reports_on_them(client, council, agency_user):
    user, agency = agency_user
    mine = make_followup(council, agency=agency, title="Sửa cầu Mỹ An")
    theirs = make_followup(council, title="Nạo vét kênh")
    _token, key = _key(user, council)

    listed = client.get("/api/v1/agency/followups/", **_auth(key))
    assert listed.status_code == 200
    assert [f["id"] for f in listed.json()["results"]] == [mine.pk]
    assert listed["Cache-Control"] == "private, no-store"
    assert client.get(f"/api/v1/agency/followups/{theirs.pk}/", **_auth(key)).status_code == 404

    report = client.post(
        f"/api/v1/agency/followups/{mine.pk}/reports/",
        {"status": "in_progress", "text": "Đã khảo sát, đang lập dự toán.", "progress": 30},
        content_type="application/json",
        **_auth(key),
    )
    assert report.status_code == 201, report.content
    mine.refresh_from_db()
    assert mine.progress == 30
    detail = client.get(f"/api/v1/agency/followups/{mine.pk}/", **_auth(key)).json()
    assert detail["timeline"][-1]["text"] == "Đã khảo sát, đang lập dự toán."
    assert ApiTokenUse.objects.filter(token__user=user).count() == 4


def test_a_bad_report_writes_nothing(client, council, agency_user):
    user, agency = agency_user
    followup = make_followup(council, agency=agency)
    _token, key = _key(user, council)
    events = FollowUpEvent.objects.count()
    url = f"/api/v1/agency/followups/{followup.pk}/reports/"
    bad = [
        ("{not json", "application/json"),
        (json.dumps({"status": "done"}), "application/json"),
        (json.dumps({"status": "bogus", "text": "x"}), "application/json"),
        (json.dumps({"status": "in_progress", "text": "x", "progress": 300}), "application/json"),
        (json.dumps({"status": "cannot_do", "text": "x"}), "application/json"),
    ]
    for body, kind in bad:
        response = client.post(url, body, content_type=kind, **_auth(key))
        assert response.status_code == 400, body
        assert response["Content-Type"] == "application/problem+json"
    # A file the portal refuses is refused here too.
    refused = client.post(
        url,
        {
            "status": "in_progress",
            "text": "x",
            "files": [SimpleUploadedFile("a.exe", b"MZ\x90\x00", "application/octet-stream")],
        },
        **_auth(key),
    )
    assert refused.status_code == 400
    assert FollowUpEvent.objects.count() == events


def test_expired_revoked_unknown_and_wrong_scope_keys_are_refused(
    client, council, agency_user, user_with_role
):
    user, _agency = agency_user
    token, key = _key(user, council)
    url = "/api/v1/agency/followups/"
    assert client.get(url, HTTP_AUTHORIZATION="Bearer hdnd_nonsense").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer").status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(url, **_auth(key)).json()["detail"]
    assert client.get(url, **_auth(key)).status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + dt.timedelta(days=1))
    api_services.token_revoke(token, actor=user)
    assert client.get(url, **_auth(key)).status_code == 401
    leader = user_with_role(Role.STANDING)
    _t, figures_key = _key(leader, council, scope=Scope.FIGURES)
    assert client.get(url, **_auth(figures_key)).status_code == 403


def test_a_key_of_one_council_never_reads_another_councils_follow_ups(
    client, council, other_council, agency_user
):
    user, agency = agency_user
    # The same person answers for an agency of another council too: the key reads only its own council.
    other_agency = AgencyFactory(council=other_council)
    RoleFactory(user=user, council=other_council, role=Role.AGENCY, agency=other_agency)
    there = make_followup(other_council, agency=other_agency)
    _token, key = _key(user, council)
    assert client.get(f"/api/v1/agency/followups/{there.pk}/", **_auth(key)).status_code == 404
    ids = [f["id"] for f in client.get("/api/v1/agency/followups/", **_auth(key)).json()["results"]]
    assert there.pk not in ids


def test_a_key_stops_working_when_its_owner_leaves_the_agency(client, council, agency_user):
    user, agency = agency_user
    followup = make_followup(council, agency=agency)
    _token, key = _key(user, council)
    user.roles.filter(role=Role.AGENCY).delete()
    assert client.get(f"/api/v1/agency/followups/{followup.pk}/", **_auth(key)).status_code == 403


# ---------------------------------------------------------------- the keys page


PASSWORD = "Mật-khẩu-thử-2026"


def test_the_keys_page_shows_a_new_key_once_and_revokes_it(client, council, agency_user):
    user, _agency = agency_user
    user.set_password(PASSWORD)
    user.save()
    client.force_login(user)
    assert (
        client.post(
            "/api/keys/", {"name": "Một cửa", "scope": "agency", "days": "30", "password": "sai"}
        ).status_code
        == 200
    )
    assert not ApiToken.objects.exists()  # the password is asked again, and a wrong one makes nothing
    made = client.post(
        "/api/keys/", {"name": "Một cửa", "scope": "agency", "days": "30", "password": PASSWORD}
    )
    assert made.status_code == 200
    token = ApiToken.objects.get(user=user)
    page = made.content.decode()
    key = page.split('id="new-key" type="text" readonly value="')[1].split('"')[0]
    assert api_services.key_hash(key) == token.key_hash
    assert key not in client.get("/api/keys/").content.decode()
    bad = client.post("/api/keys/", {"name": "", "scope": "figures", "days": "0", "password": PASSWORD})
    assert bad.status_code == 200 and ApiToken.objects.count() == 1
    client.post(f"/api/keys/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


# ---------------------------------------------------------------- figures


def test_figures_are_open_data_and_a_leadership_key_reads_its_councils(
    client, council, agency_user, user_with_role
):
    from reports.models import KpiTarget

    _resolution(_session(council, start_date=dt.date(2026, 2, 3), end_date=dt.date(2026, 2, 4)), 7)
    KpiTarget.objects.create(council=council, code="T2", description="Kỳ họp", metric="sessions", threshold=1)
    public = client.get(f"/api/v1/councils/{council.code}/figures/?period=2026-Q1")
    assert public.status_code == 200
    body = public.json()
    assert body["period"] == "2026-Q1" and body["start"] == "2026-01-01"
    by_key = {f["key"]: f for f in body["figures"]}
    assert by_key["sessions"]["value"] == 1
    assert client.get(f"/api/v1/councils/{council.code}/figures/?period=nonsense").status_code == 400
    leader = user_with_role(Role.STANDING)
    _t, key = _key(leader, council, scope=Scope.FIGURES)
    assert [f["key"] for f in body["figures"]] == ["sessions"]  # only what the scorecard measures by
    mine = client.get("/api/v1/figures/?period=2026-Q1", **_auth(key))
    assert mine.status_code == 200 and len(mine.json()["figures"]) > 20
    assert {f["key"]: f for f in mine.json()["figures"]}["sessions"] == by_key["sessions"]
    agency_key = _key(agency_user[0], council)[1]
    assert client.get("/api/v1/figures/", **_auth(agency_key)).status_code == 403
    assert client.get("/api/v1/figures/").status_code == 401


def test_published_answers_are_open_data_without_who_sent_them(client, council):
    from tests.voters.factories import PetitionFactory

    shown = PetitionFactory(
        council=council,
        title="Nâng cấp đường ĐT 845",
        contact_name="Trần Thị Hoa",
        contact_phone="0909123456",
    )
    shown.answer_summary, shown.published = "Đã bố trí vốn năm 2027.", True
    shown.save()
    PetitionFactory(council=council, title="Kiến nghị chưa công bố")
    body = client.get(f"/api/v1/councils/{council.code}/answers/?q=von nam 2027").json()
    assert [a["code"] for a in body["results"]] == [shown.code]
    assert body["results"][0]["answer_summary"] == "Đã bố trí vốn năm 2027."
    text = client.get(f"/api/v1/councils/{council.code}/answers/").content.decode()
    assert "Trần Thị Hoa" not in text and "0909123456" not in text and "chưa công bố" not in text


def test_bodies_that_are_not_objects_or_nest_too_deep_are_refused(client, council, agency_user):
    user, agency = agency_user
    followup = make_followup(council, agency=agency)
    _token, key = _key(user, council)
    url = f"/api/v1/agency/followups/{followup.pk}/reports/"
    for body in ("[]", "null", '"x"', "1", "[" * 100_000 + "]" * 100_000):
        response = client.post(url, body, content_type="application/json", **_auth(key))
        assert response.status_code == 400, body[:10]
        assert response["Content-Type"] == "application/problem+json"
    assert not FollowUpEvent.objects.filter(followup=followup, kind="progress").exists()


def test_an_agency_key_lists_the_agencys_items_even_if_its_owner_also_works_in_the_office(
    client, council, agency_user
):
    user, agency = agency_user
    RoleFactory(user=user, council=council, role=Role.OFFICE)
    mine = make_followup(council, agency=agency)
    other = make_followup(council, title="Việc của cơ quan khác")
    _token, key = _key(user, council)
    ids = [f["id"] for f in client.get("/api/v1/agency/followups/", **_auth(key)).json()["results"]]
    assert ids == [mine.pk]
    assert client.get(f"/api/v1/agency/followups/{other.pk}/", **_auth(key)).status_code == 404


def test_a_new_password_stops_the_owners_keys_and_refusals_are_logged_and_throttled(
    client, council, agency_user
):
    from api.auth import FAILED_KEYS_PER_MINUTE

    user, _agency = agency_user
    token, key = _key(user, council)
    assert client.get("/api/v1/agency/followups/", **_auth(key)).status_code == 200
    user.set_password("Mật-khẩu-mới-2026")
    user.save()
    refused = client.get("/api/v1/agency/followups/", HTTP_ACCEPT_LANGUAGE="en", **_auth(key))
    assert refused.status_code == 401
    assert refused.json()["detail"] == "The owner's password changed since this key was made: make a new key."
    assert ApiTokenUse.objects.filter(token=token, status=401).count() == 1
    statuses = [
        client.get("/api/v1/agency/followups/", HTTP_AUTHORIZATION=f"Bearer hdnd_guess{n}").status_code
        for n in range(FAILED_KEYS_PER_MINUTE + 2)
    ]
    assert statuses[-1] == 429 and statuses.count(401) == FAILED_KEYS_PER_MINUTE - 1
