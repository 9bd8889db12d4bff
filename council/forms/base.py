"""Form plumbing shared by every app: council-scoped choices, day-first dates, NFC text."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..models import AdminUnit
from ..text import normalize

DATE_ERROR = {"invalid": _("Enter a date as dd/mm/yyyy, e.g. 05/03/2026.")}


class DayFirstDateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None):
        base = {"placeholder": _("dd/mm/yyyy"), "autocomplete": "off", "inputmode": "numeric"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class FastSelect(forms.Select):
    """A single-choice select whose options are written in Python.

    Django renders each ``<option>`` through a template include; a list page's filters and a form's
    choices of communes or agencies have hundreds of them, which made rendering the options cost more than
    the page's queries. Same markup, same escaping."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts += [
                format_html(
                    '<option value="{}"{}>{}</option>',
                    option["value"],
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            ]
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # every part above is escaped by format_html


def fast_selects(form: forms.BaseForm) -> None:
    """Give every single-choice select of the form the Python-rendered widget (attributes kept)."""
    for field in form.fields.values():
        widget = field.widget
        if type(widget) is forms.Select:
            fast = FastSelect(attrs=widget.attrs)
            fast.choices = field.choices if hasattr(field, "choices") else widget.choices
            fast.is_required = widget.is_required
            field.widget = fast


def name_forms(context: dict) -> dict:
    """Give each form of a page with several forms ids of its own: ``<name>-<field>``; returns the context.

    Django renders ``id_<field>`` for every form, so a follow-up's page with its verify, reopen and note
    forms had three ``id_text``: invalid HTML, and a label (or a screen reader) pointed at another form's
    field. A form under the key ``verify_form`` renders ``verify-text``; the forms of a dict under
    ``decide_forms`` render ``decide-<key>-text``; the page's main form under ``form`` keeps ``id_<field>``,
    and so does a form whose view chose its ``auto_id`` already. Views that put several forms on a page
    (and re-render one of them with its errors) pass their context through this, so the ids are the same
    whether the page is shown fresh or after a refused submission."""
    for key, value in context.items():
        if key == "form":
            continue
        if isinstance(value, forms.BaseForm) and key.endswith("_form"):
            _name_form(value, key.removesuffix("_form"))
        elif isinstance(value, dict) and key.endswith("_forms"):
            for sub_key, form in value.items():
                if isinstance(form, forms.BaseForm):
                    _name_form(form, f"{key.removesuffix('_forms')}-{sub_key}")
    return context


def apply_errors(
    form: forms.BaseForm, error: ValidationError, *, rename: dict[str, str] | None = None
) -> None:
    """Show a service's refusal on the form it came from: the one way an error reaches a user of a form.

    A message about a field the form shows goes beside that field; any other message goes above the form
    (crispy's error block, or ``components/form_errors.html`` for a hand-written form), prefixed with its
    field's label when it names a field of the record the form does not show. The view then renders the
    page again with the bound form (what was typed is kept), and the service has changed nothing.
    ``rename`` maps a name the service uses to the form's field of that name (``{"duration_seconds":
    "duration"}``)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        name = (rename or {}).get(name, name)
        if name in form.fields:
            form.add_error(name, errors)
            continue
        label = error_label(form, name)
        texts = [message for item in errors for message in item.messages]
        form.add_error(None, [f"{label}: {text}" if label else text for text in texts])


def error_label(form: forms.BaseForm, name: str) -> str:
    """The label an error about ``name`` is shown with: the form's field's, else the verbose name of the
    form's model field, else "" (non-field errors, a name neither has)."""
    if name in form.fields:
        return str(form[name].label)
    meta = getattr(form, "_meta", None)
    model = getattr(meta, "model", None)
    if model is None or name == NON_FIELD_ERRORS:
        return ""
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return ""
    return label[:1].upper() + label[1:]


def _name_form(form: forms.BaseForm, name: str) -> None:
    if form.auto_id == "id_%s":  # Django's default: not chosen by the view
        form.auto_id = name.replace("_", "-") + "-%s"


