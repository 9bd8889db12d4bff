"""Every kind of periodic report, declared once: who issues it and in which document form, what it covers,
when it falls due, who receives it, and its sections.

The request, the schedule, the builders' heading and signature blocks, the request form and
``generate_reports`` all read this table, so a new kind is one entry here and one builder.

Two document forms: the State's (Decree 30/2020/NĐ-CP: "HỘI ĐỒNG NHÂN DÂN TỈNH …" | national name and motto,
"Số: …/BC-HĐND", "TM. THƯỜNG TRỰC HĐND") and the Party's, for the Party delegation's reports to the
Provincial Party Committee (Guidance 36-HD/VPTW of 03/4/2018: "ĐẢNG BỘ TỈNH …" over "ĐẢNG ĐOÀN HĐND TỈNH"
and a star | "ĐẢNG CỘNG SẢN VIỆT NAM", "Số …-BC/ĐĐ", "T/M ĐẢNG ĐOÀN", recipients separated by commas and
"Lưu VT, Đảng đoàn.").
"""

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from .models import Report

STATE, PARTY = "state", "party"

# What a kind reports on besides its period.
NO_SCOPE, COMMITTEE, GROUP = "", "committee", "group"

# What a kind covers: periods by their code letter (Q, H, Y), a regular session, or a term.
SESSION, TERM = "session", "term"

# When a kind falls due (``reports.services.schedule``).
AFTER_PERIOD = "after_period"  # from the first working day after its period ends
BEFORE_SESSION = "before_session"  # from 20 days before a regular session opens
TERM_END = "term_end"  # in the term's last three months

# An end-of-term review is drafted in the term's last months, for its final session.
TERM_REVIEW_FROM = dt.timedelta(days=92)


@dataclass(frozen=True)
class KindSpec:
    kind: str
    builder: str  # dotted path of ``builder(report, progress) -> Document``
    sections: tuple  # the top-level headings, in order (lazy strings), or the dotted path of such a list
    covers: tuple[str, ...]
    schedule: str
    recipients: tuple = ()
    form: str = STATE
    scope: str = NO_SCOPE
    symbol: str = "BC-HĐND"  # the number's symbol; a committee's is derived from its name
    file_name: str = "bao-cao"  # the downloads' name, without accents, before the period in words
    doc_type: object = field(default=gettext_lazy("REPORT"))

    @property
    def label(self) -> str:
        return Report.Kind(self.kind).label

    def declared_sections(self) -> list[str]:
        sections = import_string(self.sections) if isinstance(self.sections, str) else self.sections
        return [str(s) for s in sections]

    def build(self, report, progress):
        return import_string(self.builder)(report, progress)


_ACTIVITY_SECTIONS = (
    gettext_lazy("Results"),
    pgettext_lazy("report section", "Assessment"),
    gettext_lazy("Tasks for the period ahead"),
)
_TO_PARTY = (
    gettext_lazy("Permanent members of the Provincial Party Committee"),  # Thường trực Tỉnh ủy
    gettext_lazy("Standing Committee of the Provincial Party Committee"),  # Ban Thường vụ Tỉnh ủy
    gettext_lazy("Members of the Party delegation"),
    gettext_lazy("Standing Committee of the People's Council"),
)
_ACTIVITY_RECIPIENTS = (
    gettext_lazy("Standing Committee of the Provincial Party Committee"),
    gettext_lazy("Standing Committee of the People's Council"),
    gettext_lazy("Committees of the People's Council"),
    pgettext_lazy("recipients", "Delegate groups"),
)
_TO_STANDING = (
    gettext_lazy("Standing Committee of the People's Council"),
    gettext_lazy("Office of the National Assembly delegation and People's Council"),
)

KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            Report.Kind.QUARTERLY,
            "reports.builders.activity.activity_report",
            _ACTIVITY_SECTIONS,
            covers=("Q",),
            schedule=AFTER_PERIOD,
            recipients=_ACTIVITY_RECIPIENTS,
        ),
        KindSpec(
            Report.Kind.HALF_YEAR,
            "reports.builders.activity.activity_report",
            _ACTIVITY_SECTIONS,
            covers=("H",),
            schedule=AFTER_PERIOD,
            recipients=_ACTIVITY_RECIPIENTS,
        ),
        KindSpec(
            Report.Kind.ANNUAL,
            "reports.builders.activity.activity_report",
            _ACTIVITY_SECTIONS,
            covers=("Y",),
            schedule=AFTER_PERIOD,
            recipients=_ACTIVITY_RECIPIENTS,
        ),
        KindSpec(
            Report.Kind.PROACTIVE,
            "reports.builders.proactive.proactive_report",
            (
                gettext_lazy("Main activities"),
                gettext_lazy("Issues found through oversight"),
                gettext_lazy("What voters are concerned about"),
                gettext_lazy("The fields followed by the members of the Party delegation"),
                gettext_lazy("Proposals"),
            ),
            covers=("H",),
            file_name="bao-cao-chu-dong",
            schedule=AFTER_PERIOD,
            recipients=_TO_PARTY,
            form=PARTY,
            symbol="BC/ĐĐ",
        ),
        KindSpec(
            Report.Kind.PETITIONS,
            "reports.builders.petitions.petitions_report",
            (
                gettext_lazy("Petitions received"),
                gettext_lazy("Answers of the agencies"),
                gettext_lazy("Proposals"),
            ),
            covers=(SESSION,),
            file_name="bao-cao-kien-nghi-cu-tri",
            schedule=BEFORE_SESSION,
            recipients=(
                gettext_lazy("Delegates of the People's Council"),
                gettext_lazy("The Fatherland Front Committee"),
                gettext_lazy("The People's Committee"),
            ),
        ),
        KindSpec(
            Report.Kind.COMMITTEE,
            "reports.builders.committee.committee_report",
            "reports.builders.committee.SECTIONS",
            covers=("H", "Y"),
            file_name="bao-cao-ban",
            schedule=AFTER_PERIOD,
            recipients=_TO_STANDING,
            scope=COMMITTEE,
        ),
        KindSpec(
            Report.Kind.DELEGATE_GROUP,
            "reports.builders.delegate_group.delegate_group_report",
            "reports.builders.delegate_group.SECTIONS",
            covers=("H", "Y"),
            file_name="bao-cao-to-dai-bieu",
            schedule=AFTER_PERIOD,
            recipients=_TO_STANDING,
            scope=GROUP,
            symbol="BC-TĐB",
        ),
        KindSpec(
            Report.Kind.RECEPTION,
            "reports.builders.reception.reception_report",
            "reports.builders.reception.SECTIONS",
            covers=("Q", "Y"),
            file_name="bao-cao-tiep-cong-dan",
            schedule=AFTER_PERIOD,
            recipients=(
                gettext_lazy("Standing Committee of the Provincial Party Committee"),
                gettext_lazy("Standing Committee of the People's Council"),
                gettext_lazy("The Provincial Citizen Reception Board"),
            ),
        ),
        KindSpec(
            Report.Kind.INTERPELLATION,
            "reports.builders.interpellation.interpellation_report",
            "reports.builders.interpellation.SECTIONS",
            covers=(SESSION,),
            file_name="bao-cao-thuc-hien-ket-luan-chat-van",
            schedule=BEFORE_SESSION,
            recipients=(
                gettext_lazy("Delegates of the People's Council"),
                gettext_lazy("The People's Committee"),
                gettext_lazy("Agencies that made commitments"),
            ),
        ),
        KindSpec(
            Report.Kind.RESOLUTIONS,
            "reports.builders.resolutions.resolutions_report",
            "reports.builders.resolutions.SECTIONS",
            covers=("Y",),
            file_name="bao-cao-thuc-hien-nghi-quyet",
            schedule=AFTER_PERIOD,
            recipients=(
                gettext_lazy("Standing Committee of the Provincial Party Committee"),
                gettext_lazy("Delegates of the People's Council"),
                gettext_lazy("The People's Committee"),
            ),
        ),
        KindSpec(
            Report.Kind.OVERSIGHT_YEAR,
            "reports.builders.oversight_year.oversight_year_report",
            "reports.builders.oversight_year.SECTIONS",
            covers=("Y",),
            file_name="bao-cao-ket-qua-giam-sat",
            schedule=AFTER_PERIOD,
            recipients=_ACTIVITY_RECIPIENTS,
        ),
        KindSpec(
            Report.Kind.TERM_REVIEW,
            "reports.builders.term_review.term_review_report",
            "reports.builders.term_review.SECTIONS",
            covers=(TERM,),
            file_name="bao-cao-tong-ket-nhiem-ky",
            schedule=TERM_END,
            recipients=_ACTIVITY_RECIPIENTS,
        ),
    )
}


