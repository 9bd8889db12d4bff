"""One class-based viewset for the council's reference records: list, detail, create, edit (and export).

A record type's pages are described once, by a subclass of ``ReferenceViewSet`` in its app, the way Django's
``ModelAdmin`` or Wagtail's viewsets are: class attributes say what (model, form, columns, search, filters,
templates, slug) and methods say how, each overridable with ``super()``::

    class CourseViewSet(ReferenceViewSet):
        model = TrainingCourse
        form_class = forms.CourseForm
        slug = "course"
        columns = ["title", "start_date", "end_date"]

        def can_view(self, user, council):
            return can_read_delegate_work(user, council)

        def create(self, form, *, actor, council):
            return services.course_create(actor=actor, council=council, **form.cleaned_data)

        def get_detail_context(self, request, obj):
            return {**super().get_detail_context(request, obj), **selectors.course_attendance(obj)}

    COURSES = CourseViewSet()           # urls.py: *COURSES.urls("training")

``urls(prefix)`` gives ``<slug>_list``, ``<slug>_create``, ``<slug>_detail``, ``<slug>_update`` (and
``<slug>_xlsx`` when ``exportable``) in the app's namespace. Every page checks the role in the current
council, and records are always fetched through ``get_queryset`` (the council's rows), so another council's
record is a 404, never a 403. Workflow records keep their explicit action views beside these pages.
"""

from collections.abc import Callable
from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from council import personal_data
from council.changes import history_for, saved_message
from council.downloads import download_response
from council.forms.base import apply_errors, fast_selects, name_forms
from council.models import Council
from council.params import paginate
from council.permissions import can_manage_record, can_manage_records, require, scoped
from council.services import record_update
from council.text import fold
from council.xlsx import EXPORT_MAX_ROWS


