from django import forms
from django.utils.translation import gettext_lazy as _

from council.forms.base import CouncilModelForm
from council.models import Role, User
from council.uploads import ACCEPT

from .models import Directive, DirectiveItem


class DirectiveForm(CouncilModelForm):
    upload = forms.FileField(
        label=_("File"), required=False, widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )

    class Meta:
        model = Directive
        fields = ["kind", "symbol", "issued_on", "issuing_body", "issuer", "subject", "partners"]


class ItemForm(CouncilModelForm):
    class Meta:
        model = DirectiveItem
        fields = [
            "section",
            "section_title",
            "text",
            "responsible",
            "member",
            "committee",
            "group",
            "coordinating",
            "due_date",
            "recurrence",
            "target",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, directive: Directive, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.directive = directive
        self.fields["member"].queryset = User.objects.filter(
            roles__council=self.council, roles__role=Role.STANDING
        ).distinct()
        self.fields["member"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["group"].queryset = self.fields["group"].queryset.select_related("term")
