"""Every figure the scorecard, the dashboard and the periodic reports show, each defined once.

A metric reads the council's records over a window of dates. Counting metrics are a QuerySet whose rows
are the records behind the figure, so the drill-down list is the same query as the figure. Ratio metrics
also name the subset that counts as met. Breakdowns group a counting metric's rows by a column. The few
figures that need Python (T2, T3, T4) compute their rows and the figure from the same list.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models import Council, FollowUp, Term
from council.models.followups import CouncilStatus, SourceKind


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date


@dataclass
class Row:
    """One record behind a figure, as the drill-down list shows it (never a citizen's contact details)."""

    label: str
    date: dt.date | None = None
    url: str = ""
    counted: bool = True
    detail: str = ""


# Which way a figure moving is good news: more answers on time (UP), fewer overdue petitions (DOWN),
# or neither, e.g. how many petitions citizens sent (NEUTRAL). Arrows are coloured by this, not by sign.
UP, DOWN, NEUTRAL = "up", "down", "neutral"


@dataclass
class Metric:
    key: str
    label: object
    how: object
    unit: str = "count"  # "count", "percent" or "breakdown"
    records: Callable[[Council, Window], QuerySet] | None = None
    met: Callable[[QuerySet, Window], QuerySet] | None = None  # the subset counted as met (ratios)
    group_by: str = ""  # breakdowns: the column that groups the rows
    group_label: str = ""  # breakdowns: the column holding the group's name ("" = the choices' label)
    choices: dict = field(default_factory=dict)
    compute: Callable[[Council, Window], tuple[dict, list[Row]]] | None = None
    better: str = ""  # UP, DOWN or NEUTRAL: every metric of the catalogue declares it

    def verdict(self, change: float | int | None, better: str = "") -> str:
        """Whether a change of the figure is "better", "worse", "neutral" or "unchanged" ("" if unknown);
        ``better`` overrides the figure's own direction (a target's “at least” makes up the good way)."""
        better = better or self.better
        if change is None:
            return ""
        if change == 0:
            return "unchanged"
        if better not in (UP, DOWN):
            return "neutral"
        return "better" if (change > 0) == (better == UP) else "worse"

    def evaluate(self, council: Council, window: Window) -> dict:
        """The figure, as stored in a summary row: ``{"n": …}``, ``{"n": …, "d": …}`` or ``{"rows": …}``."""
        if self.compute is not None:
            return self.compute(council, window)[0]
        records = self.records(council, window)
        if self.unit == "breakdown":
            label = self.group_label or self.group_by
            grouped = (
                records.values(self.group_by, label).annotate(n=Count("pk", distinct=True)).order_by("-n")
                if label != self.group_by
                else records.values(self.group_by).annotate(n=Count("pk", distinct=True)).order_by("-n")
            )
            return {"rows": [[g[self.group_by], g.get(label), g["n"]] for g in grouped]}
        if self.met is not None:
            figures = records.aggregate(
                d=Count("pk", distinct=True),
                n=Count("pk", distinct=True, filter=Q(pk__in=self.met(records, window))),
            )
            return {"n": figures["n"], "d": figures["d"]}
        return {"n": records.count()}

    def listed(self, council: Council, window: Window) -> QuerySet:
        """The records behind the figure in the drill-down's order, with what their lines show joined in."""
        records = self.records(council, window)
        listing = LISTING.get(records.model, ListingSpec())
        return records.order_by(*listing.ordering).select_related(*listing.related)

    def lines(self, council: Council, window: Window, records) -> list[Row]:
        """Drill-down lines for some of the figure's records, each saying whether it counts as met."""
        records = list(records)
        met_ids = None
        if self.met is not None:
            met = self.met(self.records(council, window), window).filter(pk__in=[r.pk for r in records])
            met_ids = set(met.values_list("pk", flat=True))
        return [describe(obj, counted=met_ids is None or obj.pk in met_ids) for obj in records]

    def rows(self, council: Council, window: Window) -> list[Row]:
        """All the records behind the figure as drill-down lines."""
        if self.compute is not None:
            return self.compute(council, window)[1]
        return self.lines(council, window, self.listed(council, window))


def value(figure: dict | None, unit: str) -> float | int | None:
    """The number a figure shows: a count, or a percentage rounded to one decimal (None when nothing to
    count)."""
    if not figure:
        return None
    if unit == "percent":
        return round(100 * figure["n"] / figure["d"], 1) if figure.get("d") else None
    if unit == "breakdown":
        return sum(r[2] for r in figure.get("rows", []))
    return figure.get("n")


# ---------------------------------------------------------------- how records are listed


def _url(name: str, pk) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def describe(obj, *, counted: bool = True) -> Row:
    """A drill-down line for a record; for citizens' records only the reference, subject and place."""
    from delegates.models import Mandate, TrainingCourse
    from oversight.models import Accountability, OversightActivity, SurveyVisit
    from sessions.models import Interpellation, Resolution, Session
    from voters.models import Letter, Petition, Reception, VoterMeeting, VoterOpinion

    if isinstance(obj, FollowUp):
        return Row(
            f"{obj.reference} {obj.title}".strip(), obj.due_date, _url("followup_detail", obj.pk), counted
        )
    if isinstance(obj, Petition):
        return Row(f"{obj.code} {obj.title}", obj.received_on, _url("petition_detail", obj.pk), counted)
    if isinstance(obj, Letter):
        return Row(str(obj.get_kind_display()), obj.received_on, _url("letter_detail", obj.pk), counted)
    if isinstance(obj, VoterOpinion):
        return Row(str(obj.get_channel_display()), obj.received_on, "", counted)
    if isinstance(obj, VoterMeeting):
        return Row(str(obj), obj.date, _url("meeting_detail", obj.pk), counted)
    if isinstance(obj, Reception):
        return Row(str(obj), obj.date, _url("reception_detail", obj.pk), counted)
    if isinstance(obj, Session):
        return Row(str(obj), obj.start_date, _url("session_detail", obj.pk), counted)
    if isinstance(obj, Interpellation):
        return Row(obj.question[:160], obj.submitted_on, _url("interpellation_detail", obj.pk), counted)
    if isinstance(obj, Resolution):
        return Row(
            f"{obj.symbol} {obj.title}".strip(), obj.adopted_on, _url("resolution_detail", obj.pk), counted
        )
    if isinstance(obj, OversightActivity):
        return Row(obj.title, obj.period_start, _url("activity_detail", obj.pk), counted)
    if isinstance(obj, SurveyVisit):
        return Row(
            f"{obj.activity.title} — {obj.place_detail or obj.place or ''}",
            obj.date,
            _url("activity_detail", obj.activity_id),
            counted,
        )
    if isinstance(obj, Accountability):
        return Row(obj.topic, obj.date, _url("accountability_detail", obj.pk), counted)
    if isinstance(obj, TrainingCourse):
        return Row(obj.title, obj.start_date, _url("course_detail", obj.pk), counted)
    if isinstance(obj, Mandate):
        return Row(obj.delegate.full_name, obj.start_date, _url("mandate_detail", obj.pk), counted)
    return Row(str(obj), None, "", counted)


@dataclass(frozen=True)
class ListingSpec:
    ordering: tuple = ("pk",)
    related: tuple = ()


def _listings() -> dict:
    from delegates.models import GroupMeeting, Mandate, Nomination, TrainingAttendance
    from voters.models import Petition, Reception, VoterMeeting

    return {
        FollowUp: ListingSpec(("due_date", "pk")),
        Petition: ListingSpec(("received_on", "pk")),
        TrainingAttendance: ListingSpec(related=("course", "mandate__delegate", "mandate__term")),
        Nomination: ListingSpec(related=("movement", "mandate__delegate", "group")),
        Mandate: ListingSpec(related=("delegate", "term")),
        VoterMeeting: ListingSpec(related=("place",)),
        Reception: ListingSpec(related=("place",)),
        GroupMeeting: ListingSpec(related=("group",)),
    }


LISTING: dict = {}
# Petitions recorded by the Office with no opinion behind them.
DIRECT = "direct"


# ---------------------------------------------------------------- record sets


def _in(field_name: str, w: Window) -> Q:
    return Q(**{f"{field_name}__range": (w.start, w.end)})


def as_of(w: Window) -> dt.date:
    """The day a window's due-based figures are measured on: its end, or today while it is still running
    (an answer not yet due is neither late nor counted as due)."""
    return min(w.end, timezone.localdate())


def _followups(kind: str, council: Council) -> QuerySet:
    return FollowUp.objects.filter(council=council, source_kind=kind)


def _sessions(c, w):
    from sessions.models import Session

    return Session.objects.filter(_in("start_date", w), council=c, state__in=Session.HELD)


def _sittings(c, w):
    from sessions.models import Sitting

    return Sitting.objects.filter(_in("date", w), council=c)


def _interpellations(c, w):
    from sessions.models import Interpellation

    return Interpellation.objects.filter(_in("submitted_on", w), council=c).exclude(
        state=Interpellation.State.DRAFT
    )


def _between_sessions(c, w):
    return _interpellations(c, w).filter(session__isnull=True)


def _commitments_due(c, w):
    return _followups(SourceKind.COMMITMENT, c).filter(due_date__range=(w.start, as_of(w)))


def _done_by_end(qs, w):
    return qs.filter(council_status=CouncilStatus.DONE, closed_on__lte=w.end)


def _activities(c, w):
    from oversight.models import OversightActivity

    return OversightActivity.objects.filter(
        council=c, period_start__lte=w.end, period_end__gte=w.start
    ).exclude(state=OversightActivity.State.PLANNED)


def _reoversight(c, w):
    from oversight.models import OversightActivity

    return _activities(c, w).filter(kind=OversightActivity.Kind.RE_OVERSIGHT)


def _surveys(c, w):
    from oversight.models import SurveyVisit

    return SurveyVisit.objects.filter(_in("date", w), activity__council=c).select_related("activity", "place")


def _recommendations(c, w):
    return _followups(SourceKind.RECOMMENDATION, c).filter(_in("assigned_date", w))


def _recommendations_due(c, w):
    return _followups(SourceKind.RECOMMENDATION, c).filter(due_date__lte=as_of(w))


def _leadership_recommendations(c, w):
    return _recommendations(c, w).filter(report_to_leadership=True)


def _accountability(kind):
    def records(c, w):
        from oversight.models import Accountability

        return Accountability.objects.filter(_in("date", w), council=c, kind=kind)

    return records


def _resolutions_in_force(c, w):
    from sessions.models import Resolution

    term = term_at(c, w.end)
    qs = Resolution.objects.filter(council=c, adopted_on__lte=w.end)
    return qs.filter(session__term=term) if term else qs.none()


def _monitored(qs, w):
    from oversight.models import OversightActivity

    overseers = OversightActivity.objects.filter(period_start__lte=w.end).exclude(
        state=OversightActivity.State.PLANNED
    )
    return qs.filter(Q(oversight_activities__in=overseers) | Q(tasks__isnull=False)).distinct()


def _petitions(c, w):
    from voters.models import Petition

    return Petition.objects.filter(_in("received_on", w), council=c).exclude(state=Petition.State.MERGED)


def _petitions_with_channel(c, w):
    from voters.models import VoterOpinion

    first = (
        VoterOpinion.objects.filter(petition=OuterRef("pk")).order_by("received_on", "pk").values("channel")
    )
    return _petitions(c, w).annotate(channel=Coalesce(Subquery(first[:1]), Value(DIRECT)))


def _petition_answers_due(c, w):
    return _followups(SourceKind.PETITION, c).filter(due_date__range=(w.start, as_of(w)))


def _answered_on_time(qs, w):
    return qs.filter(first_answered_on__isnull=False, first_answered_on__lte=F("due_date"))


def _petitions_overdue(c, w):
    on = as_of(w)
    return (
        _followups(SourceKind.PETITION, c)
        .filter(due_date__lt=on, assigned_date__lte=on)
        .filter(Q(first_answered_on__isnull=True) | Q(first_answered_on__gt=on))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on))
    )


