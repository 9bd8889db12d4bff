"""Contract test: schemathesis generates requests from the API's own OpenAPI schema and sends them to the
app (its WSGI handler, through every middleware), as nobody and with each kind of key (agency, figures,
hall).

Every answer must be no server error, a status the schema declares, the content type it declares, and a
body that matches the schema. Runs in ``make test-full`` with a fixed budget: ``EXAMPLES`` generated
requests per operation and caller (positive and negative data), derandomized so a run is repeatable.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi import checks as openapi_checks

from api import services as api_services
from api.models import Scope
from council.models import Role
from sessions.models import Resolution, Session, Vote
from tests.council.factories import AgencyFactory, RoleFactory, make_followup
from tests.sessions.factories import AgendaItemFactory, SessionFactory, SittingFactory

pytestmark = [pytest.mark.full, pytest.mark.django_db]

EXAMPLES = 10
CHECKS = [
    not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
]


BUDGET = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def api_world(council, other_council):
    """Records of two councils and a key of each kind for the first."""
    session = SessionFactory(term__council=council, council=council, state=Session.State.CLOSED)
    AgendaItemFactory(session=session, council=council)
    resolution = Resolution.objects.create(
        council=council,
        session=session,
        symbol="5/NQ-HĐND",
        number=5,
        year=2026,
        kind=Resolution.Kind.INDIVIDUAL,
        title="Về dự toán ngân sách",
        adopted_on=session.start_date,
    )
    Vote.objects.create(resolution=resolution, voted_on=session.start_date, approve=50, delegates_total=70)
    agency = AgencyFactory(council=council)
    respondent = RoleFactory(council=council, role=Role.AGENCY, agency=agency).user
    make_followup(council, agency=agency)
    make_followup(other_council)
    leader = RoleFactory(council=council, role=Role.STANDING).user
    clerk = RoleFactory(council=council, role=Role.OFFICE).user
    SittingFactory(session=session, council=council)
    keys = {"anonymous": None}
    callers = (
        ("agency", respondent, Scope.AGENCY),
        ("figures", leader, Scope.FIGURES),
        ("hall", clerk, Scope.HALL),
    )
    for kind, user, scope in callers:
        keys[kind] = api_services.token_create(
            user=user, council=council, name=kind, scope=scope, days=30, actor=user
        )[1]
    return council, keys


def _exercise(operation, mode, council, keys, failures: list[str]) -> None:
    """Send ``EXAMPLES`` generated requests of one operation and mode, as each caller; note what breaks."""

    @BUDGET
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        if "council_code" in (case.path_parameters or {}):
            case.path_parameters["council_code"] = council.code  # else nearly every case is a 404
        for caller, key in keys.items():
            response = case.call(headers={"Authorization": f"Bearer {key}"} if key else {})
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception as error:  # noqa: BLE001 - collected, reported together by the test
                failures.append(f"{operation.label} ({mode.value}, {caller}): {str(error)[:400]}")

    run()


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, its database connection kept open between requests.

    A real WSGI request ends with ``request_finished``, which closes the connection: inside the test's
    transaction that would end the test's data (PostgreSQL). Django's own test client disconnects the same
    handler for the same reason."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_api_answers_as_its_schema_says(api_world, wsgi_app):
    """Each operation of the schema, positive and negative data, as each caller."""

    council, keys = api_world
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    failures: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _exercise(operation, mode, council, keys, failures)
    assert not failures, f"{len(failures)} answers broke the contract:\n" + "\n\n".join(failures[:15])
