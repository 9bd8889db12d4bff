"""The hall system's key: a sitting's speeches and a resolution's ballots, idempotent, all or nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from api import services as api_services
from api.models import Scope
from council.models import Role
from sessions import services
from sessions.models import DelegateVote, Resolution, Speech, Vote
from tests.council.factories import AgencyFactory, RoleFactory
from tests.delegates.factories import MandateFactory
from tests.sessions.factories import AgendaItemFactory, SessionFactory, SittingFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 10)


@pytest.fixture
def hall(council, term):
    clerk = RoleFactory(council=council, role=Role.OFFICE).user
    key = api_services.token_create(
        user=clerk, council=council, name="Hội trường", scope=Scope.HALL, days=30, actor=clerk
    )[1]
    session = SessionFactory(term=term, council=council, start_date=DAY - dt.timedelta(days=2), end_date=DAY)
    sitting = SittingFactory(session=session, council=council, date=DAY)
    AgendaItemFactory(session=session, council=council, order=1)
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    mandates = [MandateFactory(delegate__council=council, delegate__full_name=n, term=term) for n in names]
    return {"key": key, "sitting": sitting, "session": session, "mandates": mandates}


def _at(hour, minute=0, day=DAY):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute))).isoformat()


def _post(client, url, body, key):
    return client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")


def _speeches(hall, kind="discussion"):
    first, second, _third = hall["mandates"]
    return {
        "speeches": [
            {
                "id": "S-1",
                "delegate": first.pk,
                "kind": kind,
                "start": _at(8, 30),
                "end": _at(8, 37),
                "agenda_item": 1,
            },
            {"id": "S-2", "delegate": second.pk, "kind": "debate", "start": _at(9), "end": _at(9, 5)},
            {
                "id": "S-3",
                "official": "Giám đốc Sở Y tế",
                "kind": "answer",
                "start": _at(9, 10),
                "end": _at(9, 20),
            },
        ]
    }


def test_speeches_are_recorded_once_and_corrected_when_sent_changed(client, hall):
    url = f"/api/v1/hall/sittings/{hall['sitting'].pk}/speeches/"
    first = _post(client, url, _speeches(hall), hall["key"])
    assert first.status_code == 200, first.content
    assert first.json() == {"created": 3, "corrected": 0, "unchanged": 0}
    speech = Speech.objects.get(external_id="S-1")
    assert speech.duration_seconds == 7 * 60 and speech.agenda_item.order == 1 and speech.venue == "plenary"
    history = speech.history.count()
    again = _post(client, url, _speeches(hall), hall["key"])
    assert again.json() == {"created": 0, "corrected": 0, "unchanged": 3}
    assert Speech.objects.count() == 3 and speech.history.count() == history
    changed = _post(client, url, _speeches(hall, kind="interpellation"), hall["key"])
    assert changed.json() == {"created": 0, "corrected": 1, "unchanged": 2}
    assert Speech.objects.get(external_id="S-1").kind == "interpellation"


@pytest.mark.parametrize(
    "change, field",
    [
        ({"end": _at(8, 0)}, "speeches[0]"),  # ends before it starts
        (
            {"start": _at(8, day=DAY - dt.timedelta(days=1))},
            "speeches[0]",
        ),  # another day
        ({"delegate": 10**9}, "speeches[0].delegate"),
        ({"agenda_item": 7}, "speeches[0].agenda_item"),
        ({"kind": "song"}, "speeches"),
        ({"start": "yesterday"}, "speeches"),
    ],
)
def test_one_bad_speech_refuses_the_batch(client, hall, change, field):
    body = _speeches(hall)
    body["speeches"][0].update(change)
    response = _post(client, f"/api/v1/hall/sittings/{hall['sitting'].pk}/speeches/", body, hall["key"])
    assert response.status_code == 400
    assert any(key.startswith(field) for key in response.json()["errors"]), response.json()
    assert not Speech.objects.exists()


def test_duplicate_ids_and_other_councils_delegates_are_refused(client, hall, other_council):
    body = _speeches(hall)
    body["speeches"][1]["id"] = "S-1"
    url = f"/api/v1/hall/sittings/{hall['sitting'].pk}/speeches/"
    assert _post(client, url, body, hall["key"]).status_code == 400
    stranger = MandateFactory(delegate__council=other_council)
    body = _speeches(hall)
    body["speeches"][0]["delegate"] = stranger.pk
    assert _post(client, url, body, hall["key"]).status_code == 400
    assert not Speech.objects.exists()


def test_only_an_office_key_of_this_council_imports(client, hall, council, other_council):
    agency = AgencyFactory(council=council)
    respondent = RoleFactory(council=council, role=Role.AGENCY, agency=agency).user
    agency_key = api_services.token_create(
        user=respondent, council=council, name="x", scope=Scope.AGENCY, days=1, actor=respondent
    )[1]
    url = f"/api/v1/hall/sittings/{hall['sitting'].pk}/speeches/"
    assert _post(client, url, _speeches(hall), agency_key).status_code == 403
    elsewhere = SittingFactory(
        session__term__council=other_council, session__council=other_council, council=other_council
    )
    assert (
        _post(
            client, f"/api/v1/hall/sittings/{elsewhere.pk}/speeches/", _speeches(hall), hall["key"]
        ).status_code
        == 404
    )
    assert client.post(url, {}, content_type="application/json").status_code == 401


def test_ballots_record_the_vote_once_and_must_agree_with_it(client, hall, council):
    a, b, c = hall["mandates"]
    resolution = services.resolution_create(
        actor=None,
        council=council,
        session=hall["session"],
        symbol="05/2026/NQ-HĐND",
        kind=Resolution.Kind.NORMATIVE,
        title="Quy định giá đất năm 2027",
    )
    url = f"/api/v1/hall/resolutions/{resolution.pk}/ballots/"
    body = {
        "voted_on": DAY.isoformat(),
        "ballots": [{"delegate": a.pk, "choice": "approve"}, {"delegate": b.pk, "choice": "approve"}],
    }
    first = _post(client, url, body, hall["key"])
    assert first.status_code == 200, first.content
    assert first.json() == {
        "approve": 2,
        "reject": 0,
        "abstain": 0,
        "delegates_total": 3,
        "passed": True,
        "ballots": 3,
    }
    assert DelegateVote.objects.get(mandate=c).choice == DelegateVote.Choice.ABSENT
    resolution.refresh_from_db()
    assert resolution.adopted_on == DAY
    rows = DelegateVote.history.count()
    assert _post(client, url, body, hall["key"]).json() == first.json()
    assert DelegateVote.history.count() == rows and Vote.objects.count() == 1
    body["ballots"][1]["choice"] = "reject"  # disagrees with the recorded totals: nothing changes
    refused = _post(client, url, body, hall["key"])
    assert refused.status_code == 400
    assert DelegateVote.objects.get(mandate=b).choice == DelegateVote.Choice.APPROVE
