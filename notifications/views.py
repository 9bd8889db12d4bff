"""The notification centre, mail preferences, the Office's view of mail delivery, and calendars."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from council.middleware import SESSION_KEY
from council.models import User
from council.params import paginate
from council.permissions import can_manage_records, role_context, role_required
from reports.visibility import may_open

from . import ics, selectors, services
from .catalogue import KINDS
from .forms import NotificationFilterForm, PreferencesForm
from .models import CalendarFeed, Notification, NotificationPreference


def notification_list(request):
    form = NotificationFilterForm(request.GET)
    form.is_valid()  # an unknown kind or state is shown with its message; the valid filters still apply
    filters = {name: form.cleaned_data.get(name, "") for name in ("kind", "state")}
    page = paginate(request, selectors.notices_for(request.user, **filters))
    context = {"form": form, "page": page, "unread": selectors.unread_count(request)}
    if request.htmx and request.htmx.target == "notification-results":
        return render(request, "notifications/_results.html", context)
    return render(request, "notifications/list.html", context)


def notification_open(request, pk):
    """Mark the notice read and go to its record; a record since deleted or hidden says so instead."""
    notice = get_object_or_404(Notification.objects.for_recipient(request.user), pk=pk)
    services.notification_mark_read(notice, actor=request.user)
    record = _subject(notice)
    if record is None or not may_open(request.user, record):
        return render(request, "notifications/gone.html", {"notice": notice}, status=410)
    if request.council is None or request.council.pk != notice.council_id:
        request.session[SESSION_KEY] = notice.council_id  # the record's page belongs to its council
    return redirect(record.get_absolute_url())


def _subject(notice: Notification):
    if notice.subject_type_id is None or notice.subject_id is None:
        return None
    model = ContentType.objects.get_for_id(notice.subject_type_id).model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=notice.subject_id).first()


@require_POST
def notifications_read_all(request):
    count = services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("%(count)s notice(s) marked read.") % {"count": count})
    return redirect("notifications:list")


def preferences(request):
    user = request.user
    roles = role_context(user).roles(request.council.pk if request.council else None)
    defaults = {code: kind.default_delivery(roles) for code, kind in KINDS.items()}
    current = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    form = PreferencesForm(request.POST or None, defaults=defaults, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.preferences_save(user=user, choices=form.choices_made(), actor=user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Preferences saved (%(count)s changed).") % {"count": changed})
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "has_email": bool(user.email)})


@role_required(can_manage_records)
def mail_status(request):
    page = paginate(request, selectors.mail_status(request.council))
    return render(request, "notifications/mail_status.html", {"page": page})


@role_required(can_manage_records)
def mail_status_person(request, pk):
    person = get_object_or_404(User.objects.filter(notifications__council=request.council).distinct(), pk=pk)
    failed = selectors.failed_mails(request.council, person)
    return render(request, "notifications/mail_person.html", {"person": person, "failed": failed})


# --- Calendar ------------------------------------------------------------------------------------------


def calendar_settings(request):
    """The person's private calendar address: made (and shown once), made anew, or stopped."""
    user = request.user
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(user=user, actor=user)
            messages.success(request, _("Your calendar address no longer works."))
            return redirect("notifications:calendar")
        token = services.calendar_feed_create(user=user, actor=user)
    feed = CalendarFeed.objects.filter(user=user).first()
    address = request.build_absolute_uri(ics.feed_path(token)) if token else ""
    return render(request, "notifications/calendar.html", {"feed": feed, "address": address})


@login_not_required
@never_cache
def calendar_feed(request, token):
    """The private feed a calendar program reads: a stale or revoked address is a 404 with no data."""
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=services.token_hash(token)).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    services.calendar_feed_used(feed)
    body = ics.feed_for(feed.user)
    return _ics(body, "lich-hdnd.ics", inline=True)


def event_ics(request, kind, pk):
    """One event (a session, sitting, voter meeting, training, oversight fieldwork or hearing) as an .ics file
    to add to a calendar; one the person may not open is a 404, like a missing one."""
    event = ics.single_event(request.user, kind, pk)
    if event is None:
        raise Http404
    return _ics(ics.document([event]), f"{kind}-{pk}.ics", inline=False)


def _ics(body: bytes, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    return response
