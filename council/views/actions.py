"""Small POST actions on a record's page: validate the form, call the service, report as a message."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from council.changes import form_changes, record_changes, snapshot
from council.params import year_param  # noqa: F401 - moved to council.params; kept importable here


def form_errors_text(form) -> str:
    """A form's errors as one sentence, each prefixed with its field's label."""
    parts = [
        f"{form.fields[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
        for name, errors in form.errors.items()
    ]
    return " ".join(parts) or _("Check the form.")


def run_form_action(
    request, form, call: Callable[[dict], object], success: str | None = None, record=None
) -> bool:
    """Run ``call`` with the form's data if it is valid; say what happened, and what changed on ``record``
    (the record the action works on, if given). Returns whether it was recorded."""
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return False
    before = snapshot(record) if record is not None else None
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    message = success or _("Recorded.")
    changes = form_changes(form)  # a form that edits values says which, from what to what
    if record is not None:
        record.refresh_from_db()
        changes += [line for line in record_changes(before, record) if line not in changes]
    if changes:
        message = _("%(message)s %(changes)s.") % {"message": message, "changes": "; ".join(changes)}
    messages.success(request, message)
    return True
