"""POST actions on a record's page: validate the form, call the service, say what happened.

The one way an error reaches a user (README, "one way to do each thing"):

- **A form the page shows** is shown again with its errors: each beside its field, the rest above the form
  (crispy's error block, or ``components/form_errors.html`` for a hand-written form); a service's
  ``ValidationError`` is put on the form by ``council.forms.base.apply_errors``. ``form_action`` does it
  for a form posted from a record's page; a whole-page form view calls ``apply_errors`` and renders again
  (``council/views/viewsets.py``). Nothing was changed, and what was typed is kept.
- **An action without a form of its own on the page** (a button, a control in a list row) answers with a
  message and goes back (``run_form_action``), every part of it prefixed with its field's label
  (``error_text``).
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from council.changes import form_changes, record_changes, snapshot
from council.forms.base import apply_errors, error_label
from council.params import year_param  # noqa: F401 - moved to council.params; kept importable here


def form_errors_text(form) -> str:
    """A form's errors as one sentence, each prefixed with its field's label."""
    parts = [
        f"{form.fields[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
        for name, errors in form.errors.items()
    ]
    return " ".join(parts) or _("Check the form.")


def error_text(error: ValidationError, form: forms.BaseForm | None = None) -> str:
    """A service's refusal as one sentence for a message, each part prefixed with its field's label."""
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts = []
    for name, errors in error.error_dict.items():
        texts = " ".join(text for item in errors for text in item.messages)
        label = error_label(form, name) if form is not None else ""
        parts.append(f"{label}: {texts}" if label else texts)
    return " ".join(parts)


def _said(request, form, success: str | None, record, before) -> None:
    """The success message, naming what the form (and the action, on ``record``) changed."""
    message = success or _("Recorded.")
    changes = form_changes(form)  # a form that edits values says which, from what to what
    if record is not None:
        record.refresh_from_db()
        changes += [line for line in record_changes(before, record) if line not in changes]
    if changes:
        message = _("%(message)s %(changes)s.") % {"message": message, "changes": "; ".join(changes)}
    messages.success(request, message)


def form_action(
    request,
    form: forms.BaseForm,
    call: Callable[[dict], object],
    *,
    done: str,
    page: Callable[[forms.BaseForm], HttpResponse],
    success: str | None = None,
    record=None,
) -> HttpResponse:
    """Handle a form posted from a record's page. Valid and accepted by the service (``call`` with the
    cleaned data): a message saying what changed, and back to ``done``. Otherwise ``page(form)``: the page
    again with this form bound, its errors beside its fields and a service's refusal on the field it names
    (``apply_errors``), the form open; the service changed nothing."""
    if form.is_valid():
        before = snapshot(record) if record is not None else None
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _said(request, form, success, record, before)
            return redirect(done)
    return page(form)


def run_form_action(
    request, form, call: Callable[[dict], object], success: str | None = None, record=None
) -> bool:
    """An action with no form of its own on the page (a button, a control in a list row): run ``call`` with
    the form's data if it is valid; say what happened, and what changed on ``record`` (the record the action
    works on, if given), or what was wrong, with the fields' labels. Returns whether it was recorded. A form
    the page shows goes through ``form_action`` instead."""
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return False
    before = snapshot(record) if record is not None else None
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error_text(error, form))
        return False
    _said(request, form, success, record, before)
    return True