def keep_current_values(form: forms.ModelForm) -> None:
    """On an edit, offer the values the record already has even where the picker no longer would.

    Pickers offer what may be chosen today (delegates in office, current communes, active agencies, the
    channels a clerk may type). A record of an earlier term holds values outside that: without them, its
    edit page would pre-select nothing and saving it unchanged would silently drop them (a past meeting
    losing its delegates, an old group its districts, a meeting's opinion changing channel). The values are
    the record's own, so nothing of another council can come in this way.
    """
    instance = form.instance
    if instance is None or instance._state.adding:
        return
    for name, field in form.fields.items():
        current = form.initial.get(name)
        if field.disabled or current in (None, "", [], ()):
            continue
        if isinstance(field, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
            values = current if isinstance(field, forms.ModelMultipleChoiceField) else [current]
            wanted = {getattr(value, "pk", value) for value in values}
            queryset = field.queryset
            missing = wanted - set(queryset.filter(pk__in=wanted).values_list("pk", flat=True))
            if missing:
                model = queryset.model
                widened = model._default_manager.filter(
                    models.Q(pk__in=queryset.values("pk")) | models.Q(pk__in=missing)
                ).order_by(*(queryset.query.order_by or model._meta.ordering))
                widened.query.select_related = queryset.query.select_related  # labels read the same rows
                widened._prefetch_related_lookups = queryset._prefetch_related_lookups
                field.queryset = widened
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.TypedMultipleChoiceField):
            offered = {str(key) for key, _label in _flat_choices(field.choices)}
            if str(current) not in offered:
                model_field = next((f for f in instance._meta.fields if f.name == name), None)
                label = dict(model_field.flatchoices).get(current, current) if model_field else current
                field.choices = [*field.choices, (current, label)]


def _flat_choices(choices):
    for key, value in choices:
        if isinstance(value, list | tuple):
            yield from value
        else:
            yield key, value


class CouncilModelForm(forms.ModelForm):
    """A model form for a record of one council: related choices come from that council only.

    Whatever a subclass narrows its pickers to in its own ``__init__``, an edit keeps offering the values the
    record already has (``keep_current_values`` runs after every subclass's ``__init__``).
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None:
            return

        def __init__(self, *args, **kw):
            init(self, *args, **kw)
            keep_current_values(self)

        __init__.__doc__ = init.__doc__
        cls.__init__ = __init__

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = council
        for field in self.fields.values():
            if isinstance(field, forms.SlugField):
                field.error_messages["invalid"] = _(
                    "Use only letters without accents, digits, hyphens and underscores, e.g. “dat-dai”."
                )
        if hasattr(self.instance, "council_id") and not self.instance.council_id:
            self.instance.council = council
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DayFirstDateInput()
                field.error_messages["invalid"] = _("Enter a date as dd/mm/yyyy, e.g. 05/03/2026.")
            queryset = getattr(field, "queryset", None)
            if queryset is not None and any(f.name == "council" for f in queryset.model._meta.fields):
                field.queryset = queryset.filter(council=council)
            elif queryset is not None and queryset.model is AdminUnit:
                # Today's communes and wards; merged-away units stay on old records but are not offered.
                field.queryset = AdminUnit.objects.current().within(council)
                if isinstance(field.widget, forms.SelectMultiple):
                    field.widget.attrs.setdefault("size", 8)
        fast_selects(self)
        keep_current_values(self)

    def _post_clean(self):
        # Constraints are checked in validate_unique() below, with messages placed on their fields:
        # Django's generic "Constraint … is violated" would reach the clerk untranslated and unplaced.
        # Check constraints are mirrored by each model's clean(), and the database enforces them all.
        self.instance.validate_constraints = lambda exclude=None: None
        try:
            super()._post_clean()
        finally:
            del self.instance.validate_constraints

    def validate_unique(self):
        """Check field uniqueness and every unique constraint, saying which field clashes."""
        super().validate_unique()
        model = self._meta.model
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.UniqueConstraint) or constraint.condition is not None:
                continue
            in_form = [name for name in constraint.fields if name in self.fields]
            if not in_form or any(name in self.errors for name in in_form):
                continue
            values = {}
            for name in constraint.fields:
                field = model._meta.get_field(name)
                value = (
                    self.cleaned_data.get(name)
                    if name in self.fields
                    else getattr(self.instance, field.attname)
                )
                if value is None:
                    break
                values[name if name in self.fields else field.attname] = value
            else:
                clash = model._default_manager.filter(**values)
                if self.instance.pk:
                    clash = clash.exclude(pk=self.instance.pk)
                if clash.exists():
                    labels = ", ".join(
                        str(model._meta.get_field(name).verbose_name)
                        for name in constraint.fields
                        if name != "council"
                    )
                    self.add_error(
                        in_form[-1],
                        _("There is already a %(model)s with the same %(fields)s.")
                        % {"model": model._meta.verbose_name, "fields": labels},
                    )

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = normalize(value)
        return cleaned