def _voter_meetings(c, w):
    from voters.models import VoterMeeting

    return VoterMeeting.objects.filter(_in("date", w), council=c)


def _consultations(c, w):
    from voters.models import Channel, VoterOpinion

    return VoterOpinion.objects.filter(_in("received_on", w), council=c, channel=Channel.CONSULTATION)


def _letters(c, w):
    from voters.models import Letter

    return Letter.objects.filter(_in("received_on", w), council=c, duplicate_of__isnull=True)


def _receptions(c, w):
    from voters.models import Reception

    return Reception.objects.filter(_in("date", w), council=c)


def _trainings(c, w):
    from delegates.models import TrainingCourse

    return TrainingCourse.objects.filter(_in("start_date", w), council=c)


def _invitations(c, w):
    from delegates.models import TrainingAttendance

    return TrainingAttendance.objects.filter(course__council=c, course__start_date__range=(w.start, w.end))


def _mandates_of_year(c, w):
    from delegates.models import Mandate

    term = term_at(c, w.end)
    if term is None:
        return Mandate.objects.none()
    return (
        Mandate.objects.filter(council=c, term=term, start_date__lte=w.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=dt.date(w.end.year, 1, 1)))
        .select_related("delegate")
    )


def _evaluated(qs, w):
    return qs.filter(evaluations__year=w.end.year, evaluations__standing_rating__gt="")


