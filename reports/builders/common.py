"""What every periodic report is written from: its figures, the shared tables and sentences, the issuer and
signer blocks.

Builders run under the council's language (Vietnamese). Citizens' personal data never enters a report:
petitions appear by code and subject only.
"""

import datetime as dt
import unicodedata
from collections.abc import Callable

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from council.models import Council
from delegates.models import StandingPosition

from .. import figures, metrics
from ..charts_data import breakdown_rows
from ..dashboards import PANELS
from ..documents.content import Table
from ..metrics import Window
from ..periods import Period

Progress = Callable[[int, str], None]


def percent(value) -> str:
    return "—" if value is None else f"{value:.1f}%".replace(".", ",")


def number(value) -> int | float | str:
    return "—" if value is None else value


def issuer_lines(council: Council) -> list[str]:
    """“HỘI ĐỒNG NHÂN DÂN / TỈNH ĐỒNG THÁP” from the council's name."""
    name = unicodedata.normalize("NFC", council.name.strip())
    head = "Hội đồng nhân dân"
    if name.lower().startswith(head.lower()):
        return [head.upper(), name[len(head) :].strip().upper()]
    return [name.upper()]


def signer(council: Council, on: dt.date) -> tuple[list[str], str]:
    """The signature block: on behalf of the Standing Committee, its chair (name from the records)."""
    chair = (
        StandingPosition.objects.filter(council=council, role=StandingPosition.Role.CHAIR, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("mandate__delegate")
        .first()
    )
    return [
        _("ON BEHALF OF THE STANDING COMMITTEE"),
        _("CHAIR"),
    ], chair.mandate.delegate.full_name if chair else ""


class Figures:
    """The figures one report reads, computed fresh (and stored as summary rows on the way)."""

    def __init__(self, council: Council, windows: dict[str, Window], keys: list[str]):
        self.council = council
        self.windows = windows
        wanted = [(k, w) for k in keys for w in windows.values()]
        self.data, _as_of = figures.read(council, wanted, fresh=True)

    def raw(self, key: str, which: str = "this") -> dict:
        return self.data[(key, self.windows[which])]

    def __call__(self, key: str, which: str = "this"):
        return metrics.value(self.raw(key, which), metrics.get(key).unit)

    def shown(self, key: str, which: str = "this"):
        value = self(key, which)
        return percent(value) if metrics.get(key).unit == "percent" else number(value)


def share_sentence(
    raw: dict,
    *,
    key: str,
    nothing: str,
    all_done: str,
    none_done: str,
    some_done: str,
    one_done: str = "",
    one_not_done: str = "",
) -> str:
    """How many of the items due were done, worded for the case: none due, one, all, none or some of many.

    A rate is given only with its base ("3 of the 4 ... (75,0%)"), never "0 ... (0,0%)". The messages are
    translated strings with ``%(due)s``, ``%(<key>)s`` (the items done) and ``%(rate)s``."""
    due, done = raw.get("d") or 0, raw.get("n") or 0
    if not due:
        text = nothing
    elif due == 1 and one_done:
        text = one_done if done else one_not_done
    elif done == due:
        text = all_done
    elif not done:
        text = none_done
    else:
        text = some_done
    return str(text) % {"due": due, key: done, "rate": percent(metrics.value(raw, "percent"))}


def answers_sentence(f: "Figures") -> str:
    """How the agencies answered the petitions due in the period, and what was overdue at its end."""
    given = share_sentence(
        f.raw("answers_on_time"),
        key="on_time",
        nothing=gettext_lazy("No answer to a petition fell due in the period."),
        one_done=gettext_lazy("The one answer to a petition due in the period was given on time."),
        one_not_done=gettext_lazy("The one answer to a petition due in the period was not given on time."),
        all_done=gettext_lazy("All %(due)s answers to petitions due in the period were given on time."),
        none_done=gettext_lazy(
            "None of the %(due)s answers to petitions due in the period was given on time."
        ),
        some_done=gettext_lazy(
            "Of the %(due)s answers due in the period, the agencies gave %(on_time)s (%(rate)s) on time."
        ),
    )
    overdue = f("petitions_overdue") or 0
    if overdue:
        late = ngettext(
            "%(overdue)s answer was overdue at the end of the period.",
            "%(overdue)s answers were overdue at the end of the period.",
            overdue,
        ) % {"overdue": overdue}
    else:
        late = _("No answer was overdue at the end of the period.")
    return f"{given} {late}"


def voter_contact_sentence(f: "Figures") -> str:
    """The voter meetings held and the petitions received in the period."""
    meetings, petitions = f("voter_meetings") or 0, f("petitions") or 0
    if not meetings and not petitions:
        return _("No voter meeting was held and no petition was received in the period.")
    if not petitions:
        return ngettext(
            "Delegates held %(meetings)s voter meeting; no petition was received.",
            "Delegates held %(meetings)s voter meetings; no petition was received.",
            meetings,
        ) % {"meetings": meetings}
    if not meetings:
        return ngettext(
            "No voter meeting was held; %(petitions)s petition was received.",
            "No voter meeting was held; %(petitions)s petitions were received.",
            petitions,
        ) % {"petitions": petitions}
    held = ngettext("%(count)s voter meeting", "%(count)s voter meetings", meetings) % {"count": meetings}
    return ngettext(
        "Delegates held %(meetings)s; %(petitions)s petition was received.",
        "Delegates held %(meetings)s; %(petitions)s petitions were received.",
        petitions,
    ) % {"meetings": held, "petitions": petitions}


def oversight_sentence(f: "Figures") -> str:
    """The oversight activities under way in the period (re-oversight among them) and the field surveys."""
    activities, again, surveys = f("activities") or 0, f("reoversight") or 0, f("surveys") or 0
    if not activities and not surveys:
        return _("No oversight activity or field survey took place in the period.")
    if not activities:
        text = _("No oversight activity was under way in the period.")
    elif again:
        text = ngettext(
            "%(count)s oversight activity was under way in the period, a re-oversight.",
            "%(count)s oversight activities were under way in the period, %(re)s of them re-oversight.",
            activities,
        ) % {"count": activities, "re": again}
    else:
        text = ngettext(
            "%(count)s oversight activity was under way in the period.",
            "%(count)s oversight activities were under way in the period.",
            activities,
        ) % {"count": activities}
    if surveys:
        visits = ngettext(
            "The delegations made %(count)s field survey.",
            "The delegations made %(count)s field surveys.",
            surveys,
        ) % {"count": surveys}
    else:
        visits = _("No field survey was made.")
    return f"{text} {visits}"


def receptions_sentence(f: "Figures") -> str:
    """The citizen reception days held and the letters received in the period."""
    receptions, letters = f("receptions") or 0, f("letters") or 0
    if not receptions and not letters:
        return _("No citizen reception day was held and no letter was received in the period.")
    days = ngettext("%(count)s citizen reception day", "%(count)s citizen reception days", receptions) % {
        "count": receptions
    }
    mail = ngettext("%(count)s letter", "%(count)s letters", letters) % {"count": letters}
    if not letters:
        return _("The council held %(receptions)s; no letter was received.") % {"receptions": days}
    if not receptions:
        return _("No citizen reception day was held; %(letters)s received.") % {"letters": mail}
    return _("The council held %(receptions)s and received %(letters)s.") % {
        "receptions": days,
        "letters": mail,
    }


# The dashboard's figures, in its order, and the exemplary models the annual report also counts.
SUMMARY_KEYS = [k for _title, keys in PANELS for k in keys] + ["exemplary"]
BREAKDOWN_KEYS = ["petitions_by_field", "petitions_by_agency", "petitions_by_channel", "letters_by_kind"]


def summary_table(f: Figures, labels: list[str]) -> Table:
    return Table(
        key=_("Figures"),
        title=_("Main figures of the period compared"),
        columns=[_("Figure"), *labels],
        rows=[
            [str(metrics.get(k).label), *(f.shown(k, which) for which in ("this", "before", "year_ago"))]
            for k in SUMMARY_KEYS
        ],
    )


def breakdown_table(f: Figures, key: str, title: str, column: str) -> Table:
    rows = breakdown_rows(metrics.get(key), f.raw(key))
    total = sum(count for _name, count in rows)
    return Table(
        key=title[:31],
        title=title,
        columns=[_("No."), column, _("Petitions"), _("Share")],
        rows=[
            [i, name, count, percent(100 * count / total if total else None)]
            for i, (name, count) in enumerate(rows, start=1)
        ],
        total=["", _("Total"), total, percent(100.0 if total else None)],
    )


def agency_answers_table(council: Council, window: Window) -> Table:
    """Per agency: petition answers due in the period, given on time, late, and still overdue at its end."""
    due = metrics.get("answers_on_time").records(council, window)
    rows = (
        due.values("agency__name")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=metrics.answered_on_time()),
            late=Count(
                "pk", filter=Q(first_answered_on__gt=F("due_date"), first_answered_on__lte=window.end)
            ),
        )
        .order_by("-due", "agency__name")
    )
    table_rows = []
    totals = [0, 0, 0, 0]
    for i, r in enumerate(rows, start=1):
        missing = r["due"] - r["on_time"] - r["late"]
        table_rows.append(
            [
                i,
                r["agency__name"],
                r["due"],
                r["on_time"],
                r["late"],
                missing,
                percent(100 * r["on_time"] / r["due"] if r["due"] else None),
            ]
        )
        for j, v in enumerate((r["due"], r["on_time"], r["late"], missing)):
            totals[j] += v
    return Table(
        key=_("Answers by agency"),
        title=_("Answers to voters' petitions due in the period, by agency"),
        columns=[
            _("No."),
            _("Agency"),
            pgettext("answers due, a count", "Due"),
            _("On time"),
            _("Late"),
            _("Not answered"),
            _("On-time rate"),
        ],
        rows=table_rows,
        total=["", _("Total"), *totals, percent(100 * totals[1] / totals[0] if totals[0] else None)],
    )


