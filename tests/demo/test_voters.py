import datetime as dt

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from council.models import Council, FollowUp, FollowUpEvent
from voters.matching.matcher import petitions_like
from voters.models import Channel, Letter, Petition, Reception, VoterMeeting, VoterOpinion

pytestmark = pytest.mark.django_db
State = Petition.State


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_lays_out_a_year_of_voters_work_in_every_state_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first  # nothing new the second time, in the voters tables or any other
    assert all(first[model._meta.label] for model in apps.get_app_config("voters").get_models())

    today = timezone.localdate()
    province = Council.objects.get(code="dong-thap")

    # One meeting planned for the coming weeks, the demo delegate down for it, no opinion yet.
    planned = VoterMeeting.objects.filter(council=province, date__gt=today)
    assert planned.count() == 1
    assert planned.filter(delegates__delegate__user__username="daibieu").exists()
    assert not planned.filter(opinions__isnull=False).exists()

    # Meetings held, of every kind, in person and online, with delegates and the Front.
    held = VoterMeeting.objects.filter(council=province, date__lte=today)
    meetings = list(held.select_related("session", "place"))
    assert 14 <= len(meetings) <= 20
    assert {m.kind for m in meetings} == set(VoterMeeting.Kind.values)
    assert {m.format for m in meetings} == set(VoterMeeting.Format.values)
    assert all(m.date <= today for m in meetings)
    assert min(m.date for m in meetings) >= today - dt.timedelta(days=366)
    for meeting in meetings:
        assert meeting.delegates.exists() and meeting.co_organiser and meeting.attendance > 0
        assert meeting.opinions.exists()
        if meeting.kind in (VoterMeeting.Kind.BEFORE_SESSION, VoterMeeting.Kind.AFTER_SESSION):
            assert meeting.session is not None and meeting.session.council == province
        if meeting.place is not None:
            assert meeting.place.valid_to is None
    assert VoterMeeting.objects.filter(delegates__delegate__user__username="daibieu").count() >= 2
    assert VoterMeeting.objects.filter(delegates__term__number=11).exists()

    # Opinions through every channel; some of the latest meetings' still to be consolidated.
    opinions = VoterOpinion.objects.filter(council=province)
    assert 100 <= opinions.count() <= 150
    # Every built-in channel, and the channel the Office added (its Facebook page), with a few opinions.
    assert set(opinions.values_list("channel", flat=True)) == {*Channel.values, "facebook"}
    assert opinions.filter(channel="facebook").count() == 3
    assert (
        opinions.filter(petition__isnull=True, meeting__date__gte=today - dt.timedelta(days=45)).count() >= 10
    )
    assert all(o.received_on <= today for o in opinions)
    assert Reception.objects.filter(council=province).count() >= 3
    assert not Reception.objects.filter(council=province, opinions__isnull=True).exists()

    # Petitions in every state, some raised in several places and through several channels.
    petitions = Petition.objects.filter(council=province)
    assert 70 <= petitions.count() <= 95
    assert set(petitions.values_list("state", flat=True)) == set(State.values)
    assert any(
        p.voters_count > 1 and p.opinions.values("channel").distinct().count() > 1
        for p in petitions.filter(state__in=[State.ROADMAP, State.UNRESOLVED, State.TRANSFERRED])
    )
    merged = petitions.filter(state=State.MERGED)
    assert merged.count() >= 3 and all(p.merged_into is not None for p in merged)
    published = petitions.filter(published=True)
    assert published.count() >= 8 and all(p.answer_summary for p in published)
    for petition in petitions.filter(state__in=[State.REPORTED, State.INFORMED, State.CLOSED]):
        assert petition.session is not None and petition.session.end_date < today

    followups = FollowUp.objects.filter(council=province, source_type__model="petition")
    # Every petition's follow-up (the council demo's too) is its petition's, under its tracking code: the code
    # the agency portal and the reports show is one the public lookup accepts.
    codes = dict(petitions.values_list("pk", "code"))
    of_petitions = FollowUp.objects.filter(council=province, source_kind="petition")
    assert of_petitions.count() == followups.count() >= 60
    assert all(f.reference == codes[f.source_id] for f in followups)
    transferred = followups.filter(source_id__in=petitions.filter(state=State.TRANSFERRED).values("pk"))
    assert transferred.overdue(today).exists()
    assert transferred.awaiting_verification().exists()
    assert transferred.open().filter(due_date__gte=today).exists()
    # The demo respondent answered for the Department of Health.
    assert FollowUpEvent.objects.filter(
        followup__in=followups, actor__username="coquan", kind=FollowUpEvent.Kind.ANSWERED
    ).exists()

    # Near-identical recorded petitions, each the other's best match, waiting to be merged.
    recorded = {p.pk: p for p in petitions.filter(state=State.RECORDED)}
    best = {}
    for petition in recorded.values():
        found = petitions_like(province, f"{petition.title}\n{petition.text}", exclude=[petition.pk])
        if found:
            best[petition.pk] = found[0][1].pk
    pairs = {frozenset((a, b)) for a, b in best.items() if b in recorded and best.get(b) == a}
    assert len(pairs) >= 3

    # Online submissions keep the citizen's contact.
    submitted = petitions.exclude(contact_email="")
    assert submitted.count() >= 2
    assert all(
        p.contact_name and p.contact_phone and p.opinions.filter(channel=Channel.WEB).exists()
        for p in submitted
    )

    # Letters in every kind and many states; denunciations, one of them anonymous.
    letters = Letter.objects.filter(council=province)
    assert letters.count() >= 10
    assert set(letters.values_list("kind", flat=True)) == set(Letter.Kind.values)
    assert {"received", "classified", "transferred", "archived", "closed"} <= set(
        letters.values_list("state", flat=True)
    )
    denunciations = letters.filter(kind=Letter.Kind.DENUNCIATION)
    assert denunciations.count() >= 2
    assert denunciations.filter(anonymous=True, sender_name="", sender_phone="").exists()
    assert denunciations.filter(anonymous=False).exclude(sender_name="").exists()
    assert letters.filter(duplicate_of__isnull=False).exists()
    assert FollowUp.objects.filter(council=province, source_type__model="letter").exists()
