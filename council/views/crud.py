"""One generic list/detail/create/edit machinery for the council's reference records.

Each record type declares a ``Crud``: its form, its service functions, its columns, search and filters.
Lists render whole pages or, for htmx requests, only the results table.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from council import personal_data
from council.changes import history_for, saved_message
from council.downloads import download_response
from council.forms.base import fast_selects, name_forms
from council.models import Council
from council.params import paginate
from council.permissions import can_manage_record, can_manage_records, require, scoped
from council.services import record_update
from council.text import fold
from council.xlsx import EXPORT_MAX_ROWS


@dataclass
class Crud:
    """The description of one record type's pages."""

    model: type[Model]
    form_class: type[forms.ModelForm]
    create: Callable[..., Model]
    slug: str
    columns: list[str]
    update: Callable[..., Model] = record_update
    search_fields: list[str] = field(default_factory=list)
    folded_search_field: str | None = None
    filters: list[str] = field(default_factory=list)
    select_related: list[str] = field(default_factory=list)
    prefetch_related: list[str] = field(default_factory=list)
    ordering: list[str] | None = None
    detail_template: str = "components/crud_detail.html"
    list_template: str = "components/crud_list.html"
    # Who may open the pages, create a record, edit one: ``can_<verb>(user, obj)`` predicates of the app's
    # permissions.py, given the council for the first two and the record for the third.
    can_view: Callable[[Any, Council], bool] = can_manage_records
    can_create: Callable[[Any, Council], bool] = can_manage_records
    can_edit: Callable[[Any, Model], bool] = can_manage_record
    extra_detail_context: Callable[[Any, Model], dict] | None = None
    # Narrow the council's rows further for some readers (e.g. a committee head sees their committee's).
    narrow: Callable[[QuerySet, Any], QuerySet] | None = None
    # Extra keyword arguments for the form, from the request (e.g. the user, to limit choices).
    form_kwargs: Callable[[Any], dict] | None = None
    # Initial values of a new record's form, from the request (e.g. drafted from another record).
    initial: Callable[[Any], dict] | None = None
    # Offer the filtered list as a spreadsheet (its columns are the list's columns).
    exportable: bool = False
    # The URL namespace (the ``app_name``) of the urls.py routing the pages; by default the model's app.
    namespace: str = ""

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name

    @property
    def verbose_name_plural(self):
        return self.model._meta.verbose_name_plural

    @property
    def route(self) -> str:
        """The namespaced prefix of the pages' URL names: ``<route>_list``, ``<route>_detail`` ..."""
        return f"{self.namespace or self.model.__module__.split('.')[0]}:{self.slug}"

    def url(self, action: str, *args) -> str:
        return reverse(f"{self.route}_{action}", args=args)

    def queryset(self, request) -> QuerySet:
        qs = scoped(self.model.objects.all(), request.user, request.council)
        if self.narrow:
            qs = self.narrow(qs, request)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs.order_by(*self.ordering) if self.ordering else qs

    def viewable(self, request) -> QuerySet:
        """The records whose detail page the user may open: what a view serving anything of one record, such
        as its file, must fetch through. Anyone else finds nothing (a 404, as for a missing record)."""
        if request.council is None or not self.can_view(request.user, request.council):
            return self.model.objects.none()
        return self.queryset(request)

    def filtered(self, request) -> tuple[QuerySet, forms.Form]:
        """The rows a list shows for the request's search and filters, and the filter form."""
        filter_form = filter_form_for(self, request.council, request.GET)
        qs = apply_search(self, self.queryset(request), request.GET.get("q", ""))
        if filter_form.is_valid():
            for name in self.filters:
                value = filter_form.cleaned_data.get(name)
                if value not in (None, ""):
                    qs = qs.filter(**{name: value})
        return qs, filter_form

    def may_edit(self, request, obj: Model) -> bool:
        return self.can_edit(request.user, obj)

    def detail_context(self, request, obj: Model) -> dict:
        """What a detail page shows: the record, its change history and any extra sections."""
        history = history_for(obj)  # newest first, each entry with its field-by-field changes
        context = {"object": obj, "history": history, "can_edit": self.may_edit(request, obj)}
        if self.extra_detail_context:
            context.update(self.extra_detail_context(request, obj))
        return name_forms(context)  # a detail page's several forms, each with ids of its own

    def urls(self, prefix: str) -> list:
        export = [path(f"{prefix}/xlsx/", CrudExportView.as_view(crud=self), name=f"{self.slug}_xlsx")]
        return [
            *(export if self.exportable else []),
            path(f"{prefix}/", CrudListView.as_view(crud=self), name=f"{self.slug}_list"),
            path(f"{prefix}/new/", CrudCreateView.as_view(crud=self), name=f"{self.slug}_create"),
            path(f"{prefix}/<int:pk>/", CrudDetailView.as_view(crud=self), name=f"{self.slug}_detail"),
            path(f"{prefix}/<int:pk>/edit/", CrudUpdateView.as_view(crud=self), name=f"{self.slug}_update"),
        ]