class ReferenceViewSet:
    """The description of one record type's pages. Subclass it in the record's app and instantiate it once."""

    model: type[Model]
    form_class: type[forms.ModelForm]
    # The URL names' stem: ``<slug>_list`` ...; the namespace is the model's app unless ``namespace`` says.
    slug: str
    namespace: str = ""
    # The list's columns (also the export's), in order; ``__str__`` is the record's name.
    columns: tuple[str, ...] | list[str] = ()
    # Searched accent- and case-insensitively: either fields folded in Python, or one stored folded text.
    search_fields: tuple[str, ...] | list[str] = ()
    folded_search_field: str | None = None
    # One optional choice per field above the list, its choices limited to the council's rows.
    filters: tuple[str, ...] | list[str] = ()
    select_related: tuple[str, ...] | list[str] = ()
    prefetch_related: tuple[str, ...] | list[str] = ()
    ordering: tuple[str, ...] | list[str] | None = None
    list_template = "components/crud_list.html"
    detail_template = "components/crud_detail.html"
    form_template = "components/crud_form.html"
    # Offer the filtered list as a spreadsheet (its columns are the list's columns).
    exportable = False

    # --- who may do what: the app's ``permissions.py`` predicates ------------------------------------------

    def can_view(self, user, council: Council) -> bool:
        """May the user open the list and the records' pages?"""
        return can_manage_records(user, council)

    def can_create(self, user, council: Council) -> bool:
        return can_manage_records(user, council)

    def can_edit(self, user, obj: Model) -> bool:
        return can_manage_record(user, obj)

    # --- writes: the app's services -----------------------------------------------------------------------

    # The app's services, called with the valid form's values: ``create_service(actor=, council=, **values)``
    # and ``update_service(obj, actor=, **values)``; override ``create``/``update`` when a form's values need
    # more than passing on. A viewset that can create names its service (checked when the class is made).
    create_service: Callable[..., Model] | None = None
    update_service: Callable[..., Model] = staticmethod(record_update)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.create_service is None and cls.create is ReferenceViewSet.create:
            raise ImproperlyConfigured(f"{cls.__name__} must name the service that creates a record")

    def create(self, form: forms.ModelForm, *, actor, council: Council) -> Model:
        """Create the record from the valid form through the app's service."""
        service = cast(Callable[..., Model], self.create_service)  # named: checked in __init_subclass__
        return service(actor=actor, council=council, **form.cleaned_data)

    def update(self, obj: Model, form: forms.ModelForm, *, actor) -> Model:
        """Save the valid form's values on ``obj`` (a fresh copy from the database) through a service."""
        return self.update_service(obj, actor=actor, **form.cleaned_data)

    # --- reads ----------------------------------------------------------------------------------------------

    def get_queryset(self, request) -> QuerySet:
        """The council's records this user may reach; override with ``super()`` to narrow them further."""
        qs = scoped(self.model.objects.all(), request.user, request.council)
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
        return self.get_queryset(request)

    def filtered(self, request) -> tuple[QuerySet, forms.Form]:
        """The rows a list shows for the request's search and filters, and the filter form."""
        filter_form = self.get_filter_form(request)
        qs = self.search(self.get_queryset(request), request.GET.get("q", ""))
        if filter_form.is_valid():
            for name in self.filters:
                value = filter_form.cleaned_data.get(name)
                if value not in (None, ""):
                    qs = qs.filter(**{name: value})
        return qs, filter_form

    def get_filter_form(self, request) -> forms.Form:
        """A form with one optional choice per filter, its choices limited to the council's rows."""
        form = forms.Form(request.GET)
        for name in self.filters:
            model_field = self.model._meta.get_field(name)
            if model_field.is_relation:
                related = model_field.related_model.objects.all()
                if any(f.name == "council" for f in model_field.related_model._meta.fields):
                    related = related.filter(council=request.council)
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

    def search(self, qs: QuerySet, text: str) -> QuerySet:
        """Accent- and case-insensitive search: "so y te" finds "Sở Y tế" on SQLite and PostgreSQL alike."""
        folded = fold(text)
        if not folded:
            return qs
        # Folded search texts hold no personal data; a viewer who may see a personal field also finds by it
        # (council/personal_data.py), and nobody finds a record by a value they may not see.
        viewer = personal_data.current()
        if self.folded_search_field:
            found = Q(**{f"{self.folded_search_field}__contains": folded})
            personal = viewer.search_q(self.model, text, qs)
            return qs.filter(found | personal if personal is not None else found)
        # Reference lists are small (hundreds of rows at most), so fold their text in Python: one extra
        # query, whatever the size of the page.
        fields = [name for name in self.search_fields if viewer.sees_all(self.model, name)]
        matches = [
            row[0]
            for row in qs.values_list("pk", *fields)
            if any(folded in fold(str(value or "")) for value in row[1:])
        ]
        return qs.filter(pk__in=matches)

    def get_form_kwargs(self, request) -> dict:
        """Extra keyword arguments for the form (e.g. the user, to limit its choices)."""
        return {}

    def get_initial(self, request) -> dict:
        """A new record's initial values: links such as "add a mandate for this delegate" pre-fill the form
        from the query string."""
        return {k: v for k, v in request.GET.items() if k in self.form_class.base_fields}

    def get_detail_context(self, request, obj: Model) -> dict:
        """What a detail page shows: the record, its change history and, in subclasses, its sections (read
        through the app's selectors, the view only putting them on the page)."""
        history = history_for(obj)  # newest first, each entry with its field-by-field changes
        return {"object": obj, "history": history, "can_edit": self.can_edit(request.user, obj)}

    def render_detail(self, request, obj: Model, **forms_shown) -> HttpResponse:
        """The detail page, with any of its forms replaced by a bound one (re-shown with its errors)."""
        context = {"viewset": self, **self.get_detail_context(request, obj), **forms_shown}
        return render(request, self.detail_template, name_forms(context))

    # --- naming and routing ---------------------------------------------------------------------------------

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

    def urls(self, prefix: str) -> list[URLPattern]:
        """The pages' URL patterns under ``prefix/``, for the app's urls.py (which sets the namespace)."""
        export = [path(f"{prefix}/xlsx/", ExportView.as_view(viewset=self), name=f"{self.slug}_xlsx")]
        return [
            *(export if self.exportable else []),
            path(f"{prefix}/", ListView.as_view(viewset=self), name=f"{self.slug}_list"),
            path(f"{prefix}/new/", CreateView.as_view(viewset=self), name=f"{self.slug}_create"),
            path(f"{prefix}/<int:pk>/", DetailView.as_view(viewset=self), name=f"{self.slug}_detail"),
            path(f"{prefix}/<int:pk>/edit/", UpdateView.as_view(viewset=self), name=f"{self.slug}_update"),
        ]


