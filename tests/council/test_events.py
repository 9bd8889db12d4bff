"""The event mechanism: a service announces, an app above listens, inside the writer's transaction; a failing
handler is undone and logged, never costing the user their write."""

import logging

import pytest
from django.db import transaction

from council import events
from council.models import Agency
from tests.council.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listeners(monkeypatch):
    """A clean set of listeners for the test (the real ones stay registered for every other test)."""
    fresh = events.defaultdict(list)
    monkeypatch.setattr(events, "_listeners", fresh)
    return fresh


def test_unknown_event_names_are_refused_at_once(listeners):
    with pytest.raises(ValueError, match="Unknown event: session.convend"):
        events.listen("session.convend", lambda record: None)
    with pytest.raises(ValueError, match="Unknown event"):
        events.announce("no.such.event", AgencyFactory())


def test_listeners_hear_the_record_and_its_values_once_each(listeners):
    heard = []

    def handler(record, **params):
        heard.append((record, params))

    events.listen("report.issued", handler)
    events.listen("report.issued", handler)  # an app's ready() running twice registers nothing more
    agency = AgencyFactory()
    events.announce("report.issued", agency, extra=1)
    assert heard == [(agency, {"extra": 1})]


def test_a_failing_handler_is_undone_and_logged_and_the_write_is_kept(listeners, caplog):
    written = []

    def broken(record):
        Agency.objects.filter(pk=record.pk).update(name="Ghi dở dang")
        raise RuntimeError("boom")

    def working(record):
        written.append(record.pk)

    events.listen("followup.opened", broken)
    events.listen("followup.opened", working)
    with caplog.at_level(logging.ERROR, logger="council.events"), transaction.atomic():
        agency = AgencyFactory(name="Sở Y tế")
        events.announce("followup.opened", agency)
        Agency.objects.filter(pk=agency.pk).update(emails="so@example.vn")

    agency.refresh_from_db()
    assert agency.name == "Sở Y tế"  # the failed handler's own write was rolled back with its savepoint
    assert agency.emails == "so@example.vn"  # the caller's transaction went on and committed
    assert written == [agency.pk]  # the other handlers still ran
    failure = next(r for r in caplog.records if r.name == "council.events")
    assert "followup.opened" in failure.getMessage() and "broken" in failure.getMessage()
    assert failure.exc_info and failure.exc_info[0] is RuntimeError


def test_what_a_handler_writes_rolls_back_with_the_callers_write(listeners):
    def rename(record):
        Agency.objects.filter(pk=record.pk).update(name="Đã báo")

    events.listen("report.issued", rename)
    agency = AgencyFactory(name="Sở Xây dựng")

    class Refused(Exception):
        pass

    with pytest.raises(Refused), transaction.atomic():
        Agency.objects.filter(pk=agency.pk).update(emails="xd@example.vn")
        events.announce("report.issued", agency)
        raise Refused

    agency.refresh_from_db()
    assert (agency.name, agency.emails) == ("Sở Xây dựng", "vanphong@so.gov.vn")
