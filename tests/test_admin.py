"""Every model is in the admin, and every admin list opens for an administrator."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"council", "delegates", "council_sessions", "oversight", "voters", "reports"}


def test_every_project_model_is_registered():
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        and not model._meta.label.split(".")[1].startswith("Historical")
        and model not in admin.site._registry
    ]
    assert missing == []


def test_every_admin_list_opens(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("quantri", "qt@hdnd.vn", "x"))
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


def test_every_admin_add_page_opens_or_is_refused(client, django_user_model):
    """Workflow records are never added in the admin (403); every other add form renders."""
    client.force_login(django_user_model.objects.create_superuser("quantri", "qt@hdnd.vn", "x"))
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        assert client.get(url).status_code in (200, 403), url