def filter_form_for(crud: Crud, council, data) -> forms.Form:
    """A form with one optional choice per filter, its choices limited to the council's rows."""
    form = forms.Form(data)
    for name in crud.filters:
        model_field = crud.model._meta.get_field(name)
        if model_field.is_relation:
            related = model_field.related_model.objects.all()
            if any(f.name == "council" for f in model_field.related_model._meta.fields):
                related = related.filter(council=council)
            form.fields[name] = forms.ModelChoiceField(
                related, required=False, label=model_field.verbose_name, empty_label=_("All")
            )
        else:
            choices = [("", _("All")), *model_field.flatchoices]
            if model_field.get_internal_type() == "BooleanField":
                choices = [("", _("All")), ("True", _("Yes")), ("False", _("No"))]
            form.fields[name] = forms.ChoiceField(
                choices=choices, required=False, label=model_field.verbose_name
            )
    for bound_field in form.fields.values():
        bound_field.widget.attrs["class"] = "form-select"
    fast_selects(form)
    return form


def apply_search(crud: Crud, qs: QuerySet, text: str) -> QuerySet:
    """Accent- and case-insensitive search: "so y te" finds "Sở Y tế" on SQLite and PostgreSQL alike."""
    folded = fold(text)
    if not folded:
        return qs
    # Folded search texts hold no personal data; a viewer who may see a personal field also finds by it
    # (council/personal_data.py), and nobody finds a record by a value they may not see.
    viewer = personal_data.current()
    if crud.folded_search_field:
        found = Q(**{f"{crud.folded_search_field}__contains": folded})
        personal = viewer.search_q(crud.model, text, qs)
        return qs.filter(found | personal if personal is not None else found)
    # Reference lists are small (hundreds of rows at most), so fold their text in Python: one extra
    # query, whatever the size of the page.
    fields = [name for name in crud.search_fields if viewer.sees_all(crud.model, name)]
    matches = [
        row[0]
        for row in qs.values_list("pk", *fields)
        if any(folded in fold(str(value or "")) for value in row[1:])
    ]
    return qs.filter(pk__in=matches)


class CrudView(View):
    crud: Crud = None
    action = "view"

    def dispatch(self, request, *args, **kwargs):
        if request.council is None:
            raise PermissionDenied(_("You hold no role in any council."))
        # The record's own right (can_edit) is checked once the record is fetched.
        require(self.crud.can_view(request.user, request.council))
        if self.action == "create":
            require(self.crud.can_create(request.user, request.council))
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        return get_object_or_404(self.crud.queryset(self.request), pk=self.kwargs["pk"])

    def context(self, **extra) -> dict:
        return {
            "crud": self.crud,
            "can_edit": self.crud.can_create(self.request.user, self.request.council),
            **extra,
        }


class CrudListView(CrudView):
    def get(self, request):
        qs, filter_form = self.crud.filtered(request)
        page = paginate(request, qs)
        ctx = self.context(page=page, filter_form=filter_form, q=request.GET.get("q", ""))
        if request.htmx and request.htmx.target == "crud-results":
            return render(request, "components/crud_table.html", ctx)
        return render(request, self.crud.list_template, ctx)


class CrudExportView(CrudView):
    """The list's rows, with its search and filters, as an XLSX file."""

    def get(self, request):
        from council.exports import rows_xlsx

        qs, _filter_form = self.crud.filtered(request)
        content = rows_xlsx(
            self.crud.model,
            self.crud.columns,
            qs[: EXPORT_MAX_ROWS + 1],  # one more than the limit: the writer says the export was cut
            title=str(self.crud.verbose_name_plural),
        )
        return download_response(content, f"{self.crud.slug}-{timezone.localdate():%Y%m%d}.xlsx")


class CrudDetailView(CrudView):
    def get(self, request, pk):
        context = {**self.context(), **self.crud.detail_context(request, self.get_object())}
        return render(request, self.crud.detail_template, context)


class CrudFormView(CrudView):
    def instance(self):
        return None

    def initial(self) -> dict:
        return {}

    def form(self, data=None, files=None):
        extra = self.crud.form_kwargs(self.request) if self.crud.form_kwargs else {}
        return self.crud.form_class(
            data,
            files,
            instance=self.instance(),
            council=self.request.council,
            initial=self.initial(),
            **extra,
        )

    def render_form(self, form):
        return render(
            self.request, "components/crud_form.html", self.context(form=form, object=form.instance)
        )

    def get(self, request, **kwargs):
        return self.render_form(self.form())

    def post(self, request, **kwargs):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            try:
                obj = self.save(form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, saved_message(obj, form, created=form.instance._state.adding))
                return redirect(self.crud.url("detail", obj.pk))
        return self.render_form(form)


class CrudCreateView(CrudFormView):
    action = "create"

    def initial(self) -> dict:
        # Links such as "add a mandate for this delegate" pre-fill the form from the query string.
        if self.crud.initial:
            return self.crud.initial(self.request)
        return {k: v for k, v in self.request.GET.items() if k in self.crud.form_class.base_fields}

    def save(self, form) -> Model:
        return self.crud.create(actor=self.request.user, council=self.request.council, **form.cleaned_data)


class CrudUpdateView(CrudFormView):
    def instance(self):
        if not hasattr(self, "_object"):
            self._object = self.get_object()
            require(self.crud.may_edit(self.request, self._object))
        return self._object

    def save(self, form) -> Model:
        # The form has already copied its values onto its instance, so hand the service a fresh copy.
        fresh = self.crud.queryset(self.request).get(pk=self.instance().pk)
        return self.crud.update(fresh, actor=self.request.user, **form.cleaned_data)
