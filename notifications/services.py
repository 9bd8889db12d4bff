"""Writes of the notification centre: notices, reading them, mail preferences, the daily digest, calendar
feeds. ``notify`` is the one way a notice is made."""

import datetime as dt
import hashlib
import secrets
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from council.models import Council, OutboxMail, User
from council.permissions import role_context
from council.services.outbox import queue_mail
from council.services.records import record_save
from reports.visibility import may_open

from .catalogue import Kind, kind_of, params_for, render
from .models import CalendarFeed, Delivery, Notification, NotificationPreference


def _event_key(kind: Kind, record: Model | None, council_id: int, extra: dict) -> str:
    subject = f"{record._meta.label_lower}:{record.pk}" if record is not None else f"council:{council_id}"
    tail = "".join(f":{name}={extra[name]}" for name in sorted(extra))
    return f"{kind.code}:{subject}{tail}"[:200]


def delivery_for(user: User, kind: Kind, council_id: int, preferences: dict[int, str] | None = None) -> str:
    """The person's choice for the kind, else the kind's default for the roles they hold in the council."""
    if preferences is not None:
        chosen = preferences.get(user.pk)
    else:
        chosen = (
            NotificationPreference.objects.filter(user=user, kind=kind.code)
            .values_list("delivery", flat=True)
            .first()
        )
    return chosen or kind.default_delivery(role_context(user).roles(council_id))


def notify(
    kind: str,
    record: Model | None,
    *,
    recipients: Iterable[User] | None = None,
    params: dict | None = None,
    key: str | None = None,
    council: Council | None = None,
) -> list[Notification]:
    """Tell the recipients (the kind's audience unless given) of an event about ``record``; return the new
    notices.

    Once per person and event: a notice whose (recipient, key) exists is not made again, so a rerun, a retry
    or a second producer of the same event adds nothing. The key defaults to the kind, the record and the
    caller's values. Only people who may open the record are told (``visibility.may_open``); a notice about
    no record (``council`` then required) goes to members of the council. The wording's values come from
    the catalogue's fields and declared extras only (``ValueError`` for any other). Mail at once is written
    to the outbox in the same transaction; a digest notice waits for the daily run."""
    spec = kind_of(kind)
    if spec is None:
        raise ValueError(f"Unknown notification kind: {kind}")
    if record is not None and record._meta.label != spec.model:
        raise ValueError(f"Kind {kind} is about {spec.model}, not {record._meta.label}.")
    if record is None and (spec.model is not None or council is None):
        raise ValueError(f"Kind {kind} needs its record, or a council for a notice about none.")
    council_id: int = cast(Any, record).council_id if record is not None else cast(Council, council).pk
    extra = dict(params or {})
    values = params_for(spec, record, extra)
    key = key or _event_key(spec, record, council_id, extra)
    if recipients is None:
        if spec.audience is None:
            raise ValueError(f"Kind {kind} has no audience rule: name the recipients.")
        recipients = spec.audience(record)
    people = {user.pk: user for user in recipients}
    created: list[Notification] = []
    with transaction.atomic():
        told = set(
            Notification.objects.filter(recipient_id__in=people, key=key).values_list(
                "recipient_id", flat=True
            )
        )
        preferences = dict(
            NotificationPreference.objects.filter(user_id__in=people, kind=spec.code).values_list(
                "user_id", "delivery"
            )
        )
        for user in people.values():
            if user.pk in told or not _may_be_told(user, record, council_id):
                continue
            notice = Notification(
                council_id=council_id,
                recipient=user,
                kind=spec.code,
                subject=record,
                params=values,
                key=key,
                delivery=delivery_for(user, spec, council_id, preferences),
            )
            try:
                with transaction.atomic():
                    notice.save()
            except IntegrityError:
                continue  # told by a concurrent run of the same event
            if notice.delivery == Delivery.IMMEDIATE:
                _mail_at_once(notice)
            created.append(notice)
    return created


def _may_be_told(user: User, record: Model | None, council_id: int) -> bool:
    if not user.is_active:
        return False
    if record is None:
        return bool(role_context(user).roles(council_id))
    return may_open(user, record)


def _site_link(path: str) -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def _mail_at_once(notice: Notification) -> None:
    notice.mailed_at = timezone.now()
    if notice.recipient.email:
        with translation.override(settings.LANGUAGE_CODE):
            text = render(notice)
            body = "\n\n".join(
                [
                    text,
                    _("Open: %(link)s") % {"link": _site_link(notice.get_absolute_url())},
                    _("You receive this mail because of your notification settings in the HĐND application."),
                ]
            )
            subject = _("[HĐND] %(text)s") % {"text": text}
        notice.mail = queue_mail(
            notice.council,
            f"notify-u{notice.recipient_id}-n{notice.pk}",
            [notice.recipient.email],
            subject[:300],
            body,
        )
    notice.save(update_fields=["mailed_at", "mail"])