def spec_of(kind: str) -> KindSpec:
    return KINDS[kind]


def declared_sections(kind: str) -> list[str]:
    return KINDS[kind].declared_sections()


def kinds_for_period(period_kind: str) -> list[str]:
    """The kinds a period code stands for (a quarter, a half-year, a year)."""
    return [k for k, spec in KINDS.items() if period_kind in spec.covers]


# ---------------------------------------------------------------- what a report is about


def scope_code(spec: KindSpec, *, committee=None, group=None) -> str:
    if spec.scope == COMMITTEE:
        return f"committee-{committee.pk}"
    if spec.scope == GROUP:
        return f"group-{group.pk}"
    return ""


def check_scope(spec: KindSpec, council, *, committee=None, group=None) -> None:
    """A committee's or a group's report names one of this council's; others name none."""
    if spec.scope == COMMITTEE:
        if not council.committees.filter(is_active=True).exists():
            raise ValidationError(
                _("%(council)s has no committee: there is no committee report to make.")
                % {"council": council.name}
            )
        if committee is None or committee.council_id != council.pk:
            raise ValidationError({"committee": _("Choose one of this council's committees.")})
    if spec.scope == GROUP:
        if not council.delegate_groups.exists():
            raise ValidationError(
                _("%(council)s has no delegate group: there is no group report to make.")
                % {"council": council.name}
            )
        if group is None or group.council_id != council.pk:
            raise ValidationError({"group": _("Choose one of this council's delegate groups.")})


def check_term(council, term, today: dt.date) -> None:
    if term is None or term.council_id != council.pk:
        raise ValidationError({"term": _("Choose one of this council's terms.")})
    opens = term.end_date - TERM_REVIEW_FROM
    if today < opens:
        raise ValidationError(
            _(
                "The review of %(term)s is written at the end of the term: it can be drafted from %(date)s, "
                "in the last three months before the term ends on %(end)s."
            )
            % {"term": term.name, "date": f"{opens:%d/%m/%Y}", "end": f"{term.end_date:%d/%m/%Y}"}
        )


def check_party(council, on: dt.date) -> None:
    """A Party-form report is the Party delegation's: the council must have one on that day."""
    from delegates.selectors import party_members

    if not party_members(council, on):
        raise ValidationError(
            _(
                "%(council)s has no Party delegation recorded on %(date)s: a report in the Party's form is "
                "signed on its behalf. Record the delegation's members first."
            )
            % {"council": council.name, "date": f"{on:%d/%m/%Y}"}
        )


# ---------------------------------------------------------------- the heading and closing blocks


def _upper(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip()).upper()


def _locality(council) -> str:
    """ "TỈNH ĐỒNG THÁP" from "Hội đồng nhân dân tỉnh Đồng Tháp"."""
    from .builders.common import issuer_lines

    lines = issuer_lines(council)
    return lines[-1] if len(lines) > 1 else _upper(council.place_name or council.name)


