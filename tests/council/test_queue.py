"""Services schedule tasks through council.queue: by name, once the write commits, never failing it."""

import logging

import pytest

from council import queue, resilience
from council.models import OutboxMail
from council.services.outbox import queue_mail

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused at once


@pytest.fixture
def dead_broker():
    from council.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.broker_url = DEAD_REDIS
    app.conf.task_always_eager = False
    resilience._last_warning.clear()
    yield
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.broker_url, app.conf.task_always_eager = saved
    resilience._last_warning.clear()


def _mail(council) -> OutboxMail:
    return OutboxMail.objects.create(
        council=council, dedupe_key="k", to="office@example.org", subject="Nhắc việc", body="Hạn trả lời"
    )


def test_a_task_is_queued_only_once_the_transaction_commits(council, django_capture_on_commit_callbacks):
    mail = _mail(council)
    with django_capture_on_commit_callbacks() as callbacks:
        queue.enqueue("council.tasks.outbox_sweep_task")
    mail.refresh_from_db()
    assert mail.sent_at is None and len(callbacks) == 1
    callbacks[0]()  # the commit
    mail.refresh_from_db()
    assert mail.sent_at is not None


def test_a_misspelt_task_name_fails_the_caller_before_anything_is_queued(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ImportError):
        queue.enqueue("council.tasks.outbox_sweep")
    assert callbacks == []


def test_with_the_broker_down_the_mail_waits_in_the_outbox_and_the_write_stands(
    council, dead_broker, django_capture_on_commit_callbacks, caplog
):
    with (
        caplog.at_level(logging.WARNING, logger="hdnd.resilience"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        mail = queue_mail(council, "assigned:1", ["agency@example.org"], "Việc mới", "Hạn 30/06/2026")
    assert len(callbacks) == 1
    assert OutboxMail.objects.filter(pk=mail.pk, sent_at__isnull=True).exists()
    assert any("broker" in record.getMessage() for record in caplog.records)
