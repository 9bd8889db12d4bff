"""The account's sign-in security pages, ``account:`` (the sign-in and reset pages keep Django's names)."""

from django.urls import path

from council.views import account

app_name = "account"

urlpatterns = [
    path("mfa/", account.mfa_verify, name="mfa_verify"),
    path("mfa/setup/", account.mfa_enrol, name="mfa_enrol"),
    path("security/", account.security, name="security"),
    path("security/<slug:action>/", account.security_action, name="security_action"),
]