def overdue_table(council: Council, window: Window, *, limit: int = 200) -> Table:
    """The petition answers overdue at the end of the period (by code and subject only)."""
    items = (
        metrics.get("petitions_overdue")
        .records(council, window)
        .select_related("agency")
        .order_by("due_date", "pk")
    )
    return Table(
        key=_("Overdue petitions"),
        title=_("Petition answers overdue at the end of the period"),
        columns=[_("No."), _("Reference"), _("Subject"), _("Agency"), _("Due date"), _("Days overdue")],
        rows=[
            [
                i,
                f.reference,
                f.title,
                f.agency.name,
                f.due_date,  # a date: the workbook keeps it a date, the documents print it dd/mm/yyyy
                (metrics.as_of(window) - f.due_date).days,
            ]
            for i, f in enumerate(items[:limit], start=1)
        ],
        note=_("The first %(limit)s items by due date.") % {"limit": limit} if items.count() > limit else "",
    )


def running_note(period: Period, today: dt.date) -> list[str]:
    """A report asked for before its period ends says its figures stop at today."""
    if period.end < today:
        return []
    return [
        _(
            "The period has not ended: the figures are those of %(today)s; the report is drafted again once "
            "it ends."
        )
        % {"today": f"{today:%d/%m/%Y}"}
    ]