def _assessments(c, w):
    from delegates.models import CommitmentAssessment

    return CommitmentAssessment.objects.filter(
        commitment__program__mandate__council=c, year__range=(w.start.year, w.end.year)
    )


def _nominations(c, w):
    from delegates.models import Nomination

    return Nomination.objects.filter(movement__council=c, year__range=(w.start.year, w.end.year))


def _exemplary(c, w):
    return _nominations(c, w).filter(exemplary=True)


def _group_meetings(c, w):
    from delegates.models import GroupMeeting

    return GroupMeeting.objects.filter(_in("date", w), group__council=c)


def _proactive_reports(c, w):
    from .models import Report

    return Report.objects.filter(
        council=c, kind=Report.Kind.PROACTIVE, state=Report.State.ISSUED, issued_on__range=(w.start, w.end)
    )


def term_at(council: Council, day: dt.date) -> Term | None:
    """The term in force on ``day`` (else the latest that began before it)."""
    return Term.objects.filter(council=council, start_date__lte=day).order_by("-start_date").first()


# ---------------------------------------------------------------- computed figures (T2, T3, T4)


def _t2(c, w):
    from sessions.selectors import session_t2

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
        rows.append(
            Row(str(session), session.start_date, _url("session_detail", session.pk), result.met, detail)
        )
    return {"n": met, "d": len(rows)}, rows


