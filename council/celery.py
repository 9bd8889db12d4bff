"""Celery application. With no REDIS_URL, settings make every task run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")

app = Celery("council")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Periodic jobs are declared here as the apps that need them land (reminders, reports).
app.conf.beat_schedule = {}
