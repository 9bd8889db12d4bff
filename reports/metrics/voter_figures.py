"""Figures read from the work with voters: petitions, meetings, consultations, letters and receptions."""

from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from voters.models import (
    Channel,
    Consultation,
    Letter,
    OutreachChannel,
    Petition,
    Reception,
    VoterMeeting,
    VoterOpinion,
)
from voters.selectors import consultations_in

from .base import within
from .listing import Row, url_of

# Petitions recorded by the Office with no opinion behind them.
DIRECT = "direct"


def _petitions(c, w):
    return Petition.objects.filter(within("received_on", w), council=c).exclude(state=Petition.State.MERGED)


def _petitions_with_channel(c, w):
    first = (
        VoterOpinion.objects.filter(petition=OuterRef("pk")).order_by("received_on", "pk").values("channel")
    )
    # The Office's name of the channel ("" for a built-in one, named by the catalogue's choices when shown).
    named = OutreachChannel.objects.filter(council=c, code=OuterRef("channel")).values("name")
    return (
        _petitions(c, w)
        .annotate(channel=Coalesce(Subquery(first[:1]), Value(DIRECT)))
        .annotate(channel_name=Coalesce(Subquery(named[:1]), Value("")))
    )


def _voter_meetings(c, w):
    return VoterMeeting.objects.filter(within("date", w), council=c)


def _consultations(c, w):
    # The built-in consultation channel and any the Office added that works as one.
    codes = OutreachChannel.objects.filter(council=c).of_kind(Channel.CONSULTATION).values("code")
    return (
        VoterOpinion.objects.filter(within("received_on", w), council=c)
        .filter(Q(channel=Channel.CONSULTATION) | Q(channel__in=codes))
        .with_channel_name()
    )


def _consultations_closed(c, w):
    return Consultation.objects.filter(council=c).closed_between(w.start, w.end)


def _consultation_responses(c, w):
    closed = consultations_in(c, w.start, w.end)
    rows = [
        Row(str(x), x.end_date, url_of(x), detail=_("%(count)s responses") % {"count": x.responses})
        for x in closed
    ]
    return {"n": sum(x.responses for x in closed)}, rows


def _letters(c, w):
    return Letter.objects.filter(within("received_on", w), council=c, duplicate_of__isnull=True)


def _receptions(c, w):
    return Reception.objects.filter(within("date", w), council=c)
