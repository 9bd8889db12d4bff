from django import forms
from django.utils.translation import gettext_lazy as _

from .catalogue import KINDS, choices
from .models import Delivery

PREFIX = "kind-"


class NotificationFilterForm(forms.Form):
    STATES = [("", _("All")), ("unread", _("Unread")), ("read", _("Read"))]

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    state = forms.ChoiceField(label=_("Shown"), choices=STATES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *choices()]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"


class PreferencesForm(forms.Form):
    """One choice of delivery per kind of notice (a field ``kind-<code>``); a field for a kind the
    catalogue does not declare refuses the whole form."""

    def __init__(self, *args, defaults: dict[str, str], current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.defaults = defaults
        for code, kind in KINDS.items():
            default_label = Delivery(defaults[code]).label
            self.fields[PREFIX + code] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                required=False,
                initial=current.get(code, defaults[code]),
                help_text=_("Default for your role: %(delivery)s") % {"delivery": default_label},
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def clean(self):
        cleaned = super().clean()
        unknown = sorted(
            name[len(PREFIX) :]
            for name in self.data
            if name.startswith(PREFIX) and name[len(PREFIX) :] not in KINDS
        )
        if unknown:
            raise forms.ValidationError(
                _("Unknown kind of notice: %(kinds)s.") % {"kinds": ", ".join(unknown)}, code="unknown_kind"
            )
        return cleaned

    def choices_made(self) -> dict[str, str]:
        """The kinds the form was sent with (one left out keeps its setting)."""
        return {
            name[len(PREFIX) :]: value
            for name, value in self.cleaned_data.items()
            if name.startswith(PREFIX) and value
        }