def notifications_digest_send(*, now: dt.datetime | None = None) -> int:
    """Mail each person one digest of their notices waiting for it; return the number of mails queued.

    A rerun finds nothing waiting (each notice is marked when handed to a mail); notices of a person without
    an e-mail address are marked too, the notification centre being where they read them."""
    now = now or timezone.now()
    pending = list(
        Notification.objects.digest_pending()
        .filter(created_at__lte=now)
        .select_related("recipient", "council")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_person: dict[int, list[Notification]] = defaultdict(list)
    for notice in pending:
        by_person[notice.recipient_id].append(notice)
    queued = 0
    for notices in by_person.values():
        with transaction.atomic():
            ids = [n.pk for n in notices]
            # Claim them: a concurrent run that got here first leaves none for this one.
            claimed = Notification.objects.filter(pk__in=ids, mailed_at__isnull=True).update(mailed_at=now)
            if claimed != len(ids):
                continue
            mail = _digest_mail(notices, now)
            if mail is not None:
                Notification.objects.filter(pk__in=ids).update(mail=mail)
                queued += 1
    return queued


def _digest_mail(notices: list[Notification], now: dt.datetime) -> OutboxMail | None:
    recipient = notices[0].recipient
    if not recipient.email:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        lines = [f"- {render(n)}\n  {_site_link(n.get_absolute_url())}" for n in notices]
        body = "\n".join(
            [
                _("Your notices of the day (%(count)s):") % {"count": len(notices)},
                "",
                *lines,
                "",
                _("You receive this mail because of your notification settings in the HĐND application."),
            ]
        )
        subject = _("[HĐND] Your daily digest: %(count)s notice(s)") % {"count": len(notices)}
    local = timezone.localdate(now)
    key = f"notify-u{recipient.pk}-digest-{local:%Y%m%d}-{notices[-1].pk}"
    return queue_mail(notices[0].council, key, [recipient.email], subject, body)


# --- Reading -------------------------------------------------------------------------------------------


def notification_mark_read(notification: Notification, *, actor: User) -> Notification:
    """Mark the actor's own notice read (already read: unchanged)."""
    if notification.recipient_id != actor.pk:
        raise ValidationError(_("This notice is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, actor: User) -> int:
    """Mark every unread notice of the actor read; return how many."""
    return Notification.objects.for_recipient(actor).unread().update(read_at=timezone.now())


# --- Preferences ---------------------------------------------------------------------------------------


@transaction.atomic
def preferences_save(*, user: User, choices: dict[str, str], actor: User) -> int:
    """Store the person's mail choice for each kind given; return how many changed. An unknown kind or
    delivery is refused with a translated message and nothing is saved."""
    unknown = sorted(code for code in choices if kind_of(code) is None)
    if unknown:
        raise ValidationError(
            _("Unknown kind of notice: %(kinds)s.") % {"kinds": ", ".join(unknown)}, code="unknown_kind"
        )
    if any(delivery not in Delivery.values for delivery in choices.values()):
        raise ValidationError(_("Choose one of the offered ways of delivery."), code="unknown_delivery")
    current = {p.kind: p for p in NotificationPreference.objects.select_for_update().filter(user=user)}
    changed = 0
    for code, delivery in choices.items():
        preference = current.get(code) or NotificationPreference(user=user, kind=code)
        if preference.pk and preference.delivery == delivery:
            continue
        preference.delivery = delivery
        record_save(preference, actor=actor)
        changed += 1
    return changed


# --- Calendar feeds ------------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_create(*, user: User, actor: User) -> str:
    """Give the person a new private calendar address (the old one stops working); return its secret,
    which is kept nowhere but in the address shown once."""
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first() or CalendarFeed(user=user)
    feed.token_hash = token_hash(token)
    feed.created_at = timezone.now()
    feed.last_used_at = None
    record_save(feed, actor=actor, reason="calendar address made")
    return token


@transaction.atomic
def calendar_feed_revoke(*, user: User, actor: User) -> bool:
    """Stop the person's calendar address; return whether there was one."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        return False
    feed._history_user = actor  # type: ignore[attr-defined]  # read by simple_history on delete
    feed.delete()
    return True


def calendar_feed_used(feed: CalendarFeed) -> None:
    """Note when a calendar program last read the feed (at most once an hour: no write per poll)."""
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > dt.timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
