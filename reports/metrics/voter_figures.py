"""Figures read from the work with voters: petitions, meetings, consultations, letters and receptions."""

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from voters.models import Channel, Letter, Petition, Reception, VoterMeeting, VoterOpinion

from .base import within

# Petitions recorded by the Office with no opinion behind them.
DIRECT = "direct"


def _petitions(c, w):
    return Petition.objects.filter(within("received_on", w), council=c).exclude(state=Petition.State.MERGED)


def _petitions_with_channel(c, w):
    first = (
        VoterOpinion.objects.filter(petition=OuterRef("pk")).order_by("received_on", "pk").values("channel")
    )
    return _petitions(c, w).annotate(channel=Coalesce(Subquery(first[:1]), Value(DIRECT)))


def _voter_meetings(c, w):
    return VoterMeeting.objects.filter(within("date", w), council=c)


def _consultations(c, w):
    return VoterOpinion.objects.filter(within("received_on", w), council=c, channel=Channel.CONSULTATION)


def _letters(c, w):
    return Letter.objects.filter(within("received_on", w), council=c, duplicate_of__isnull=True)


def _receptions(c, w):
    return Reception.objects.filter(within("date", w), council=c)
