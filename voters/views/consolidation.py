"""Pages for consolidating a round of voter contact at once (static/js/round.js makes them fast by keyboard;
they work as plain forms without it), and the search that finds any petition to merge into the one on screen.
"""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from council.forms.base import DayFirstDateInput, apply_errors
from council.models import AdminUnit
from council.permissions import can_manage_records, role_required
from sessions.models import Session

from .. import consolidation
from ..consolidation import MAX_ROUND, GroupPlan, RoundGroup
from ..models import Petition, VoterOpinion

ROUND_FIELDS = ("session", "since", "until", "unit")
MAX_NUMBER = 99_999  # a group's number as the clerk types it
MAX_ID = 2**63 - 1
RESULT_KEY = "voters_round_result"


class SessionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} — {obj.start_date:%d/%m/%Y}"


class RoundForm(forms.Form):
    """The round to consolidate: a session's voter meetings, or a period (any channel); one commune or all."""

    session = SessionChoice(
        queryset=Session.objects.none(),
        required=False,
        label=gettext_lazy("Voter meetings of the session"),
        empty_label=gettext_lazy("— or a period —"),
    )
    since = forms.DateField(
        label=gettext_lazy("Received from"),
        required=False,
        widget=DayFirstDateInput(),
        error_messages={"invalid": gettext_lazy("Enter a date as dd/mm/yyyy.")},
    )
    until = forms.DateField(
        label=gettext_lazy("until"),
        required=False,
        widget=DayFirstDateInput(),
        error_messages={"invalid": gettext_lazy("Enter a date as dd/mm/yyyy.")},
    )
    unit = forms.ModelChoiceField(
        queryset=AdminUnit.objects.none(),
        required=False,
        label=gettext_lazy("Commune or ward"),
        empty_label=gettext_lazy("All communes"),
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(council=council).order_by("-start_date")
        pending = VoterOpinion.objects.for_council(council).pending().values("admin_unit")
        self.fields["unit"].queryset = AdminUnit.objects.filter(pk__in=pending).order_by("name")
        for name in ROUND_FIELDS:
            self.fields[name].widget.attrs.setdefault("class", "form-control form-control-sm")
        for name in ("session", "unit"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.notice = ""  # which of a session and a period was used, when both were given

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if not data.get("session") and (since or until) and not (since and until):
            raise forms.ValidationError(_("Give both dates of the period, or choose a session."))
        if since and until and until < since:
            self.add_error("until", _("The end of the period cannot come before its start."))
        return data

    def round_kwargs(self) -> dict | None:
        """The arguments of consolidation.round_opinions, or None while no round is chosen."""
        if not self.is_bound or not self.is_valid():
            return None
        data = self.cleaned_data
        if data.get("session"):
            if data.get("since") or data.get("until"):
                self.notice = _(
                    "The voter meetings of the session %(session)s are shown; the dates were not used. To "
                    "consolidate a period instead, choose “— or a period —”."
                ) % {"session": data["session"]}
            return {"session": data["session"], "unit": data.get("unit")}
        if data.get("since") and data.get("until"):
            return {"since": data["since"], "until": data["until"], "unit": data.get("unit")}
        return None


def _int(value, top: int) -> int | None:
    value = value.strip() if isinstance(value, str) else ""
    if not value.isdecimal() or len(value) > 19:
        return None
    number = int(value)
    return number if 1 <= number <= top else None


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _posted(request) -> dict | None:
    """The arrangement as posted: the form's own fields, or (with the page's script) the same fields packed
    into one JSON value, so a round of hundreds of groups stays under the limit of fields in a request."""
    packed = request.POST.get("packed")
    if not packed:
        return {key: request.POST.get(key) for key in request.POST}
    try:
        data = json.loads(packed)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return {str(key): value for key, value in data.items()}


def _order(value, groups: dict[int, list[int]], after: dict[int, int]) -> list[int]:
    """The groups' numbers in the order the page showed them (the posted "order", then any other by number),
    a group split off placed right after the group it came from."""
    shown = []
    for part in _text(value).split(",")[: MAX_ROUND * 2]:
        number = _int(part, MAX_NUMBER)
        if number in groups and number not in shown:
            shown.append(number)
    shown += [n for n in sorted(groups) if n not in shown]
    for new, source in after.items():
        if new in shown and source in shown and new != source:
            shown.remove(new)
            shown.insert(shown.index(source) + 1, new)
    return shown


def _arrange(data: dict) -> tuple[dict[int, list[int]], bool]:
    """The opinions by group number (from each opinion's number box), in the page's order, after any split or
    merge asked for; and whether a split or merge changed the groups."""
    numbers: dict[int, int | None] = {}
    for key, value in data.items():
        if key.startswith("o-") and len(numbers) < MAX_ROUND * 2:
            pk = _int(key[2:], MAX_ID)
            if pk is not None:
                numbers[pk] = _int(value, MAX_NUMBER)
    top = max((n for n in numbers.values() if n), default=0)
    for pk, number in numbers.items():
        if number is None:  # an empty or unreadable number: the opinion is a group of its own
            top += 1
            numbers[pk] = top
    changed = False
    after: dict[int, int] = {}
    split = _int(data.get("split"), MAX_ID)
    if split in numbers:
        top += 1
        after[top] = numbers[split]
        numbers[split] = top
        changed = True
    source, into = _int(data.get("merge_from"), MAX_NUMBER), _int(data.get("merge_into"), MAX_NUMBER)
    if source and into and source != into and source in numbers.values():
        numbers = {pk: into if n == source else n for pk, n in numbers.items()}
        changed = True
    groups: dict[int, list[int]] = {}
    for pk, number in numbers.items():
        groups.setdefault(number, []).append(pk)
    return {n: groups[n] for n in _order(data.get("order"), groups, after)}, changed


def _checked(value) -> bool:
    return _text(value).lower() in ("on", "1", "true", "yes")


def _groups_from_post(council, data: dict, arranged: dict[int, list[int]]) -> list[RoundGroup]:
    loaded = consolidation.opinions_by_pk(council, [pk for pks in arranged.values() for pk in pks])
    groups = []
    for number, pks in arranged.items():
        opinions = [loaded[pk] for pk in pks if pk in loaded]
        title = data.get(f"g-{number}-title")
        target = _text(data.get(f"g-{number}-target"))
        code = _text(data.get(f"g-{number}-code")).strip() or ("" if target in ("", "new") else target)
        groups.append(
            RoundGroup(
                number=number,
                opinions=opinions,
                title=_text(title)[:1000] if title is not None else consolidation.default_title(opinions),
                petition=consolidation.clean_code(code[:40]),
                confirmed=_checked(data.get(f"g-{number}-confirm")),
                skipped=_checked(data.get(f"g-{number}-skip")),
            )
        )
    return groups


BLANK_GROUP = {
    "number": "__N__",
    "opinions": [],
    "title": "",
    "petition": "",
    "suggestions": [],
    "suggested_codes": [],
    "voters": 0,
    "errors": [],
}


def _render(request, form, groups, *, chosen=True, too_many=False, status=200):
    return render(
        request,
        "voters/round.html",
        {
            "form": form,
            "groups": groups,
            "opinion_total": sum(len(g.opinions) for g in groups),
            "order": ",".join(str(g.number) for g in groups),
            "voters_total": sum(g.voters for g in groups),
            "next_number": max((g.number for g in groups), default=0) + 1,
            "round_hidden": [(name, form.data.get(name, "")) for name in ROUND_FIELDS]
            if form.is_bound
            else [],
            "chosen": chosen,
            "confirmed_count": sum(1 for g in groups if g.confirmed and not g.skipped),
            "blank_group": BLANK_GROUP,
            "too_many": too_many,
            "max_round": MAX_ROUND,
        },
        status=status,
    )


@role_required(can_manage_records)
def round_page(request):
    """Consolidate a round: the proposed groups of its pending opinions, arranged and confirmed by the clerk,
    then every confirmed group made a petition (or added to one) in one action."""
    if request.method == "POST":
        return _round_post(request)
    return _proposal(request, RoundForm(request.GET or None, council=request.council))


def _proposal(request, form, *, status=200):
    """The page with the duplicate finder's groups of the round chosen on the form (none while none is)."""
    council = request.council
    groups, too_many = [], False
    chosen = form.round_kwargs()
    if chosen is not None:
        opinions = list(consolidation.round_opinions(council, **chosen)[: MAX_ROUND + 1])
        too_many = len(opinions) > MAX_ROUND
        groups = consolidation.propose_groups(council, opinions[:MAX_ROUND])
        consolidation.attach_suggestions(council, groups)
    return _render(request, form, groups, chosen=chosen is not None, too_many=too_many, status=status)


def _round_post(request):
    council = request.council
    form = RoundForm({k: _text(request.POST.get(k)) for k in ROUND_FIELDS}, council=council)
    data = _posted(request)
    arranged, changed = _arrange(data) if data is not None else ({}, False)
    if not arranged:
        # Nothing of the arrangement arrived (a second press while the first was on its way, a cut
        # connection): never "confirm at least one group" over an empty page; show the round again.
        messages.error(
            request,
            _(
                "The groups did not reach the server, so nothing was consolidated: the proposed groups of "
                "the round are shown again."
            ),
        )
        return _proposal(request, form, status=400 if data is None else 200)
    groups = _groups_from_post(council, data, arranged)
    if data.get("action") == "consolidate" or request.POST.get("action") == "consolidate":
        if changed:
            messages.warning(request, _("The groups were rearranged: check them, then consolidate again."))
        else:
            plans = [
                GroupPlan(key=str(g.number), opinions=arranged[g.number], title=g.title, petition=g.petition)
                for g in groups
                if g.confirmed and not g.skipped
            ]
            try:
                result = consolidation.round_consolidate(actor=request.user, council=council, groups=plans)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    groups = _refused(request, council, groups, error.message_dict)
                else:
                    apply_errors(form, error)  # shown above the round, where its period is chosen
            else:
                request.session[RESULT_KEY] = {
                    "council": council.pk,
                    "created": [p.pk for p in result.created],
                    "attached": [[p.pk, n] for p, n in result.attached],
                }
                return redirect("voters:round_done")
    consolidation.attach_suggestions(council, groups)
    return _render(request, form, groups)


def _refused(request, council, groups: list[RoundGroup], errors: dict) -> list[RoundGroup]:
    """The groups after a refused consolidation, each with its errors. Opinions consolidated meanwhile (in
    another tab, from a meeting's page) are taken out of their groups and named, so that the rest can be sent
    again as it is; the errors are then those of what is left."""
    removed = consolidation.take_out_unavailable(council, groups)
    if removed:
        groups = [g for g in groups if g.opinions]
        plans = [
            GroupPlan(
                key=str(g.number), opinions=[o.pk for o in g.opinions], title=g.title, petition=g.petition
            )
            for g in groups
            if g.confirmed and not g.skipped
        ]
        errors = consolidation.round_problems(council, plans)
        messages.warning(
            request,
            ngettext(
                "%(n)s opinion can no longer be consolidated (it was consolidated meanwhile) and was taken "
                "out of its group: %(list)s.",
                "%(n)s opinions can no longer be consolidated (they were consolidated meanwhile) and were "
                "taken out of their groups: %(list)s.",
                len(removed),
            )
            % {
                "n": len(removed),
                "list": "; ".join(
                    f"“{consolidation.snippet(o)}”" + (f" → {code}" if code else "") for o, code in removed
                ),
            },
        )
    by_number = {str(g.number): g for g in groups}
    for key, problems in errors.items():
        if key in by_number:
            by_number[key].errors.extend(problems)
    if errors:
        messages.error(request, _("Nothing was consolidated: correct the groups marked below."))
    else:
        messages.info(request, _("Nothing was consolidated yet: check the groups, then consolidate again."))
    return groups


@role_required(can_manage_records)
def round_done(request):
    """What the last consolidation of a round made: petitions created, and those that got more opinions."""
    stored = request.session.get(RESULT_KEY) or {}
    if stored.get("council") != request.council.pk:
        return redirect("voters:round")
    attached = [(pk, n) for pk, n in stored.get("attached", [])]
    wanted = set(stored.get("created", [])) | {pk for pk, _n in attached}
    petitions = Petition.objects.for_council(request.council).filter(pk__in=wanted).in_bulk()
    created = [petitions[pk] for pk in stored.get("created", []) if pk in petitions]
    added = [(petitions[pk], n) for pk, n in attached if pk in petitions]
    return render(
        request,
        "voters/round_done.html",
        {
            "created": created,
            "added": added,
            "added_opinions": sum(n for _p, n in added),
            "added_petitions": len({p.pk for p, _n in added}),
            "round_url": reverse("voters:round"),
        },
    )


# --- Any petition to merge into the one on screen -------------------------------------------------------


@role_required(can_manage_records)
def petition_merge_search(request, pk):
    """Up to ten petitions of the council matching the words typed (a code, or words of the subject or text,
    accents ignored), never merged ones nor this one; with htmx just the list, else a page of its own."""
    from .records import PETITIONS

    petition = get_object_or_404(PETITIONS.get_queryset(request), pk=pk)
    query = _text(request.GET.get("q"))[:200]
    found = consolidation.petitions_to_merge(request.council, petition, query)
    template = "voters/_merge_search.html" if request.htmx else "voters/petition_merge_search.html"
    return render(request, template, {"object": petition, "found": found, "q": query})
