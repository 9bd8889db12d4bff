"""The admin writes through the services, as every page does: its forms validate, the services save.

A workflow record's state, dates and derived fields are read-only in the admin; what the Office may change
there is offered as an admin action that calls the record's service, so every change leaves its event, its
history row naming the administrator, its search text and its mail. Reference data saved in the admin goes
through its create/update service too (``ServiceSaveMixin``).
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from council.services import record_update

# call(record, actor, form data), or with ``bulk`` call(records, actor, form data)
ServiceCall = Callable[[Any, Any, dict], object]


def service_action(
    *,
    name: str,
    description: str,
    call: ServiceCall,
    form_class: type[forms.Form] | None = None,
    bulk: bool = False,
):
    """An admin action that calls ``call(record, actor, data)`` for each selected record (with ``bulk``, once
    with the list of them, for a service that groups them, e.g. one reminder mail per agency).

    With a ``form_class``, the action first shows that form on an intermediate page (as Django's own
    "delete selected" asks for confirmation) and runs only once it is valid. A service's ValidationError is
    shown as an error message naming the record, and that record is left unchanged; the others proceed.
    The action asks for the "manage" permission (``ManagedByServices``).
    """

    def action(modeladmin, request, queryset):
        data: dict = {}
        if form_class is not None:
            form = form_class(request.POST if "apply" in request.POST else None)
            if not form.is_valid():
                return TemplateResponse(
                    request,
                    "admin/service_action.html",
                    {
                        **modeladmin.admin_site.each_context(request),
                        "title": description,
                        "opts": modeladmin.model._meta,
                        "records": list(queryset),
                        "form": form,
                        "action_name": name,
                        "selected_name": ACTION_CHECKBOX_NAME,
                        "media": modeladmin.media + form.media,
                    },
                )
            data = form.cleaned_data
        records = list(queryset)
        done = 0
        for batch in [records] if bulk else [[record] for record in records]:
            try:
                call(batch if bulk else batch[0], request.user, data)
            except ValidationError as error:
                modeladmin.message_user(
                    request,
                    _("%(records)s: nothing was changed. %(error)s")
                    % {"records": ", ".join(map(str, batch)), "error": " ".join(error.messages)},
                    messages.ERROR,
                )
            else:
                done += len(batch)
        if done:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(action)s: recorded for %(count)d record.",
                    "%(action)s: recorded for %(count)d records.",
                    done,
                )
                % {"action": description, "count": done},
                messages.SUCCESS,
            )
        return None

    action.__name__ = name
    return admin.action(description=description, permissions=["manage"])(action)


class ManagedByServices:
    """The "manage" permission the service actions ask for: whoever may change the model has it (a workflow
    record's admin refuses plain changes, yet its actions stay available)."""

    def has_manage_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.change_{self.opts.model_name}")


class WorkflowAdminMixin(ManagedByServices):
    """A workflow record: read in the admin, changed only by its admin actions (which call its services) or
    by the Office's own pages; never added, edited or deleted by hand."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ListedInline:
    """An inline that lists a record's rows on its page: the rows are written through their services (on
    their own admin page or the app's pages), never in the parent's form."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceRefused(Exception):
    """A service refused the admin's change: its transaction is rolled back and the form shown again."""

    def __init__(self, error: ValidationError):
        super().__init__(error)
        self.error = error


class ServiceSaveMixin(ManagedByServices):
    """Save the admin's form through the record's services (put it before ``SimpleHistoryAdmin``).

    ``create_service(actor=, council=, **data)`` makes a new record (without one, the admin adds none),
    ``update_service(fresh, actor=, **data)`` changes one: it gets a fresh copy from the database, since the
    form has already copied its values onto its own instance and a service comparing old and new values would
    see no change. ``delete_service(record, actor=)``, if given, removes one. Many-to-many fields are handed
    to the services with the rest of the form's data. (The services are read from the class, so that a plain
    function assigned there is not bound as a method.) A rule only the service checks (e.g. two versions of a
    deadline rule in force on one day) comes back as an error message over the form, and nothing is saved.
    """

    create_service: Callable | None = None
    update_service: Callable = record_update
    delete_service: Callable | None = None

    def has_add_permission(self, request, *args):
        return self.create_service is not None and super().has_add_permission(request, *args)

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except ServiceRefused as refused:
            return self._refused(request, refused)

    def delete_view(self, request, *args, **kwargs):
        try:
            return super().delete_view(request, *args, **kwargs)
        except ServiceRefused as refused:
            return self._refused(request, refused)

    def _refused(self, request, refused: ServiceRefused) -> HttpResponseRedirect:
        self.message_user(
            request,
            _("Nothing was saved. %(error)s") % {"error": " ".join(refused.error.messages)},
            messages.ERROR,
        )
        return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        data = dict(form.cleaned_data)
        try:
            if change:
                fresh = type(obj)._default_manager.get(pk=obj.pk)
                type(self).update_service(fresh, actor=request.user, **data)
                return
            council = data.pop("council")
            created = type(self).create_service(actor=request.user, council=council, **data)
        except ValidationError as error:
            raise ServiceRefused(error) from error
        # The admin goes on with its own instance (inlines, the change message, the redirect).
        obj.pk = created.pk
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        # The services have set the many-to-many fields already; inlines are saved as usual.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        if self.delete_service is None:
            return super().delete_model(request, obj)
        try:
            type(self).delete_service(obj, actor=request.user)
        except ValidationError as error:
            raise ServiceRefused(error) from error

    def delete_queryset(self, request, queryset):
        if self.delete_service is None:
            return super().delete_queryset(request, queryset)
        for obj in queryset:
            try:
                type(self).delete_service(obj, actor=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("%(records)s: nothing was changed. %(error)s")
                    % {"records": obj, "error": " ".join(error.messages)},
                    messages.ERROR,
                )


def workflow_action(workflow, name: str):
    """The admin action of a workflow transition, from its table (``council/workflows.py``): its title, its
    form and its service, so the admin declares nothing the table already says."""
    transition = workflow[name]
    return service_action(
        name=name,
        description=transition.title,
        form_class=transition.form_class(),
        call=lambda record, actor, data: workflow.run(name, actor, record, data),
    )