def committee_symbol(committee) -> str:
    """ "BC-KTNS" for "Ban Kinh tế - Ngân sách": the initials of the committee's name after "Ban"."""
    words = [w for w in committee.name.replace("–", " ").replace("-", " ").split() if w]
    if words and words[0].casefold() == "ban":
        words = words[1:]
    initials = "".join(w[0] for w in words if w[0].isalpha()).upper()
    return f"BC-{initials or 'BAN'}"


def number_example(report) -> str:
    """How this report's number is written: "12-BC/ĐĐ" for the Party delegation's, "45/BC-KTNS" for a
    committee's, "45/BC-HĐND" for the council's."""
    spec = KINDS[report.kind]
    if spec.form == PARTY:
        return f"12-{spec.symbol}"
    symbol = (
        committee_symbol(report.committee) if spec.scope == COMMITTEE and report.committee_id else spec.symbol
    )
    return f"45/{symbol}"


def _member_on(memberships, role, on: dt.date):
    return (
        memberships.filter(role=role, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("mandate__delegate")
        .first()
    )


def document_frame(report) -> dict:
    """The heading and closing of a report of this kind: issuing body, number placeholder, place and date,
    document type, signature block and recipients (everything but the subject and the body)."""
    from .builders.common import issuer_lines, signer

    spec = KINDS[report.kind]
    council = report.council
    today = timezone.localdate()
    symbol = spec.symbol
    if spec.form == PARTY:
        from delegates.selectors import party_secretary

        secretary = party_secretary(council, today)
        locality = _locality(council)
        level = "THÀNH PHỐ" if locality.startswith("THÀNH PHỐ") else locality.split()[0]
        issuer = [
            _("PARTY ORGANISATION OF %(locality)s") % {"locality": locality},
            _("PARTY DELEGATION OF THE %(level)s PEOPLE'S COUNCIL") % {"level": level},
        ]
        signer_lines = [_("ON BEHALF OF THE PARTY DELEGATION"), _("SECRETARY")]
        signer_name = secretary.delegate.full_name if secretary else ""
        number = f"Số      -{symbol}"
    elif spec.scope == COMMITTEE:
        committee = report.committee
        symbol = committee_symbol(committee)
        issuer = [
            _("PEOPLE'S COUNCIL OF %(locality)s") % {"locality": _locality(council)},
            _upper(committee.name),
        ]
        head = _member_on(committee.memberships, "head", today)
        signer_lines = [_("ON BEHALF OF %(body)s") % {"body": _upper(committee.name)}, _("HEAD")]
        signer_name = head.mandate.delegate.full_name if head else ""
        number = f"Số: .../{symbol}"
    elif spec.scope == GROUP:
        group = report.group
        issuer = [
            _("PEOPLE'S COUNCIL OF %(locality)s") % {"locality": _locality(council)},
            _upper(_("Delegate group %(name)s") % {"name": group.name})
            if not group.name.casefold().startswith(("tổ", "group"))
            else _upper(group.name),
        ]
        leader = _member_on(group.memberships, "leader", today)
        signer_lines = [_("ON BEHALF OF THE DELEGATE GROUP"), _("GROUP LEADER")]
        signer_name = leader.mandate.delegate.full_name if leader else ""
        number = f"Số: .../{symbol}"
    else:
        issuer = issuer_lines(council)
        signer_lines, signer_name = signer(council, today)
        number = f"Số: .../{symbol}"
    return {
        "form": spec.form,
        "issuer_lines": issuer,
        "number": number,
        "place": council.place_name or council.name,
        "date": None,
        "year": today.year,
        "doc_type": str(spec.doc_type),
        "signer_lines": signer_lines,
        "signer_name": signer_name,
        "recipients": [str(r) for r in spec.recipients],
        "file_stem": f"{report.kind}-{report.period}{'-' + report.scope if report.scope else ''}",
    }
