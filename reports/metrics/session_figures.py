"""Figures read from the sessions: sessions and sittings held, interpellation, resolutions overseen and their
quality, and the session targets T2, T3 and T4 (whose rules live in ``sessions.selectors``)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oversight.models import OversightActivity
from sessions.models import Interpellation, Resolution, ResolutionQualityEvent, Session, Sitting
from sessions.selectors import agenda_minutes, session_t2, term_t3

from .base import term_at, within
from .listing import Row, url_of


def _sessions(c, w):
    return Session.objects.filter(within("start_date", w), council=c, state__in=Session.HELD)


def _sittings(c, w):
    return Sitting.objects.filter(within("date", w), council=c)


def _interpellations(c, w):
    return Interpellation.objects.filter(within("submitted_on", w), council=c).exclude(
        state=Interpellation.State.DRAFT
    )


def _between_sessions(c, w):
    return _interpellations(c, w).filter(session__isnull=True)


def _resolutions_in_force(c, w):
    term = term_at(c, w.end)
    qs = Resolution.objects.filter(council=c, adopted_on__lte=w.end)
    return qs.filter(session__term=term) if term else qs.none()


def _monitored(qs, w):
    overseers = OversightActivity.objects.filter(period_start__lte=w.end).exclude(
        state=OversightActivity.State.PLANNED
    )
    return qs.filter(Q(oversight_activities__in=overseers) | Q(tasks__isnull=False)).distinct()


def _resolutions_adopted(c, w):
    return Resolution.objects.filter(within("adopted_on", w), council=c)


def _quality_events(*kinds):
    """The council's resolution quality events of these kinds dated in the window."""

    def records(c, w):
        return ResolutionQualityEvent.objects.filter(within("date", w), resolution__council=c, kind__in=kinds)

    return records


def _sound(qs, w):
    """Resolutions with no annulment, suspension or legal review finding dated by the window's end."""
    unsound = ResolutionQualityEvent.objects.unsound().filter(date__lte=w.end)
    return qs.exclude(pk__in=unsound.values("resolution_id"))


def _t2(c, w):
    rows, met = [], 0
    for session in _sessions(c, w).filter(term__isnull=False).order_by("start_date", "pk"):
        result = session_t2(session)
        met += result.met
        missing = ", ".join(g.group.name for g in result.missing)
        counts = {"met": result.met_count, "total": len(result.groups), "missing": missing}
        if missing:
            detail = _("%(met)s of %(total)s groups; missing: %(missing)s") % counts
        else:
            detail = _("%(met)s of %(total)s groups") % counts
        rows.append(Row(str(session), session.start_date, url_of(session), result.met, detail))
    return {"n": met, "d": len(rows)}, rows


def _t3(c, w):
    term = term_at(c, w.end)
    if term is None:
        return {"n": 0, "d": 0}, []
    rows = []
    for result in term_t3(term, until=w.end):
        mandate = result.mandate
        if mandate.start_date > w.end:
            continue
        detail = _("%(count)s contributions") % {"count": result.speeches}
        rows.append(Row(mandate.delegate.full_name, mandate.start_date, "", result.met, detail))
    rows.sort(key=lambda r: not r.counted)
    return {"n": sum(r.counted for r in rows), "d": len(rows)}, rows


def _t4(c, w):
    sessions = list(_sessions(c, w).order_by("start_date", "pk"))
    minutes = agenda_minutes(sessions)
    rows, n, d = [], 0, 0
    for t in (minutes[s.pk] for s in sessions if s.pk in minutes):
        total = t.discussion + t.presentation
        n += t.discussion
        d += total
        detail = _("%(discussion)s of %(total)s minutes in discussion") % {
            "discussion": t.discussion,
            "total": total,
        }
        rows.append(Row(t.session.title, t.session.start_date, url_of(t.session), True, detail))
    return {"n": n, "d": d}, rows