class ViewSetView(View):
    viewset: ReferenceViewSet = None  # type: ignore[assignment]  # given by ``as_view(viewset=...)``
    action = "view"

    def dispatch(self, request, *args, **kwargs):
        if request.council is None:
            raise PermissionDenied(_("You hold no role in any council."))
        # The record's own right (can_edit) is checked once the record is fetched.
        require(self.viewset.can_view(request.user, request.council))
        if self.action == "create":
            require(self.viewset.can_create(request.user, request.council))
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        return get_object_or_404(self.viewset.get_queryset(self.request), pk=self.kwargs["pk"])

    def context(self, **extra) -> dict:
        return {
            "viewset": self.viewset,
            "can_edit": self.viewset.can_create(self.request.user, self.request.council),
            **extra,
        }


class ListView(ViewSetView):
    def get(self, request):
        qs, filter_form = self.viewset.filtered(request)
        page = paginate(request, qs)
        ctx = self.context(page=page, filter_form=filter_form, q=request.GET.get("q", ""))
        if request.htmx and request.htmx.target == "crud-results":
            return render(request, "components/crud_table.html", ctx)
        return render(request, self.viewset.list_template, ctx)


class ExportView(ViewSetView):
    """The list's rows, with its search and filters, as an XLSX file."""

    def get(self, request):
        from council.exports import rows_xlsx

        qs, _filter_form = self.viewset.filtered(request)
        content = rows_xlsx(
            self.viewset.model,
            list(self.viewset.columns),
            qs[: EXPORT_MAX_ROWS + 1],  # one more than the limit: the writer says the export was cut
            title=str(self.viewset.verbose_name_plural),
        )
        return download_response(content, f"{self.viewset.slug}-{timezone.localdate():%Y%m%d}.xlsx")


class DetailView(ViewSetView):
    def get(self, request, pk):
        obj = self.get_object()
        context = {**self.context(), **self.viewset.get_detail_context(request, obj)}
        return render(request, self.viewset.detail_template, name_forms(context))


class FormView(ViewSetView):
    def instance(self):
        return None

    def initial(self) -> dict:
        return {}

    def form(self, data=None, files=None):
        return self.viewset.form_class(
            data,
            files,
            instance=self.instance(),
            council=self.request.council,
            initial=self.initial(),
            **self.viewset.get_form_kwargs(self.request),
        )

    def render_form(self, form):
        context = self.context(form=form, object=form.instance)
        return render(self.request, self.viewset.form_template, context)

    def get(self, request, **kwargs):
        return self.render_form(self.form())

    def post(self, request, **kwargs):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            try:
                obj = self.save(form)
            except ValidationError as error:
                apply_errors(form, error)  # a service's refusal shows on its field, or above the form
            else:
                messages.success(request, saved_message(obj, form, created=form.instance._state.adding))
                return redirect(self.viewset.url("detail", obj.pk))
        return self.render_form(form)


class CreateView(FormView):
    action = "create"

    def initial(self) -> dict:
        return self.viewset.get_initial(self.request)

    def save(self, form) -> Model:
        return self.viewset.create(form, actor=self.request.user, council=self.request.council)


class UpdateView(FormView):
    def instance(self):
        if not hasattr(self, "_object"):
            self._object = self.get_object()
            require(self.viewset.can_edit(self.request.user, self._object))
        return self._object

    def save(self, form) -> Model:
        # The form has already copied its values onto its instance, so hand the service a fresh copy.
        fresh = self.viewset.get_queryset(self.request).get(pk=self.instance().pk)
        return self.viewset.update(fresh, form, actor=self.request.user)
