"""The page where a user makes, reads and revokes their API access keys (``/api/keys/``).

A key is shown once, on the answer to the form that made it (never stored, never in a redirect or the
session); afterwards only its first characters identify it. Making a key asks for the same roles the scope
needs; revoking is the owner's (the administrator revokes any in the admin).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from council.forms.base import apply_errors

from . import services
from .models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("What the key is for"), max_length=100)
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("Asked again: a key outlives this session."),
    )
    scope = forms.ChoiceField(label=gettext_lazy("Scope"))
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), min_value=1, max_value=services.MAX_DAYS, initial=90
    )

    def __init__(self, *args, scopes, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = scopes
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


@never_cache
def keys(request):
    scopes = services.scopes_for(request.user, request.council)
    form = TokenForm(request.POST or None, scopes=scopes, user=request.user)
    new_key = None
    if request.method == "POST" and request.council is not None and form.is_valid():
        data = form.cleaned_data
        try:
            _token, new_key = services.token_create(
                user=request.user,
                council=request.council,
                name=data["name"],
                scope=data["scope"],
                days=data["days"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            form = TokenForm(scopes=scopes, user=request.user)
    tokens = ApiToken.objects.filter(user=request.user).select_related("council")
    return render(
        request,
        "api/keys.html",
        {"form": form, "scopes": scopes, "tokens": tokens, "new_key": new_key},
    )


@require_POST
def revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.token_revoke(token, actor=request.user)
    messages.success(request, _("The key “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api:keys")
