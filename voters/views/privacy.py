"""The Office's page for the council's notice on the processing of personal data (the public reads it at
``voters:public_privacy``); saving publishes a new version, earlier ones stay with the petitions that
consented to them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from council import services as council_services
from council.models import ProcessingNotice
from council.permissions import can_manage_records, role_required
from council.privacy import notice_current, notice_shown

from ..forms import ProcessingNoticeForm


@role_required(can_manage_records)
def notice_edit(request):
    council = request.council
    shown = notice_shown(council)
    initial = {name: getattr(shown, name) for name in ProcessingNotice.TEXT_FIELDS}
    form = ProcessingNoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        before = notice_current(council)
        notice = council_services.processing_notice_publish(
            council=council, actor=request.user, **form.cleaned_data
        )
        if before is not None and notice.pk == before.pk:
            messages.info(
                request,
                _("Nothing changed: version %(version)s stays in force.") % {"version": notice.version},
            )
        else:
            messages.success(
                request, _("Version %(version)s of the notice is published.") % {"version": notice.version}
            )
        return redirect("voters:privacy_notice")
    versions = ProcessingNotice.objects.filter(council=council).select_related("published_by")
    return render(
        request,
        "voters/privacy_notice.html",
        {"form": form, "notice": shown, "versions": versions.order_by("-version")},
    )
