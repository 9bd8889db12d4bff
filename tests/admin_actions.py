"""Drive the admin as an administrator does: the change form, and the actions with their intermediate form."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import ERROR, SUCCESS
from django.urls import reverse


def changelist_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def run_action(client, model, action: str, records, **form):
    """Choose the action on the list, then (if it asks for a form) fill it in; return the last response."""
    selected = [str(r.pk) for r in records]
    url = changelist_url(model)
    first = client.post(url, {"action": action, ACTION_CHECKBOX_NAME: selected, "index": "0"})
    if first.status_code != 200:  # an action without a form runs at once
        return first
    assert "form" in first.context, "the action should ask for its form first"
    return client.post(url, {"action": action, ACTION_CHECKBOX_NAME: selected, "apply": "yes", **form})


def inline_management(client, url) -> dict:
    """The management fields of the inlines on an admin form page, as the browser sends them back."""
    data = {}
    for inline in client.get(url).context["inline_admin_formsets"]:
        form = inline.formset.management_form
        data.update({form.add_prefix(name): value for name, value in form.initial.items()})
    return data


def levels(client) -> set[int]:
    """The levels of the messages waiting for the next page."""
    response = client.get(reverse("admin:index"))
    return {m.level for m in response.context["messages"]}


__all__ = ["ERROR", "SUCCESS", "change_url", "changelist_url", "inline_management", "levels", "run_action"]
