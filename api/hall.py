"""The Office's hall system: the speeches of a sitting and how each delegate voted on a resolution.

Both are idempotent: a batch sent twice changes nothing (speeches are known by the hall system's own id;
a ballot already recorded with the same choice is left as it is), and all or nothing: one bad line refuses
the batch with the line named. The writes are the sessions app's services (``speeches_import``,
``resolution_vote``, ``vote_roll_call``), the ones the Office's pages use.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from delegates.models import Mandate
from sessions import services as session_services
from sessions.models import AgendaItem, DelegateVote, Resolution, Sitting, Speech, Vote

from .auth import ApiRateThrottle, HasScope, TokenAuthentication
from .base import ApiView
from .models import Scope

MAX_BATCH = 500


class HallSpeechSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=64, help_text=_("The speech's id in the hall system."))
    delegate = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text=_("The delegate's mandate id (null: an official)."),
    )
    official = serializers.CharField(required=False, allow_blank=True, max_length=200)
    kind = serializers.ChoiceField(choices=Speech.Kind.choices)
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    agenda_item = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text=_("The agenda item's order in the session.")
    )


class SpeechBatchSerializer(serializers.Serializer):
    speeches = HallSpeechSerializer(many=True, allow_empty=False, max_length=MAX_BATCH)


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    corrected = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class BallotSerializer(serializers.Serializer):
    delegate = serializers.IntegerField(min_value=1, help_text=_("The delegate's mandate id."))
    choice = serializers.ChoiceField(choices=DelegateVote.Choice.choices)


class BallotBatchSerializer(serializers.Serializer):
    voted_on = serializers.DateField(help_text=_("The day of the vote (used when no vote is recorded yet)."))
    ballots = BallotSerializer(many=True, allow_empty=False, max_length=MAX_BATCH)


class VoteResultSerializer(serializers.Serializer):
    approve = serializers.IntegerField()
    reject = serializers.IntegerField()
    abstain = serializers.IntegerField()
    delegates_total = serializers.IntegerField()
    passed = serializers.BooleanField()
    ballots = serializers.IntegerField(help_text=_("Ballots recorded for this vote."))


class HallView(ApiView):
    authentication_classes = [TokenAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [ApiRateThrottle]
    required_scope = Scope.HALL

    def council(self):
        return self.request._request.council

    def valid(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def mandates(self, ids) -> dict[int, Mandate]:
        found = Mandate.objects.filter(council=self.council(), pk__in=set(ids)).select_related("delegate")
        return {m.pk: m for m in found}


class SittingSpeeches(HallView):
    """Record a sitting's speeches from the hall system (idempotent, all or nothing)."""

    @extend_schema(request=SpeechBatchSerializer, responses={200: ImportResultSerializer})
    def post(self, request, pk):
        sitting = get_object_or_404(Sitting.objects.filter(council=self.council()), pk=pk)
        data = self.valid(SpeechBatchSerializer)["speeches"]
        mandates = self.mandates(d["delegate"] for d in data if d.get("delegate"))
        items = {i.order: i for i in AgendaItem.objects.filter(session_id=sitting.session_id)}
        errors, batch = {}, []
        for index, line in enumerate(data):
            mandate = mandates.get(line.get("delegate")) if line.get("delegate") else None
            item = items.get(line.get("agenda_item")) if line.get("agenda_item") else None
            if line.get("delegate") and mandate is None:
                errors[f"speeches[{index}].delegate"] = [str(_("No delegate of this council has this id."))]
            if line.get("agenda_item") and item is None:
                errors[f"speeches[{index}].agenda_item"] = [
                    str(_("The session has no agenda item of this order."))
                ]
            batch.append(
                session_services.HallSpeech(
                    external_id=line["id"],
                    kind=line["kind"],
                    start=line["start"],
                    end=line["end"],
                    mandate=mandate,
                    official=line.get("official", ""),
                    agenda_item=item,
                )
            )
        if errors:
            raise exceptions.ValidationError(errors)
        return Response(session_services.speeches_import(sitting, batch, actor=request.user))


class ResolutionBallots(HallView):
    """Record how each delegate voted on a resolution (records the vote itself if it has none yet).

    Delegates in office not in the batch count as absent. With a vote already recorded, the ballots must give
    its totals; the same batch again changes nothing."""

    @extend_schema(request=BallotBatchSerializer, responses={200: VoteResultSerializer})
    def post(self, request, pk):
        resolution = get_object_or_404(Resolution.objects.filter(council=self.council()), pk=pk)
        data = self.valid(BallotBatchSerializer)
        mandates = self.mandates(b["delegate"] for b in data["ballots"])
        errors, ballots = {}, {}
        for index, line in enumerate(data["ballots"]):
            mandate = mandates.get(line["delegate"])
            if mandate is None:
                errors[f"ballots[{index}].delegate"] = [str(_("No delegate of this council has this id."))]
            elif mandate in ballots:
                errors[f"ballots[{index}].delegate"] = [str(_("This delegate appears twice in the batch."))]
            else:
                ballots[mandate] = line["choice"]
        if errors:
            raise exceptions.ValidationError(errors)
        vote = Vote.objects.filter(resolution=resolution).first()
        if vote is None:
            counted = {
                c: sum(1 for v in ballots.values() if v == c) for c in ("approve", "reject", "abstain")
            }
            vote = session_services.resolution_vote(
                resolution, actor=request.user, voted_on=data["voted_on"], ballots=ballots, **counted
            )
        else:
            everyone = dict.fromkeys(session_services.mandates_in_office_at(vote), DelegateVote.Choice.ABSENT)
            session_services.vote_roll_call(vote, actor=request.user, ballots={**everyone, **ballots})
        vote.refresh_from_db()
        return Response(
            {
                "approve": vote.approve,
                "reject": vote.reject,
                "abstain": vote.abstain,
                "delegates_total": vote.delegates_total,
                "passed": vote.passed,
                "ballots": vote.ballots.count(),
            }
        )
