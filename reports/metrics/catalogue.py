"""The catalogue: every figure the scorecard, the dashboard and the periodic reports show, by key."""

from django.utils.translation import gettext_lazy as _

from sessions.models import ResolutionQualityEvent
from voters.models import Channel, Letter, VoterMeeting

from .base import DOWN, NEUTRAL, UP, Metric
from .delegate_figures import (
    _assessments,
    _evaluated,
    _exemplary,
    _group_meetings,
    _invitations,
    _mandates_of_year,
    _nominations,
    _trainings,
)
from .followup_figures import (
    _answered_on_time,
    _commitments_due,
    _done_by_end,
    _leadership_recommendations,
    _petition_answers_due,
    _petitions_overdue,
    _recommendations,
    _recommendations_due,
)
from .oversight_figures import _accountability, _activities, _proactive_reports, _reoversight, _surveys
from .session_figures import (
    _between_sessions,
    _interpellations,
    _monitored,
    _quality_events,
    _resolutions_adopted,
    _resolutions_in_force,
    _sessions,
    _sittings,
    _sound,
    _t2,
    _t3,
    _t4,
)
from .voter_figures import (
    DIRECT,
    _consultation_responses,
    _consultations,
    _consultations_closed,
    _letters,
    _petitions,
    _petitions_with_channel,
    _receptions,
    _voter_meetings,
)

Quality = ResolutionQualityEvent.Kind

_METRICS = [
    Metric(
        "sessions",
        _("Sessions held"),
        _(
            "Sessions that opened in the period and have been held (convened but not yet opened ones "
            "excluded)."
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
        "resolutions_adopted",
        _("Resolutions adopted"),
        _("Resolutions adopted in the period (those whose vote failed excluded)."),
        records=_resolutions_adopted,
        better=NEUTRAL,
    ),
    Metric(
        "resolutions_amended",
        _("Resolutions amended or replaced"),
        _("Amendments and replacements of the council's resolutions dated in the period."),
        records=_quality_events(Quality.AMENDED, Quality.REPLACED),
        better=NEUTRAL,
    ),
    Metric(
        "resolutions_annulled_or_suspended",
        _("Resolutions annulled or suspended"),
        _("Annulments and suspensions of the council's resolutions dated in the period."),
        records=_quality_events(Quality.ANNULLED, Quality.SUSPENDED),
        better=DOWN,
    ),
    Metric(
        "resolutions_sound_rate",
        _("Resolutions without a legal fault"),
        _(
            "Resolutions adopted in the period that, by its end, were neither annulled nor suspended and "
            "drew no legal review finding."
        ),
        unit="percent",
        records=_resolutions_adopted,
        met=_sound,
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
        group_label="channel_name",  # a channel the Office added is shown by its name
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
        "consultations_closed",
        _("Consultations on drafts closed"),
        _("Consultations of the people on a draft resolution that ended in the period and were closed."),
        records=_consultations_closed,
        better=UP,
    ),
    Metric(
        "consultation_responses",
        _("Responses to consultations on drafts"),
        _("Responses counted, every channel together, in the consultations on drafts closed in the period."),
        compute=_consultation_responses,
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


_CATALOGUE: dict[str, Metric] = {m.key: m for m in _METRICS}


def catalogue() -> dict[str, Metric]:
    """Every metric by key."""
    return _CATALOGUE


def get(key: str) -> Metric:
    return _CATALOGUE[key]