def _t3(c, w):
    from sessions.selectors import term_t3

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
    from sessions.models import AgendaItem

    totals = (
        AgendaItem.objects.filter(session__in=_sessions(c, w))
        .values("session", "session__title", "session__start_date")
        .annotate(
            presentation=Sum(Coalesce("actual_presentation", "planned_presentation"), default=0),
            discussion=Sum(Coalesce("actual_discussion", "planned_discussion"), default=0),
        )
        .order_by("session__start_date")
    )
    rows, n, d = [], 0, 0
    for t in totals:
        n += t["discussion"]
        d += t["discussion"] + t["presentation"]
        detail = _("%(discussion)s of %(total)s minutes in discussion") % {
            "discussion": t["discussion"],
            "total": t["discussion"] + t["presentation"],
        }
        rows.append(
            Row(
                t["session__title"],
                t["session__start_date"],
                _url("session_detail", t["session"]),
                True,
                detail,
            )
        )
    return {"n": n, "d": d}, rows


# ---------------------------------------------------------------- the catalogue


def _metrics() -> list[Metric]:
    from voters.models import Channel, Letter, VoterMeeting

    return [
        Metric(
            "sessions",
            _("Sessions held"),
            _(
                "Sessions that opened in the period and have been held (convened but not yet opened ones excluded)."
            ),
            records=_sessions,
            better=UP,
        ),
        Metric("sittings", _("Sittings"), _("Sittings held in the period."), records=_sittings, better=UP),
        Metric(
            "t2_sessions",
            _("Sessions where every delegate group spoke in the plenary (T2)"),
            _(
                "Per session: each group needs at least one plenary discussion, debate or interpellation by a "
                "member, counted for the group the delegate belonged to that day."
            ),
            unit="percent",
            compute=_t2,
            better=UP,
        ),
        Metric(
            "t3_delegates",
            _("Delegates who have spoken this term (T3)"),
            _(
                "Delegates of the term in force at the end of the period with at least one contribution inside "
                "their own mandate, out of those holding a mandate."
            ),
            unit="percent",
            compute=_t3,
            better=UP,
        ),
        Metric(
            "t4_discussion",
            _("Share of sitting time in discussion (T4)"),
            _(
                "Discussion, debate and interpellation minutes over all agenda minutes (actual, else planned) "
                "of the period's sessions."
            ),
            unit="percent",
            compute=_t4,
            better=UP,
        ),
        Metric(
            "interpellations",
            _("Interpellations"),
            _("Slips submitted in the period (drafts excluded)."),
            records=_interpellations,
            better=UP,
        ),
        Metric(
            "interpellations_between",
            _("Interpellations between sessions"),
            _("Slips submitted in the period outside any session."),
            records=_between_sessions,
            better=UP,
        ),
        Metric(
            "commitments_kept",
            _("Commitments kept"),
            _("Commitments made in answers, due in the period, verified as done by its end."),
            unit="percent",
            records=_commitments_due,
            met=_done_by_end,
            better=UP,
        ),
        Metric(
            "activities",
            _("Oversight activities"),
            _("Activities under way in the period (planned ones excluded)."),
            records=_activities,
            better=UP,
        ),
        Metric(
            "reoversight",
            _("Re-oversight activities"),
            _("Re-oversight activities under way in the period."),
            records=_reoversight,
            better=UP,
        ),
        Metric("surveys", _("Field surveys"), _("Survey visits in the period."), records=_surveys, better=UP),
        Metric(
            "recommendations",
            _("Oversight recommendations"),
            _("Recommendations assigned in the period."),
            records=_recommendations,
            better=NEUTRAL,
        ),
        Metric(
            "recommendations_done",
            _("Recommendations completed"),
            _("Recommendations due by the end of the period, verified as done by then."),
            unit="percent",
            records=_recommendations_due,
            met=_done_by_end,
            better=UP,
        ),
        Metric(
            "recommendations_leadership",
            _("Recommendations selected for the leadership"),
            _("Recommendations of the period flagged “report to leadership”."),
            records=_leadership_recommendations,
            better=NEUTRAL,
        ),
        Metric(
            "explanations",
            _("Explanation sessions"),
            _("Explanation sessions held in the period."),
            records=_accountability("explanation"),
            better=UP,
        ),
        Metric(
            "hearings",
            _("Hearings"),
            _("Hearings held in the period."),
            records=_accountability("hearing"),
            better=UP,
        ),
        Metric(
            "resolutions_monitored",
            _("Resolutions under monitoring"),
            _(
                "Resolutions of the term adopted by the end of the period that an oversight activity or a "
                "tracked task follows."
            ),
            unit="percent",
            records=_resolutions_in_force,
            met=_monitored,
            better=UP,
        ),
        Metric(
            "petitions",
            _("Voter petitions received"),
            _("Petitions received in the period (merged ones count once)."),
            records=_petitions,
            better=NEUTRAL,
        ),
        Metric(
            "petitions_by_field",
            _("Petitions by field"),
            _("Petitions received in the period."),
            unit="breakdown",
            records=_petitions,
            group_by="field",
            group_label="field__name",
            better=NEUTRAL,
        ),
        Metric(
            "petitions_by_commune",
            _("Petitions by commune"),
            _("Petitions received in the period."),
            unit="breakdown",
            records=_petitions,
            group_by="admin_unit",
            group_label="admin_unit__name",
            better=NEUTRAL,
        ),
        Metric(
            "petitions_by_agency",
            _("Petitions by agency"),
            _("Petitions received in the period."),
            unit="breakdown",
            records=_petitions,
            group_by="agency",
            group_label="agency__name",
            better=NEUTRAL,
        ),
        Metric(
            "petitions_by_channel",
            _("Petitions by channel"),
            _("Petitions received in the period, by the channel of their first opinion."),
            unit="breakdown",
            records=_petitions_with_channel,
            group_by="channel",
            choices={**dict(Channel.choices), DIRECT: _("Recorded directly")},
            better=NEUTRAL,
        ),
        Metric(
            "answers_on_time",
            _("Petitions answered on time"),
            _("Petition answers due in the period that the agency gave by the due date."),
            unit="percent",
            records=_petition_answers_due,
            met=_answered_on_time,
            better=UP,
        ),
        Metric(
            "petitions_overdue",
            _("Petitions overdue at the end of the period"),
            _("Petition answers past their due date and not given by the end of the period."),
            records=_petitions_overdue,
            better=DOWN,
        ),
        Metric(
            "voter_meetings",
            _("Voter meetings"),
            _("Voter meetings held in the period."),
            records=_voter_meetings,
            better=UP,
        ),
        Metric(
            "voter_meetings_by_kind",
            _("Voter meetings by kind"),
            _("Voter meetings held in the period."),
            unit="breakdown",
            records=_voter_meetings,
            group_by="kind",
            choices=dict(VoterMeeting.Kind.choices),
            better=NEUTRAL,
        ),
        Metric(
            "consultations",
            _("Opinions gathered by consultation"),
            _("Opinions recorded through a consultation of citizens in the period."),
            records=_consultations,
            better=UP,
        ),
        Metric(
            "letters",
            _("Letters received"),
            _("Complaints, denunciations and petitions received in the period (duplicates excluded)."),
            records=_letters,
            better=NEUTRAL,
        ),
        Metric(
            "letters_by_kind",
            _("Letters by kind"),
            _("Letters received in the period."),
            unit="breakdown",
            records=_letters,
            group_by="kind",
            choices=dict(Letter.Kind.choices),
            better=NEUTRAL,
        ),
        Metric(
            "receptions",
            _("Citizen receptions"),
            _("Reception days held in the period."),
            records=_receptions,
            better=UP,
        ),
        Metric(
            "trainings",
            _("Training courses"),
            _("Courses that began in the period."),
            records=_trainings,
            better=UP,
        ),
        Metric(
            "training_attendance",
            _("Training attendance"),
            _("Invitations to the period's courses that were attended."),
            unit="percent",
            records=_invitations,
            met=lambda qs, w: qs.filter(attended=True),
            better=UP,
        ),
        Metric(
            "evaluations",
            _("Delegates evaluated"),
            _("Delegates of the year with the Standing Committee's rating recorded."),
            unit="percent",
            records=_mandates_of_year,
            met=_evaluated,
            better=UP,
        ),
        Metric(
            "assessments",
            _("Action programme commitments assessed"),
            _("Assessments of commitments made to voters, for the years of the period."),
            records=_assessments,
            better=UP,
        ),
        Metric(
            "group_meetings",
            _("Delegate group meetings"),
            _("Group meetings held in the period."),
            records=_group_meetings,
            better=UP,
        ),
        Metric(
            "nominations",
            _("Emulation nominations"),
            _("Nominations for the years of the period."),
            records=_nominations,
            better=NEUTRAL,
        ),
        Metric(
            "exemplary",
            _("Exemplary models introduced"),
            _("Nominations marked as exemplary models for the years of the period."),
            records=_exemplary,
            better=UP,
        ),
        Metric(
            "proactive_reports",
            _("Proactive reports issued (T1)"),
            _("Proactive reports to the Party Standing Board issued in the period."),
            records=_proactive_reports,
            better=UP,
        ),
    ]


_CATALOGUE: dict[str, Metric] = {}


def catalogue() -> dict[str, Metric]:
    """Every metric by key (built once, after the apps are loaded)."""
    if not _CATALOGUE:
        _CATALOGUE.update({m.key: m for m in _metrics()})
        LISTING.update(_listings())
    return _CATALOGUE


def get(key: str) -> Metric:
    return catalogue()[key]
